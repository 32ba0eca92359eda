"""Checking a configuration against the loaded plugins, and merging the layers.

Precedence, lowest first: gip-lint's defaults < plugins' defaults (``gip_lint_default_config``)
< the configuration file < the command line; the option table says for each key whether a
higher layer replaces it, adds to it or merges key by key (``ADDITIVE`` in
:mod:`gip_lint.config.settings`).  A code no loaded rule has, or a key no plugin declares,
raises :class:`ConfigError` naming the file and the key; the CLI prints it and exits 2.
"""

from __future__ import annotations

from typing import Optional

from gip_lint.config.options import BY_FIELD, FIELD_KEYS, KEYS
from gip_lint.config.reading import ConfigFile
from gip_lint.config.settings import ADDITIVE, CLI_SOURCE, DEFAULTS_SOURCE, FIELDS, Settings
from gip_lint.config.values import ConfigError


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
    """How the layer ``where`` spells the setting: its flag on the command line, else its key."""
    return BY_FIELD[field].flags[-1] if where == CLI_SOURCE else FIELD_KEYS[field]


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
