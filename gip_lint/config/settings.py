"""The settings a run uses, and where they come from.

Layers, lowest first (see :mod:`gip_lint.config.files` and docs/configuration.md)::

    gip-lint's defaults < plugins' defaults < the closest configuration file < the command line

The fields, their defaults and how a higher layer combines with a lower one (it replaces a
choice, adds to a list, merges a table key by key) come from the option table,
:mod:`gip_lint.config.options`.  ``source`` records where each value came from (for
``--show-settings``).
"""

from __future__ import annotations

from collections import namedtuple

from gip_lint.config.options import ADDS, CONFIG_OPTIONS, DEFAULT_TIME_LIMIT, MERGES  # noqa: F401 (re-exported)
from gip_lint.config.values import split_codes  # noqa: F401 (re-exported: the API splits codes as the CLI does)

DEFAULTS_SOURCE = "默认值"
CLI_SOURCE = "命令行"

#: Fields that are not configuration keys: plugin options (``context.options``), the
#: configuration file that applied, what globs are relative to (its directory, or the cwd),
#: field → where its value came from.
_INTERNAL = (("options", {}), ("config_file", None), ("base_dir", "."), ("source", {}))

FIELDS: tuple[str, ...] = tuple(o.field for o in CONFIG_OPTIONS) + tuple(name for name, _ in _INTERNAL)
_DEFAULTS = tuple(o.default for o in CONFIG_OPTIONS) + tuple(default for _, default in _INTERNAL)
#: Fields whose default is a table: each Settings gets a dict of its own.
_FRESH = tuple(name for name, default in zip(FIELDS, _DEFAULTS) if isinstance(default, dict))

#: Fields whose layers accumulate rather than replace one another.
ADDITIVE = tuple(o.field for o in CONFIG_OPTIONS if o.kind in (ADDS, MERGES)) + ("options",)


class Settings(namedtuple("Settings", FIELDS, defaults=tuple(None if name in _FRESH else default
                                                              for name, default in zip(FIELDS, _DEFAULTS)))):
    """The settings of a run or of one file (immutable; :data:`FIELDS` in order).

    A named tuple, its fields made from the option table (``typing.NamedTuple``'s class
    statement cannot take a computed list of fields, nor its functional form defaults; an
    attrs class would cost ≈0.5 ms at every cold start).  Paths in it are absolute; globs are relative to ``base_dir``;
    ``per_file_ignores`` is ((glob, (code, ...)), ...), ``severity`` code → severity.
    """

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls, *args, **kwargs)
        missing = {name: {} for name in _FRESH if getattr(self, name) is None}
        return self._replace(**missing) if missing else self


def from_args(args) -> Settings:
    """The command line's layer: only what it gave (``source`` names those fields)."""
    import os

    values: dict = {}
    for option in CONFIG_OPTIONS:
        given = getattr(args, option.dest, None)
        if given is not None:
            value = option.read(given)
            if value is not None:
                values[option.field] = value
    if getattr(args, "show_source", False) and "format" not in values:
        values["format"] = "full"
    return Settings(**values, base_dir=os.getcwd(), source={name: CLI_SOURCE for name in values})


def fields_given(settings: Settings) -> dict:
    """The fields a layer actually set (those named in its ``source``)."""
    return {name: getattr(settings, name) for name in settings.source}
