"""``gip-lint check PATH…``: lint reports and print diagnostics."""

from __future__ import annotations

import argparse
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
    """The phases of :class:`gip_lint.engine.check.Check`; what they return goes to stdout,
    stderr or ``--output-file``."""
    from gip_lint.cli.main import EXIT_CLEAN, EXIT_FINDINGS
    from gip_lint.engine.check import Check

    check = Check(args)
    if args.show_settings:
        check.show_settings(sys.stdout)
        return EXIT_CLEAN
    check.load_plugins()
    check.discover()
    check.lint()
    if args.write_baseline:
        count = check.write_baseline()
        print(f"gip-lint: 已把 {count} 个问题记录到基线文件 {args.write_baseline}", file=sys.stderr)
        return EXIT_CLEAN
    check.apply_baseline()
    output, extras = check.render()
    if output is None:  # Parquet: written from the diagnostics, not rendered
        _to_file(args.output_file, check.write_parquet)
        sys.stdout.write(extras)
    elif args.output_file:
        data = output if isinstance(output, bytes) else output.encode("utf-8")
        _to_file(args.output_file, lambda path: _write_bytes(path, data))
        sys.stdout.write(extras)
    else:
        sys.stdout.write(output)
        # Machine formats stay parseable on stdout: human extras go to stderr.
        (sys.stderr if check.formatter.machine else sys.stdout).write(extras)
    sys.stdout.flush()
    sys.stderr.write(check.summary())
    return EXIT_FINDINGS if check.failed() else EXIT_CLEAN


def _to_file(path: str, write) -> None:
    from gip_lint.cli.main import UsageError

    try:
        write(path)
    except OSError as exc:
        raise UsageError(f"无法写入输出文件 {path}：{exc.strerror or exc}") from None


def _write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
