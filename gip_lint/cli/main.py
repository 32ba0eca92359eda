"""The ``gip-lint`` command: parse arguments, dispatch to a subcommand, map errors to exit codes.

Exit status: 0 clean, 1 findings (at or above ``--fail-on``), 2 usage or fatal error.
Subcommands live in :mod:`gip_lint.cli.commands`, each imported only when used.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

COMMANDS = ("check", "annotate", "show", "rules", "explain", "lsp")


def __getattr__(name: str):
    # The commands import UsageError from here; it lives in gip_lint.engine.errors (the engine
    # raises it too) and is imported only when asked for: --version never is.
    if name == "UsageError":
        from gip_lint.engine.errors import UsageError

        return UsageError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns`` without importing shutil (and lzma, bz2, zlib)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized as it sizes itself: argparse builds one on every
    ``add_argument`` and the default one imports shutil just to ask for the width."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position,
                         width if width is not None else _terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse's own exit 2, with our prefix
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"gip-lint: 错误：{message}\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; given ``argv`` naming a command, only that command's part is built
    (each costs imports and dozens of options: a cold start pays for one)."""
    parser = _Parser(prog="gip-lint", description="政府信息公开工作年度报告检查工具")
    parser.add_argument("--version", action="store_true", help="显示版本和已安装的插件")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, title="命令",
                                metavar="{" + ",".join(COMMANDS) + "}")
    named = next((arg for arg in argv or () if not arg.startswith("-")), None)
    if list(argv or ()) == ["--version"]:
        return parser  # needs no subcommand (any other use of --version gets the whole parser)
    for name in COMMANDS if named not in COMMANDS else (named,):
        importlib.import_module(f"gip_lint.cli.commands.{name}").add_parser(sub)
    return parser


def _version() -> int:
    """The version and the installed plugins, read from their metadata: nothing is imported
    (as flake8 and ruff print theirs); ``gip-lint rules`` loads them and reports failures."""
    from gip_lint import __version__
    from gip_lint.engine.entry_points import installed_plugins

    print(f"gip-lint {__version__}")
    for name, version in installed_plugins():
        print(f"  plugin {name} {version}".rstrip())
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    from gip_lint.engine import startup

    from gip_lint.cli.argparse_zh import chinese

    startup.pause()  # resumed before the first file is linted (gip_lint.engine.startup says why)
    try:
        with chinese():
            return _main(sys.argv[1:] if argv is None else list(argv))
    finally:
        startup.resume()


def _main(argv: list[str]) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        if args.version:
            return _version()
        if not args.command:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        module = importlib.import_module(f"gip_lint.cli.commands.{args.command}")
        return module.run(args)
    except BrokenPipeError:
        # The reader went away (``gip-lint check … | head -1``): stop quietly.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from gip_lint.engine.errors import UsageError

        if not isinstance(exc, UsageError):
            raise
        print(f"gip-lint: 错误：{exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
