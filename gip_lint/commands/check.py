"""``gip-lint check PATH…``: lint reports and print diagnostics."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("check", help="检查报告文件或目录",
                                   description="检查报告（.txt .md，目录递归），输出 path:line:col: CODE message")
    parser.add_argument("paths", nargs="*", default=None, metavar="PATH", help="文件或目录；- 表示标准输入")
    parser.add_argument("--select", help="只启用这些代码或前缀（逗号分隔，如 GIP2,GIP301）")
    parser.add_argument("--extend-select", dest="extend_select", help="在默认之外再启用这些代码")
    parser.add_argument("--ignore", help="忽略这些代码或前缀")
    parser.add_argument("--fail-on", dest="fail_on", choices=("error", "warning", "info"),
                        help="达到此严重程度才以 1 退出（默认 warning）")
    parser.add_argument("--format", help="输出格式（default, json, …；见 gip-lint check --help）")
    parser.add_argument("--exit-zero", dest="exit_zero", action="store_true", help="有问题也以 0 退出")
    parser.add_argument("--max-file-size", dest="max_file_size", type=int, metavar="BYTES",
                        help="超过此大小的文件报告 GIP001 而不解析")
    parser.add_argument("--stdin-filename", dest="stdin_filename", help="从标准输入读取时使用的文件名")


def run(args: argparse.Namespace) -> int:
    import attrs

    from gip_lint import runner
    from gip_lint.cli import EXIT_CLEAN, EXIT_FINDINGS, UsageError
    from gip_lint.plugins import load_plugins
    from gip_lint.rule import SEVERITY_RANK
    from gip_lint.settings import from_args

    try:
        settings = from_args(args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not args.paths:
        raise UsageError("请给出要检查的文件或目录（- 表示标准输入）")

    plugins = load_plugins()
    for error in plugins.errors:
        print(f"gip-lint: 插件 {error.plugin}：{error.message}", file=sys.stderr)
    known = {rule.code for rule in plugins.rules}
    for code in settings.select + settings.extend_select + settings.ignore:
        if not any(k.startswith(code) for k in known):
            raise UsageError(f"未知的规则代码或前缀：{code}（gip-lint rules 列出全部代码）")
    formatters = {f.name: f for f in plugins.formatters}
    if settings.format not in formatters:
        raise UsageError(f"未知的输出格式：{settings.format}（可用：{', '.join(sorted(formatters))}）")

    diagnostics = []
    for result in runner.run(args.paths, settings, plugins):
        if result.path == "-" and args.stdin_filename:
            result = attrs.evolve(result, diagnostics=tuple(attrs.evolve(d, path=args.stdin_filename)
                                                            for d in result.diagnostics))
        diagnostics.extend(result.diagnostics)

    diagnostics.sort()  # by path, then position, then code (flake8's order)
    from gip_lint.formatters import FormatContext

    context = FormatContext(rules={rule.code: rule for rule in plugins.rules})
    sys.stdout.write(formatters[settings.format].render(diagnostics, context))
    sys.stdout.flush()
    threshold = SEVERITY_RANK[settings.fail_on]
    failing = any(SEVERITY_RANK.get(d.severity, 2) >= threshold for d in diagnostics)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN
