"""``gip-lint check PATH…``: lint reports and print diagnostics."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(subparsers) -> None:
    from gip_lint.config.options import add_arguments
    from gip_lint.readers import supported_extensions

    parser = subparsers.add_parser("check", help="检查报告文件或目录",
                                   description=f"检查报告（{' '.join(supported_extensions())}；目录递归），"
                                               "输出 path:line:col: CODE message。"
                                               "设置的优先级：默认值 < 插件默认值 < 最近的配置文件 < 命令行")
    parser.add_argument("paths", nargs="*", default=None, metavar="PATH", help="文件或目录；- 表示标准输入")
    add_arguments(parser)  # every option, configuration keys and command-line-only flags alike


def add_corpus_options(parser) -> None:
    """``-j`` and the end-of-run summary (shared with ``show``)."""
    from gip_lint.config.options import CORPUS, add_arguments

    add_arguments(parser, groups=(CORPUS,))


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
