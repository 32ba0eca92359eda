"""The ``gip-lint`` command: parse arguments, dispatch to a subcommand, map errors to exit codes.

Exit status: 0 clean, 1 findings (at or above ``--fail-on``), 2 usage or fatal error.
Subcommands live in :mod:`gip_lint.commands`, each imported only when used.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

COMMANDS = ("check", "show", "rules", "explain", "lsp")


class UsageError(Exception):
    """A mistake in how gip-lint was called (exit 2, message on stderr)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit 2, with our prefix
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"gip-lint: 错误：{message}\n")


def build_parser(argv: Optional[Sequence[str]] = None) -> argparse.ArgumentParser:
    """The argument parser; given ``argv`` naming a command, only that command's part is built
    (each costs imports and dozens of options: a cold start pays for one)."""
    parser = _Parser(prog="gip-lint", description="政府信息公开工作年度报告检查工具")
    parser.add_argument("--version", action="store_true", help="显示版本和已加载的插件")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    named = next((arg for arg in argv or () if not arg.startswith("-")), None)
    for name in COMMANDS if named not in COMMANDS else (named,):
        importlib.import_module(f"gip_lint.commands.{name}").add_parser(sub)
    return parser


def _version() -> int:
    from gip_lint import __version__
    from gip_lint.plugins import load_plugins

    plugins = load_plugins()
    print(f"gip-lint {__version__}")
    for info in plugins.plugins:
        print(f"  plugin {info.name} {info.version}".rstrip())
    for error in plugins.errors:
        print(f"  plugin {error.plugin}: {error.message}")
    return EXIT_CLEAN


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        if args.version:
            return _version()
        if not args.command:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        module = importlib.import_module(f"gip_lint.commands.{args.command}")
        return module.run(args)
    except UsageError as exc:
        print(f"gip-lint: 错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (``gip-lint check … | head -1``): stop quietly.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
