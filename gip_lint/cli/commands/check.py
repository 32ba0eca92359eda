"""``gip-lint check PATH…``: lint reports and print diagnostics."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(subparsers) -> None:
    from gip_lint.readers import supported_extensions

    parser = subparsers.add_parser("check", help="检查报告文件或目录",
                                   description=f"检查报告（{' '.join(supported_extensions())}；目录递归），"
                                               "输出 path:line:col: CODE message。"
                                               "设置的优先级：默认值 < 插件默认值 < 最近的配置文件 < 命令行")
    parser.add_argument("paths", nargs="*", default=None, metavar="PATH", help="文件或目录；- 表示标准输入")
    rules = parser.add_argument_group("规则选择")
    rules.add_argument("--select", help="只启用这些代码或前缀（逗号分隔，如 GIP2,GIP301）")
    rules.add_argument("--extend-select", dest="extend_select", help="在 select 之外再启用这些代码")
    rules.add_argument("--ignore", help="忽略这些代码或前缀")
    rules.add_argument("--per-file-ignores", dest="per_file_ignores", action="append", metavar="GLOB:CODES",
                       help="对匹配的文件忽略这些代码（可重复，如 drafts/*.txt:GIP206）")
    rules.add_argument("--severity", action="append", metavar="CODE=LEVEL",
                       help="改变某个代码的严重程度（可重复，如 GIP206=error）")
    rules.add_argument("--preview", action="store_true", help="也运行预览规则（Rule.preview；配置键 preview）")
    rules.add_argument("--fail-on", dest="fail_on", choices=("error", "warning", "info"),
                       help="达到此严重程度才以 1 退出（默认 warning）")
    files = parser.add_argument_group("文件与配置")
    files.add_argument("--exclude", action="append", metavar="GLOBS", help="跳过匹配的文件或目录（逗号分隔，可重复）")
    files.add_argument("--force-exclude", dest="force_exclude", action="store_true",
                       help="命令行直接给出的文件也按 exclude 跳过（供 pre-commit 使用）")
    files.add_argument("--config", metavar="FILE", help="对所有文件使用这个配置文件（.gip-lint.toml 或 pyproject.toml）")
    files.add_argument("--isolated", action="store_true", help="不读取任何配置文件")
    files.add_argument("--plugin", action="append", metavar="FILE", help="加载本地插件模块（.py 文件，可重复）")
    files.add_argument("--no-local-plugins", dest="no_local_plugins", action="store_true",
                       help="不加载配置文件列出的本地插件（检查来历不明的目录时使用，见 SECURITY.md）")
    files.add_argument("--require-plugins", dest="require_plugins", metavar="NAME,…",
                       help="这些插件（入口点名或包名，逗号分隔）没有加载时以 2 退出（用于 CI）")
    files.add_argument("--show-settings", dest="show_settings", action="store_true",
                       help="显示适用于 PATH 的设置及每项的来源，不做检查")
    files.add_argument("--max-file-size", dest="max_file_size", type=int, metavar="BYTES",
                       help="超过此大小的文件报告 GIP001 而不解析")
    files.add_argument("--time-limit", dest="time_limit", type=_seconds, metavar="SECONDS",
                       help="读取和检查一个文件最多用时（默认 20 秒；0 表示不限），超时报告 GIP001 并继续下一个文件")
    files.add_argument("--stdin-filename", dest="stdin_filename", help="从标准输入读取时使用的文件名")
    files.add_argument("--previous", metavar="FILE",
                       help="同一机关上一年度的报告，用于跨年度核对（GIP506–GIP508）；只能检查一份报告。"
                            "不给出时，同一次检查中同一机关相邻两年的报告自动配对")
    output = parser.add_argument_group("输出")
    output.add_argument("--format", help="输出格式：default, full, json, json-lines, sarif, github, "
                                              "xlsx（须 --output-file）, html（审阅网页）, parquet（须 --output-file）（插件可增加）")
    output.add_argument("--show-source", dest="show_source", action="store_true", help="同 --format full")
    output.add_argument("--output-file", dest="output_file", metavar="FILE", help="把输出写入文件而不是标准输出")
    output.add_argument("--statistics", action="store_true", help="在最后列出每个代码的数量")
    output.add_argument("--count", action="store_true", help="在最后打印问题总数")
    output.add_argument("--exit-zero", dest="exit_zero", action="store_true",
                        help="有问题也以 0 退出（规则出错 GIP999 除外）")
    baseline = parser.add_argument_group("基线（已审阅的问题）")
    baseline.add_argument("--baseline", metavar="FILE", help="不再报告基线文件中记录的问题，只报告新问题")
    baseline.add_argument("--write-baseline", dest="write_baseline", metavar="FILE",
                          help="把当前的全部问题记录到基线文件，以 0 退出")
    add_corpus_options(parser)
    cache = parser.add_argument_group("结果缓存")
    cache.add_argument("--cache-dir", dest="cache_dir", metavar="DIR",
                       help="把每个文件的检查结果缓存在此目录：内容、设置和插件版本都未变的文件不再检查（默认不缓存）")
    cache.add_argument("--no-cache", dest="no_cache", action="store_true", help="不读也不写缓存（覆盖配置中的 cache-dir）")


def add_corpus_options(parser) -> None:
    """``-j`` and the end-of-run summary (shared with ``show``)."""
    corpus = parser.add_argument_group("整批检查")
    corpus.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="并行检查的进程数（默认：CPU 核数；1 表示不并行）")
    corpus.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="在这个 Dask distributed 集群上检查（需要 gip-lint[corpus]；工作进程须能以相同路径读到文件）")
    corpus.add_argument("--summary", action=argparse.BooleanOptionalAction, default=None,
                        help="在标准错误输出末尾打印汇总：文件数、识别为报告的份数、各代码的问题数"
                             "（默认：20 个文件以上时打印）")


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{value}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value}")
    return jobs


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为秒数：{value}") from None
    if not seconds >= 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"应为不小于 0 的秒数：{value}")
    return seconds


def jobs_for(args) -> int:
    from gip_lint.engine.parallel import default_jobs

    return args.jobs if args.jobs is not None else default_jobs()


def cluster_for(args):
    """The Dask client for ``--scheduler`` (None without it); exit 2 when it cannot connect."""
    if not getattr(args, "scheduler", None):
        return None
    from gip_lint.cli.main import UsageError
    from gip_lint.engine.distributed import ClusterError, connect

    try:
        return connect(args.scheduler)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from gip_lint.cli.main import UsageError

    try:
        return _run(args)
    except Exception as exc:
        # Imported only here: the baseline module (json, hashlib) is not needed by a plain check.
        from gip_lint.report.baseline import BaselineError
        from gip_lint.config.files import ConfigError

        if isinstance(exc, (ConfigError, BaselineError)):
            raise UsageError(str(exc)) from None
        raise


def _run(args: argparse.Namespace) -> int:
    import attrs

    from gip_lint.engine import runner
    from gip_lint.cli.main import EXIT_CLEAN, EXIT_FINDINGS, UsageError
    from gip_lint.config.files import Resolver, project_root
    from gip_lint.engine.core_codes import RULE_CRASHED
    from gip_lint.formatters import FormatContext
    from gip_lint.rule import SEVERITY_RANK
    from gip_lint.config.settings import from_args

    try:
        cli = from_args(args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not args.paths:
        raise UsageError("请给出要检查的文件或目录（- 表示标准输入）")
    if args.config and not os.path.isfile(args.config):
        raise UsageError(f"配置文件不存在：{args.config}")
    resolver = Resolver(cli, config_path=args.config, isolated=args.isolated, stdin_filename=args.stdin_filename,
                        local_plugins=not args.no_local_plugins)
    if args.show_settings:
        return _show_settings(resolver, args.paths)

    # The format is chosen once per run: from the configuration of the first PATH.
    first = args.paths[0]
    settings = resolver.settings_for(first)
    plugins = resolver.plugins_for(first)
    _require_plugins(plugins, settings.require_plugins, resolver)
    formatters = {f.name: f for f in plugins.formatters}
    if settings.format not in formatters:
        where = settings.source.get("format", "")
        raise UsageError(f"未知的输出格式：{settings.format}（来自 {where}；可用：{', '.join(sorted(formatters))}）")
    formatter = formatters[settings.format]
    if formatter.name == "parquet":
        _parquet_ready(args.output_file)

    paths = args.paths
    if args.force_exclude:
        paths = [p for p in paths if (p == "-" and not args.stdin_filename) or os.path.isdir(p)
                 or not resolver.is_excluded(resolver.lookup_path(p))]

    accepted = None
    if args.baseline and not args.write_baseline:
        from gip_lint.report.baseline import load_baseline

        accepted = load_baseline(args.baseline)  # before linting: a bad file fails fast

    from gip_lint.report.summary import Summary
    from gip_lint.report.suppression import apply_suppressions

    files = runner.files_to_lint(paths, plugins, resolver)
    if paths and not files and not runner.files_to_lint(paths, plugins):
        # Never a silent all-clear; files left out by `exclude` (or --force-exclude) are a choice.
        raise UsageError(f"没有找到可检查的报告文件：{'、'.join(paths)}（支持 {' '.join(runner.supported_extensions(tuple(plugins.readers)))}）")
    if args.previous and paths:
        from gip_lint.engine.pairing import check_with_previous

        try:
            results = check_with_previous(paths, args.previous, settings, plugins, resolver)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    else:
        results = runner.run(paths, settings, plugins, resolver, jobs=jobs_for(args), files=files,
                             cache_dir=None if args.no_cache else settings.cache_dir,
                             cluster=cluster_for(args))
    run_summary = Summary()
    diagnostics = []
    for result in results:
        run_summary.add(result.diagnostics)
        file_settings = resolver.settings_for(result.path)
        found = apply_suppressions(result.path, result.diagnostics, resolver.selection_for(file_settings, result.path))
        if result.path == "-" and args.stdin_filename:
            found = [attrs.evolve(d, path=args.stdin_filename) for d in found]
        diagnostics.extend((d, SEVERITY_RANK[file_settings.fail_on]) for d in found)
    from gip_lint.engine.plugins import report_plugin_errors

    report_plugin_errors(resolver.plugin_errors)
    diagnostics.sort(key=lambda pair: pair[0])  # by path, then position, then code (flake8's order)

    root = project_root()
    found = [d for d, _ in diagnostics]
    if args.write_baseline:
        from gip_lint.report.baseline import write_baseline

        count = write_baseline(args.write_baseline, found, root)
        print(f"gip-lint: 已把 {count} 个问题记录到基线文件 {args.write_baseline}", file=sys.stderr)
        return EXIT_CLEAN
    if accepted is not None:
        from gip_lint.report.baseline import apply_baseline

        from gip_lint.report.baseline import stale_entries, unmatched

        kept = apply_baseline(found, accepted, root)
        thresholds = {id(d): t for d, t in diagnostics}
        diagnostics = [(d, thresholds[id(d)]) for d in kept]
        if resolver.selection_for(settings, args.baseline)("GIP010"):
            stale = stale_entries(args.baseline, unmatched(found, accepted, root), root, files)
            diagnostics += [(d, SEVERITY_RANK[settings.fail_on]) for d in stale]
            kept = kept + stale
        found = kept
    failing = any(SEVERITY_RANK.get(d.severity, 2) >= threshold for d, threshold in diagnostics)

    source_line, source_at = _source_lines(args.stdin_filename)
    context = FormatContext(rules=resolver.all_rules(), source_line=source_line, root=root, source_at=source_at,
                            files=files)
    output = formatter.render(found, context) if formatter.name != "parquet" else None
    summary = _summary(found, context, args)
    if isinstance(output, bytes) and not args.output_file:
        raise UsageError(f"--format {settings.format} 生成的是文件，请用 --output-file 指定写到哪里（如 --output-file 结果.{settings.format}）")
    if output is None:
        from gip_lint.formatters.parquet import write_findings

        try:
            write_findings(found, context, args.output_file)
        except OSError as exc:
            raise UsageError(f"无法写入输出文件 {args.output_file}：{exc.strerror or exc}") from None
        sys.stdout.write(summary)
    elif args.output_file:
        try:
            with open(args.output_file, "wb") as handle:
                handle.write(output if isinstance(output, bytes) else output.encode("utf-8"))
        except OSError as exc:
            raise UsageError(f"无法写入输出文件 {args.output_file}：{exc.strerror or exc}") from None
        sys.stdout.write(summary)
    else:
        sys.stdout.write(output)
        # Machine formats stay parseable on stdout: human extras go to stderr.
        (sys.stderr if formatter.machine else sys.stdout).write(summary)
    sys.stdout.flush()
    if run_summary.wanted(args.summary, len(files)):
        sys.stderr.write(run_summary.render())
    # A crashing rule is a gip-lint defect, not a finding to waive: --exit-zero does not hide it
    # (ignoring GIP999 itself does, since it is then never reported).
    crashed = any(d.code == RULE_CRASHED.code for d in found)
    return EXIT_FINDINGS if crashed or (failing and not args.exit_zero) else EXIT_CLEAN


def _parquet_ready(output_file) -> None:
    """Parquet needs a file and pyarrow: said before any file is linted (exit 2)."""
    from gip_lint.cli.main import UsageError
    from gip_lint.formatters.parquet import MissingPyarrow, require_pyarrow

    try:
        require_pyarrow()
        if not output_file:
            raise MissingPyarrow("--format parquet 需要 --output-file FILE（Parquet 是二进制格式）")
    except MissingPyarrow as exc:
        raise UsageError(str(exc)) from None


def _summary(diagnostics, context, args) -> str:
    from gip_lint.formatters.statistics import statistics_table

    text = statistics_table(diagnostics, context) if args.statistics else ""
    if args.count:
        text += f"{len(diagnostics)}\n"
    return text


def _require_plugins(plugins, names, resolver) -> None:
    """``require-plugins`` (option or configuration): a named plugin that is missing or failed
    to load is fatal (exit 2)."""
    from gip_lint.cli.main import UsageError
    from gip_lint.engine.plugins import missing_required, report_plugin_errors

    missing = missing_required(plugins, list(names))
    if missing:
        report_plugin_errors(resolver.plugin_errors)
        raise UsageError(f"要求的插件没有加载：{', '.join(missing)}（用 pip 安装它，或看上面的插件错误）")


def _source_lines(stdin_filename):
    """``source_line(path, line)`` and ``source_at(path, line, column)`` for the ``full`` format:
    reads each file once, lazily."""
    from functools import lru_cache

    from gip_lint.engine.linter import read_source
    from gip_lint.report.source_lines import SourceLines

    @lru_cache(maxsize=64)
    def lines_of(path: str):
        if path == "-" or path == stdin_filename:
            return None  # standard input was consumed
        source = read_source(path)
        return SourceLines(source) if hasattr(source, "original_line") else None

    def source_line(path: str, line: int) -> str:
        source = lines_of(path)
        return source.at(line, 1)[0] if source is not None else ""

    def source_at(path: str, line: int, column: int) -> tuple[str, int]:
        source = lines_of(path)
        return source.at(line, column) if source is not None else ("", column)

    return source_line, source_at


def _show_settings(resolver, paths) -> int:
    import json

    from gip_lint.cli.main import EXIT_CLEAN
    from gip_lint.config.files import FIELD_KEYS, ignored_codes
    from gip_lint.config.settings import FIELDS

    for path in paths:
        settings = resolver.settings_for(path)
        print(f"{path} 适用的设置：")
        rows = [("配置文件", settings.config_file or "（没有）", ""),
                ("路径相对于", settings.base_dir, settings.source.get("base_dir", ""))]
        for field in FIELDS:
            if field in ("source", "config_file", "base_dir"):
                continue
            value = getattr(settings, field)
            if field == "per_file_ignores":
                value = {glob: list(codes) for glob, codes in value}
            shown = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
            rows.append((FIELD_KEYS.get(field, field), shown, settings.source.get(field, "")))
        matched = ignored_codes(settings, resolver.lookup_path(path))
        rows.append(("（此文件忽略）", json.dumps(list(matched), ensure_ascii=False), "per-file-ignores"))
        from gip_lint.formatters.statistics import display_width, pad

        width = max(display_width(key) for key, _, _ in rows) + 2
        for key, value, where in rows:
            print(f"  {pad(key, width)}{value}" + (f"    # {where}" if where else ""))
    from gip_lint.engine.plugins import report_plugin_errors

    report_plugin_errors(resolver.plugin_errors)
    return EXIT_CLEAN
