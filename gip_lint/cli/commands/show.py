"""``gip-lint show PATH…``: print what gip-lint understood of reports.

``text`` (for people) and ``json`` (one object per report) show named files; for corpus
work ``json-lines`` streams one object per line and ``csv`` writes one wide row per report
(:mod:`gip_lint.report.corpus_table`), both recursing into directories like ``check`` and using
``-j`` worker processes.
"""

from __future__ import annotations

import sys

FORMATS = ("text", "json", "json-lines", "csv", "parquet")
TABLE_FORMATS = ("csv", "parquet")  # one wide row per report (gip_lint.report.corpus_table)


def add_parser(subparsers) -> None:
    from gip_lint.cli.commands.check import add_corpus_options

    parser = subparsers.add_parser("show", help="显示 gip-lint 对报告的理解",
                                   description="显示标题、机关、年份、格式、各部分及三张统计表；"
                                               "json-lines 与 csv 适合整批报告（目录递归）的数据提取")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或目录")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text（默认）、json、json-lines（每行一个 JSON 对象）、csv（每份报告一行）、"
                             "parquet（列同 csv，需要 --output-file 和 pyarrow）")
    parser.add_argument("--output-file", dest="output_file", metavar="FILE", help="把输出写入文件（parquet 必须）")
    parser.add_argument("--text", action="store_true",
                        help="打印 gip-lint 从文件读出的报告文本（PDF 的诊断行号、列号即此文本中的位置）")
    parser.add_argument("--bom", action="store_true",
                        help="csv 以 UTF-8 BOM 开头（中文 Windows 上的 Excel 据此识别编码，否则显示乱码）")
    add_corpus_options(parser)


def run(args) -> int:
    from gip_lint.cli.main import UsageError

    if args.format == "parquet":
        from gip_lint.cli.commands.check import _parquet_ready

        _parquet_ready(args.output_file)
    try:
        to_file = args.output_file and args.format != "parquet"
        out = open(args.output_file, "w", encoding="utf-8", newline="") if to_file else sys.stdout
    except OSError as exc:
        raise UsageError(f"无法写入输出文件 {args.output_file}：{exc.strerror or exc}") from None
    try:
        return _run(args, out)
    finally:
        if out is not sys.stdout:
            out.close()


def _run(args, out) -> int:
    from gip_lint.engine import runner
    from gip_lint.cli.main import EXIT_CLEAN, EXIT_FINDINGS, UsageError
    from gip_lint.cli.commands.check import jobs_for
    from gip_lint.engine.plugins import load_plugins, report_plugin_errors
    from gip_lint.report.summary import Summary

    plugins = load_plugins()
    report_plugin_errors(plugins.errors)
    files = runner.files_to_lint(args.paths, plugins)
    task = _Task("source-text" if getattr(args, "text", False) else args.format, plugins)
    summary = Summary()
    status = EXIT_CLEAN
    if args.format == "csv":
        import csv

        from gip_lint.report.corpus_table import header

        if args.bom:
            out.write("\ufeff")  # UTF-8 text: the BOM's three bytes
        writer = csv.writer(out)
        writer.writerow(header(task.codes))
    elif args.format == "parquet":
        from gip_lint.report.corpus_table import header
        from gip_lint.formatters.parquet import ReportWriter

        try:
            writer = ReportWriter(args.output_file, header(task.codes))
        except OSError as exc:
            raise UsageError(f"无法写入输出文件 {args.output_file}：{exc.strerror or exc}") from None
    show_progress = None if args.format in ("json-lines", *TABLE_FORMATS) else False
    from gip_lint.engine import progress

    show_progress = progress.wanted(len(files)) if show_progress is None else show_progress
    from gip_lint.cli.commands.check import cluster_for

    cluster = cluster_for(args)
    if cluster is not None:
        from uuid import uuid4

        from gip_lint.engine.distributed import ShowWork

        task = ShowWork(uuid4().hex, args.format)
    for path, output, codes, error in runner.map_paths(task, files, jobs_for(args), show_progress,
                                                       on_crash=_crashed, cluster=cluster):
        summary.add(codes)
        if error:
            print(error, file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        if args.format in TABLE_FORMATS:
            writer.writerow(output)
        else:
            print(output, file=out)
    if args.format == "parquet":
        writer.close()
    out.flush()
    if summary.wanted(args.summary, len(files)):
        sys.stderr.write(summary.render(findings=args.format in TABLE_FORMATS))
    return status


def _crashed(path: str, message: str):
    from gip_lint.engine.runner import crashed

    diag = crashed(path, message).diagnostics[0]
    return path, None, [diag.code], f"{path}:1:1: {diag.code} {diag.message}"


class _Task:
    """Read one file and render it in the chosen format (runs in a worker with ``-j``).

    Returns (path, output, codes found, error message); only ``csv`` runs the rules, for
    its per-code counts.
    """

    def __init__(self, form: str, plugins):
        self.form, self.plugins = form, plugins
        self.codes = [rule.code for rule in plugins.rules]

    def __call__(self, path: str):
        from gip_lint.api import parse_source
        from gip_lint.engine.core_codes import NOT_A_REPORT
        from gip_lint.engine.linter import lint_source, read_source
        from gip_lint.rule import Diagnostic

        source = read_source(path, self.plugins.readers)
        if isinstance(source, Diagnostic):
            return (path, None, [source.code],
                    f"{source.path}:{source.line}:{source.column}: {source.code} {source.message}")
        if self.form == "source-text":  # show --text: the text the grammar reads, line for line
            return path, source.original.rstrip("\n"), [], None
        if self.form in TABLE_FORMATS:
            from gip_lint.report.corpus_table import row

            result = lint_source(source, self.plugins.rules)
            report = result.report
            codes = [d.code for d in result.diagnostics]
            if report is None:  # the parser failed: lint_source reported it
                return path, None, codes, f"{path}:1:1: {codes[0] if codes else ''} 报告未能解析"
            return path, row(report, codes, self.codes), codes, None
        report = in_user_positions(parse_source(source), source)
        codes = [] if report.is_report else [NOT_A_REPORT.code]
        page = source.page if source.kind == "pdf" else None  # a PDF's sections are named by page too
        if self.form == "text":
            output = render_text(report, page)
        else:
            import json

            data = report.to_json_dict()
            if page is not None:
                for section, entry in zip(report.sections, data["sections"]):
                    entry["page"] = page(section.line, section.column)
            output = json.dumps(data, ensure_ascii=False)
        return path, output, codes, None


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
