"""What a table says a count is, when blank cells leave only "at least" (spec §5 N1).

Blank cells are counts not written (≥ 0): a blank 总计 is at least its row's known parts, a sum
with a blank at least its known terms.  A reading is exact, or such a lower bound; None when
the cells say nothing (missing, text, a decimal).
"""

from __future__ import annotations

from typing import Optional

import attrs

from gip_lint.model.labels import APPLICANT_TOTAL, REVIEW_COLUMNS, REVIEW_TOTAL


@attrs.frozen
class Reading:
    value: int
    exact: bool  # False: the cells hold at least ``value`` (some are blank)


def count(cell) -> Optional[Reading]:
    if cell is None or isinstance(cell.value, float):
        return None
    if cell.value is None:
        return Reading(0, False) if cell.is_blank else None
    return Reading(cell.value, True)


def total_of(cells: tuple, total: int) -> Optional[Reading]:
    """A row's total: its 总计 cell, or when that is blank, at least its known parts."""
    reading = count(cells[total] if len(cells) > total else None)
    if reading is None or reading.exact:
        return reading
    parts = add(*(count(part) for part in cells[:total]))
    # Never exact: the parts equal the blank total only if A2 holds, which nothing verified.
    return None if parts is None else Reading(parts.value, False)


def add(*readings: Optional[Reading]) -> Optional[Reading]:
    if any(r is None for r in readings):
        return None
    return Reading(sum(r.value for r in readings), all(r.exact for r in readings))


def row_total(table, key: str) -> Optional[Reading]:
    """Row ``key`` of table 三, 总计 column."""
    if table is None or key not in table.rows:
        return None
    return total_of(table.rows[key], APPLICANT_TOTAL)


def group_total(table, group: str) -> Optional[Reading]:
    """Outcome group ``group`` of table 三 (三(三) = 三(三)1 + … + 三(三)8), 总计 column."""
    keys = None if table is None else table.group_rows(group)
    if keys is None:
        return None  # a sub-row gip-lint could not read (GIP003): the group's sum is unknown
    return add(*(row_total(table, key) for key in keys))


def review_cell(table, group: str, column: str) -> Optional[Reading]:
    """Group ``group`` of table 四, column ``column`` (its 总计: at least its parts if blank)."""
    if table is None or group not in table.groups:
        return None
    cells = table.groups[group]
    index = REVIEW_COLUMNS.index(column)
    if index == REVIEW_TOTAL:
        return total_of(cells, index)
    return count(cells[index] if len(cells) > index else None)
