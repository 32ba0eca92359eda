"""The stable JSON shape of a report (``gip-lint show --format json``; documented in README)."""

from __future__ import annotations

from gip_lint.model.document import Report
from gip_lint.model.labels import APPLICANT_COLUMNS, REVIEW_GROUPS


def _values(cells) -> list:
    return [cell.value if cell is not None else None for cell in cells]


def report_to_json(report: Report) -> dict:
    active: dict = {}
    if report.active is not None:
        for item in report.active.items:
            active.setdefault(item.label, {}).update(
                {column: cell.value for column, cell in item.cells.items()})
    applications = {"columns": list(APPLICANT_COLUMNS), "rows": {}}
    if report.applications is not None:
        applications["rows"] = {key: _values(cells) for key, cells in report.applications.rows.items()}
    review: dict = {}
    if report.review_litigation is not None:
        review = {group: _values(report.review_litigation.groups[group])
                  for group in REVIEW_GROUPS if group in report.review_litigation.groups}
    return {
        "path": report.path,
        "title": report.title,
        "organ": report.organ,
        "year": report.year,
        "format": report.format,
        "sections": [{"number": s.number, "heading": s.heading, "line": s.line} for s in report.sections],
        "tables": {"active": active, "applications": applications, "review_litigation": review},
        "parse_problems": [{"line": p.line, "column": p.column, "message": p.message} for p in report.problems],
    }
