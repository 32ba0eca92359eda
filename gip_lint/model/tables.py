"""Map the table rows of a report onto the three tables of the national format (spec §2–§4).

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

from gip_lint.model.cells import is_value_like, read_cell
from gip_lint.model.document import (
    ActiveItem,
    ActiveTable,
    ApplicationsTable,
    Cell,
    ParseProblem,
    Position,
    RawCell,
    ReviewLitigationTable,
    Row,
    TableBlock,
    TextLine,
)
from gip_lint.model.labels import (
    ACTIVE_COLUMN_PATTERNS,
    ACTIVE_ROW_PATTERNS,
    APPLICANT_COLUMNS,
    GROUP_PATTERNS,
    OTHER_SUBROW,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    ROW_PATTERNS,
    first_match,
    squash,
)

# --- which table is this? ------------------------------------------------------------------------

_ACTIVE_MARKERS = re.compile(r"第二十条|信息内容|本年制发件数|行政规范性文件|本年新制作")
_APPLICATION_MARKERS = re.compile(r"本年度?新收|上一?年度?结转|予以公开|不予公开|无法提供|不予处理|勾稽关系|申请人情况|结转[至到]?下")
_REVIEW_MARKERS = re.compile(r"行政复议|行政诉讼|结果维持|结果纠正|尚未审结|复议后起诉")


def classify(block: TableBlock) -> Optional[str]:
    """"二", "三", "四" or None, by the labels the block contains."""
    text = squash("".join(cell.text for row in block.rows for cell in row.cells))
    scores = {
        "二": len(_ACTIVE_MARKERS.findall(text)),
        "三": len(_APPLICATION_MARKERS.findall(text)),
        "四": len(_REVIEW_MARKERS.findall(text)),
    }
    best = max(scores, key=scores.get)
    return best if scores[best] else None


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
        if is_value_like(cell):
            break
        labels.append(cell)
        value_start = index + 1
    return labels, value_start


def _blank_after(row: Row) -> Cell:
    """A stand-in for a cell the row does not have (points just past the row's text)."""
    last = row.cells[-1] if row.cells else None
    column = (last.column + len(last.raw)) if last else 1
    return Cell("", None, row.line, column)


def _span(cells: tuple[RawCell, ...], start: int) -> tuple[int, int]:
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
        lo, hi = _span(row.cells, value_start)
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
        lo, hi = _span(row.cells, value_start)
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
        out = []
        for index in range(start, start + self.width):
            out.append(read_cell(row.cells[index]) if index < len(row.cells) else _blank_after(row))
        return tuple(out)


# --- table 三 ----------------------------------------------------------------------------------

_APPLICATION_HEADER = re.compile(r"勾稽关系|申请人情况|自然人|法人或其他组织|商业企业|科研机构")


def _row_key(labels: list[RawCell], group: Optional[str], previous: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(row key, outcome group in force) for a row's label cells."""
    texts = [squash(c.text) for c in labels]
    new_group = group
    for text in texts:
        found = first_match(text, GROUP_PATTERNS)
        if found:
            new_group = found
    # The most specific label (the last one) decides; whole label text as a fallback.
    for text in (texts[-1], "".join(texts)) if texts else ():
        key = first_match(text, ROW_PATTERNS)
        if key:
            return key, (key[:4] if key.startswith("三(") and key != "三(七)" else new_group)
        if OTHER_SUBROW.match(text) and (new_group == "三(六)" or (previous or "").startswith("三(六)")):
            return "三(六)3", "三(六)"
    last_group = first_match(texts[-1], GROUP_PATTERNS) if texts else None
    if last_group in ("三(一)", "三(二)", "三(六)"):
        return last_group, last_group
    return None, new_group


def _labels_for_applications(row: Row) -> tuple[list[RawCell], int]:
    """Like :func:`split_row`, but a trailing text cell that is no row label is a (bad) value.

    "2.重复申请<TAB>无数据<TAB>0…": 无数据 stands where 自然人's number should be (GIP205).
    """
    labels, value_start = split_row(row)
    while len(labels) > 1 and not _is_row_label(labels[-1]) and any(_is_row_label(c) for c in labels[:-1]):
        value_start = row.cells.index(labels[-1])
        labels = labels[:-1]
    return labels, value_start


def _is_row_label(cell: RawCell) -> bool:
    text = squash(cell.text)
    return bool(first_match(text, ROW_PATTERNS) or first_match(text, GROUP_PATTERNS) or OTHER_SUBROW.match(text)
                or re.search(r"本年度办理结果|^\(?[一二三四五六七]\)", text))


# A label that starts a row of its own ("2.", "(三)", "四、") is no continuation of the line before.
_ENUMERATED = re.compile(r"^(\d+[.、]|\(?[一二三四五六七八九十]+[)、])")


def _continue_label(held: list[RawCell], labels: list[RawCell]) -> list[RawCell]:
    """The label cells of a row whose label began on the line before (``held``)."""
    if not labels:
        return held
    last, first = held[-1], labels[0]
    # One cell, positioned where the continuation stands (on the line with the numbers).
    merged = RawCell(last.text + first.text, last.raw + first.raw, first.line, first.column)
    return held[:-1] + [merged] + labels[1:]


def _keep(keyed: list, key: str, row: Row, labels: list[RawCell], aligner: Aligner,
          value_start: Optional[int] = None) -> None:
    """Record a keyed row (its values start after its labels) and learn its grid."""
    if value_start is None:
        value_start = row.cells.index(labels[-1]) + 1 if labels and labels[-1] in row.cells else 0
    label_cell = labels[-1] if labels else row.cells[0]
    keyed.append((key, row, value_start, Position(label_cell.line, label_cell.column)))
    start = aligner.direct(row, value_start)
    if start is not None:
        aligner.learn(start, value_start, len(row.cells))


def build_applications(rows: list[Row], problems: list[ParseProblem]) -> ApplicationsTable:
    aligner = Aligner(len(APPLICANT_COLUMNS))
    header_text = ""
    keyed: list[tuple[str, Row, int, Position]] = []  # key, row, value start, label position
    group: Optional[str] = None
    previous: Optional[str] = None
    held: Optional[tuple[Row, list[RawCell], Optional[str]]] = None  # a label-only line, see below
    for row in rows:
        joined = squash("".join(c.text for c in row.cells))
        labels, value_start = _labels_for_applications(row)
        has_value = any(c.text and is_value_like(c) for c in row.cells[value_start:])
        if not keyed and _APPLICATION_HEADER.search(joined) and not has_value:
            header_text += "|" + "|".join(squash(c.text) for c in row.cells if c.text)
            continue
        group_before = group
        key, group = _row_key(labels, group, previous)
        # PDF extraction breaks a long label over lines: the first part on a line of its own
        # (no value cells), the rest in front of the numbers.  The numbers belong to the held
        # label when their own label names no row and the two parts together name one.
        if held is not None:
            held_row, held_labels, held_key = held
            held = None
            combined = (None, group)
            if key is None and has_value and not (labels and _ENUMERATED.match(squash(labels[0].text))):
                joined_labels = _continue_label(held_labels, labels)
                combined = _row_key(joined_labels, group_before, previous)
            if combined[0] is not None and (held_key is None or combined[0] == held_key):
                key, group = combined
                labels = joined_labels
            elif held_key is not None:
                _keep(keyed, held_key, held_row, held_labels, aligner)
                previous = held_key
        if labels and not has_value and len(row.cells) - value_start < aligner.width:
            held = (row, labels, key)  # too few cells to be a (blank) row of numbers
            continue
        if key is None:
            if has_value:
                label = "".join(c.text for c in labels) or "（无标签）"
                problems.append(ParseProblem(
                    f"表三中的一行无法识别（{label}）：不是格式规定的任何一行，未参与核对",
                    row.line, row.cells[0].column if row.cells else 1, f"table:三:line:{label}"))
            continue
        if key == "三(六)" and previous and previous.startswith("三(六)"):
            continue  # a group label on its own line after its sub-rows: nothing to read
        _keep(keyed, key, row, labels, aligner, value_start)
        previous = key
    if held is not None and held[2] is not None:
        _keep(keyed, held[2], held[0], held[1], aligner)
    # "(六) 其他处理" on a line of its own (perhaps padded with blank cells) above its
    # sub-rows is the group's label, not the 2019 format's one-row 三(六) left blank.
    if any(key.startswith("三(六)") and key != "三(六)" for key, *_ in keyed):
        keyed = [entry for entry in keyed
                 if entry[0] != "三(六)" or any(c.text for c in entry[1].cells[entry[2]:])]

    table_rows: dict[str, tuple[Optional[Cell], ...]] = {}
    positions: dict[str, Position] = {}
    for key, row, value_start, position in keyed:
        start = aligner.direct(row, value_start)
        if start is None:
            start = aligner.by_grid(row, value_start)
        if start is None:
            problems.append(ParseProblem(
                f"表三“{key}”行的数字无法与七个申请人列对齐（找到 "
                f"{sum(1 for c in row.cells[value_start:] if c.text)} 个数字），未参与核对",
                row.line, row.cells[value_start].column if value_start < len(row.cells) else 1,
                f"table:三:row:{key}"))
            continue
        if key in table_rows:
            problems.append(ParseProblem(f"表三“{key}”行出现了两次，只采用第一次", row.line,
                                         position.column, f"table:三:row:{key}:duplicate"))
            continue
        table_rows[key] = aligner.cells(row, start)
        positions[key] = position

    columns_found = all(label in header_text for label in APPLICANT_COLUMNS[:-2]) and "总计" in header_text
    first = rows[0]
    if not columns_found and header_text:
        missing = [c for c in APPLICANT_COLUMNS if c not in header_text]
        problems.append(ParseProblem(
            "表三表头中找不到这些列：" + "、".join(missing) + "；按格式规定的列序读取数字",
            first.line, first.cells[0].column if first.cells else 1, "table:三:columns"))
    return ApplicationsTable(rows=table_rows, row_positions=positions, line=first.line,
                             column=first.cells[0].column if first.cells else 1,
                             columns_found=columns_found)


# --- table 四 ----------------------------------------------------------------------------------

_GROUP_LABELS = (("行政复议", r"^行政复议$"), ("行政诉讼/未经复议直接起诉", r"未经复议"),
                 ("行政诉讼/复议后起诉", r"复议后起诉"))


def build_review(rows: list[Row], problems: list[ParseProblem]) -> Optional[ReviewLitigationTable]:
    first = rows[0]
    groups: dict[str, tuple[Optional[Cell], ...]] = {}
    value_rows = []
    for row in rows:
        labels, value_start = split_row(row)
        values = [c for c in row.cells[value_start:] if c.text]
        if not values or any(not is_value_like(c) for c in values):
            continue
        label = squash("".join(c.text for c in labels))
        value_rows.append((row, labels, value_start, label))

    # Layout 1: one row of 15 numbers under the three group headers (perhaps after a label
    # such as "数量" that names no group).
    for row, labels, value_start, label in value_rows:
        if labels and any(re.search(pattern, label) for _, pattern in _GROUP_LABELS):
            continue
        cells = row.cells
        lo, hi = _span(cells, value_start)
        if len(cells) - value_start == 15:
            start = value_start
        elif hi - lo + 1 == 15:
            start = lo
        else:
            problems.append(ParseProblem(
                f"表四的数字行有 {sum(1 for c in cells[value_start:] if c.text)} 个数字，应为 15 个（3 组 × 5 列），未参与核对",
                row.line, cells[value_start].column if value_start < len(cells) else cells[0].column,
                "table:四:values"))
            return None
        read = [read_cell(c) for c in cells[start:start + 15]]
        for index, group in enumerate(REVIEW_GROUPS):
            groups[group] = tuple(read[index * 5:index * 5 + 5])
        return ReviewLitigationTable(groups=groups, line=first.line, column=first.cells[0].column)

    # Layout 2: one labelled row per group.
    aligner = Aligner(len(REVIEW_COLUMNS))
    for row, labels, value_start, label in value_rows:
        group = next((g for g, pattern in _GROUP_LABELS if re.search(pattern, label)), None)
        if group is None:
            continue
        start = aligner.direct(row, value_start)
        if start is None:
            problems.append(ParseProblem(f"表四“{group}”行的数字无法与五列对齐，未参与核对",
                                         row.line, row.cells[0].column, f"table:四:row:{group}"))
            continue
        groups[group] = aligner.cells(row, start)
    if groups:
        return ReviewLitigationTable(groups=groups, line=first.line, column=first.cells[0].column)
    problems.append(ParseProblem("表四的结构无法识别：找不到行政复议、行政诉讼的数字，未参与核对",
                                 first.line, first.cells[0].column if first.cells else 1, "table:四"))
    return None


# --- table 二 ----------------------------------------------------------------------------------

_BLOCK_TITLE = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")  # brackets are often left out


def build_active(rows: list[Row], problems: list[ParseProblem]) -> ActiveTable:
    items: list[ActiveItem] = []
    blocks: list[str] = []
    block = ""
    header: dict[int, str] = {}
    for row in rows:
        if not row.cells:
            continue
        first = squash(row.cells[0].text)
        title = _BLOCK_TITLE.search(first)
        if title:
            block = f"第二十条第（{title.group(1)}）项"
            blocks.append(block)
            header = {}
            continue
        if first.startswith("信息内容") or (not first and any(first_match(squash(c.text), ACTIVE_COLUMN_PATTERNS) for c in row.cells)):
            header = {}
            for index, cell in enumerate(row.cells[1:], start=1):
                name = first_match(squash(cell.text), ACTIVE_COLUMN_PATTERNS) if cell.text else None
                if name:
                    header[index] = name
                elif cell.text:
                    header[index] = squash(cell.text)
            continue
        label = first_match(first, ACTIVE_ROW_PATTERNS) or squash(row.cells[0].text)
        values = row.cells[1:]
        if not label or not any(c.text for c in values) and not header:
            continue
        if not header:
            problems.append(ParseProblem(f"表二“{label}”行之前没有“信息内容”表头行，无法确定各数字所属的列",
                                         row.line, row.cells[0].column, f"table:二:row:{label}"))
            continue
        cells = {name: (read_cell(row.cells[index]) if index < len(row.cells) else _blank_after(row))
                 for index, name in header.items()}
        items.append(ActiveItem(block=block, label=label, cells=cells, line=row.line, column=row.cells[0].column))
    first_row = rows[0]
    return ActiveTable(items=tuple(items), blocks=tuple(blocks), line=first_row.line,
                       column=first_row.cells[0].column if first_row.cells else 1)


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
            aside = (spans and match.group().startswith("(") and not _ENUMERATED.match(match.group())
                     and not line.text[spans[-1][0]:spans[-1][1]][-1:].isdigit())
            if opened or aside:
                spans[-1][1] = match.end()
            else:
                spans.append([match.start(), match.end()])
        cells = tuple(RawCell(line.text[a:b], raw[a:b], line.line, line.column + a) for a, b in spans)
        if cells:
            rows.append(Row(cells, line.line))
    return rows
