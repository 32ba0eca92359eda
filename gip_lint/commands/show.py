"""``gip-lint show FILE``: print what gip-lint understood of a report."""

from __future__ import annotations

import json
import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("show", help="显示 gip-lint 对报告的理解",
                                   description="显示标题、机关、年份、格式、各部分及三张统计表")
    parser.add_argument("paths", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args) -> int:
    from gip_lint.api import parse_source
    from gip_lint.cli import EXIT_CLEAN, EXIT_FINDINGS
    from gip_lint.linter import read_source
    from gip_lint.plugins import load_plugins
    from gip_lint.rule import Diagnostic

    plugins = load_plugins()
    status = EXIT_CLEAN
    for path in args.paths:
        source = read_source(path, plugins.readers)
        if isinstance(source, Diagnostic):
            print(f"{source.path}:{source.line}:{source.column}: {source.code} {source.message}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        report = in_user_positions(parse_source(source), source)
        if args.format == "json":
            print(json.dumps(report.to_json_dict(), ensure_ascii=False))
        else:
            print(render_text(report))
    return status


def in_user_positions(report, source):
    """The report with section and problem positions in the file the user opened (HTML line
    and column, Word paragraph number) rather than in the text gip-lint generated from it."""
    import attrs

    if source.kind == "text":
        return report
    sections = tuple(attrs.evolve(s, line=line, column=column)
                     for s in report.sections for line, column in [source.origin(s.line, s.column)])
    problems = tuple(attrs.evolve(p, line=line, column=column)
                     for p in report.problems for line, column in [source.origin(p.line, p.column)])
    return attrs.evolve(report, sections=sections, problems=problems)


def render_text(report) -> str:
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
        out.append(f"  {section.number}  第 {section.line} 行  {section.heading}{mark}")
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
        rows = [(APPLICATION_ROW_NAMES.get(key, key)[:18],) + tuple(show(c.value if c else None) for c in cells)
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
