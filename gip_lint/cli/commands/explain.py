"""``gip-lint explain CODE``: print a rule's documentation."""

from __future__ import annotations


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("explain", help="说明某个代码的含义", description="说明某个代码的含义、原因和示例")
    parser.add_argument("code", metavar="CODE")


def run(args) -> int:
    from gip_lint.cli.main import EXIT_CLEAN, UsageError
    from gip_lint.engine.plugins import load_plugins

    plugins = load_plugins()
    rule = plugins.rule(args.code.strip().upper())
    if rule is None:
        raise UsageError(f"未知的代码：{args.code}（gip-lint rules 列出全部代码）")
    origin = rule.plugin + (f" {rule.plugin_version}" if rule.plugin_version else "")
    print(f"{rule.code} ({rule.name}) — {rule.summary}")
    print(f"严重程度：{rule.severity}    来源：{origin}")
    print()
    print(rule.explanation)
    return EXIT_CLEAN
