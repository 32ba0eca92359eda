"""gip-lint positions (1-based line, 1-based column in characters) → LSP ranges.

LSP counts lines from 0 and columns in *code units* of the negotiated position encoding:
UTF-16 unless client and server agree on ``utf-8`` or ``utf-32``.  A Chinese character of the
Basic Multilingual Plane is one UTF-16 unit, but a character outside it (a rare CJK Extension B
ideograph in an organ's name, an emoji) is two, and would shift every later column on the line
if characters were counted instead.
"""

from __future__ import annotations

import re
from typing import Sequence

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"

# LSP recognises exactly these line breaks (not Python's str.splitlines set, which also
# breaks at U+2028, form feed, …), and so does gip_lint.source.split_lines.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

#: Characters that end a table cell: TAB (exported tables), "|" (Markdown pipe tables).
TEXT_CELL_ENDS = "\t|"
#: In markup documents (HTML) a cell's text also ends where a tag begins.
MARKUP_CELL_ENDS = "\t|<"


def split_lines(text: str) -> list[str]:
    """The document's lines as an LSP client counts them, without their line breaks."""
    return _LINE_BREAK.split(text)


def code_units(text: str, encoding: str = UTF16) -> int:
    """Length of ``text`` in code units of ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def lsp_range(lines: Sequence[str], line: int, column: int, encoding: str = UTF16,
              cell_ends: str = TEXT_CELL_ENDS) -> tuple[tuple[int, int], tuple[int, int]]:
    """The 0-based ``((line, character), (line, character))`` range of a diagnostic.

    The range starts at the diagnostic's position and runs to the end of its cell (next TAB or
    "|") or of its line.  An empty cell gets one character: the TAB after it, or the line
    break when the cell ends the line, so an editor has something to underline.  Positions
    beyond the document are clamped to it (a stale diagnostic must not be rejected).
    """
    if not lines:
        return (0, 0), (0, 0)
    row = min(max(line, 1), len(lines)) - 1
    text = lines[row]
    start = min(max(column, 1) - 1, len(text))
    end = start
    while end < len(text) and text[end] not in cell_ends:
        end += 1
    begin = (row, code_units(text[:start], encoding))
    if end > start:
        return begin, (row, code_units(text[:end], encoding))
    if start < len(text):  # an empty cell: underline the separator that closes it
        return begin, (row, code_units(text[:start + 1], encoding))
    if row + 1 < len(lines):  # an empty last cell: underline the line break
        return begin, (row + 1, 0)
    return begin, begin


def contains(span: tuple[tuple[int, int], tuple[int, int]], position: tuple[int, int]) -> bool:
    """Whether a 0-based (line, character) lies in ``span`` (end inclusive, as for hovers)."""
    start, end = span
    return start <= position <= end
