"""The settings a run uses, and where they come from.

Today: gip-lint's defaults overridden by the command line.  Every field has one meaning;
``source`` records where each value came from (for ``--show-settings``).
"""

from __future__ import annotations

from typing import Optional

import attrs

from gip_lint.rule import SEVERITIES
from gip_lint.source import DEFAULT_MAX_BYTES


@attrs.frozen
class Settings:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    format: str = "default"
    max_file_size: int = DEFAULT_MAX_BYTES
    severity: dict = attrs.field(factory=dict)  # code → severity override
    source: dict = attrs.field(factory=dict)  # field → where its value came from


def split_codes(value: Optional[str]) -> tuple[str, ...]:
    """"GIP2, GIP301" → ("GIP2", "GIP301")."""
    if not value:
        return ()
    return tuple(part.strip().upper() for part in value.replace(";", ",").split(",") if part.strip())


def from_args(args) -> Settings:
    """Defaults, overridden by whatever the command line gave."""
    values: dict = {}
    source: dict = {}
    for name in ("select", "extend_select", "ignore"):
        given = getattr(args, name, None)
        if given is not None:
            values[name] = split_codes(given)
            source[name] = "命令行"
    for name in ("fail_on", "format", "max_file_size"):
        given = getattr(args, name, None)
        if given is not None:
            values[name] = given
            source[name] = "命令行"
    if values.get("fail_on") not in (None, *SEVERITIES):
        raise ValueError(f"--fail-on 应为 {' | '.join(SEVERITIES)}")
    return Settings(**values, source=source)
