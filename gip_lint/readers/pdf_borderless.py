"""Tables drawn without borders: columns from the x positions of the glyphs, rows from baselines.

A line is cut into *chunks* where a gap wider than a fraction of a character separates two
glyphs (a cell's text runs without gaps, the next cell starts after at least its padding).  A
*number row* is a line with number chunks after its label.  The number columns are the x
intervals the numbers of the number rows cover (left-aligned, right-aligned or centred alike);
two numbers of one row in one interval, a number drawn over another, a column of a single
number, a number under no header of its own (:mod:`gip_lint.readers.pdf_headers` reads the one
unambiguous case, a merged header cell), or text vertically centred in its cells make the
layout ambiguous: the table (on every page it stands on) is left as prose lines (the model
declines them: GIP003), never guessed.  A table's part at the top of a page has its columns
measured with its part on the page before, keeps that part's column edges and stands under
its header.

Rows: every number row is one; the lines above the first (the header) are one row each; a label
chunk on a line without numbers continues the cell last started in its column (a label wrapped
over lines, a vertical label one character a line), unless it starts with its own number
("1." "（一）" "第二十条…") or the line names a number column (a header between the parts of
table 二), which starts a row.  On a number row the rightmost label is the row's own; a label to
its left continues the group label above it (a merged cell) unless numbered.
The result is a :class:`~gip_lint.readers.pdf_geometry.Grid` like a bordered table's.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Sequence

from gip_lint.readers.pdf_document import Glyph
from gip_lint.readers.pdf_geometry import Cell, Grid, cluster, line_string, text_lines
from gip_lint.readers.pdf_centred import centred_grid, centred_labels, top_aligned
from gip_lint.readers.pdf_headers import header_places

_GAP = 0.4  # character heights: a wider gap between two glyphs separates chunks
_START = 2.0  # points: chunks starting this close stand in one column
_NUMBER = re.compile(r"^-?\d[\d,.]*%?$")
_OWN_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．]"
                         r"|第[一二三四五六七八九十]+条)")
_OVERLAP = 0.5  # a glyph starting within this share of the one before is drawn over it
#: The right edge of the last column, beyond every page: a table's parts on two pages may end in
#: different columns (table 二's items), and their cells' edges must name the same columns.
_FAR = 100_000.0
_MAX_HEADER = 8  # lines above the first number row that may be the header
_MAX_BETWEEN = 6  # lines without numbers between two number rows (wrapped labels)
_MAX_SPREAD = 10  # … when they are labels (centred ones spread around their numbers)


def _chunks(line: Sequence[Glyph]) -> list[list[Glyph]]:
    out: list[list[Glyph]] = []
    previous = None
    for glyph in line:
        if glyph.char.isspace():
            continue
        height = max(glyph.bottom - glyph.top, 1.0)
        if previous is None or glyph.x0 - previous.x1 > _GAP * height:
            out.append([glyph])
        else:
            out[-1].append(glyph)
        previous = glyph
    return out


def _text(chunk: Sequence[Glyph]) -> str:
    return line_string(chunk).strip()


class _Line:
    def __init__(self, glyphs: list[Glyph]) -> None:
        self.glyphs = glyphs
        self.chunks = _chunks(glyphs)
        self.texts = [_text(c) for c in self.chunks]
        numeric = [bool(_NUMBER.match(t)) for t in self.texts]
        # numbers after the label (or a row of numbers only, as table 四's)
        self.numbers = [i for i, n in enumerate(numeric) if n and all(numeric[i:])]
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        # a number drawn over another (two cells' texts on one spot): which is which is a guess
        self.overprinted = any(b.x0 - a.x0 < _OVERLAP * (a.x1 - a.x0)
                               for k in self.numbers for a, b in zip(self.chunks[k], self.chunks[k][1:]))


class Borderless(NamedTuple):
    """What :func:`find_borderless` found on a page."""

    grids: list  # list[Grid]
    rest: list  # list[Glyph]: the glyphs of no table
    glyphs: dict  # id(grid) → its glyphs (to give a table back to the prose)
    top_declined: bool  # the first table, at the top of the page, was declined
    carry: Optional[list]  # the number rows of the table the page ends in, read
    bottom_declined: bool  # the page ends in a table that was declined
    tentative: bool  # the page ends in a table of one row: only its rest on the next page confirms it
    continued: bool  # the first table, at the top of the page, continues the one the page before ended in
    #: (the header lines the rows of ``carry`` stand under, the x edges of that table's columns)
    columns: Optional[tuple] = None


def find_borderless(glyphs: Sequence[Glyph], head: float, foot: float, carried: Optional[list] = None,
                    declined_before: bool = False, carried_columns: Optional[tuple] = None) -> Borderless:
    """The tables without borders among ``glyphs`` (those outside bordered tables).

    ``head``/``foot``: the y above/below which a page has only its header/footer.  A table at
    the top of the page is the rest of the one the page before ended in: ``carried`` (that part's
    number rows) decides its columns with its own rows; and when that part was declined
    (``declined_before``), so is this one — its rows alone would read as a table missing the
    others.  ``carried_columns``: that part's ``columns`` — the header its last rows stand under
    (a page may start with rows whose numbers stand in a merged header cell on the page before)
    and its column edges (kept, so the parts' cells line up when this page's numbers are wider).
    """
    lines = [_Line(line) for line in text_lines(glyphs) if any(not g.char.isspace() for g in line)]
    grids: list[Grid] = []
    owned: dict = {}
    used: set[int] = set()
    index = floor = 0
    top_declined = bottom_declined = tentative = continued = False
    carry = columns = None
    while index < len(lines):
        if not lines[index].numbers or len(lines[index].chunks) < 2:
            index += 1
            continue
        at_top = not grids and _at_top(lines[:index], head, carried, carried_columns)
        region, after = _region(lines, index, floor, head, foot, carried if at_top else None,
                                carried_columns if at_top and carried else None)
        if region is not None and at_top and declined_before:
            region, after = None, region[1]
        ends = all(line.top >= foot for line in lines[after:])
        if region is None:  # its rows are not read again as a smaller table (a guess)
            top_declined = top_declined or (at_top and _continues(lines[index], carried))
            index = floor = after
            # (a title or header of the table's next part may stand below it: declined too)
            tail = [line for line in lines[after:] if line.top < foot]
            bottom_declined = len(tail) <= _MAX_HEADER and not any(
                line.numbers or _SECTION.match(line.texts[0]) for line in tail)
            carry = columns = None
            continue
        start, end, grid, in_effect = region
        first = index
        grids.append(grid)
        owned[id(grid)] = [g for line in lines[start:end] for g in line.glyphs]
        used.update(range(start, end))
        index = floor = end
        bottom_declined = False
        carry = [line for line in lines[start:end] if line.numbers and len(line.chunks) >= 2] if ends else None
        columns = (in_effect, sorted({cell.x0 for cell in grid.cells})) if ends else None
        tentative = len(carry or ()) == 1 and not (at_top and carried)
        continued = continued or bool(at_top and carried and _continues(lines[first], carried))
    rest = [g for i, line in enumerate(lines) if i not in used for g in line.glyphs]
    return Borderless(grids, rest, owned, top_declined, carry, bottom_declined, tentative, continued, columns)


_SECTION = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_TITLE = re.compile(r"^\s*第[一二三四五六七八九十]+条")
_SENTENCE = re.compile(r"[。；;！？!?]")  # prose: a table's header cells hold no sentence


def _mid(chunk) -> float:
    return (chunk[0].x0 + chunk[-1].x1) / 2


def _x0(chunk) -> float:
    return chunk[0].x0


def _at_top(before: list[_Line], head: float, carried: Optional[list], columns: Optional[tuple] = None) -> bool:
    """Whether only the page header, or a table's header rows repeated, stand above a table."""
    before = [line for line in before if line.bottom > head]
    left = min((row.chunks[0][0].x0 for row in carried), default=0.0) if carried else 0.0
    if carried and columns and columns[1]:
        left = min(left, columns[1][0])  # the table's left edge (its rows may all start further right)
    return len(before) <= _MAX_HEADER and all(
        not line.numbers and line.glyphs[0].x0 >= left - _START and not _SECTION.match(line.texts[0])
        for line in before)


def _continues(line: _Line, carried: Optional[list]) -> bool:
    """Whether the number row ``line`` has a label where the labels of ``carried`` stand (start,
    or are centred: their middle)."""
    labels = [row.chunks[k] for row in carried or () for k in range(len(row.chunks)) if k not in row.numbers]
    return any(k not in line.numbers and any(abs(place(line.chunks[k]) - place(chunk)) <= _START for chunk in labels)
               for k in range(len(line.chunks)) for place in (_x0, _mid))


def _region(lines: list[_Line], first: int, floor: int, head: float, foot: float,
            carried: Optional[list], carried_columns: Optional[tuple] = None) -> tuple[Optional[tuple], int]:
    """The table whose first number row is ``lines[first]`` as (start, end, grid, the header
    lines in effect at its end), or None when these lines are no table or an ambiguous one; and
    the line to look on from."""
    end = first + 1
    last = first
    left = lines[first].glyphs[0].x0 - _START  # the table's left edge so far
    while end < len(lines) and end - last <= _MAX_SPREAD:
        if end - last <= _MAX_BETWEEN:
            left = min(left, lines[end].glyphs[0].x0 - _START)
        if lines[end].numbers and len(lines[end].chunks) >= 2:
            # (more lines between: labels centred on their numbers, none a heading or left of the table)
            if end - last > _MAX_BETWEEN and not all(
                    line.glyphs[0].x0 >= left and not _SECTION.match(line.texts[0]) for line in lines[last + 1:end]):
                break
            last = end
        end += 1
    number_rows = [i for i in range(first, last + 1) if lines[i].numbers and len(lines[i].chunks) >= 2]
    measured = [lines[i] for i in number_rows] + (carried or [])  # the rows the columns come from
    if not measured:
        return None, last + 1
    columns = _number_columns(measured)
    if columns is None:
        return None, last + 1
    label_chunks = [row.chunks[k] for row in measured for k in range(len(row.chunks)) if k not in row.numbers]
    label_starts = cluster([chunk[0].x0 for chunk in label_chunks], _START)
    # Labels centred across one label column (table 二 printed all centred) are placed by their
    # middle; centred across several, which columns they stand in is a guess.
    by_middle = centred_labels(measured, lambda row: [c for k, c in enumerate(row.chunks) if k not in row.numbers])
    if by_middle:
        label_starts = cluster([_mid(chunk) for chunk in label_chunks], _START)
    if not label_starts or label_starts[-1] >= columns[0][0] or (by_middle and len(label_starts) > 1):
        return None, last + 1
    # A title alone on its line ("第二十条第（五）项", centred over the table's width whether the
    # labels are or not): a merged cell, written at the table's left.
    titles = {id(line.chunks[0]) for line in lines[floor:] if len(line.chunks) == 1 and _TITLE.match(line.texts[0])}
    carried_header, edges = carried_columns or ([], [])
    # A column's edge is where its numbers start; the part on the page before keeps its edge
    # (numbers wider here, centred or right-aligned, start further left).
    starts = label_starts + [next((e for e in edges if x0 - _START <= e <= x1), x0) for x0, x1 in columns]

    # Labels end before this; a chunk starting after it stands in the first number column that
    # does not end before the chunk starts (numbers and headers left-aligned, right-aligned or
    # centred alike: a header's start never lies beyond its numbers' end).
    label_limit = max(row.chunks[k][-1].x1 for row in measured for k in range(len(row.chunks)) if k not in row.numbers)
    if label_limit > columns[0][0]:
        return None, last + 1

    def column(chunk: list[Glyph]) -> Optional[int]:
        x = chunk[0].x0
        if id(chunk) in titles:
            return 0
        if by_middle and x < label_limit:
            return 0 if abs(_mid(chunk) - label_starts[0]) <= _START else None
        if x < label_limit:
            found = [k for k, s in enumerate(label_starts) if abs(s - x) <= _START]
            return found[0] if found else None
        for k, (_, end) in enumerate(columns):
            if x <= end:
                return len(label_starts) + k
        return None

    left_edge = min(chunk[0].x0 for chunk in label_chunks) if by_middle else starts[0]

    def fits(line: _Line) -> bool:
        return all(column(c) is not None for c in line.chunks)

    # Lines between number rows that do not fit the columns: not a table (prose by chance).
    if not all(fits(lines[i]) for i in range(first, last + 1)):
        return None, last + 1
    aligned = top_aligned(lines[first:last + 1], column, _OWN_NUMBER)  # else vertically centred, or declined
    # Numbers not under exactly one column, two numbers in one, a column of one number (a number
    # beside the others' column): ambiguous, declined.
    if any(row.overprinted for row in measured):
        return None, last + 1
    counts = [sum(1 for row in measured for k in row.numbers if column(row.chunks[k]) == len(label_starts) + c)
              for c in range(len(columns))]
    if len(measured) > 1 and min(counts) < 2:
        return None, last + 1
    for row in measured:
        taken = [column(row.chunks[k]) for k in row.numbers]
        if any(t is None or t < len(label_starts) for t in taken) or len(set(taken)) != len(taken):
            return None, last + 1
    start = first
    labelled = 0  # label lines just above the first row: centred, its label's first lines, not header
    while start > floor and first - start < _MAX_HEADER + labelled and fits(lines[start - 1]) \
            and not lines[start - 1].numbers and lines[start - 1].glyphs[0].x0 >= left_edge - _START:
        start -= 1
        if not aligned and labelled == first - start - 1 and all(column(c) < len(label_starts) for c in lines[start].chunks):
            labelled += 1
    # A header row above that the columns do not place (headers centred wider than numbers at
    # the left of their cells): which header a number is under is a guess.
    above = lines[start - 1] if start > floor else None
    if above is not None and not above.numbers and len(above.chunks) >= 2 and above.bottom > head \
            and not fits(above) and not any(_SENTENCE.search(text) for text in above.texts) \
            and abs((_mid if by_middle else _x0)(above.chunks[0]) - starts[0]) <= _START \
            and all(chunk[0].x0 >= label_limit for chunk in above.chunks[1:]):
        return None, last + 1
    # Wrapped labels after the last number row (inside the label columns only).
    stop = last + 1
    while stop < len(lines) and stop - last <= 2 and fits(lines[stop]) \
            and all(column(c) < len(label_starts) for c in lines[stop].chunks) \
            and not any(_OWN_NUMBER.match(t) for t in lines[stop].texts):
        stop += 1
    # The head of the table's next part (a title, a header row) at the foot of the page.
    rest = stop
    while rest < len(lines) and rest - last <= _MAX_HEADER and fits(lines[rest]) and lines[rest].top < foot:
        rest += 1
    if rest > stop and all(line.top >= foot for line in lines[rest:]):
        stop = rest
    # One row of numbers under its header at the foot of a page: a table whose other rows are on
    # the next page (which decides its columns with them, or gives it back to the prose).
    if len(measured) == 1 and (start == first or not all(line.top >= foot for line in lines[stop:])):
        return None, last + 1
    # Every number under a header of its own: in the column the header names, or the one number
    # of its row under the one header cell of its block (right-aligned or centred in a merged
    # cell).  A header at the top of a page may have begun on the page before (it names too few
    # columns) — unless the table's rows on the page before stood under a header of their own.
    top = all(line.bottom <= head for line in lines[:start])
    scope = lines[first:stop] if top and not carried_header else lines[start:stop]
    placed = header_places(scope, column, len(label_starts), carried_header if top else [])
    if placed is None:
        return None, last + 1
    overrides, in_effect = placed

    def place(chunk: list[Glyph]) -> Optional[int]:
        return overrides.get(id(chunk), column(chunk))

    if aligned:
        grid = _grid(lines[start:stop], first - start, place, starts)
    else:
        grid = centred_grid(lines[start:stop], first - start, place, starts, len(label_starts), _FAR)
        if grid is None:
            return None, last + 1
    return (start, stop, grid, in_effect), stop


def _number_columns(rows: list[_Line]) -> Optional[list[list[float]]]:
    """The x intervals of the number columns, left to right: the numbers' extents, overlapping
    ones merged (a column's numbers overlap whichever way they are aligned)."""
    spans = sorted([row.chunks[k][0].x0, row.chunks[k][-1].x1] for row in rows for k in row.numbers)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return merged or None


def _grid(lines: list[_Line], header: int, column, starts: list[float]) -> Grid:
    """The cells of a table's lines (the first ``header`` of them its header), rows by baselines;
    ``column`` places a chunk, ``starts`` are the columns' x."""
    cells: list[list] = []  # [row, column, lines]
    pointer: dict[int, tuple[list, bool]] = {}  # column → (cell, a group label)
    row = -1
    group_cells: list = []
    first_number_column = min((column(line.chunks[k]) for line in lines for k in line.numbers), default=0)
    for index, line in enumerate(lines):
        placed = [(column(chunk), text) for chunk, text in zip(line.chunks, line.texts)]
        if index < header:
            row += 1
            for c, text in placed:
                cells.append([row, c, [text]])
            continue
        if line.numbers:
            row += 1
            label_chunks = [(c, t) for k, (c, t) in enumerate(placed) if k not in line.numbers]
            for position, (c, text) in enumerate(label_chunks):
                own = position == len(label_chunks) - 1
                held = pointer.get(c)
                if not own and not _OWN_NUMBER.match(text) and held is not None and held[1]:
                    held[0][2].append(text)
                    continue
                cell = [row, c, [text]]
                cells.append(cell)
                for k in [k for k in pointer if k >= c]:
                    del pointer[k]
                pointer[c] = (cell, not own)
                if not own:
                    group_cells.append(cell)
            for k in line.numbers:
                cells.append([row, placed[k][0], [placed[k][1]]])
            continue
        new_row = any(c >= first_number_column for c, _ in placed) or any(_OWN_NUMBER.match(t) for _, t in placed)
        if new_row:
            row += 1
            pointer.clear()
        for c, text in placed:
            held = pointer.get(c)
            if held is not None and not new_row:
                held[0][2].append(text)
            else:
                cell = [max(row, 0), c, [text]]
                cells.append(cell)
                pointer[c] = (cell, False)
    rows = row + 1
    edges = starts + [_FAR]
    groups = {id(c) for c in group_cells}

    def last_row(cell: list) -> int:
        """A group label (a merged cell) reaches down to the row before the next label in its
        column or left of it."""
        if id(cell) not in groups:
            return cell[0]
        below = [c[0] for c in cells if c[0] > cell[0] and c[1] <= cell[1]]
        return min(below, default=rows) - 1

    out = [Cell(c[0], last_row(c), edges[c[1]], edges[c[1] + 1], tuple(c[2]))
           for c in sorted(cells, key=lambda c: (c[0], c[1]))]
    top = min(line.top for line in lines)
    bottom = max(g.bottom for line in lines for g in line.glyphs)
    # No right edge: the widest text of a part is not one, so the parts of a table on two pages
    # are joined on their left edge alone.
    return Grid(top, bottom, starts[0], starts[0], rows, out)
