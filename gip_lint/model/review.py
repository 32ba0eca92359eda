"""Table 四 (行政复议、行政诉讼, spec §4): three groups × five columns."""

from __future__ import annotations

import re
from typing import Optional

from gip_lint.model.cells import is_value_like, read_cell
from gip_lint.model.document import (
    Cell,
    ParseProblem,
    ReviewLitigationTable,
    Row,
)
from gip_lint.model.labels import (
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    squash,
)
from gip_lint.model.tables import Aligner, split_row, value_span

_GROUP_LABELS = (("行政复议", r"^行政复议$"), ("行政诉讼/未经复议直接起诉", r"未经复议"),
                 ("行政诉讼/复议后起诉", r"复议后起诉"))


_GROUP_HEADING = re.compile(
    r"^(?:\(?[一二三123]\)|[一二三123][、.])?(?:行政复议|行政诉讼\(?(?:未经复议直接起诉|复议后起诉)\)?"
    r"|(?:未经复议直接起诉|复议后起诉)(?:的行政诉讼)?)(?:情况)?[:：]?$")


def group_of_heading(text: str) -> Optional[str]:
    """The group a heading of its own names, for table 四 written as three small tables."""
    if "复" not in text or len(text) > 48:  # every group heading names 复议; most lines are prose
        return None
    squashed = squash(text)
    if len(squashed) > 24 or not _GROUP_HEADING.match(squashed):
        return None
    return next((g for g, pattern in _GROUP_LABELS if re.search(pattern, re.sub(r"^\(?[一二三123]\)|^[一二三123][、.]", "", squashed).rstrip(":：").removesuffix("情况"))), None)


def _small_tables(rows: list[Row]) -> Optional[dict]:
    """Table 四 as three small tables, each under a heading naming its group: the five numbers
    below a heading are its group's.  None unless the rows are laid out so."""
    current, seen_heading = None, False
    groups: dict = {}
    for row in rows:
        texts = [c for c in row.cells if c.text]
        if len(texts) == 1 and not is_value_like(texts[0]) and group_of_heading(texts[0].text):
            current, seen_heading = group_of_heading(texts[0].text), True
            continue
        labels, value_start = split_row(row)
        values = [c for c in row.cells[value_start:] if c.text]
        if not values or any(not is_value_like(c) for c in values) or labels:
            continue
        if current is None or current in groups:
            return None  # numbers no heading claims: not this layout
        lo, hi = value_span(row.cells, value_start)
        if hi - lo + 1 != 5:
            return None  # not five numbers under a heading: another layout (fifteen in a row …)
        groups[current] = tuple(read_cell(c) for c in row.cells[lo:hi + 1])
    # Two groups at least, each under its own heading: one could be a lone labelled row.
    if not seen_heading or len(groups) < 2:
        return None
    return groups


def build_review(rows: list[Row], problems: list[ParseProblem]) -> Optional[ReviewLitigationTable]:
    first = rows[0]
    small = _small_tables(rows)
    if small is not None:
        return ReviewLitigationTable(groups=small, line=first.line, column=first.cells[0].column)
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
        lo, hi = value_span(cells, value_start)
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


