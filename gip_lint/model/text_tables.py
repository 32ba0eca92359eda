"""Tables written as text lines, not as TAB tables: cells separated by spaces (text extracted
from PDF), or one cell per line (web pages rendered to text).

The first are read when they read to a complete table; the second never are (which row and
column a number belongs to would be a guess): a GIP003 says the table was seen but not read.
"""

from __future__ import annotations

from gip_lint.model.applications import build_applications
from gip_lint.model.cells import PLAIN_NUMBER
from gip_lint.model.document import ParseProblem, Row, TableBlock, TextLine
from gip_lint.model.labels import squash
from gip_lint.model.review import build_review
from gip_lint.model.tables import (
    ACTIVE_MARKERS,
    APPLICATION_MARKERS,
    REVIEW_MARKERS,
    Problems,
    classify,
    spaced_rows,
)

_SPACED_NAMES = {2: "表二", 3: "表三", 4: "表四"}


def spaced_tables(sections, applications, review, active, problems: Problems):
    """Tables 三 and 四 written with spaces instead of TABs (text extracted from PDF).

    Read when the section has no TAB table and its lines read to a complete table (table
    三's total row and 15 of its rows; table 四's three groups); otherwise a GIP003 says the
    table was seen but not read, instead of a false "table missing".  Table 二 in spaces is
    never read: its columns differ per block and blank cells are common, so a number would
    land in the wrong column.
    """
    present = {2: active, 3: applications, 4: review}
    for section in sections:
        if section.number == 3 and _few_rows_among_lone_numbers(section, applications):
            # A row or two read among numbers standing alone on their lines: the rest of the
            # table is one cell per line, and the rows read are not the table.
            labels = _label_lines(section, "三")
            first = labels[0] if labels else section
            problems.add("三", one_cell_problem("三", first.line, first.column))
            present[3] = None
            continue
        if section.number not in present or present[section.number] is not None:
            continue
        kind = "二三四"[section.number - 2]
        if problems.of(kind):
            continue  # already said: its table was seen but not read
        table = _spaced_table(section, kind, problems)
        if table is not None:
            present[section.number] = table
    return present[3], present[4]


def _few_rows_among_lone_numbers(section, applications) -> bool:
    return applications is not None and len(applications.rows) < 5 and sum(
        1 for b in section.blocks if isinstance(b, TextLine) and PLAIN_NUMBER.match(b.text)) >= _LONE_NUMBERS


def _spaced_table(section, kind: str, problems: Problems):
    """Section ``section``'s table ``kind`` read from its lines, or None (with a GIP003 when
    its lines look like a table that cannot be read)."""
    rows = spaced_rows([b for b in section.blocks if isinstance(b, TextLine)])
    numbers = {row.line: sum(1 for c in row.cells if PLAIN_NUMBER.match(c.text)) for row in rows}
    least, needed = _SPACED_ROWS_NEEDED[section.number]
    with_numbers = sum(1 for count in numbers.values() if count >= least)
    lone = sum(1 for row in rows if len(row.cells) == 1 and numbers[row.line] == 1)
    labels = _label_lines(section, kind)
    if (lone >= _LONE_NUMBERS and lone * 2 >= with_numbers) or (
            with_numbers < needed and len(labels) >= 3):  # one cell per line, no pipes
        first = labels[0] if labels else next(
            row.cells[0] for row in rows if len(row.cells) == 1 and numbers[row.line] == 1)
        problems.add(kind, one_cell_problem(kind, first.line, first.column))
        return None
    if with_numbers < needed:
        return None
    found: list[ParseProblem] = []
    table = None
    if classify(TableBlock(tuple(rows), rows[0].line)) == kind:
        if section.number == 3:
            table = build_applications(rows, found)
            table = table if "三(七)" in table.rows and len(table.rows) >= 15 else None
        elif section.number == 4:
            table = build_review(rows, found)
            table = table if table is not None and len(table.groups) == 3 else None
    if table is None:
        first = next(row.cells[0] for row in rows if numbers[row.line] >= least)
        problems.add(kind, ParseProblem(
            f"{_SPACED_NAMES[section.number]}的单元格似乎以空格而不是制表符分隔，无法按列读取，未参与核对",
            first.line, first.column, f"table:{kind}:spaced"))
        return None
    problems.extend(kind, found)
    return table


# Section → (numbers a row needs, rows needed) before its lines are taken for a spaced table.
_SPACED_ROWS_NEEDED = {2: (1, 3), 3: (3, 3), 4: (5, 1)}


# Rows holding a number and nothing else, from which a table is taken to be written one cell
# per line (web pages rendered to text: "行政许可 |" / "0 |", or cells between blank lines).
# In such text a blank cell may or may not leave a line and a row's end is not marked, so
# which row and column a number belongs to is a guess: the table is GIP003, never read.
# Read layouts never have a lone number (a number line without its label has all of them).
_LONE_NUMBERS = 3


def one_cell_per_line(rows: list[Row]) -> bool:
    """Three lone numbers, or (a table cut short) two thirds of 8+ rows with one cell at most."""
    lone = single = 0
    for row in rows:
        filled = [c for c in row.cells if c.text]
        if len(filled) <= 1:
            single += 1
            if filled and PLAIN_NUMBER.match(filled[0].text):
                lone += 1
                if lone >= _LONE_NUMBERS:
                    return True
    return len(rows) >= 8 and single * 3 >= len(rows) * 2


_KIND_MARKERS = {"二": ACTIVE_MARKERS, "三": APPLICATION_MARKERS, "四": REVIEW_MARKERS}


def _label_lines(section, kind: str) -> list[TextLine]:
    """Lines of the section that are a label of its table alone (a table whose numbers are
    blank or were lost, one cell per line): short, not a sentence, naming a row or column."""
    markers = _KIND_MARKERS[kind]
    return [b for b in section.blocks if isinstance(b, TextLine) and len(b.text) <= 40
            and "。" not in b.text and markers.search(squash(b.text))]


def one_cell_problem(kind: str, line: int, column: int) -> ParseProblem:
    return ParseProblem(f"表{kind}似乎每个单元格占一行（网页转为文本时常见），无法确定各数字所属的行和列，未参与核对",
                        line, column, f"table:{kind}:one-cell-per-line")
