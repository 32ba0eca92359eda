"""Pair each report with the same organ's report for the year before (year-over-year rules).

Before ``gip-lint check`` lints the files of a run, :func:`predecessors` reads each file's
title (of a plain-text file only its first 4 KB; no parse) and maps every report that has
the same organ's report for the year before among the files to that report's path — strings only, so memory stays flat
however many reports a run holds.  Linting a paired report then parses last year's report
and passes it as ``Context(previous=…)`` (:meth:`Predecessors.report_for`), so each file is
linted once, with every rule, and gives one result.

Only rules made with ``@rule(..., uses_previous=True)`` read ``context.previous``; when
none of them is selected, or a run has a single file, no title is read at all.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Optional, Sequence

from gip_lint.engine.linter import FileResult, Selection, read_source
from gip_lint.model.document import Report
from gip_lint.rule import Context, Diagnostic, Rule, uses_previous  # noqa: F401  (re-exported for plugins)
from gip_lint.source import DEFAULT_MAX_BYTES


def year_over_year_rules(rules: Iterable[Rule]) -> list[Rule]:
    return [rule for rule in rules if rule.check is not None and rule.uses_previous]


def organ_key(organ: str) -> str:
    """The organ's name as a pairing key: spaces and quotes left out."""
    return re.sub(r"[\s\"'“”《》]+", "", organ)


#: How much of a plain-text file the pairing pre-pass reads for its title.
HEAD_BYTES = 4096
_TITLE_LINES, _TITLE_NONEMPTY = 40, 7


def title_key(path: str, readers: Sequence = (), max_bytes: int = DEFAULT_MAX_BYTES) -> Optional[tuple[str, int]]:
    """(organ, year) from the title alone: a cheap read that does not parse the report.

    A plain-text file is read only as far as its title can be (its first :data:`HEAD_BYTES`,
    cut at the last line break); other formats (HTML, Word, UTF-16) are read whole.
    """
    head = _head_text(path, readers, max_bytes)
    if head is not None:
        try:
            return key_from_title(head, complete=False)
        except LookupError:
            pass
    source = read_source(path, readers, max_bytes)
    if isinstance(source, Diagnostic):
        return None
    return key_from_title(source.text)


def key_from_title(text: str, complete: bool = True) -> Optional[tuple[str, int]]:
    """(organ, year) from the first lines of a report's text; with ``complete`` False (a
    head) a text too short to tell raises LookupError."""
    from gip_lint.model.document import TextLine
    from gip_lint.model.sections import find_title, organ_and_year

    all_lines = text.split("\n")
    if not complete and len(all_lines) < _TITLE_LINES and sum(1 for t in all_lines if t.strip()) < _TITLE_NONEMPTY:
        raise LookupError("the head holds too few lines")
    lines = []
    for number, line in enumerate(all_lines[:_TITLE_LINES], start=1):
        if line.strip():
            lines.append(TextLine("paragraph", line.strip(), line, number, 1))
        if len(lines) >= _TITLE_NONEMPTY:
            break
    organ, year = organ_and_year(find_title(lines, None)[0])
    return (organ_key(organ), year) if organ and year is not None else None


def _head_text(path: str, readers: Sequence, max_bytes: int) -> Optional[str]:
    """The decoded head of a plain-text file, or None when the whole file must be read."""
    import codecs
    import os

    from gip_lint.engine.linter import choose_reader
    from gip_lint.readers import TEXT_READER
    from gip_lint.source import from_bytes

    if path == "-" or choose_reader(path, readers) is not TEXT_READER:
        return None
    try:
        size = os.path.getsize(path)
        if size <= HEAD_BYTES or size > max_bytes:
            return None  # small: the whole file is the head; too big: refused as a full read is
        with open(path, "rb") as handle:
            data = handle.read(HEAD_BYTES)
    except OSError:
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\n" not in data:
        return None
    try:
        return from_bytes(data[:data.rindex(b"\n") + 1], path).text
    except Exception:  # a head cut in an odd place: the whole file decides
        return None


class Predecessors:
    """Report path → the path of the same organ's report for the year before."""

    def __init__(self, paths: Optional[dict[str, str]] = None, readers: Sequence = (),
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.paths = paths or {}
        self.readers = tuple(readers)
        self.max_bytes = max_bytes

    def __len__(self) -> int:
        return len(self.paths)

    def report_for(self, path: str) -> Optional[Report]:
        """Last year's report for ``path``, parsed now (None when it has none)."""
        previous_path = self.paths.get(path)
        if previous_path is None:
            return None
        return read_report(previous_path, self.readers, self.max_bytes)


def predecessors(files: Sequence[str], rules: Iterable[Rule], selection: Selection, readers: Sequence = (),
                 max_bytes: int = DEFAULT_MAX_BYTES, map_paths: Callable = map) -> Predecessors:
    """Pair the files of a run by organ and year (from their titles).

    Two files claiming the same organ and year are both paired with the year before, but
    neither serves as anyone's predecessor (which one would be last year's is unclear).
    ``map_paths(function, files)`` reads the titles (the runner passes its worker pool's).
    """
    files = [path for path in files if path != "-"]
    if len(files) < 2 or not any(selection(rule.code) for rule in year_over_year_rules(rules)):
        return Predecessors(readers=readers, max_bytes=max_bytes)
    by_key: dict[tuple[str, int], list[str]] = {}
    keys = map_paths(lambda path: title_key(path, readers, max_bytes), files)
    for path, key in zip(files, keys):
        if key is not None:
            by_key.setdefault(key, []).append(path)
    paired = {}
    for (organ, year), group in by_key.items():
        previous = by_key.get((organ, year - 1))
        if previous is not None and len(previous) == 1:
            paired.update((path, previous[0]) for path in group)
    return Predecessors(paired, readers, max_bytes)


def read_report(path: str, readers: Sequence = (), max_bytes: int = DEFAULT_MAX_BYTES) -> Optional[Report]:
    """Parse a report for use as ``previous``; None when it cannot be read or parsed."""
    from gip_lint.api import parse_source

    source = read_source(path, readers, max_bytes)
    if isinstance(source, Diagnostic):
        return None
    try:
        report = parse_source(source)
    except Exception:  # the first pass already reported it
        return None
    return report if report.is_report else None


def check_with_previous(paths: Sequence[str], previous_path: str, settings, plugins, resolver=None) -> list[FileResult]:
    """``check --previous FILE PATH``: lint one report with every rule, against ``previous_path``.

    Raises ValueError (a usage error) unless ``paths`` names one file (or ``-``) and
    ``previous_path`` is a readable report.  A previous report of a year other than the one
    before is named on stderr (the year-over-year rules then say nothing), as is one of
    another organ (compared all the same: the user chose it).
    """
    import os
    import sys

    from gip_lint.engine.setup import NullResolver, setup_for

    if len(paths) != 1 or (paths[0] != "-" and not os.path.isfile(paths[0])):
        raise ValueError("--previous 只能与一份报告文件（或 -）一起使用")
    path = paths[0]
    setup = setup_for(resolver or NullResolver(settings, plugins), path)
    source = read_source(previous_path, setup.readers, setup.max_bytes)
    if isinstance(source, Diagnostic):
        raise ValueError(f"无法读取 --previous 文件 {previous_path}：{source.message}")
    previous = read_report(previous_path, setup.readers, setup.max_bytes)
    if previous is None:
        raise ValueError(f"--previous 文件 {previous_path} 不是政府信息公开工作年度报告")
    result = setup.lint(path, previous)
    report = result.report
    if report is not None and report.is_report:
        if report.year is not None and previous.year is not None and previous.year != report.year - 1:
            print(f"gip-lint: --previous 的报告是 {previous.year} 年的，不是 {report.year - 1} 年的；"
                  f"未做跨年度核对", file=sys.stderr)
        elif report.organ and previous.organ and organ_key(report.organ) != organ_key(previous.organ):
            print(f"gip-lint: 注意：--previous 的报告机关为“{previous.organ}”，本报告为“{report.organ}”",
                  file=sys.stderr)
    return [result]
