"""Space-aligned tables of a text file (``pdftotext -layout``) read by the PDF's borderless logic.

``pdftotext -layout`` writes a table drawn without borders (or with them: the borders are lost)
as lines whose cells are runs of characters apart by spaces.  Each character of such a line
becomes a positioned glyph — x its column, y its line, one line high — and the same code that
cuts a PDF's borderless table into cells (:mod:`gip_lint.readers.pdf_borderless`) reads them: a
label wrapped over lines is one cell, a merged group label spans its rows, a row number is part
of its label, table 二's items each under their title and header.  The cells are written as TAB
rows (:mod:`gip_lint.readers.layout`), every character remembering its line and column in the
file.  Columns are counted by character (pdftotext places each character, wide or not, in one
column of its grid); a page that reads no table so is tried again by display width (wide
characters two columns), as a table aligned by hand in an editor is.

Precise before eager: a table that the borderless logic declines, whose rows or labels come
apart (a row of numbers without its label, a numbered label without its numbers), with two
cells of a row in one column, or that has a declined table row next to it (its other part on
the next page) is left as it was, and read as before (``docs/layouts.md``), never given a
guessed cell.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Optional

from gip_lint.lazy_re import lazy_compile
from gip_lint.source import SourceText

# Every text file is tested with _SPACED_ROW: patterns are compiled, and the layout module is
# imported, only when a file has such rows (a cold check of a TAB report pays nothing for them).
#: A line of a space-aligned table: a run of two spaces or more, then a number ending the line
#: or followed by spaces (cheap test whether a text file needs this reader at all).
_SPACED_ROW = lazy_compile(r"^[^\t\n]*\S {2,}-?\d[\d,.]*%?(?: [^\n]*)?$", re.M)
_MIN_SPACED_ROWS = 3
_NUMBER = lazy_compile(r"^-?\d[\d,.]*%?$")
_TITLE = lazy_compile(r"^\s*第[一二三四五六七八九十]+条")
_SECTION = lazy_compile(r"^\s*([一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)])")
_HEADING = lazy_compile(r"^\s*[一二三四五六七八九十]+\s*、\S{4,}\s*$")  # a section's heading, on a line of its own
_TOKEN = lazy_compile(r"[^\s]+")
_TITLE_LINE = lazy_compile(r"^\s*第[一二三四五六七八九十]+条\s*第?\s*[（(]?[一二三四五六七八九十]+[）)]?\s*项\s*$")
_LINE = 2.0  # a line's height in columns: pdf_borderless cuts at gaps over 0.4 heights, so at one space
_MAX_GLYPHS = 50_000  # characters on a page
_MAX_CHARS = 200_000  # characters in a file whose tables are read (a report: some 10,000)
_NEAR = 8  # non-blank lines between a table and a declined table row that make them one table


def needs_tables(text: str) -> bool:
    """Whether ``text`` has lines of a space-aligned table (and no TAB in them), and is not
    too long for reading them (time)."""
    if len(text) > _MAX_CHARS:
        return False
    found = 0
    for _ in _SPACED_ROW.finditer(text):
        found += 1
        if found >= _MIN_SPACED_ROWS:
            return True
    return False


def read_spaced_tables(source: SourceText) -> SourceText:
    """``source`` with its space-aligned tables as TAB rows; ``source`` itself when none is read."""
    from gip_lint.readers.layout import Segment, TextBuilder

    lines = source.original.split("\n")
    tables = _tables(lines)
    if not tables:
        return source
    builder = TextBuilder()
    at = {table.first: table for table in tables}
    skip: set[int] = set()
    for table in tables:
        skip.update(table.lines)
    index = 0
    while index < len(lines):
        table = at.get(index)
        if table is not None:
            builder.table(table.block)
        if index not in skip:
            builder.line((Segment(lines[index], index + 1, 1, True),) if lines[index] else ())
        index += 1
    # (not "text": positions are not the generated text's own, quotes are of the generated rows)
    return builder.build(source.path, source.encoding, "text-layout")


# --- lines into glyphs, page by page -----------------------------------------------------------------


def _pages(lines: list[str]) -> list[list[int]]:
    """The line indexes of each page (pdftotext starts a page with a form feed)."""
    pages: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if "\f" in line and pages[-1]:
            pages.append([])
        pages[-1].append(index)
    return pages


def _char_width(char: str) -> int:
    return 1


def _display_width(char: str) -> int:
    """Two columns for a wide (East Asian) character, as a monospace editor shows it.  (The
    standard library's table: importing wcwidth would cost some 15 ms of a cold check.)"""
    import unicodedata

    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _columns(line: str, width: Callable[[str], int]) -> list[int]:
    """The x (in columns) of every character of ``line``; a form feed takes no column."""
    out, x = [], 0
    for char in line:
        out.append(x)
        if char != "\f":
            x += width(char)
    return out


def _tokens(line: str) -> list[tuple[str, int]]:
    """A line's space-separated pieces as (text, index in the line).  A title of table 二's items
    written with a space ("第二十条 第（一）项", as pdftotext often gives it) is one piece."""
    if _TITLE_LINE.match(line):
        first = len(line) - len(line.lstrip())
        return [("".join(line.split()), first)]
    return [(m.group(), m.start()) for m in _TOKEN.finditer(line)]


def _glyphs(lines: list[str], page: list[int], width) -> list:
    from gip_lint.readers.pdf_document import Glyph

    glyphs = []
    for index in page:
        line = lines[index]
        if not line.strip() or "\t" in line:
            continue  # (a TAB row is a table row as it stands)
        xs = _columns(line, width)
        top = index * _LINE
        for token, start in _tokens(line):
            x = xs[start]
            for char in token:
                glyphs.append(Glyph(char, float(x), top, float(x + width(char)), top + _LINE * 0.999))
                x += width(char)
    return glyphs


# --- tables ---------------------------------------------------------------------------------------------


class _Found:
    """A table read from the file: its TAB block, the first line it stands at, its lines."""

    def __init__(self, block, first: int, lines: set[int]) -> None:
        self.block, self.first, self.lines = block, first, lines


def _tables(lines: list[str]) -> list[_Found]:
    from gip_lint.readers.pdf_borderless import find_borderless

    found: list[_Found] = []
    for page in _pages(lines):
        if not any(_SPACED_ROW.match(lines[i]) for i in page):
            continue
        head, foot = page[0] * _LINE, _foot(lines, page) * _LINE
        for width in (_char_width, _display_width):
            glyphs = _glyphs(lines, page, width)
            if len(glyphs) > _MAX_GLYPHS:
                break  # not a page of a report (the PDF reader's limit too): read as it stands
            borderless = find_borderless(glyphs, head, foot)
            tables = [t for t in (_table(lines, grid, borderless.glyphs[id(grid)], width) for grid in borderless.grids)
                      if t is not None]
            if tables:
                found.extend(tables)
                break
    return _without_declined_neighbours(lines, found)


_PAGE_NUMBER = lazy_compile(r"^\s*([-—–－_ ]*\d{1,4}[-—–－_ ]*|第\s*\d+\s*页.*|\d+\s*/\s*\d+)\s*$")


def _foot(lines: list[str], page: list[int]) -> int:
    """The line the page's footer starts at: its page number at the end (text has no margins
    to tell; a table's next part may stand just above it)."""
    filled = [i for i in page if lines[i].strip()]
    if filled and _PAGE_NUMBER.match(lines[filled[-1]].replace("\f", "")):
        return filled[-1]
    return page[-1] + 1


def _without_declined_neighbours(lines: list[str], found: list[_Found]) -> list[_Found]:
    """Drop each table with a space-aligned row left unread near it (the table's other part,
    declined): read alone, it would be a table missing rows.  Until nothing changes."""
    rows = [i for i, line in enumerate(lines) if _SPACED_ROW.match(line) and not _numbers_only(line)]
    while True:
        taken = set().union(*(t.lines for t in found)) if found else set()
        unread = [i for i in rows if i not in taken]
        keep = [t for t in found if not _near_any(lines, t, unread)]
        if len(keep) == len(found):
            return keep
        found = keep


def _numbers_only(line: str) -> bool:
    """A row of numbers only (table 四's), which the borderless logic leaves to the model."""
    return all(_NUMBER.match(token) for token in line.split())


def _near_any(lines: list[str], table: _Found, unread: list[int]) -> bool:
    """Whether an unread row stands inside ``table`` or next to it: the nearest one above or
    below with at most a few lines between (a page's foot and head), no section heading."""
    low, high = min(table.lines), max(table.lines)
    at = bisect.bisect_left(unread, low)
    if at < len(unread) and unread[at] <= high:
        return True
    for index, between in ((unread[at] if at < len(unread) else None, range(high + 1, len(lines))),
                           (unread[at - 1] if at else None, range(low - 1, -1, -1))):
        if index is None:
            continue
        count = 0
        for i in between:
            if i == index:
                return True
            if lines[i].strip():
                count += 1
                if count > _NEAR or _HEADING.match(lines[i]):
                    break  # (another section's table is not this one's other part)
    return False


def _table(lines: list[str], grid, glyphs: list, width) -> Optional[_Found]:
    """The grid as a TAB block with the file's positions; None when it must not be read."""
    from gip_lint.readers.layout import CellContent, Table

    cells = sorted(grid.cells, key=lambda c: (c.r0, c.x0))
    placed = _place(lines, glyphs, cells, width)
    if placed is None:
        return None
    rows: dict = {}
    for cell in cells:
        rows.setdefault(cell.r0, []).append(cell)
    # Prose or headings caught above or below as the table's header or its next part's head
    # (a text file has no cell padding to set a table's labels apart from the margin).
    order = sorted(rows)
    while order and _prose(rows[order[0]]):
        del rows[order.pop(0)]
    while order and _prose(rows[order[-1]]):
        del rows[order.pop()]
    if not rows or not _sound(rows):
        return None
    cells = [c for r in order for c in rows[r]]
    starts = sorted({c.x0 for c in cells})
    by_start = {(c.r0, c.x0): c for c in cells}
    if len(by_start) < len(cells):
        # Two cells of a row in one column: header words pdftotext crowded together (its grid
        # has room for a wide character's half only), which column each names is a guess.
        return None
    row_line = {r: min(line for c in rows[r] for line, _ in placed[id(c)]) for r in order}
    out = []
    for r in order:
        row = []
        for x in starts:
            cell = by_start.get((r, x))
            if cell is None:
                row.append(CellContent((), row_line[r] + 1, _column_at(lines[row_line[r]], x, width)))
            else:
                row.append(_content(cell, placed[id(cell)], lines))
        out.append(tuple(row))
    taken = {line for cell in cells for line, _ in placed[id(cell)]}
    return _Found(Table(tuple(out)), min(taken), taken)


def _prose(row: list) -> bool:
    """A row that is a sentence or a section's heading, not a table's."""
    text = "".join(piece for c in row for piece in c.lines)
    if "。" in text or "；" in text:
        return True
    return len(row) == 1 and bool(_SECTION.match(text) or ("，" in text and len(text) >= 20))


def _sound(rows: dict) -> bool:
    """Rows and labels together: two number rows or more, each with a label of its own (or of a
    merged group above it); after the first, no row without numbers but table 二's titles and
    headers between its items (a label apart from its numbers is the label broken around them,
    which is not reassembled)."""
    numbers = {r for r, row in rows.items() if any(_numeric(c) for c in row)}
    if len(numbers) < 2:
        return False
    number_x = min(c.x0 for r in numbers for c in rows[r] if _numeric(c))
    grouped = {r for row in rows.values() for c in row if c.x0 < number_x for r in range(c.r0 + 1, c.r1 + 1)}
    first = min(numbers)
    for r in sorted(rows):
        row = rows[r]
        if r in numbers:
            if not any(c.x0 < number_x for c in row) and r not in grouped:
                return False
        elif r > first:
            header = any(c.x0 >= number_x for c in row)
            title = len(row) == 1 and _TITLE.match(row[0].lines[0])
            if not (header or title):
                return False
    return True


def _numeric(cell) -> bool:
    return all(_NUMBER.match(piece) for piece in cell.lines)


def _place(lines: list[str], glyphs: list, cells: list, width) -> Optional[dict]:
    """Where every text piece of ``cells`` stands in the file: {id(cell): [(line, index)]}.

    The grid's pieces are the lines' space-separated tokens; each token of the grid's lines, top
    to bottom and left to right, is the next piece of the earliest row's cell that awaits that
    text in the token's column (or the next one: a header may start before its numbers)."""
    import heapq

    starts = sorted({c.x0 for c in cells})
    pending = {id(c): 0 for c in cells}
    placed: dict = {id(c): [] for c in cells}
    waiting: dict = {}  # (text, column x) → heap of (row, order, cell) awaiting that text there
    for order, cell in enumerate(cells):
        heapq.heappush(waiting.setdefault((cell.lines[0], cell.x0), []), (cell.r0, order, cell))
    for index in sorted({round(g.top / _LINE) for g in glyphs}):
        line = lines[index]
        xs = _columns(line, width)
        for token, start in _tokens(line):
            natural = max(bisect.bisect_right(starts, xs[start] + 2) - 1, 0)
            options = [(heap[0][0], k != natural, k, heap) for k in {natural, min(natural + 1, len(starts) - 1)}
                       for heap in [waiting.get((token, starts[k]))] if heap]
            if not options:
                return None  # a piece of no cell: the grid is not these lines
            _, _, _, heap = min(options, key=lambda o: o[:3])
            _, order, cell = heapq.heappop(heap)
            placed[id(cell)].append((index, start))
            pending[id(cell)] += 1
            if pending[id(cell)] < len(cell.lines):
                heapq.heappush(waiting.setdefault((cell.lines[pending[id(cell)]], cell.x0), []), (cell.r0, order, cell))
    if any(pending[id(c)] != len(c.lines) for c in cells):
        return None  # a piece not found where it stands: no position to give it
    return placed


def _column_at(line: str, x: float, width) -> int:
    """The 1-based index of the character of ``line`` at column ``x`` (past its end: after it)."""
    xs = _columns(line, width)
    for k, at in enumerate(xs):
        if at >= x:
            return k + 1
    return len(line) + 1


def _content(cell, places: list, lines: list[str]):
    """A cell's pieces joined as pdf_geometry.join_lines does, each piece at its own position."""
    from gip_lint.readers.layout import CellContent, Segment

    segments: list[Segment] = []
    text = ""
    for piece, (line, index) in zip(cell.lines, places):
        if text and not (_wide(text[-1]) or _wide(piece[0])) and text[-1] not in "-/":
            segments.append(Segment(" ", line + 1, index + 1, False))
            text += " "
        exact = lines[line][index:index + len(piece)] == piece  # (not a title with its space dropped)
        segments.append(Segment(piece, line + 1, index + 1, exact))
        text += piece
    line, index = places[0]
    return CellContent(tuple(segments), line + 1, index + 1)


def _wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")
