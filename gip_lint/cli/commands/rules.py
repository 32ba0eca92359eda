"""``gip-lint rules``: list every rule with its plugin."""

from __future__ import annotations


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("rules", help="列出全部规则", description="列出全部规则（代码、名称、严重程度、插件）")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run(args) -> int:
    import sys

    from gip_lint.cli.main import EXIT_CLEAN
    from gip_lint.engine.plugins import load_plugins, report_plugin_errors

    plugins = load_plugins()
    report_plugin_errors(plugins.errors)
    if args.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "plugin": r.plugin,
                           "plugin_version": r.plugin_version, "summary": r.summary} for r in plugins.rules],
                         ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    from tabulate import tabulate

    rows = [(r.code, r.name, r.severity, r.plugin + (f" {r.plugin_version}" if r.plugin_version else ""), r.summary)
            for r in plugins.rules]
    print(tabulate(rows, headers=("代码", "名称", "严重程度", "插件", "说明"), tablefmt="simple"))
    return EXIT_CLEAN
