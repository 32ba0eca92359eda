"""The quantities the prose may state, read from the tables (spec §5 N1).

Each quantity has the values a correct sentence may give (``received`` may be 一 or 一 + 二),
and the name of the table cell(s) it comes from, for messages.  A quantity whose cells are
missing has no values: nothing is compared.  With blank cells the tables say only "at least"
(:mod:`gip_lint.model.readings`); asked for (``bounds=True``), such readings are lower
bounds a sentence must not fall below.
"""

from __future__ import annotations

from typing import Optional

import attrs

from gip_lint.model.document import Report
from gip_lint.model.labels import REVIEW_GROUPS
from gip_lint.model.readings import Reading, add, group_total, review_cell, row_total

REVIEW, DIRECT, AFTER_REVIEW = REVIEW_GROUPS


@attrs.frozen
class Quantity:
    values: tuple[int, ...]  # what a correct sentence may say (first: the usual reading)
    source: str  # where the table says it, for the message
    # Readings with blank cells: the table says only "at least this many" (blanks are counts
    # ≥ 0, never negative), so a sentence giving less contradicts it whatever the blanks hold.
    at_least: tuple[int, ...] = ()

    def contradicts(self, stated) -> bool:
        return stated not in self.values and all(stated < low for low in self.at_least)


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
    table, review = report.applications, report.review_litigation

    def row(key: str) -> Optional[Reading]:
        return row_total(table, key)

    def group(key: str) -> Optional[Reading]:
        return group_total(table, key)

    new, carried_in = row("一"), row("二")
    disclosed, partial = group("三(一)"), group("三(二)")

    def made(source: str, *candidates: Optional[Reading]) -> Optional[Quantity]:
        return _quantity(source, *candidates, bounds=bounds)

    if kind == "received":
        return made("表三“一、本年新收政府信息公开申请数量”总计", new, add(new, carried_in))
    if kind == "carried_in":
        return made("表三“二、上年结转政府信息公开申请数量”总计", carried_in)
    if kind == "handled":
        return made("表三“(七)总计”", row("三(七)"))
    if kind == "carried_out":
        return made("表三“四、结转下年度继续办理”总计", row("四"))
    if kind == "disclosed":
        return made("表三“(一)予以公开”总计", disclosed, add(disclosed, partial))
    if kind == "disclosed_all":
        return made("表三“(一)予以公开”与“(二)部分公开”之和", add(disclosed, partial))
    if kind == "partial":
        return made("表三“(二)部分公开”总计", partial)
    if kind == "withheld":
        return made("表三“(三)不予公开”各项之和", group("三(三)"))
    if kind == "unavailable":
        return made("表三“(四)无法提供”各项之和", group("三(四)"))
    if kind == "not_processed":
        return made("表三“(五)不予处理”各项之和", group("三(五)"))
    if kind == "other":
        return made("表三“(六)其他处理”各项之和", group("三(六)"))
    if kind == "review":
        return made("表四“行政复议”总计", review_cell(review, REVIEW, "总计"))
    if kind == "litigation":
        direct, after = review_cell(review, DIRECT, "总计"), review_cell(review, AFTER_REVIEW, "总计")
        return made("表四“行政诉讼”两项总计之和", add(direct, after), direct, after)
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
GROUPS_OF_KIND = {
    "disclosed": ("三(一)",), "disclosed_all": ("三(一)", "三(二)"), "partial": ("三(二)",),
    "withheld": ("三(三)",), "unavailable": ("三(四)",), "not_processed": ("三(五)",), "other": ("三(六)",),
}
