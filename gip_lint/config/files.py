"""Per-file resolution: which configuration, settings and plugins apply to each linted file.

The jobs are split by module: :mod:`gip_lint.config.reading` finds and reads configuration
files, :mod:`gip_lint.config.layers` checks them against the plugins and merges the layers,
:mod:`gip_lint.config.globs` matches ``exclude`` and ``per-file-ignores``; the option table
(:mod:`gip_lint.config.options`) declares the keys.  This module caches their work per
directory for a run; it also re-exports their names, which the CLI, the API and the language
server import from here.
"""

from __future__ import annotations

import os
from typing import Callable, NamedTuple, Optional

from gip_lint.config.globs import ignored_codes, matches, relative_to  # noqa: F401 (re-exported)
from gip_lint.config.layers import merge, validate_codes, validate_format, validate_options  # noqa: F401
from gip_lint.config.options import FIELD_KEYS, KEYS  # noqa: F401 (re-exported)
from gip_lint.config.reading import (  # noqa: F401 (re-exported)
    DEDICATED_NAME, PYPROJECT_NAME, TABLE, ConfigFile, find_config_file, read_config_file)
from gip_lint.config.settings import Settings
from gip_lint.config.values import ConfigError  # noqa: F401 (re-exported)


class FileSelection(NamedTuple):
    """A run's selection with the file's per-file-ignores applied on top (they always win)."""

    base: Callable[[str], bool]
    ignored: tuple[str, ...]

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
        from gip_lint.engine.setup import selection_for

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
