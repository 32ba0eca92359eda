"""``gip-lint check PATH…``: lint reports and print diagnostics."""

from __future__ import annotations

import argparse
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
