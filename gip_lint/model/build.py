"""Build the :class:`Report` from parsed blocks, pass by pass: the title and sections, the
blocks joined into tables, the tables read (:func:`_read_tables`, then those written as text
lines, :mod:`gip_lint.model.text_tables`), the format's evidence, and each table finished with
its own reading problems."""

from __future__ import annotations

import functools
import re
from typing import Optional

import attrs

from gip_lint.model.active import build_active
from gip_lint.model.applications import build_applications
from gip_lint.model.document import (
    Block,
    ParseProblem,
    Position,
    RawCell,
    Report,
    ReportFormat,
    Row,
    TableBlock,
    TextLine,
)
from gip_lint.model.labels import FORMAT_2019_MARKERS, FORMAT_2021_MARKERS, squash
from gip_lint.model.review import build_review
from gip_lint.model.sections import find_sections, find_title, organ_and_year
from gip_lint.model.tables import Problems, classify
from gip_lint.model.text_tables import one_cell_per_line, one_cell_problem, spaced_tables
from gip_lint.source import SourceText


def _join_tables(blocks: list[Block]) -> list[tuple[str, list[Row]]]:
    """Group table blocks into the tables they belong to.

    A table interrupted by a blank line (seed 001) continues when the next block is of the
    same kind, or of no recognisable kind and no heading or prose stands between them; a
    block of the same kind after other lines continues it unless it starts over with the
    table's own header (a copy further on).  In
    table 三, short lines without cells between two parts are a label that PDF extraction
    broke off its row ("其政府信息公开申请"): they join the table as one-cell rows.
    """
    tables: list[tuple[str, list[Row]]] = []
    previous_was_table = False
    broken_off: list[TextLine] = []
    group_headings: list[TextLine] = []  # "行政复议" above a small table of its own (table 四 in three)
    for block in blocks:
        if isinstance(block, TableBlock):
            kind = classify(block)
            # (a small table of five columns: not a table printed one cell per line)
            if group_headings and kind in ("四", None) and any(len(row.cells) >= 5 for row in block.rows):
                headings = [Row((RawCell(t.text, t.raw, t.line, t.column),), t.line) for t in group_headings]
                group_headings = []
                if tables and tables[-1][0] == "四":
                    tables[-1][1].extend(headings + list(block.rows))  # the next group's small table
                else:
                    tables.append(("四", headings + list(block.rows)))
                previous_was_table = True
                broken_off = []
                continue
            group_headings = []
            # A part of the same table after a line that split it (a label on a line of its
            # own, a page number): one table, whose builder reports what does not fit.
            if tables and ((kind == tables[-1][0] and (previous_was_table or not _starts_over(kind, block)))
                           or (previous_was_table and kind is None)):
                tables[-1][1].extend(Row((RawCell(t.text, t.raw, t.line, t.column),), t.line) for t in broken_off)
                tables[-1][1].extend(block.rows)
            elif kind is not None:
                tables.append((kind, list(block.rows)))
            previous_was_table = True
            broken_off = []
        elif previous_was_table and tables and tables[-1][0] == "三" and _broken_label(block) and len(broken_off) < 2:
            broken_off.append(block)
        elif review_group_heading(block.text):
            group_headings.append(block)
            previous_was_table = False
            broken_off = []
        else:
            previous_was_table = False
            broken_off = []
            group_headings = []
    return tables


def review_group_heading(text: str) -> Optional[str]:
    """The group of table 四 a short line on its own names ("行政复议", "（二）行政诉讼（复议后起诉）")."""
    from gip_lint.model.review import group_of_heading

    return group_of_heading(text)


_TABLE_STARTS = {"二": re.compile(r"第二十条第\(?一\)?项"), "三": re.compile(r"勾稽关系|申请人情况|自然人"),
                 "四": re.compile(r".")}  # table 四 is short: never continued after prose


def _starts_over(kind: str, block: TableBlock) -> bool:
    """A block after prose that begins a table of its own (a copy, last year's table)."""
    head = squash("".join(c.text for row in block.rows[:3] for c in row.cells))
    return bool(_TABLE_STARTS[kind].search(head))


_SENTENCE = re.compile(r"[。；;:：!！?？]")


def _broken_label(line: TextLine) -> bool:
    """A short piece of a label, not a heading or a sentence."""
    return line.kind != "heading" and len(squash(line.text)) <= 30 and not _SENTENCE.search(line.text)


def _format_evidence(blocks: list[Block]) -> tuple[tuple[str, str, Position], ...]:
    """Each format marker of spec §6 found, with where it stands (a marker counts in one cell)."""
    found: list = []
    for block in blocks:
        if isinstance(block, TableBlock):
            for row in block.rows:
                for cell in row.cells:
                    if not cell.text.isascii():  # (numbers: most cells, and no marker)
                        for version, marker in _markers_in(cell.text):
                            found.append((version, marker, Position(cell.line, cell.column)))
        elif not block.text.isascii():
            for version, marker in _markers_in(block.text):
                found.append((version, marker, Position(block.line, block.column)))
    return tuple(found)


@functools.lru_cache(maxsize=4096)  # header and label texts repeat from report to report; bounded
def _markers_in(text: str) -> tuple[tuple[str, str], ...]:
    """(version, marker) for each format marker in one cell's or line's text."""
    # squash() only drops whitespace and quotes, so a text that holds a marker holds the
    # marker's last character: most texts are ruled out without squashing them.  (A loop of
    # substring tests: faster here than any() over a generator or a set intersection.)
    for char in _MARKER_ENDS:
        if char in text:
            break
    else:
        return ()
    squashed = squash(text)
    return tuple([(version, marker) for version, markers in _MARKERS for marker in markers if marker in squashed])


_MARKERS = ((ReportFormat.V2021, FORMAT_2021_MARKERS), (ReportFormat.V2019, FORMAT_2019_MARKERS))
# Substring tests, not a regex: a pattern of these Chinese markers cost milliseconds to compile.
_MARKER_ENDS = "".join(sorted({marker[-1] for _, markers in _MARKERS for marker in markers}))


def _format_version(evidence) -> Optional[ReportFormat]:
    versions = {version for version, _, _ in evidence}
    if ReportFormat.V2021 in versions:
        return ReportFormat.V2021
    if ReportFormat.V2019 in versions:
        return ReportFormat.V2019
    return None


_PRE_2019 = re.compile(r"政府信息公开情况统计表")


def _table_or_problem(kind: str, build, rows, problems: Problems):
    """``build(rows, found)``; should reading one table fail, a GIP003 names that table and
    the rest of the report is still checked (a defect of gip-lint, never of the report)."""
    found: list[ParseProblem] = []
    try:
        return build(rows, found)
    except Exception as exc:
        first = rows[0] if rows else None
        found.append(ParseProblem(
            f"表{kind}读取出错，未参与核对（{type(exc).__name__}: {exc}；这是 gip-lint 的缺陷，请报告），报告的其余部分已检查",
            first.line if first else 1, first.cells[0].column if first and first.cells else 1, f"table:{kind}:error"))
        return None
    finally:
        problems.extend(kind, found)


def _read_tables(blocks: list[Block], problems: Problems) -> tuple:
    """Tables 二, 三 and 四 (the first of each kind that reads), from the blocks written as tables."""
    active = applications = review = None
    for kind, rows in _join_tables(blocks):
        if one_cell_per_line(rows):
            if not problems.of(kind):
                problems.add(kind, one_cell_problem(kind, rows[0].line, rows[0].cells[0].column if rows[0].cells else 1))
            continue
        if kind == "二" and active is None:
            active = _table_or_problem(kind, build_active, rows, problems)
        elif kind == "三" and applications is None:
            applications = _table_or_problem(kind, build_applications, rows, problems)
        elif kind == "四" and review is None:
            review = _table_or_problem(kind, build_review, rows, problems)
    return active, applications, review


def _finished(table, kind: str, problems: Problems, **more):
    """The table with its own reading problems (and ``more`` fields), once all are known."""
    return None if table is None else attrs.evolve(table, problems=problems.of(kind), **more)


def build_report(source: SourceText, blocks: list[Block]) -> Report:
    problems = Problems()
    sections = find_sections(blocks)
    title, title_position = find_title(blocks, sections[0].line if sections else None)
    organ, year = organ_and_year(title)
    active, applications, review = _read_tables(blocks, problems)
    applications, review = spaced_tables(sections, applications, review, active, problems)

    tables_found = active is not None or applications is not None or review is not None
    if not sections and tables_found:
        # Tables but no heading we recognise: more likely an unusual heading style than a
        # report without sections, so say that the structure was not checked (GIP003).
        problems.add(None, ParseProblem("找不到“一、总体情况”等六个部分的标题，各部分是否齐全、顺序是否正确未检查",
                                        1, 1, "sections"))
    evidence = _format_evidence(blocks)
    version = _format_version(evidence)
    found_anything = bool(sections) or tables_found
    is_report = found_anything and not (_PRE_2019.search(source.text) and applications is None)
    if applications is not None:
        trial_rows = version is ReportFormat.V2019 or applications.single_other_row
        applications = _finished(applications, "三", problems,
                                 rows_format=ReportFormat.V2019 if trial_rows else ReportFormat.V2021)
    return Report(
        path=source.path,
        title=title,
        title_position=title_position,
        organ=organ,
        year=year,
        format=version,
        format_evidence=evidence,
        sections=sections,
        active=_finished(active, "二", problems),
        applications=applications,
        review_litigation=_finished(review, "四", problems),
        blocks=tuple(blocks),
        problems=tuple(problems.found),
        is_report=is_report,
        encoding=source.encoding,
        kind=source.kind,
        line_count=source.text.count("\n"),
        table_problems={table: problems.of(table) for table in problems.by_table},
    )
