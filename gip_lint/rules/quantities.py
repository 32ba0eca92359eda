"""The quantities the prose may state, read from the tables (spec §5 N1).

Each quantity has the values a correct sentence may give (``received`` may be 一 or 一 + 二),
and the name of the table cell(s) it comes from, for messages.  A quantity whose cells are
missing has no values: nothing is compared.  Blank cells are counts not written (≥ 0): a
blank 总计 is at least its row's known parts, a sum with a blank at least its known terms;
asked for (``bounds=True``), such readings are lower bounds a sentence must not fall below.
"""

from __future__ import annotations

import functools
from typing import Optional

import attrs

from gip_lint.model.document import Report
from gip_lint.model.labels import OUTCOME_ROWS

TOTAL = 6  # the 总计 column of table 三
REVIEW = "行政复议"
DIRECT = "行政诉讼/未经复议直接起诉"
AFTER_REVIEW = "行政诉讼/复议后起诉"
REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@attrs.frozen
class Quantity:
    values: tuple[int, ...]  # what a correct sentence may say (first: the usual reading)
    source: str  # where the table says it, for the message
    # Readings with blank cells: the table says only "at least this many" (blanks are counts
    # ≥ 0, never negative), so a sentence giving less contradicts it whatever the blanks hold.
    at_least: tuple[int, ...] = ()

    def contradicts(self, stated) -> bool:
        return stated not in self.values and all(stated < low for low in self.at_least)


@attrs.frozen
class Reading:
    value: int
    exact: bool  # False: the cells hold at least ``value`` (some are blank)


def _count(cell) -> Optional[Reading]:
    if cell is None or isinstance(cell.value, float):
        return None
    if cell.value is None:
        return Reading(0, False) if cell.is_blank else None
    return Reading(cell.value, True)


def _total_reading(cells: tuple, total: int) -> Optional[Reading]:
    """A row's total: its 总计 cell, or when that is blank, at least its known parts."""
    cell = cells[total] if len(cells) > total else None
    reading = _count(cell)
    if reading is None or reading.exact:
        return reading
    parts = _sum(*(_count(part) for part in cells[:total]))
    # Never exact: the parts equal the blank total only if A2 holds, which nothing verified.
    return None if parts is None else Reading(parts.value, False)


def _row_reading(report: Report, key: str) -> Optional[Reading]:
    table = report.applications
    if table is None or key not in table.rows:
        return None
    return _total_reading(table.rows[key], TOTAL)


def _group_reading(report: Report, group: str) -> Optional[Reading]:
    table = report.applications
    if table is None:
        return None
    if group in table.rows:
        return _row_reading(report, group)
    keys = [key for key in OUTCOME_ROWS["2021"] if key.startswith(group)]
    if not keys or not all(key in table.rows for key in keys):
        return None  # a sub-row gip-lint could not read (GIP003): the group's sum is unknown
    return _sum(*(_row_reading(report, key) for key in keys))


def _review_reading(report: Report, group: str, column: str) -> Optional[Reading]:
    table = report.review_litigation
    if table is None or group not in table.groups:
        return None
    cells = table.groups[group]
    index = REVIEW_COLUMNS.index(column)
    if index == REVIEW_COLUMNS.index("总计"):
        return _total_reading(cells, index)
    return _count(cells[index] if len(cells) > index else None)


def _exact(reading: Optional[Reading]) -> Optional[int]:
    return reading.value if reading is not None and reading.exact else None


def group_total(report: Report, group: str) -> Optional[int]:
    """Σ of an outcome group of table 三 (三(三) = 三(三)1 + … + 三(三)8), total column."""
    return _exact(_group_reading(report, group))


def review_cell(report: Report, group: str, column: str) -> Optional[int]:
    return _exact(_review_reading(report, group, column))


def _sum(*readings: Optional[Reading]) -> Optional[Reading]:
    if any(r is None for r in readings):
        return None
    return Reading(sum(r.value for r in readings), all(r.exact for r in readings))


def _quantity(source: str, *candidates: Optional[Reading], bounds: bool = False) -> Optional[Quantity]:
    if not bounds:
        candidates = tuple(c if c is not None and c.exact else None for c in candidates)
    if candidates[0] is None:
        return None
    values = tuple(dict.fromkeys(c.value for c in candidates if c is not None and c.exact))
    at_least = tuple(dict.fromkeys(c.value for c in candidates if c is not None and not c.exact))
    return Quantity(values, source, at_least)


def quantity(report: Report, kind: str, bounds: bool = False) -> Optional[Quantity]:
    """The table's value(s) for one kind of prose quantity, or None when it cannot be known.

    ``bounds``: also readings with blank cells, as lower bounds (``Quantity.at_least``); the
    quantity's ``values`` may then be empty."""
    row = functools.partial(_row_reading, report)
    new, carried_in = row("一"), row("二")
    disclosed, partial = _group_reading(report, "三(一)"), _group_reading(report, "三(二)")

    def made(source: str, *candidates: Optional[Reading]) -> Optional[Quantity]:
        return _quantity(source, *candidates, bounds=bounds)

    if kind == "received":
        return made("表三“一、本年新收政府信息公开申请数量”总计", new, _sum(new, carried_in))
    if kind == "carried_in":
        return made("表三“二、上年结转政府信息公开申请数量”总计", carried_in)
    if kind == "handled":
        return made("表三“(七)总计”", row("三(七)"))
    if kind == "carried_out":
        return made("表三“四、结转下年度继续办理”总计", row("四"))
    if kind == "disclosed":
        return made("表三“(一)予以公开”总计", disclosed, _sum(disclosed, partial))
    if kind == "disclosed_all":
        return made("表三“(一)予以公开”与“(二)部分公开”之和", _sum(disclosed, partial))
    if kind == "partial":
        return made("表三“(二)部分公开”总计", partial)
    if kind == "withheld":
        return made("表三“(三)不予公开”各项之和", _group_reading(report, "三(三)"))
    if kind == "unavailable":
        return made("表三“(四)无法提供”各项之和", _group_reading(report, "三(四)"))
    if kind == "not_processed":
        return made("表三“(五)不予处理”各项之和", _group_reading(report, "三(五)"))
    if kind == "other":
        return made("表三“(六)其他处理”各项之和", _group_reading(report, "三(六)"))
    if kind == "review":
        return made("表四“行政复议”总计", _review_reading(report, REVIEW, "总计"))
    if kind == "litigation":
        direct, after = _review_reading(report, DIRECT, "总计"), _review_reading(report, AFTER_REVIEW, "总计")
        return made("表四“行政诉讼”两项总计之和", _sum(direct, after), direct, after)
    if kind in ("rules_issued", "rules_valid"):
        column = "本年制发件数" if kind == "rules_issued" else "现行有效件数"
        value = report.active.value("行政规范性文件", column) if report.active is not None else None
        if isinstance(value, float) or value is None:
            return None
        return made(f"表二“行政规范性文件”{column}", Reading(value, True))
    raise ValueError(f"unknown quantity {kind!r}")


#: The outcome kinds whose share of 三(七) the prose may state (GIP502).
OUTCOME_KINDS = ("disclosed", "disclosed_all", "partial", "withheld", "unavailable", "not_processed", "other")
#: The outcome groups each outcome kind covers.
OUTCOME_GROUPS = {
    "disclosed": ("三(一)",), "disclosed_all": ("三(一)", "三(二)"), "partial": ("三(二)",),
    "withheld": ("三(三)",), "unavailable": ("三(四)",), "not_processed": ("三(五)",), "other": ("三(六)",),
}
