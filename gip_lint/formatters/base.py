"""What a formatter is and what it is given besides the diagnostics."""

from __future__ import annotations

import os
from typing import Callable, Sequence

import attrs

from gip_lint.rule import Diagnostic


def _no_source(path: str, line: int) -> str:
    return ""


@attrs.frozen
class FormatContext:
    """What a formatter may need besides the diagnostics.

    ``rules`` maps every loaded code to its Rule (SARIF lists them all); ``source_line``
    returns the user's text of a line (``full``); ``root`` is the project root that
    repository-relative paths (SARIF, github) and fingerprints start from.
    """

    rules: dict = attrs.field(factory=dict)  # code → Rule
    source_line: Callable[[str, int], str] = _no_source
    root: str = attrs.field(factory=os.getcwd)

    def relative_path(self, path: str) -> str:
        from gip_lint.baseline import display_path

        return display_path(path, self.root)

    def fingerprint(self, diagnostic: Diagnostic) -> str:
        from gip_lint.baseline import fingerprint

        return fingerprint(diagnostic, self.root)


@attrs.frozen
class Formatter:
    """``render(diagnostics, context)`` returns the whole output (may be "" for none).

    ``machine`` formats are read by programs: gip-lint never adds human text (statistics,
    counts, headers) to them on standard output.
    """

    name: str
    description: str
    render: Callable[[Sequence[Diagnostic], FormatContext], str]
    machine: bool = False
