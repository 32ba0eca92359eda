"""The value types of configuration keys: how a TOML value is checked and how a command-line
value is read (the option table, :mod:`gip_lint.config.options`, names one of each per key).

A TOML check is ``check(where, key, value, directory) -> value``: it raises :class:`ConfigError`
naming the file (``where``) and the key; ``directory`` is the configuration file's, what
relative paths in it start from.  A command-line reader is ``read(given) -> value``, given what
argparse stored; it raises ValueError (the CLI prints it and exits 2), and returns None when the
flag counts as not given.
"""

from __future__ import annotations

import os
from typing import Optional

from gip_lint.rule import SEVERITIES


class ConfigError(Exception):
    """A configuration file (or command-line value) gip-lint cannot use: exit 2."""


# -- TOML ----------------------------------------------------------------------------------------

def toml_codes(where: str, key: str, value, directory: str = "") -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}：{key} 应为代码列表，如 [\"GIP2\", \"GIP301\"]")
    return tuple(v.strip().upper() for v in value)


def _strings(where: str, key: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}：{key} 应为字符串列表")
    return value


def toml_globs(where: str, key: str, value, directory: str) -> tuple[str, ...]:
    return tuple(_strings(where, key, value))


def toml_names(where: str, key: str, value, directory: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in _strings(where, key, value) if v.strip())


def toml_plugin_files(where: str, key: str, value, directory: str) -> tuple[str, ...]:
    """Relative to the configuration file; a missing one is fatal, not a run without it."""
    paths = tuple(os.path.normpath(os.path.join(directory, v)) for v in _strings(where, key, value))
    for given, full in zip(value, paths):
        if not os.path.isfile(full):
            raise ConfigError(f"{where}：{key} 中的插件文件不存在：{given}")
    return paths


def toml_per_file_codes(where: str, key: str, value, directory: str) -> tuple:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}：{key} 应为表：\"通配符\" = [\"代码\", …]")
    return tuple((glob, toml_codes(where, f"{key}.\"{glob}\"", codes)) for glob, codes in value.items())


def toml_severities(where: str, key: str, value, directory: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}：{key} 应为表：GIP206 = \"error\"")
    for code, level in value.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}：{key}.{code} 应为 {' | '.join(SEVERITIES)}，而不是 {level!r}")
    return {code.upper(): level for code, level in value.items()}


def toml_severity(where: str, key: str, value, directory: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}：{key} 应为 {' | '.join(SEVERITIES)}，而不是 {value!r}")
    return value


def toml_string(where: str, key: str, value, directory: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}：{key} 应为字符串")
    return value


def toml_bool(where: str, key: str, value, directory: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}：{key} 应为 true 或 false")
    return value


def toml_directory(where: str, key: str, value, directory: str) -> str:
    """Relative to the configuration file, as plugins are."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}：{key} 应为目录路径（字符串）")
    return os.path.normpath(os.path.join(directory, value))


def toml_bytes(where: str, key: str, value, directory: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{where}：{key} 应为正整数（字节数）")
    return value


def toml_seconds(where: str, key: str, value, directory: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(f"{where}：{key} 应为不小于 0 的秒数（0 表示不限）")
    return float(value)


# -- the command line ----------------------------------------------------------------------------

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


def cli_per_file_codes(given: list[str]) -> Optional[tuple]:
    pairs = _split_pairs(given, "--per-file-ignores", ":")
    return tuple((glob, split_codes(codes)) for glob, codes in pairs) or None


def cli_severities(given: list[str]) -> Optional[dict]:
    pairs = _split_pairs(given, "--severity", "=")
    for code, level in pairs:
        if level not in SEVERITIES:
            raise ValueError(f"--severity {code}={level}：严重程度应为 {' | '.join(SEVERITIES)}")
    return {code.upper(): level for code, level in pairs} or None


def cli_severity(given: str) -> str:
    if given not in SEVERITIES:
        raise ValueError(f"--fail-on 应为 {' | '.join(SEVERITIES)}")
    return given


def cli_globs(given: list[str]) -> Optional[tuple[str, ...]]:
    """Repeatable and comma-separated."""
    return tuple(p.strip() for v in given for p in v.split(",") if p.strip()) if given else None


def cli_names(given: str) -> Optional[tuple[str, ...]]:
    return tuple(n.strip() for n in given.split(",") if n.strip()) if given else None


def cli_plugin_files(given: list[str]) -> Optional[tuple[str, ...]]:
    if not given:
        return None
    missing = [p for p in given if not os.path.isfile(p)]
    if missing:  # as a missing file named in a configuration: fatal, not a run without it
        raise ValueError(f"--plugin 指定的插件文件不存在：{'、'.join(missing)}")
    return tuple(os.path.abspath(p) for p in given)


def cli_directory(given: str) -> Optional[str]:
    return os.path.abspath(given) if given else None


def cli_true(given: bool) -> Optional[bool]:
    """A store_true flag: only its presence is a value (absent, the layer below decides)."""
    return True if given else None


def cli_as_given(given):
    return given


def arg_jobs(value: str) -> int:
    """argparse ``type`` of ``-j``."""
    import argparse

    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{value}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value}")
    return jobs


def arg_seconds(value: str) -> float:
    """argparse ``type`` of ``--time-limit``."""
    import argparse

    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为秒数：{value}") from None
    if not seconds >= 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"应为不小于 0 的秒数：{value}")
    return seconds
