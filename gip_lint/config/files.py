"""Configuration files: find the one closest to a linted file, validate it, merge the layers.

A configuration is the ``[tool.gip-lint]`` table of a ``pyproject.toml`` or the top level of
a ``.gip-lint.toml``.  Walking up from the linted file's directory, the first directory
holding either wins (``.gip-lint.toml`` before ``pyproject.toml`` in one directory; a
``pyproject.toml`` without the table is passed over), as in ruff.  Files do not inherit
from one another.

Precedence, lowest first: gip-lint's defaults < plugins' defaults (``gip_lint_default_config``)
< the configuration file < the command line (see :mod:`gip_lint.config.settings` for how a layer
replaces or extends the one below).  Everything wrong in a file – malformed TOML, an unknown
key, a value of the wrong type, an unknown code – raises :class:`ConfigError` naming the file
and the key; the CLI prints it and exits 2.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from typing import Callable, Optional

from gip_lint.record import Record
from gip_lint.rule import SEVERITIES
from gip_lint.config.settings import ADDITIVE, CLI_SOURCE, DEFAULTS_SOURCE, FIELDS, Settings

DEDICATED_NAME = ".gip-lint.toml"
PYPROJECT_NAME = "pyproject.toml"
TABLE = "tool.gip-lint"

#: TOML key → Settings field.
KEYS = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
    "fail-on": "fail_on",
    "severity": "severity",
    "exclude": "exclude",
    "format": "format",
    "plugins": "plugins",
    "max-file-size": "max_file_size",
    "time-limit": "time_limit",
    "require-plugins": "require_plugins",
    "preview": "preview",
    "cache-dir": "cache_dir",
}
FIELD_KEYS = {field: key for key, field in KEYS.items()}


class ConfigError(Exception):
    """A configuration file (or command-line value) gip-lint cannot use: exit 2."""


class ConfigFile(Record):
    """One configuration file, its values checked for type (codes are checked later).

    ``path``: absolute; ``where``: "path [tool.gip-lint]" or "path", for messages and
    --show-settings; ``values``: Settings field → value; ``options``: keys gip-lint does not
    know itself (plugin options, checked against the plugins).
    """

    __slots__ = ("path", "where", "values", "options")

    def __init__(self, path: str, where: str, values: dict, options: dict):
        self._set(path=path, where=where, values=values, options=options)

    @property
    def directory(self) -> str:
        return os.path.dirname(self.path)


def _load_toml(path: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}：TOML 格式错误：{exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}：不是 UTF-8 编码的 TOML 文件") from None
    except OSError as exc:
        raise ConfigError(f"{path}：无法读取：{exc.strerror or exc}") from None


def read_config_file(path: str) -> Optional[ConfigFile]:
    """Read and type-check one file; None for a pyproject.toml without ``[tool.gip-lint]``."""
    path = os.path.abspath(path)
    data = _load_toml(path)
    tool = data.get("tool")
    # A pyproject.toml, or any file written like one (``--config ci.toml`` holding [tool.gip-lint]).
    if os.path.basename(path) == PYPROJECT_NAME or (isinstance(tool, dict) and "gip-lint" in tool):
        table = data.get("tool", {}).get("gip-lint") if isinstance(data.get("tool"), dict) else None
        if table is None:
            return None
        where = f"{path} [{TABLE}]"
    else:
        table, where = data, path
    if not isinstance(table, dict):
        raise ConfigError(f"{where}：应为一个表（键 = 值）")
    values: dict = {}
    options: dict = {}
    for key, value in table.items():
        field = KEYS.get(key)
        if field is None:
            options[key] = value
            continue
        values[field] = _check_value(where, key, field, value, os.path.dirname(path))
    return ConfigFile(path=path, where=where, values=values, options=options)


def _codes(where: str, key: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}：{key} 应为代码列表，如 [\"GIP2\", \"GIP301\"]")
    return tuple(v.strip().upper() for v in value)


def _check_value(where: str, key: str, field: str, value, directory: str):
    if field in ("select", "extend_select", "ignore"):
        return _codes(where, key, value)
    if field in ("exclude", "plugins", "require_plugins"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}：{key} 应为字符串列表")
        if field == "exclude":
            return tuple(value)
        if field == "require_plugins":
            return tuple(v.strip() for v in value if v.strip())
        paths = tuple(os.path.normpath(os.path.join(directory, v)) for v in value)
        for given, full in zip(value, paths):
            if not os.path.isfile(full):
                raise ConfigError(f"{where}：{key} 中的插件文件不存在：{given}")
        return paths
    if field == "per_file_ignores":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}：{key} 应为表：\"通配符\" = [\"代码\", …]")
        return tuple((glob, _codes(where, f"{key}.\"{glob}\"", codes)) for glob, codes in value.items())
    if field == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}：{key} 应为表：GIP206 = \"error\"")
        for code, level in value.items():
            if level not in SEVERITIES:
                raise ConfigError(f"{where}：{key}.{code} 应为 {' | '.join(SEVERITIES)}，而不是 {level!r}")
        return {code.upper(): level for code, level in value.items()}
    if field == "fail_on":
        if value not in SEVERITIES:
            raise ConfigError(f"{where}：{key} 应为 {' | '.join(SEVERITIES)}，而不是 {value!r}")
        return value
    if field == "format":
        if not isinstance(value, str):
            raise ConfigError(f"{where}：{key} 应为字符串")
        return value
    if field == "preview":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}：{key} 应为 true 或 false")
        return value
    if field == "cache_dir":  # relative to the configuration file, as plugins are
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}：{key} 应为目录路径（字符串）")
        return os.path.normpath(os.path.join(directory, value))
    if field == "max_file_size":
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{where}：{key} 应为正整数（字节数）")
        return value
    if field == "time_limit":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"{where}：{key} 应为不小于 0 的秒数（0 表示不限）")
        return float(value)
    raise AssertionError(field)


def find_config_file(directory: str) -> Optional[str]:
    """The closest configuration file at or above ``directory`` (a path; not yet validated)."""
    directory = os.path.abspath(directory)
    while True:
        for name in (DEDICATED_NAME, PYPROJECT_NAME):
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate) and (name == DEDICATED_NAME or _has_table(candidate)):
                return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_table(pyproject: str) -> bool:
    # A cheap textual test first: most pyproject.toml files are not ours.
    try:
        with open(pyproject, "rb") as handle:
            head = handle.read()
    except OSError:
        return False
    return b"gip-lint" in head and read_config_file(pyproject) is not None


def validate_codes(config: Optional[ConfigFile], cli: Settings, known: set[str]) -> None:
    """Every code or prefix named must match a loaded rule (severity: an exact code)."""

    def check(where: str, key: str, codes) -> None:
        for code in codes:
            if not any(k.startswith(code) for k in known):
                import difflib  # only for the hint in an error

                close = difflib.get_close_matches(code, sorted(known), n=1)
                hint = f"（是否想写 {close[0]}？）" if close else "（gip-lint rules 列出全部代码）"
                raise ConfigError(f"{where}：{key} 中有未知的规则代码或前缀 {code}{hint}")

    for layer, where in ((config.values if config else {}, config.where if config else ""),
                         ({n: getattr(cli, n) for n in cli.source}, CLI_SOURCE)):
        for field in ("select", "extend_select", "ignore"):
            check(where, _key(field, where), layer.get(field, ()))
        for glob, codes in layer.get("per_file_ignores", ()):
            check(where, f"{_key('per_file_ignores', where)}.\"{glob}\"", codes)
        for code in layer.get("severity", {}):
            if code not in known:
                raise ConfigError(f"{where}：{_key('severity', where)} 中有未知的规则代码 {code}"
                                  "（此处须写完整代码，gip-lint rules 列出全部代码）")


def _key(field: str, where: str) -> str:
    return "--" + FIELD_KEYS[field] if where == CLI_SOURCE else FIELD_KEYS[field]


def validate_options(config: Optional[ConfigFile], plugin_defaults: dict) -> None:
    """Keys gip-lint does not know must be options some plugin declares."""
    if config is None:
        return
    for key, value in config.options.items():
        if key not in plugin_defaults:
            import difflib  # only for the hint in an error

            close = difflib.get_close_matches(key, list(KEYS) + list(plugin_defaults), n=1)
            hint = f"（是否想写 {close[0]}？）" if close else f"（可用：{', '.join(KEYS)}）"
            raise ConfigError(f"{config.where}：未知的配置项 {key}{hint}")
        default = plugin_defaults[key]
        if default is not None and not isinstance(value, type(default)):
            raise ConfigError(f"{config.where}：{key} 应为 {type(default).__name__}（插件的默认值为 {default!r}）")


def validate_format(config: Optional[ConfigFile], names: set[str]) -> None:
    if config is not None and "format" in config.values and config.values["format"] not in names:
        raise ConfigError(f"{config.where}：format 的值 {config.values['format']!r} 不是已知的输出格式"
                          f"（可用：{', '.join(sorted(names))}）")


def merge(cli: Settings, config: Optional[ConfigFile], plugin_defaults: dict) -> Settings:
    """Defaults < plugin defaults < configuration file < command line."""
    values: dict = {}
    source: dict = {}
    layers = []
    if plugin_defaults:
        layers.append(({"options": dict(plugin_defaults)}, "插件的默认配置"))
    if config is not None:
        layer = dict(config.values)
        if config.options:
            layer["options"] = dict(config.options)
        layers.append((layer, config.where))
    layers.append(({name: getattr(cli, name) for name in cli.source}, CLI_SOURCE))
    for layer, where in layers:
        for field, value in layer.items():
            if field in ADDITIVE and field in values:
                previous = values[field]
                if isinstance(previous, dict):
                    value = {**previous, **value}
                elif field == "per_file_ignores":
                    value = tuple(previous) + tuple(value)
                else:
                    value = tuple(dict.fromkeys(tuple(previous) + tuple(value)))
                source[field] = f"{source[field]} + {where}"
            else:
                source[field] = where
            values[field] = value
    for name in FIELDS:
        source.setdefault(name, DEFAULTS_SOURCE)
    if config is not None:
        values["config_file"] = config.path
        values["base_dir"] = config.directory
        source["base_dir"] = "配置文件所在目录"
    else:
        values["base_dir"] = cli.base_dir
        source["base_dir"] = "当前目录（没有配置文件）"
    source["config_file"] = config.path if config is not None else "（没有配置文件）"
    return Settings(**values, source=source)


def relative_to(path: str, base_dir: str) -> str:
    """``path`` relative to ``base_dir`` with forward slashes (as globs and SARIF expect)."""
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base_dir)
    except ValueError:  # another drive on Windows
        rel = full
    return rel.replace(os.sep, "/")


def matches(pattern: str, path: str, base_dir: str) -> bool:
    """fnmatch-style: against the path relative to ``base_dir``, or against its file name.

    ``*`` also matches ``/`` (so ``drafts/*`` covers subdirectories); a pattern ending in
    ``/`` or naming a directory matches everything below it.
    """
    rel = relative_to(path, base_dir)
    pattern = pattern.rstrip("/")
    if fnmatchcase(rel, pattern) or fnmatchcase(os.path.basename(rel), pattern):
        return True
    parts = rel.split("/")
    return any(fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts)))


def ignored_codes(settings: Settings, path: str) -> tuple[str, ...]:
    """The codes ``per-file-ignores`` switches off for ``path``."""
    return tuple(code for glob, codes in settings.per_file_ignores
                 if matches(glob, path, settings.base_dir) for code in codes)


class FileSelection(Record):
    """A run's selection with the file's per-file-ignores applied on top (they always win)."""

    __slots__ = ("base", "ignored")

    def __init__(self, base: Callable[[str], bool], ignored: tuple[str, ...]):
        self._set(base=base, ignored=ignored)

    def __call__(self, code: str) -> bool:
        return self.base(code) and not any(code.startswith(prefix) for prefix in self.ignored)

    @property
    def preview(self) -> bool:
        return getattr(self.base, "preview", False)


class Resolver:
    """Settings and plugins per linted file, with configuration files cached per directory.

    ``config_path`` forces one file for every linted file (``--config``); ``isolated``
    ignores configuration files altogether (``--isolated``); without ``local_plugins`` the
    ``plugins`` a configuration file lists are not loaded (``--no-local-plugins``: a folder
    nobody here controls runs none of its code), those of the command line still are.
    """

    def __init__(self, cli: Settings, *, config_path: Optional[str] = None, isolated: bool = False,
                 stdin_filename: Optional[str] = None, load_plugins=None, local_plugins: bool = True):
        from gip_lint.engine.plugins import load_plugins as default_loader

        self.cli = cli
        self.isolated = isolated
        self.local_plugins = local_plugins
        self.stdin_filename = stdin_filename
        self._load_plugins = load_plugins or default_loader
        self._dirs: dict[str, Optional[ConfigFile]] = {}
        self._files: dict[str, Optional[ConfigFile]] = {}
        self._plugin_sets: dict[tuple, object] = {}
        self._settings: dict[Optional[str], Settings] = {}
        self._forced = read_config_file(config_path) if config_path else None
        if config_path and self._forced is None:
            raise ConfigError(f"{config_path}：没有 [{TABLE}] 表")
        self.plugin_errors: list = []

    # -- configuration files -------------------------------------------------------------------

    def lookup_path(self, path: str) -> str:
        return self.stdin_filename if path == "-" and self.stdin_filename else path

    def config_for(self, path: str) -> Optional[ConfigFile]:
        """The configuration file that applies to ``path`` (None: only defaults and the CLI)."""
        if self.isolated:
            return None
        if self._forced is not None:
            return self._forced
        path = self.lookup_path(path)
        directory = os.path.abspath(path if path != "-" and os.path.isdir(path) else os.path.dirname(path) or ".")
        if directory not in self._dirs:
            found = find_config_file(directory)
            if found is not None and found not in self._files:
                self._files[found] = read_config_file(found)
            self._dirs[directory] = self._files.get(found) if found else None
        return self._dirs[directory]

    # -- plugins ---------------------------------------------------------------------------------

    def plugins_for_config(self, config: Optional[ConfigFile]):
        listed = config.values.get("plugins", ()) if config and self.local_plugins else ()
        local = tuple(dict.fromkeys(self.cli.plugins + listed))
        if local not in self._plugin_sets:
            plugin_set = self._load_plugins(local_plugins=local)
            self._plugin_sets[local] = plugin_set
            for error in plugin_set.errors:
                if error not in self.plugin_errors:
                    self.plugin_errors.append(error)
        return self._plugin_sets[local]

    def plugins_for(self, path: str):
        return self.plugins_for_config(self.config_for(path))

    # -- settings --------------------------------------------------------------------------------

    def settings_for(self, path: str) -> Settings:
        """The merged, validated settings for one linted file."""
        config = self.config_for(path)
        key = config.path if config is not None else None
        if key not in self._settings:
            plugin_set = self.plugins_for_config(config)
            try:
                validate_options(config, plugin_set.default_config)
                validate_codes(config, self.cli, {rule.code for rule in plugin_set.rules})
                validate_format(config, {formatter.name for formatter in plugin_set.formatters})
            except ConfigError as exc:
                if not plugin_set.errors:
                    raise
                # An unknown code or key is often a plugin that failed to load: say so.
                causes = "；".join(f"插件 {e.plugin}：{e.message}" for e in plugin_set.errors)
                raise ConfigError(f"{exc}（另有插件加载失败——{causes}）") from None
            self._settings[key] = merge(self.cli, config, plugin_set.default_config)
        return self._settings[key]

    def all_rules(self) -> dict:
        """code → Rule over every plugin set loaded so far (SARIF describes them all)."""
        return {rule.code: rule for plugin_set in self._plugin_sets.values() for rule in plugin_set.rules}

    def selection_for(self, settings: Settings, path: str) -> FileSelection:
        from gip_lint.engine.runner import selection_for

        return FileSelection(selection_for(settings), ignored_codes(settings, self.lookup_path(path)))

    def is_excluded(self, path: str) -> bool:
        """Whether ``exclude`` (of the file's configuration and the CLI) leaves ``path`` out."""
        config = self.config_for(path)
        if config is not None and any(matches(p, path, config.directory) for p in config.values.get("exclude", ())):
            return True
        return any(matches(p, path, self.cli.base_dir) for p in self.cli.exclude)


def project_root(start: Optional[str] = None) -> str:
    """Where repository-relative paths (SARIF uris, baseline fingerprints) start.

    The enclosing git work tree if there is one (as GitHub code scanning expects),
    otherwise the current directory.
    """
    directory = os.path.abspath(start or os.getcwd())
    probe = directory
    while True:
        if os.path.exists(os.path.join(probe, ".git")):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return directory
        probe = parent
