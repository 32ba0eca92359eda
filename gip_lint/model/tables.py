"""What the three table builders share: which table a block is, and how a row's cells align.

The builders themselves are one module per table: :mod:`gip_lint.model.active` (二),
:mod:`gip_lint.model.applications` (三) and :mod:`gip_lint.model.review` (四).

Tables in published reports lose their merged cells in many different ways: a label cell
that a rowspan covered is left out on some rows and repeated on others, blank padding cells
appear before and after the numbers.  Each row is therefore split into its *label* cells
(leading text) and its *value* cells, and the values are aligned to the canonical columns:
directly when exactly the right number of cells is there, otherwise by the grid that rows of
the same shape in the same table use.  A row that still cannot be aligned becomes a
:class:`ParseProblem` (GIP003), never a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from gip_lint.model.cells import is_value_text, read_cells
from gip_lint.model.document import (
    Cell,
    ParseProblem,
    RawCell,
    Row,
    TableBlock,
    TextLine,
)
from gip_lint.model.labels import (
    squash,
)

# --- which table is this? ------------------------------------------------------------------------

ACTIVE_MARKERS = re.compile(r"第二十条|信息内容|本年制发件数|行政规范性文件|本年新制作")
APPLICATION_MARKERS = re.compile(r"本年度?新收|上一?年度?结转|予以公开|不予公开|无法提供|不予处理|勾稽关系|申请人情况|结转[至到]?下")
REVIEW_MARKERS = re.compile(r"行政复议|行政诉讼|结果维持|结果纠正|尚未审结|复议后起诉")


def classify(block: TableBlock) -> Optional[str]:
    """"二", "三", "四" or None, by the labels the block contains."""
    text = squash("".join([cell.text for row in block.rows for cell in row.cells]))
    scores = {
        "二": len(ACTIVE_MARKERS.findall(text)),
        "三": len(APPLICATION_MARKERS.findall(text)),
        "四": len(REVIEW_MARKERS.findall(text)),
    }
    best = max(scores, key=scores.get)
    return best if scores[best] else None


# --- what could not be read ---------------------------------------------------------------------


class Problems:
    """What could not be read, in the order found (``Report.problems``) and by table (one GIP003
    per table: a table already reported is not reported again)."""

    def __init__(self) -> None:
        self.found: list[ParseProblem] = []
        self.by_table: dict[str, list[ParseProblem]] = {"二": [], "三": [], "四": []}

    def add(self, table: Optional[str], problem: ParseProblem) -> None:
        self.found.append(problem)
        if table is not None:
            self.by_table[table].append(problem)

    def extend(self, table: str, problems: list[ParseProblem]) -> None:
        for problem in problems:
            self.add(table, problem)

    def of(self, table: str) -> tuple[ParseProblem, ...]:
        return tuple(self.by_table[table])


# --- shared row handling -------------------------------------------------------------------------


def split_row(row: Row) -> tuple[list[RawCell], int]:
    """Return (label cells, index of the first value cell).

    Labels are the leading cells that are text (blank cells between them count as part of
    the label area); the first cell that holds a number starts the values.
    """
    labels: list[RawCell] = []
    value_start = 0
    for index, cell in enumerate(row.cells):
        if cell.text == "":
            continue
        if is_value_text(cell.text):
            break
        labels.append(cell)
        value_start = index + 1
    return labels, value_start


def blank_after(row: Row) -> Cell:
    """A stand-in for a cell the row does not have (points just past the row's text)."""
    last = row.cells[-1] if row.cells else None
    column = (last.column + len(last.raw)) if last else 1
    return Cell("", None, row.line, column)


def value_span(cells: tuple[RawCell, ...], start: int) -> tuple[int, int]:
    """Indices of the first and last non-blank cell from ``start`` on (-1, -1 if none)."""
    filled = [i for i in range(start, len(cells)) if cells[i].text != ""]
    return (filled[0], filled[-1]) if filled else (-1, -1)


class Aligner:
    """Aligns value cells to ``width`` canonical columns, learning the table's grids."""

    def __init__(self, width: int):
        self.width = width
        self.grids: Counter = Counter()  # (value start, label end, row length) → count

    def direct(self, row: Row, value_start: int) -> Optional[int]:
        """The index where this row's ``width`` values start, if the row shows it plainly."""
        count = len(row.cells) - value_start
        if count == self.width:
            return value_start
        lo, hi = value_span(row.cells, value_start)
        if lo >= 0 and hi - lo + 1 == self.width:
            return lo
        return None

    def learn(self, start: int, value_start: int, length: int) -> None:
        self.grids[(start, value_start, length)] += 1

    def by_grid(self, row: Row, value_start: int) -> Optional[int]:
        """The grid start of rows shaped like this one, if exactly one fits.

        A grid fits when it covers every number of the row *and* all of its ``width`` cells
        exist in the row's text (possibly empty): a row with fewer cells than the grid has
        lost cells, and which ones is a guess, so it is left to GIP003.
        """
        length = len(row.cells)
        lo, hi = value_span(row.cells, value_start)
        if lo < 0:  # an all-blank row reads as blanks whatever the grid
            return value_start if length - value_start >= self.width else None
        for same in (
            lambda k: k[1] == value_start and k[2] == length,
            lambda k: k[1] == value_start,
            lambda k: True,
        ):
            starts = {k[0] for k in self.grids if same(k) and value_start <= k[0] <= lo
                      and hi <= k[0] + self.width - 1 and k[0] + self.width <= length}
            if len(starts) == 1:
                return starts.pop()
            if len(starts) > 1:
                return None
        return None

    def cells(self, row: Row, start: int) -> tuple[Cell, ...]:
        read = read_cells(row.cells[start:start + self.width])
        # Columns past the row's last cell: stand-ins just after its text.
        return tuple(read + [blank_after(row) for _ in range(self.width - len(read))])


ENUMERATED_LABEL = re.compile(r"^(\d+[.、]|\(?[一二三四五六七八九十]+[)、])")  # "1." "(一)" "三、": a label that numbers its row


# --- tables whose cells are separated by spaces -------------------------------------------------

_SENTENCE_END = re.compile(r"[。；;]")


def spaced_rows(lines: list[TextLine]) -> list[Row]:
    """Rows of a table that text extraction wrote with spaces instead of TABs.

    Each run of non-space characters is a cell.  A blank cell leaves no trace in such text,
    so a row that lost one has too few numbers and is left to GIP003 by the aligners.
    Sentences (prose around the table) are not rows.
    """
    rows = []
    for line in lines:
        if _SENTENCE_END.search(line.text) or len(line.text) > 150:
            continue
        raw = line.raw if len(line.raw) == len(line.text) else line.text
        spans: list[list[int]] = []
        for match in re.finditer(r"\S+", line.text):
            opened = spans and line.text.count("(", *spans[-1]) > line.text.count(")", *spans[-1])
            # "部分公开 (区分处理的, 只计这一情形, …)" is one label; "(二)" starts one.
            aside = (spans and match.group().startswith("(") and not ENUMERATED_LABEL.match(match.group())
                     and not line.text[spans[-1][0]:spans[-1][1]][-1:].isdigit())
            if opened or aside:
                spans[-1][1] = match.end()
            else:
                spans.append([match.start(), match.end()])
        cells = tuple(RawCell(line.text[a:b], raw[a:b], line.line, line.column + a) for a, b in spans)
        if cells:
            rows.append(Row(cells, line.line))
    return rows
