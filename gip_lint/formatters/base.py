"""What a formatter is and what it is given besides the diagnostics."""

from __future__ import annotations

import os
from typing import Callable, NamedTuple, Optional, Sequence

from gip_lint.rule import Diagnostic


def _no_source(path: str, line: int) -> str:
    return ""


class _ContextFields(NamedTuple):
    rules: dict
    source_line: Callable
    root: str
    source_at: Optional[Callable]
    files: tuple


class FormatContext(_ContextFields):
    """What a formatter may need besides the diagnostics.

    ``rules`` maps every loaded code to its Rule (SARIF lists them all); ``source_line``
    returns the user's text of a line (``full``); ``root`` is the project root that
    repository-relative paths (SARIF, github) and fingerprints start from; ``source_at``, when
    given, returns the text a (line, column) refers to and the caret's column in it (a Word
    file's or web page's extracted paragraph or row, where ``source_line`` has no such line);
    ``files`` every file of the run, those without findings too (the xlsx and html formats list
    each report).
    """

    __slots__ = ()

    def __new__(cls, rules: Optional[dict] = None, source_line: Callable[[str, int], str] = _no_source,
                root: Optional[str] = None, source_at: Optional[Callable[[str, int, int], tuple[str, int]]] = None,
                files: Sequence[str] = ()):
        return super().__new__(cls, {} if rules is None else rules, source_line,  # rules: code → Rule
                               os.getcwd() if root is None else root, source_at, tuple(files))

    def relative_path(self, path: str) -> str:
        from gip_lint.report.baseline import display_path

        return display_path(path, self.root)

    def fingerprint(self, diagnostic: Diagnostic) -> str:
        from gip_lint.report.baseline import fingerprint

        return fingerprint(diagnostic, self.root)


class Formatter(NamedTuple):
    """``render(diagnostics, context)`` returns the whole output (may be "" for none); a binary
    format (xlsx) returns bytes, written only to ``--output-file``.

    ``machine`` formats are read by programs: gip-lint never adds human text (statistics,
    counts, headers) to them on standard output.
    """

    name: str
    description: str
    render: Callable  # (Sequence[Diagnostic], FormatContext) -> str | bytes
    machine: bool = False
