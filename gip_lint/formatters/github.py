"""``github``: GitHub Actions workflow commands, ``::error file=…,line=…,col=…,title=…::message``.

Escaping follows the runner's rules: in the message ``%``, CR and LF; in property values
also ``:`` and ``,``.  Paths are relative to the project root (the repository).
"""

from __future__ import annotations

from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.rule import Diagnostic

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic, context: FormatContext) -> str:
    level = LEVELS.get(d.severity, "error")
    rule = context.rules.get(d.code)
    title = f"{d.code} {rule.name}" if rule is not None and rule.name else d.code
    properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in (
        ("file", context.relative_path(d.path)), ("line", d.line), ("col", d.column), ("title", title)))
    return f"::{level} {properties}::{escape_data(f'{d.code} {d.message}')}"


def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    return "".join(command(d, context) + "\n" for d in diagnostics)


GITHUB = Formatter("github", "GitHub Actions 工作流命令（::error file=…,line=…::…）", render, machine=True)
