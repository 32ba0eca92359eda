"""The quantities the prose may state, read from the tables (spec §5 N1).

Each quantity has the values a correct sentence may give (``received`` may be 一 or 一 + 二),
and the name of the table cell(s) it comes from, for messages.  A quantity whose cells are
blank or missing has no values: nothing is compared.
"""

from __future__ import annotations

from typing import Optional

import attrs

from gip_lint.model.document import Report

TOTAL = 6  # the 总计 column of table 三
REVIEW = "行政复议"
DIRECT = "行政诉讼/未经复议直接起诉"
AFTER_REVIEW = "行政诉讼/复议后起诉"
REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@attrs.frozen
class Quantity:
    values: tuple[int, ...]  # what a correct sentence may say (first: the usual reading)
    source: str  # where the table says it, for the message


def _row_total(report: Report, key: str) -> Optional[int]:
    table = report.applications
    if table is None or key not in table.rows:
        return None
    cells = table.rows[key]
    cell = cells[TOTAL] if len(cells) > TOTAL else None
    if cell is None or cell.value is None or isinstance(cell.value, float):
        return None
    return cell.value


def group_total(report: Report, group: str) -> Optional[int]:
    """Σ of an outcome group of table 三 (三(三) = 三(三)1 + … + 三(三)8), total column."""
    table = report.applications
    if table is None:
        return None
    if group in table.rows:
        return _row_total(report, group)
    keys = [key for key in table.rows if key.startswith(group) and key != group]
    if not keys:
        return None
    values = [_row_total(report, key) for key in keys]
    return None if any(v is None for v in values) else sum(values)


def review_cell(report: Report, group: str, column: str) -> Optional[int]:
    table = report.review_litigation
    if table is None or group not in table.groups:
        return None
    cells = table.groups[group]
    index = REVIEW_COLUMNS.index(column)
    cell = cells[index] if len(cells) > index else None
    if cell is None or cell.value is None or isinstance(cell.value, float):
        return None
    return cell.value


def _sum(*values: Optional[int]) -> Optional[int]:
    return None if any(v is None for v in values) else sum(values)


def _quantity(source: str, *candidates: Optional[int]) -> Optional[Quantity]:
    values = tuple(dict.fromkeys(v for v in candidates if v is not None))
    if not values or candidates[0] is None:
        return None
    return Quantity(values, source)


def quantity(report: Report, kind: str) -> Optional[Quantity]:
    """The table's value(s) for one kind of prose quantity, or None when it cannot be known."""
    new, carried_in = _row_total(report, "一"), _row_total(report, "二")
    disclosed, partial = group_total(report, "三(一)"), group_total(report, "三(二)")
    if kind == "received":
        return _quantity("表三“一、本年新收政府信息公开申请数量”总计", new, _sum(new, carried_in))
    if kind == "carried_in":
        return _quantity("表三“二、上年结转政府信息公开申请数量”总计", carried_in)
    if kind == "handled":
        return _quantity("表三“(七)总计”", _row_total(report, "三(七)"))
    if kind == "carried_out":
        return _quantity("表三“四、结转下年度继续办理”总计", _row_total(report, "四"))
    if kind == "disclosed":
        return _quantity("表三“(一)予以公开”总计", disclosed, _sum(disclosed, partial))
    if kind == "disclosed_all":
        return _quantity("表三“(一)予以公开”与“(二)部分公开”之和", _sum(disclosed, partial))
    if kind == "partial":
        return _quantity("表三“(二)部分公开”总计", partial)
    if kind == "withheld":
        return _quantity("表三“(三)不予公开”各项之和", group_total(report, "三(三)"))
    if kind == "unavailable":
        return _quantity("表三“(四)无法提供”各项之和", group_total(report, "三(四)"))
    if kind == "not_processed":
        return _quantity("表三“(五)不予处理”各项之和", group_total(report, "三(五)"))
    if kind == "other":
        return _quantity("表三“(六)其他处理”各项之和", group_total(report, "三(六)"))
    if kind == "review":
        return _quantity("表四“行政复议”总计", review_cell(report, REVIEW, "总计"))
    if kind == "litigation":
        direct, after = review_cell(report, DIRECT, "总计"), review_cell(report, AFTER_REVIEW, "总计")
        return _quantity("表四“行政诉讼”两项总计之和", _sum(direct, after), direct, after)
    if kind in ("rules_issued", "rules_valid"):
        column = "本年制发件数" if kind == "rules_issued" else "现行有效件数"
        value = report.active.value("行政规范性文件", column) if report.active is not None else None
        if isinstance(value, float):
            return None
        return _quantity(f"表二“行政规范性文件”{column}", value)
    raise ValueError(f"unknown quantity {kind!r}")


#: The outcome kinds whose share of 三(七) the prose may state (GIP502).
OUTCOME_KINDS = ("disclosed", "disclosed_all", "partial", "withheld", "unavailable", "not_processed", "other")
#: The outcome groups each outcome kind covers.
OUTCOME_GROUPS = {
    "disclosed": ("三(一)",), "disclosed_all": ("三(一)", "三(二)"), "partial": ("三(二)",),
    "withheld": ("三(三)",), "unavailable": ("三(四)",), "not_processed": ("三(五)",), "other": ("三(六)",),
}
