"""The identities of tables 三 and 四 (spec §5 A1–A4): declared once, evaluated with blank cells
as unknown counts.

:data:`DECLARED` says which cells sum to which; the arithmetic rules (GIP201–GIP206), their
suggested values and ``gip-lint explain`` all read it.  Each identity is ``sum(left) =
sum(right)``.  A blank cell is missing, not 0 — but it is a count, so it is a non-negative
integer.  An identity is then in one of three states:

* ``holds``: every cell known, the sides equal;
* ``broken``: no completion of its blanks by non-negative integers makes the sides equal —
  every cell known and the sides differ, or blanks on one side only while that side's known
  cells already exceed the other side (``gap`` says by how much at least);
* ``open``: blanks that some completion fills correctly — it cannot be decided (GIP206).

An identity with a cell that is missing, not a number (GIP205's text) or, next to a blank, a
decimal is not evaluated at all.  Cells are named ``(table, row key or group, column index)``.
The report keeps what is worked out here (``Report.identities`` and the others, cached).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Optional, Union

import attrs

from gip_lint.model.labels import (
    APPLICANT_COLUMNS,
    APPLICANT_TOTAL,
    APPLICATION_ROW_NAMES,
    REVIEW_COLUMNS,
    REVIEW_TOTAL,
)

#: In a declaration, the outcome rows 三(一) … 三(六)3 of the table's format.
OUTCOMES = "outcomes"


class Declared(NamedTuple):  # (not attrs: an attrs class costs ~3 M instructions at import)
    """One identity of the format: per column, rows summed (``across="rows"``), or per row
    (group of table 四), columns summed (``across="columns"``)."""

    kind: str  # "A1" … "A4"
    table: str  # "三" | "四"
    across: str  # "rows" | "columns"
    left: tuple  # row keys, or column indices
    right: Union[tuple, str]  # the same, or OUTCOMES
    at: Union[str, int]  # the row or column of the cell a finding points at when no single cell is to blame

    def statement(self) -> str:
        """The identity in words, for ``gip-lint explain`` ("A4（表四每一组）：总计 = 结果维持 + …")."""
        if self.across == "rows":
            where = "表三每一列"
            left = " + ".join(APPLICATION_ROW_NAMES[key] for key in self.left)
            right = ("三(一)至三(六)各项办理结果之和" if self.right == OUTCOMES
                     else " + ".join(APPLICATION_ROW_NAMES[key] for key in self.right))
        else:
            columns = APPLICANT_COLUMNS if self.table == "三" else REVIEW_COLUMNS
            where = "表三每一行" if self.table == "三" else "表四每一组"
            left, right = (" + ".join(columns[c] for c in side) for side in (self.left, self.right))
        return f"{self.kind}（{where}）：{left} = {right}"


DECLARED = {
    "A1": Declared("A1", "三", "rows", ("一", "二"), ("三(七)", "四"), "三(七)"),
    "A2": Declared("A2", "三", "columns", (APPLICANT_TOTAL,), tuple(range(APPLICANT_TOTAL)), APPLICANT_TOTAL),
    "A3": Declared("A3", "三", "rows", ("三(七)",), OUTCOMES, "三(七)"),
    "A4": Declared("A4", "四", "columns", (REVIEW_TOTAL,), tuple(range(REVIEW_TOTAL)), REVIEW_TOTAL),
}


def _one_column(declared: Declared) -> tuple[int, int]:
    """(total column, end of its parts) of an identity "one column = the columns before it"
    (A2, A4): checked as ``row[total] - sum(row[:end])``, in C and in the identity's order."""
    (total,) = declared.left
    assert declared.right == tuple(range(total)), declared
    return total, total


_ONE_COLUMN = {kind: _one_column(d) for kind, d in DECLARED.items() if d.across == "columns"}


@attrs.frozen
class Identity:
    kind: str  # "A1" | "A2" | "A3" | "A4"
    index: object  # the column (A1, A3), the row key (A2) or the group (A4)
    left: tuple  # cell names of the left side
    right: tuple  # cell names of the right side
    total: tuple  # the cell a finding points at when no single cell is to blame
    state: str  # "holds" | "broken" | "open"
    known_left: object  # sums of the known cells of each side
    known_right: object
    blanks: frozenset  # the blank cells among left + right

    @property
    def cells(self) -> tuple:
        return self.left + self.right

    @property
    def gap(self):
        """How far the known cells are off: the least difference any completion leaves."""
        return abs(self.known_left - self.known_right)


def _sides(declared: Declared, table) -> Optional[tuple[tuple, tuple]]:
    """(left, right) row keys of a per-column identity, or None when the table lacks one."""
    right = table.outcome_rows() if declared.right == OUTCOMES else declared.right
    if not all(key in table.rows for key in declared.left + right):
        return None
    return declared.left, right


def shapes(report) -> Iterable[tuple]:
    """(kind, index, left, right, total) of every identity the report's tables can hold: A1 per
    column, A3 per column, A2 per row of table 三, A4 per group of table 四."""
    table, review = report.applications, report.review_litigation
    for declared in DECLARED.values():
        grid = table if declared.table == "三" else review
        if grid is None:
            continue
        name = declared.table
        if declared.across == "rows":
            sides = _sides(declared, grid)
            if sides is None:
                continue
            left, right = sides
            for column in range(len(APPLICANT_COLUMNS)):
                yield (declared.kind, column, tuple((name, key, column) for key in left),
                       tuple((name, key, column) for key in right), (name, declared.at, column))
        else:
            for key in (grid.rows if name == "三" else grid.groups):
                yield (declared.kind, key, tuple((name, key, c) for c in declared.left),
                       tuple((name, key, c) for c in declared.right), (name, key, declared.at))


def cell_table(report) -> dict:
    """Every cell of tables 三 and 四 by name (None where a row has no such cell)."""
    cells: dict = {}
    if report.applications is not None:
        for key, row in report.applications.rows.items():
            for column, cell in enumerate(row):
                cells[("三", key, column)] = cell
    if report.review_litigation is not None:
        for group, row in report.review_litigation.groups.items():
            for column, cell in enumerate(row):
                cells[("四", group, column)] = cell
    return cells


def _side(names: tuple, cells: dict) -> Optional[tuple]:
    """(known sum, blank names, any decimal) of one side, or None when a cell is missing or text."""
    known, blanks, decimal = 0, [], False
    for name in names:
        cell = cells.get(name)
        if cell is None:
            return None
        if cell.value is None:
            if not cell.is_blank:
                return None
            blanks.append(name)
            continue
        known += cell.value
        decimal = decimal or isinstance(cell.value, float)
    return known, blanks, decimal


def state_of(known_left, blank_left: bool, known_right, blank_right: bool) -> str:
    """Whether ``known_left + (blanks) = known_right + (blanks)`` can hold for blanks ≥ 0."""
    difference = known_left - known_right
    if not blank_left and not blank_right:
        return "holds" if abs(difference) <= 1e-9 else "broken"
    if blank_left and blank_right:
        return "open"
    if blank_left:  # the left side can only grow
        return "broken" if difference > 1e-9 else "open"
    return "broken" if difference < -1e-9 else "open"


def evaluate(shape: tuple, cells: dict) -> Optional[Identity]:
    kind, index, left, right, total = shape
    one, two = _side(left, cells), _side(right, cells)
    if one is None or two is None:
        return None
    blanks = one[1] + two[1]
    if blanks and (one[2] or two[2]):
        return None  # a blank count next to a decimal: nothing can be said
    state = state_of(one[0], bool(one[1]), two[0], bool(two[1]))
    return Identity(kind, index, left, right, total, state, one[0], two[0], frozenset(blanks))


def evaluated(report) -> tuple[Identity, ...]:
    """Every evaluated identity of the report (``Report.identities``)."""
    cells = report.table_cells
    return tuple(identity for identity in (evaluate(shape, cells) for shape in shapes(report))
                 if identity is not None)


def broken(report) -> tuple[Identity, ...]:
    """The identities no completion of the blanks satisfies (``Report.broken_identities``)."""
    if plainly_holding(report):  # nearly every report: nothing to build
        return ()
    return tuple(i for i in report.identities if i.state == "broken")


def settled_blanks(report) -> frozenset:
    """The blank cells whose every identity is broken whatever they hold: nothing is left
    undecided by them, so GIP206 does not report them (their identities' own codes do)."""
    cells = report.table_cells
    through: dict = {}
    for shape in shapes(report):
        for name in shape[2] + shape[3]:
            through[name] = through.get(name, 0) + 1
    in_broken: dict = {}
    for identity in report.broken_identities:
        for name in identity.blanks:
            in_broken[name] = in_broken.get(name, 0) + 1
    return frozenset(name for name, count in in_broken.items()
                     if count == through.get(name) and cells.get(name) is not None)


def plainly_holding(report) -> bool:
    """Every cell of tables 三 and 四 known and every declared identity holding, checked on plain
    values (zip transposes in C; the sums run in the order the identities' do)."""
    table, review = report.applications, report.review_litigation
    rows = {} if table is None else {key: [None if c is None else c.value for c in cells]
                                      for key, cells in table.rows.items()}
    groups = {} if review is None else {group: [None if c is None else c.value for c in cells]
                                        for group, cells in review.groups.items()}
    for row in list(rows.values()) + list(groups.values()):
        if None in row:
            return False
    for declared in DECLARED.values():
        values = rows if declared.table == "三" else groups
        if declared.table == "三" and table is None or declared.table == "四" and review is None:
            continue
        if declared.across == "columns":
            total, stop = _ONE_COLUMN[declared.kind]
            for row in values.values():
                if abs(row[total] - sum(row[:stop])) > 1e-9:
                    return False
            continue
        sides = _sides(declared, table)
        if sides is None:
            continue
        left, right = sides
        if len(left) == 1:
            for column in zip(*(values[key] for key in right + left)):
                if abs(column[-1] - sum(column[:-1])) > 1e-9:
                    return False
            continue
        split = len(left)
        for column in zip(*(values[key] for key in left + right)):
            if abs(sum(column[:split]) - sum(column[split:])) > 1e-9:
                return False
    return True
