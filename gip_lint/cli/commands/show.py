"""``gip-lint show PATH…``: print what gip-lint understood of reports.

``text`` (for people) and ``json`` (one object per report) show named files; for corpus
work ``json-lines`` streams one object per line and ``csv`` writes one wide row per report
(:mod:`gip_lint.report.corpus_table`), both recursing into directories like ``check`` and using
``-j`` worker processes.
"""

from __future__ import annotations

import sys

FORMATS = ("text", "json", "json-lines", "csv", "parquet")
TABLE_FORMATS = ("csv", "parquet")  # one wide row per report (as gip_lint.engine.extract.TABLE_FORMATS)


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
        from gip_lint.engine.check import parquet_ready

        parquet_ready(args.output_file)
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
    from gip_lint.engine.check import cluster_for, jobs_for
    from gip_lint.engine.plugins import load_plugins, report_plugin_errors
    from gip_lint.report.summary import Summary

    plugins = load_plugins()
    report_plugin_errors(plugins.errors)
    files = runner.files_to_lint(args.paths, plugins)
    from gip_lint.engine.extract import ShowTask

    task = ShowTask("source-text" if getattr(args, "text", False) else args.format, plugins)
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
