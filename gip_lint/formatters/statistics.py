"""``--statistics``: how many diagnostics of each code, as a small table (human text)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Sequence

from gip_lint.formatters.base import FormatContext
from gip_lint.rule import Diagnostic


def statistics_table(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    """One line per code, most frequent first: count, code, severity, the rule's summary."""
    counts = Counter(d.code for d in diagnostics)
    severities = {d.code: d.severity for d in diagnostics}
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = context.rules.get(code)
        summary = rule.summary if rule is not None else ""
        lines.append(f"{count:>6}  {code:<8}{pad(severities[code], 9)}{summary}".rstrip())
    return "".join(line + "\n" for line in lines)


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 1)
