"""Tables of a PDF: grids joined over page breaks, then written as rows of cells.

A table that runs over a page break is drawn as two grids, one at the foot of a page and one
at the head of the next.  They are one table when nothing but the page header/footer stands
between them and their outer edges line up.  The continuation may repeat the table's header
rows (Word's "repeat as header row"), which are dropped; and the break may fall inside a merged
label cell, whose text is then split ("（四）无" | "法提供"): a label at the top of the
continuation that does not start with its own number ("1." "1、" "（一）" "一、") is the rest of
the label above it.
"""

from __future__ import annotations

import re
from typing import Sequence

from gip_lint.readers.layout import CellContent, Segment, Table
from gip_lint.readers.pdf_geometry import Grid, cluster, join_lines

_EDGE = 10.0  # points: outer edges of a table's parts on two pages differ by at most this
_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．])")
_NUMBER = re.compile(r"^[\d.,，%\s-]+$")
_ITEM_TITLE = re.compile(r"^\s*第[一二三四五六七八九十]+条")  # table 二's "第二十条第（六）项" starts a row


class PageCell:
    """A cell of a table being assembled: grid rows, x extent, text pieces with their pages."""

    __slots__ = ("r0", "r1", "x0", "x1", "pieces")

    def __init__(self, r0: int, r1: int, x0: float, x1: float, pieces: list) -> None:
        self.r0, self.r1, self.x0, self.x1, self.pieces = r0, r1, x0, x1, pieces

    @property
    def text(self) -> str:
        return join_lines([text for text, _ in self.pieces])


class PdfTable:
    """One table, possibly over several pages."""

    def __init__(self, grid: Grid, page: int) -> None:
        self.left, self.right = grid.left, grid.right
        self.rows = grid.rows
        self.page = page
        self.cells = [PageCell(c.r0, c.r1, c.x0, c.x1, [(join_lines(c.lines), page)]) for c in grid.cells]

    def continues_with(self, grid: Grid) -> bool:
        return abs(grid.left - self.left) <= _EDGE and abs(grid.right - self.right) <= _EDGE

    def append(self, grid: Grid, page: int) -> None:
        """Add the part of this table drawn on the next page."""
        cells = [PageCell(c.r0, c.r1, c.x0, c.x1, [(join_lines(c.lines), page)]) for c in grid.cells]
        skip = self._repeated_header(cells)
        cells = [c for c in cells if c.r0 >= skip]
        for cell in cells:
            cell.r0 -= skip
            cell.r1 -= skip
        self._carry_split_labels(cells)
        offset = self.rows
        for cell in cells:
            cell.r0 += offset
            cell.r1 += offset
        self.cells.extend(cells)
        self.rows += grid.rows - skip

    def _row_texts(self, cells: Sequence[PageCell], row: int) -> list[str]:
        """The texts starting in ``row`` (blank parts of merged cells left out: a header row that
        was itself split over the break has them, its repetition does not)."""
        return [text for c in sorted(cells, key=lambda c: c.x0) if c.r0 == row for text in [c.text] if text]

    def _repeated_header(self, cells: list[PageCell]) -> int:
        """How many rows at the top of ``cells`` repeat this table's first rows."""
        count = closed = 0
        while count < self.rows:
            texts = self._row_texts(cells, count)
            if not texts or texts != self._row_texts(self.cells, count) or not any(texts):
                break
            count += 1
            if not any(c.r0 < count <= c.r1 for c in cells):  # no cell reaches below these rows
                closed = count
        return closed

    def _carry_split_labels(self, cells: list[PageCell]) -> None:
        last = self.rows - 1
        if self._carry_split_row(cells):
            return
        if not any(c.r0 == 0 and c.text and _NUMBER.match(c.text) for c in cells):
            return  # a header row starts the page (信息内容 | 本年处理决定数量 under its title)
        for cell in cells:
            text = cell.text
            if cell.r0 != 0 or not text or _NUMBERED.match(text) or _NUMBER.match(text):
                continue
            # Only a group label (another label follows it in the row) is continued; a row's
            # own label at the top of a page ("行政许可" under a header) starts a row.
            if not any(c.r0 == 0 and c.x0 >= cell.x1 - 1 and c.text and not _NUMBER.match(c.text) for c in cells):
                continue
            above = next((c for c in self.cells if c.r1 == last and abs(c.x0 - cell.x0) <= 3
                          and abs(c.x1 - cell.x1) <= 3 and c.text), None)
            if above is not None and not _NUMBER.match(above.text):
                above.pieces.extend(cell.pieces)
                cell.pieces = []

    def _carry_split_row(self, cells: list[PageCell]) -> bool:
        """A row Word or LibreOffice broke over the page ("5.要求行政机关确认或重" | "新出具已获取
        信息"): the first row here has only label text, none of it numbered, an item title
        ("第二十条…") or a row label of table 二 (行政许可 with its number blank starts a row), every piece under a label of the
        last row above, which has numbers.  Its texts end those labels."""
        from gip_lint.model.labels import ACTIVE_ROW_PATTERNS, first_match, squash

        last = self.rows - 1
        first = [c for c in cells if c.r0 == 0 and c.text]
        above = [c for c in self.cells if c.r0 <= last <= c.r1]
        if not first or not any(c.r0 == last and _NUMBER.match(c.text) for c in above if c.text):
            return False
        pairs = []
        for cell in first:
            if _NUMBERED.match(cell.text) or _NUMBER.match(cell.text) or _ITEM_TITLE.match(cell.text) \
                    or first_match(squash(cell.text), ACTIVE_ROW_PATTERNS):
                return False
            match = next((c for c in above if abs(c.x0 - cell.x0) <= 3 and abs(c.x1 - cell.x1) <= 3), None)
            if match is None or not match.text or _NUMBER.match(match.text):
                return False
            pairs.append((match, cell))
        for match, cell in pairs:
            match.pieces.extend(cell.pieces)
            cell.pieces = []
        return True

    def block(self) -> Table:
        """The table as rows of grid cells: a merged cell's text at its top-left position."""
        xs = cluster([x for c in self.cells for x in (c.x0, c.x1)], 3.0)

        def column(x: float) -> int:
            return min(range(len(xs)), key=lambda i: abs(xs[i] - x))

        starts: dict[tuple[int, int], PageCell] = {}
        for cell in self.cells:
            starts.setdefault((cell.r0, column(cell.x0)), cell)
        rows = []
        for r in range(self.rows):
            row = []
            page = next((c.pieces[0][1] for c in self.cells if c.r0 == r and c.pieces), self.page)
            for c in range(len(xs) - 1):
                cell = starts.get((r, c))
                segments = _segments(cell.pieces) if cell is not None else ()
                row.append(CellContent(segments, page, 1))
            if any(cell.segments for cell in row) or r == 0:
                rows.append(tuple(row))
        return Table(tuple(rows))


_SUB_NUMBER = re.compile(r"^\s*(?:(\d{1,2})\s*[、．]|[（(](\d{1,2})[）)])\s*(?=\D)")


def _segments(pieces: list) -> tuple:
    """A cell's text as segments whose line is the page the piece stands on.

    A sub-label's number is written the national template's way, "1." — "1、" and "（1）" are
    common in PDFs printed from WPS, and the model's labels are matched on "1." forms.
    """
    out: list[Segment] = []
    text = ""
    if pieces:
        first, page = pieces[0]
        pieces = [(_SUB_NUMBER.sub(lambda m: (m.group(1) or m.group(2)) + ".", first, count=1), page)] + pieces[1:]
    for piece, page in pieces:
        joined = join_lines([text, piece]) if text else piece.strip()
        added = joined[len(text):]
        if added:
            out.append(Segment(added, page, 1, False))
        text = joined
    return tuple(out)
