"""The settings a run uses, and where they come from.

Layers, lowest first (see :mod:`gip_lint.config.files` and docs/configuration.md)::

    gip-lint's defaults < plugins' defaults < the closest configuration file < the command line

Values that *choose* (``select``, ``fail_on``, ``format``, ``max_file_size``, ``preview``, ``time_limit``, ``cache_dir``) are replaced by
a higher layer; values that *add* (``extend_select``, ``ignore``, ``exclude``, ``plugins``,
``require_plugins``, ``per_file_ignores``, ``severity``, plugin ``options``) accumulate, a higher layer winning
per key.  ``source`` records where each value came from (for ``--show-settings``).
"""

from __future__ import annotations

from typing import Optional

from gip_lint.record import Record
from gip_lint.rule import SEVERITIES
from gip_lint.source import DEFAULT_MAX_BYTES

#: Seconds one file may take to read and check before it is given up (GIP001); 0: no limit.
DEFAULT_TIME_LIMIT = 20.0

DEFAULTS_SOURCE = "默认值"
CLI_SOURCE = "命令行"

#: Fields whose layers accumulate rather than replace one another.
ADDITIVE = ("extend_select", "ignore", "exclude", "plugins", "require_plugins", "per_file_ignores", "severity",
            "options")


class Settings(Record):
    """The settings of a run or of one file (immutable; :data:`FIELDS` in order).

    A plain record, not an attrs class: it is created at every cold start (see
    :mod:`gip_lint.record`).
    """

    __slots__ = ("select", "extend_select", "ignore", "per_file_ignores", "fail_on", "format", "max_file_size",
                 "time_limit", "severity", "exclude", "plugins", "require_plugins", "cache_dir", "options", "preview",
                 "config_file", "base_dir", "source")

    def __init__(self, select: tuple[str, ...] = (), extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 per_file_ignores: tuple = (), fail_on: str = "warning", format: str = "default",
                 max_file_size: int = DEFAULT_MAX_BYTES, time_limit: float = DEFAULT_TIME_LIMIT, severity: Optional[dict] = None,
                 exclude: tuple[str, ...] = (), plugins: tuple[str, ...] = (), require_plugins: tuple[str, ...] = (),
                 cache_dir: Optional[str] = None, options: Optional[dict] = None, preview: bool = False,
                 config_file: Optional[str] = None, base_dir: str = ".", source: Optional[dict] = None):
        self._set(
            select=select, extend_select=extend_select, ignore=ignore,
            per_file_ignores=per_file_ignores,  # ((glob, (code, ...)), ...), globs relative to ``base_dir``
            fail_on=fail_on, format=format, max_file_size=max_file_size,
            time_limit=time_limit,  # seconds a file may take (0: no limit)
            severity={} if severity is None else severity,  # code → severity override
            exclude=exclude,  # globs, relative to ``base_dir`` (or a file/directory name)
            plugins=plugins,  # absolute paths of local plugin modules
            require_plugins=require_plugins,  # plugin names whose absence is fatal (exit 2)
            cache_dir=cache_dir,  # the result cache's directory (absolute), None: no cache
            options={} if options is None else options,  # plugin options (context.options)
            preview=preview,  # run preview rules too
            config_file=config_file,  # the configuration file that applied, if any
            base_dir=base_dir,  # what globs are relative to: the config file's directory, or the cwd
            source={} if source is None else source)  # field → where its value came from


FIELDS: tuple[str, ...] = Settings.__slots__


def split_codes(value: Optional[str]) -> tuple[str, ...]:
    """"GIP2, GIP301" → ("GIP2", "GIP301")."""
    if not value:
        return ()
    return tuple(part.strip().upper() for part in value.replace(";", ",").split(",") if part.strip())


def _split_pairs(values, option: str, separator: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values or ():
        key, sep, rest = value.rpartition(separator) if separator == ":" else value.partition(separator)
        if not sep or not key.strip() or not rest.strip():
            example = "GLOB:CODES（如 drafts/*.txt:GIP206）" if separator == ":" else "CODE=LEVEL（如 GIP206=error）"
            raise ValueError(f"{option} 的值 “{value}” 应写成 {example}")
        pairs.append((key.strip(), rest.strip()))
    return pairs


def from_args(args) -> Settings:
    """The command line's layer: only what it gave (``source`` names those fields)."""
    import os

    values: dict = {}
    for name in ("select", "extend_select", "ignore"):
        given = getattr(args, name, None)
        if given is not None:
            values[name] = split_codes(given)
    for name in ("fail_on", "format", "max_file_size", "time_limit"):
        given = getattr(args, name, None)
        if given is not None:
            values[name] = given
    if values.get("fail_on") not in (None, *SEVERITIES):
        raise ValueError(f"--fail-on 应为 {' | '.join(SEVERITIES)}")
    if getattr(args, "preview", False):
        values["preview"] = True
    if getattr(args, "show_source", False) and "format" not in values:
        values["format"] = "full"
    pfi = _split_pairs(getattr(args, "per_file_ignores", None), "--per-file-ignores", ":")
    if pfi:
        values["per_file_ignores"] = tuple((glob, split_codes(codes)) for glob, codes in pfi)
    severity = _split_pairs(getattr(args, "severity", None), "--severity", "=")
    if severity:
        for code, level in severity:
            if level not in SEVERITIES:
                raise ValueError(f"--severity {code}={level}：严重程度应为 {' | '.join(SEVERITIES)}")
        values["severity"] = {code.upper(): level for code, level in severity}
    if getattr(args, "exclude", None):
        values["exclude"] = tuple(p.strip() for v in args.exclude for p in v.split(",") if p.strip())
    if getattr(args, "plugin", None):
        missing = [p for p in args.plugin if not os.path.isfile(p)]
        if missing:  # as a missing file named in a configuration: fatal, not a run without it
            raise ValueError(f"--plugin 指定的插件文件不存在：{'、'.join(missing)}")
        values["plugins"] = tuple(os.path.abspath(p) for p in args.plugin)
    if getattr(args, "cache_dir", None):
        values["cache_dir"] = os.path.abspath(args.cache_dir)
    if getattr(args, "require_plugins", None):
        values["require_plugins"] = tuple(n.strip() for n in args.require_plugins.split(",") if n.strip())
    return Settings(**values, base_dir=os.getcwd(), source={name: CLI_SOURCE for name in values})


def fields_given(settings: Settings) -> dict:
    """The fields a layer actually set (those named in its ``source``)."""
    return {name: getattr(settings, name) for name in settings.source}
