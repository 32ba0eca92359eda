"""The summary printed on stderr at the end of a run over many files."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from gip_lint.engine.core_codes import CANNOT_READ, NOT_A_REPORT

NOT_UNDERSTOOD = {CANNOT_READ.code, NOT_A_REPORT.code}
MIN_FILES = 20  # a corpus run: below this the diagnostics speak for themselves


class Summary:
    """Counts files, reports understood (read and recognised as a report) and findings per code."""

    def __init__(self) -> None:
        self.files = 0
        self.understood = 0
        self.per_code: Counter = Counter()

    def add(self, found: Iterable) -> None:
        """Count one file, given its diagnostics (or just their codes)."""
        codes = [d if isinstance(d, str) else d.code for d in found]
        self.files += 1
        if not NOT_UNDERSTOOD.intersection(codes):
            self.understood += 1
        self.per_code.update(codes)

    @staticmethod
    def wanted(option, file_count: int) -> bool:
        """``--summary`` / ``--no-summary`` decide; without either, runs of MIN_FILES or more."""
        return option if option is not None else file_count >= MIN_FILES

    def render(self, findings: bool = True) -> str:
        """The summary; without ``findings`` (``show`` runs no rules) only the file counts."""
        head = f"gip-lint：读取了 {self.files} 个文件，其中 {self.understood} 份识别为年度报告"
        if not findings:
            unread = self.per_code.get(CANNOT_READ.code, 0)
            return head + (f"；{unread} 个文件无法读取（GIP001）。\n" if unread else "。\n")
        total = sum(self.per_code.values())
        lines = [head + f"；共 {total} 个问题" + ("。" if total else "，没有发现问题。")]
        for code, count in sorted(self.per_code.items()):
            lines.append(f"  {code}  {count}")
        return "\n".join(lines) + "\n"
