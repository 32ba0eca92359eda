"""``gip-lint lsp``: run the language server on standard input/output (extra ``gip-lint[lsp]``)."""

from __future__ import annotations

import argparse
import sys

INSTALL_HINT = '语言服务器需要 pygls 2.x：请运行 pip install "gip-lint[lsp]"'


def add_parser(subparsers) -> None:
    from gip_lint.config.options import add_arguments

    parser = subparsers.add_parser(
        "lsp", help="启动语言服务器（LSP，供编辑器使用）",
        description="通过标准输入/输出运行 LSP 语言服务器：打开、修改、保存报告时发布诊断，"
                    "悬停显示规则说明。需要 pip install \"gip-lint[lsp]\"。")
    parser.add_argument("--stdio", action="store_true",
                        help="使用标准输入/输出通信（默认即是；为兼容按惯例传 --stdio 的编辑器而保留）")
    add_arguments(parser, flags=("--select", "--extend-select", "--ignore", "--config", "--isolated"), grouped=False,
                  helps={"--config": "对所有文件使用这个配置文件（默认：每个文件最近的配置文件）"})


def run(args: argparse.Namespace) -> int:
    import os

    from gip_lint.cli.main import EXIT_CLEAN, EXIT_ERROR, UsageError
    from gip_lint.config.settings import from_args

    try:
        from gip_lint.lsp.server import create_server
    except ImportError as exc:  # pygls missing, or a 1.x pygls without pygls.lsp.server
        if (getattr(exc, "name", None) or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        print(f"gip-lint: 错误：{INSTALL_HINT}（{exc}）", file=sys.stderr)
        return EXIT_ERROR
    from gip_lint.config.files import ConfigError
    from gip_lint.lsp.project import Project

    if args.config and not os.path.isfile(args.config):
        raise UsageError(f"配置文件不存在：{args.config}")
    try:
        project = Project(from_args(args), config_path=args.config, isolated=args.isolated)
        project.validate_command_line()
    except (ConfigError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    from gip_lint.engine.plugins import report_plugin_errors

    report_plugin_errors(project.plugin_errors)

    if sys.stdin.isatty():  # started by hand rather than by an editor
        print("gip-lint lsp：语言服务器通过标准输入/输出与编辑器通信，应由编辑器启动（按 Ctrl-C 退出）。"
              "配置方法见 docs/editors.md", file=sys.stderr)
    from gip_lint.engine import startup

    startup.resume()  # a long session: collect as usual
    protocol_out = _claim_stdout()
    create_server(project).start_io(sys.stdin.buffer, protocol_out)
    return EXIT_CLEAN


def _claim_stdout():
    """Keep file descriptor 1 for the protocol alone.

    A stray print from a plugin would corrupt the JSON-RPC stream, so the protocol gets a
    private duplicate of stdout and everything else written to stdout goes to stderr.
    """
    import os

    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return protocol_out
