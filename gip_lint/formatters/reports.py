"""The reports of a run, read again for the formats that show more than the findings.

The xlsx and html formats list every report (organ, year, tables), those without findings
too; a run keeps only diagnostics in memory, so each file is read and parsed once more here,
only when such a format is chosen.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def read_report(path: str):
    """The parsed report of ``path``, or None when it cannot be read (its GIP001 says why)."""
    return read_with_origin(path)[0]


def _same(line: int, column: int) -> tuple[int, int]:
    return line, column


def read_with_origin(path: str):
    """(report or None, origin): ``origin`` maps a cell's position to the one diagnostics carry
    (a .docx paragraph/row and cell, a web page's line and column)."""
    from gip_lint.api import parse_source
    from gip_lint.engine.linter import read_source

    if path == "-":
        return None, _same  # standard input was consumed by the run
    source = read_source(path)
    if not hasattr(source, "text"):
        return None, _same
    try:
        return parse_source(source), source.origin or _same
    except Exception:  # the run reported this as GIP003 already
        return None, _same


def run_files(diagnostics: Sequence, files: Sequence[str]) -> list[str]:
    """The files of the run in order: those given by the run, then any only a finding names."""
    return list(dict.fromkeys([*files, *(d.path for d in diagnostics)]))


def severity_counts(diagnostics: Sequence) -> Counter:
    return Counter(d.severity for d in diagnostics)


def where(diagnostic) -> tuple[Optional[int], int, int]:
    """(page, line, column): the page only when the diagnostic carries one (PDF reports)."""
    page = getattr(diagnostic, "page", None)
    return (page if isinstance(page, int) else None), diagnostic.line, diagnostic.column


def suggestion(diagnostic) -> str:
    """The value a finding names for its cell ("" when it names none)."""
    named = diagnostic.suggestion
    return "" if named is None else str(named.value)
