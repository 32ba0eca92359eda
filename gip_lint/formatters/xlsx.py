"""``xlsx``: an Excel workbook for the office that reviews many reports.

Sheet 1 has one row per finding, sheet 2 one row per report with its counts per severity.
Headers are frozen and columns sized by display width (a Chinese character takes two cells).
openpyxl is the optional extra ``gip-lint[xlsx]``: only this format needs it, and a plain
check must not pay for importing it.
"""

from __future__ import annotations

import io
from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.formatters.reports import SEVERITY_NAMES, read_report, run_files, severity_counts, suggestion, where
from gip_lint.rule import Diagnostic

FINDING_HEADER = ("文件", "机关", "年度", "页", "行", "列", "代码", "规则", "严重程度", "问题", "建议值")
REPORT_HEADER = ("文件", "机关", "年度", "文件格式", "报告格式", "错误", "警告", "提示", "合计")
MAX_WIDTH = 80  # a long message wraps rather than making a column a screen wide


def display_width(value) -> int:
    from wcwidth import wcswidth

    text = "" if value is None else str(value)
    width = wcswidth(text)
    return width if width >= 0 else len(text) * 2  # control characters: count generously


def _sheet(workbook, title: str, header: Sequence[str], rows: list, first: bool):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        widest = max([display_width(name)] + [display_width(row[index - 1]) for row in rows])
        sheet.column_dimensions[get_column_letter(index)].width = min(widest + 2, MAX_WIDTH)
    return sheet


def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError:
        from gip_lint.engine.errors import UsageError

        raise UsageError("--format xlsx 需要 openpyxl：pip install openpyxl（或在 gip-lint 的克隆目录中 pip install '.[xlsx]'）") from None

    files = run_files(diagnostics, context.files)
    reports = {path: read_report(path) for path in files}
    findings = []
    for d in diagnostics:
        report = reports.get(d.path)
        page, line, column = where(d)
        rule = context.rules.get(d.code)
        findings.append((context.relative_path(d.path), getattr(report, "organ", None) or "",
                         getattr(report, "year", None), page, line, column, d.code,
                         d.rule or (rule.name if rule else ""), SEVERITY_NAMES.get(d.severity, d.severity),
                         d.message, suggestion(d)))
    summary = []
    for path in files:
        report = reports[path]
        counts = severity_counts([d for d in diagnostics if d.path == path])
        summary.append((context.relative_path(path), getattr(report, "organ", None) or "",
                        getattr(report, "year", None), getattr(report, "kind", None) or "无法读取",
                        getattr(report, "format", None) or "", counts["error"], counts["warning"], counts["info"],
                        sum(counts.values())))
    workbook = Workbook()
    _sheet(workbook, "问题", FINDING_HEADER, findings, first=True)
    _sheet(workbook, "报告", REPORT_HEADER, summary, first=False)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX = Formatter("xlsx", "Excel 工作簿（须 --output-file）：问题表一行一个问题，报告表一行一份报告", render)
