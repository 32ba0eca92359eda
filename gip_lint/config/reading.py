"""Configuration files: find the one closest to a linted file, read it, check its values' types.

A configuration is the ``[tool.gip-lint]`` table of a ``pyproject.toml`` or the top level of
a ``.gip-lint.toml``.  Walking up from the linted file's directory, the first directory
holding either wins (``.gip-lint.toml`` before ``pyproject.toml`` in one directory; a
``pyproject.toml`` without the table is passed over), as in ruff.  Files do not inherit
from one another.  Malformed TOML or a value of the wrong type raises :class:`ConfigError`
naming the file and the key; keys gip-lint does not know are kept for the plugins
(:mod:`gip_lint.config.layers` checks them, and the codes, once the plugins are loaded).
"""

from __future__ import annotations

import os
from typing import NamedTuple, Optional

from gip_lint.config.options import BY_KEY
from gip_lint.config.values import ConfigError

DEDICATED_NAME = ".gip-lint.toml"
PYPROJECT_NAME = "pyproject.toml"
TABLE = "tool.gip-lint"


class ConfigFile(NamedTuple):
    """One configuration file, its values checked for type (codes are checked later).

    ``path``: absolute; ``where``: "path [tool.gip-lint]" or "path", for messages and
    --show-settings; ``values``: Settings field → value; ``options``: keys gip-lint does not
    know itself (plugin options, checked against the plugins).
    """

    path: str
    where: str
    values: dict
    options: dict

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
    directory = os.path.dirname(path)
    for key, value in table.items():
        option = BY_KEY.get(key)
        if option is None:
            options[key] = value
        else:
            values[option.field] = option.toml(where, key, value, directory)
    return ConfigFile(path=path, where=where, values=values, options=options)


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
