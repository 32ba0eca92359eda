"""One wide row per report (``gip-lint show --format csv``): a corpus becomes one table.

Columns, always the same and in this order (documented in README.md):

- ``path``, ``organ``, ``year``, ``format``
- table 二: ``行政规范性文件/本年制发件数`` …, the 2021 cells, then the 2019 trial format's
- table 三: ``三(一)/自然人`` … for every canonical row key (2021 rows, then 2019's single
  ``三(六)``) × the seven applicant columns
- table 四: ``行政复议/结果维持`` …, ``行政诉讼/复议后起诉/总计``
- ``findings_GIP001`` … one count per code gip-lint knows (plugins' codes included)

A blank or missing cell is an empty field, never 0.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from gip_lint.model.labels import APPLICANT_COLUMNS, APPLICATION_ROWS_2021, FEE_COLUMN, REVIEW_COLUMNS, REVIEW_GROUPS

_DECIDED_2021 = "本年处理决定数量"
_2019_COUNTS = ("上一年项目数量", "本年增/减", "处理决定数量")

ACTIVE_CELLS: tuple[tuple[str, str], ...] = (
    # 2021 format (spec §2)
    *((row, column) for row in ("规章", "行政规范性文件") for column in ("本年制发件数", "本年废止件数", "现行有效件数")),
    ("行政许可", _DECIDED_2021), ("行政处罚", _DECIDED_2021), ("行政强制", _DECIDED_2021),
    ("行政事业性收费", FEE_COLUMN),
    # 2019 trial format (spec §6)
    *((row, column) for row in ("规章", "行政规范性文件") for column in ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    *((row, column) for row in ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制") for column in _2019_COUNTS),
    ("行政事业性收费", "上一年项目数量"), ("行政事业性收费", "本年增/减"),
    ("政府集中采购", "采购项目数量"), ("政府集中采购", "采购总金额"),
)

APPLICATION_KEYS = APPLICATION_ROWS_2021 + ("三(六)",)
FIXED = ("path", "organ", "year", "format")


def header(codes: Sequence[str]) -> list[str]:
    return [*FIXED,
            *(f"{row}/{column}" for row, column in ACTIVE_CELLS),
            *(f"{key}/{column}" for key in APPLICATION_KEYS for column in APPLICANT_COLUMNS),
            *(f"{group}/{column}" for group in REVIEW_GROUPS for column in REVIEW_COLUMNS),
            *(f"findings_{code}" for code in codes)]


def _field(value) -> object:
    return "" if value is None else value


def _exactly(values, count: int) -> list:
    """``count`` values, so every row has the header's shape whatever the table held."""
    values = list(values or ())[:count]
    return values + [None] * (count - len(values))


def row(report, found_codes: Iterable[str], codes: Sequence[str]) -> list:
    """The row of ``report`` (a :class:`gip_lint.model.Report`), with ``found_codes`` counted."""
    data = report.to_json_dict()
    tables = data["tables"]
    active, applications, review = tables["active"], tables["applications"]["rows"], tables["review_litigation"]
    counts: dict[str, int] = {}
    for code in found_codes:
        counts[code] = counts.get(code, 0) + 1
    return [data["path"], _field(data["organ"]), _field(data["year"]), _field(data["format"]),
            *(_field(active.get(r, {}).get(c)) for r, c in ACTIVE_CELLS),
            *(_field(v) for key in APPLICATION_KEYS for v in _exactly(applications.get(key), len(APPLICANT_COLUMNS))),
            *(_field(v) for group in REVIEW_GROUPS for v in _exactly(review.get(group), len(REVIEW_COLUMNS))),
            *(counts.get(code, 0) for code in codes)]
