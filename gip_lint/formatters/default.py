"""``default``: flake8's line, ``path:line:col: CODE message``."""

from __future__ import annotations

from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.rule import Diagnostic


def line(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"


def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    return "".join(line(d) + "\n" for d in diagnostics)


DEFAULT = Formatter("default", "flake8 风格：path:line:col: CODE message", render)
