"""``gip-lint show --format text``: what gip-lint understood of a report, for people."""

from __future__ import annotations


def render_text(report, page=None) -> str:
    """``page``: (line, column) → page of a PDF, which the sections then name too."""
    from tabulate import tabulate

    from gip_lint.model.labels import APPLICANT_COLUMNS, APPLICATION_ROW_NAMES, REVIEW_COLUMNS

    def show(value):
        return "（空）" if value is None else value

    out = [f"文件：{report.path}",
           f"标题：{report.title or '（未找到）'}",
           f"机关：{report.organ or '（未识别）'}",
           f"年份：{report.year or '（未识别）'}",
           f"格式：{report.format or '（无法判断）'}",
           f"是否年度报告：{'是' if report.is_report else '否'}",
           "",
           "部分："]
    for section in report.sections:
        mark = "" if section.standard else "  （措辞非标准）"
        where = f"第 {section.line} 行" + (f"（第 {page(section.line, section.column)} 页）" if page else "")
        out.append(f"  {section.number}  {where}  {section.heading}{mark}")
    if not report.sections:
        out.append("  （未找到）")
    out += ["", "表二 主动公开政府信息情况："]
    if report.active is None:
        out.append("  （未找到）")
    else:
        rows = [(item.block, item.label, "；".join(f"{k}={show(c.value)}" for k, c in item.cells.items()))
                for item in report.active.items]
        out.append(tabulate(rows, headers=("项", "信息内容", "数值")))
    out += ["", "表三 收到和处理政府信息公开申请情况："]
    if report.applications is None:
        out.append("  （未找到）")
    else:
        rows = [(APPLICATION_ROW_NAMES.get(key, key),) + tuple(show(c.value if c else None) for c in cells)
                for key, cells in report.applications.rows.items()]
        out.append(tabulate(rows, headers=("行",) + APPLICANT_COLUMNS))
    out += ["", "表四 政府信息公开行政复议、行政诉讼情况："]
    if report.review_litigation is None:
        out.append("  （未找到）")
    else:
        rows = [(group,) + tuple(show(c.value if c else None) for c in cells)
                for group, cells in report.review_litigation.groups.items()]
        out.append(tabulate(rows, headers=("组",) + REVIEW_COLUMNS))
    if report.problems:
        out += ["", "未能读懂的部分（GIP003）："]
        out += [f"  第 {p.line} 行第 {p.column} 列：{p.message}" for p in report.problems]
    return "\n".join(out)
