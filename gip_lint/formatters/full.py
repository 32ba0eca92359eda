"""``full`` (also ``--show-source``): the flake8 line, then the source line and a caret.

Chinese characters take two terminal columns and TABs jump to the next multiple of four,
so the caret is placed by display width, not by character count.
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.formatters.default import line as flake8_line
from gip_lint.rule import Diagnostic

TAB_STOP = 4


def _display(text: str) -> tuple[str, list[int]]:
    """The text with TABs expanded, and the display column where each character starts."""
    out: list[str] = []
    starts: list[int] = []
    width = 0
    for ch in text:
        starts.append(width)
        if ch == "\t":
            step = TAB_STOP - width % TAB_STOP
            out.append(" " * step)
        else:
            step = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
            out.append(ch)
        width += step
    starts.append(width)
    return "".join(out), starts


def source_block(source: str, line: int, column: int) -> str:
    """``  66 | text`` and a caret line under 1-based ``column`` ("" without a source line)."""
    if not source:
        return ""
    shown, starts = _display(source.rstrip("\r\n"))
    index = min(max(column - 1, 0), len(starts) - 1)
    gutter = f"{line:>5} | "
    return f"{gutter}{shown}\n{' ' * 5} | {' ' * starts[index]}^\n"


def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    parts = []
    for d in diagnostics:
        parts.append(flake8_line(d) + "\n")
        if context.source_at is not None:
            text, column = context.source_at(d.path, d.line, d.column)
        else:
            text, column = context.source_line(d.path, d.line), d.column
        parts.append(source_block(text, d.line, column))
    return "".join(parts)


FULL = Formatter("full", "flake8 行，加上源文本行和指向单元格的 ^（同 --show-source）", render)
