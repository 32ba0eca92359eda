"""The identities of tables 三 and 四 (spec §5 A1–A4), with blank cells as unknown counts.

Each identity is ``sum(left) = sum(right)``.  A blank cell is missing, not 0 — but it is a
count, so it is a non-negative integer.  An identity is then in one of three states:

* ``holds``: every cell known, the sides equal;
* ``broken``: no completion of its blanks by non-negative integers makes the sides equal —
  every cell known and the sides differ, or blanks on one side only while that side's known
  cells already exceed the other side (``gap`` says by how much at least);
* ``open``: blanks that some completion fills correctly — it cannot be decided (GIP206).

An identity with a cell that is missing, not a number (GIP205's text) or, next to a blank, a
decimal is not evaluated at all.  Cells are named ``(table, row key or group, column index)``.
"""

from __future__ import annotations

from typing import Iterable, Optional

import attrs

from gip_lint.model.document import Cell, Report
from gip_lint.model.labels import APPLICANT_COLUMNS, OUTCOME_ROWS
from gip_lint.rules import per_report

TOTAL = len(APPLICANT_COLUMNS) - 1  # index of 总计 in table 三
REVIEW_TOTAL = 4  # index of 总计 in a group of table 四
A1_KEYS = ("一", "二", "三(七)", "四")


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


def outcome_rows(rows: dict, report_format: Optional[str]) -> tuple[str, ...]:
    if report_format == "2019" or ("三(六)" in rows and "三(六)1" not in rows):
        return OUTCOME_ROWS["2019"]
    return OUTCOME_ROWS["2021"]


def cell_table(report: Report) -> dict:
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


def _shapes(report: Report) -> Iterable[tuple]:
    """(kind, index, left, right, total) of every identity the report's tables can hold, in the
    order: per column A1 then A3, then A2 per row of table 三, then A4 per group."""
    table = report.applications
    if table is not None:
        rows = table.rows
        a1 = all(k in rows for k in A1_KEYS)
        a3_keys = outcome_rows(rows, report.format)
        a3 = all(k in rows for k in a3_keys + ("三(七)",))
        for column in range(len(APPLICANT_COLUMNS)):
            if a1:
                yield ("A1", column, (("三", "一", column), ("三", "二", column)),
                       (("三", "三(七)", column), ("三", "四", column)), ("三", "三(七)", column))
            if a3:
                yield ("A3", column, (("三", "三(七)", column),), tuple(("三", k, column) for k in a3_keys),
                       ("三", "三(七)", column))
        for key, row in rows.items():
            yield ("A2", key, (("三", key, TOTAL),), tuple(("三", key, c) for c in range(TOTAL)), ("三", key, TOTAL))
    review = report.review_litigation
    if review is not None:
        for group in review.groups:
            yield ("A4", group, (("四", group, REVIEW_TOTAL),), tuple(("四", group, c) for c in range(REVIEW_TOTAL)),
                   ("四", group, REVIEW_TOTAL))


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


def identities(report: Report) -> list[Identity]:
    """Every evaluated identity of the report (cached per report; callers must not modify it)."""
    values = per_report.store(report)
    found = values.get("identities")
    if found is None:
        cells = cell_table(report)
        found = [identity for identity in (evaluate(shape, cells) for shape in _shapes(report))
                 if identity is not None]
        values["identities"] = found
        values["cells"] = cells
    return found


def settled_blanks(report: Report) -> frozenset:
    """The blank cells whose every identity is broken whatever they hold: nothing is left
    undecided by them, so GIP206 does not report them (their identities' own codes do)."""
    values = per_report.store(report)
    found = values.get("settled_blanks")
    if found is None:
        cells = cells_of(report)
        through: dict = {}
        for shape in _shapes(report):
            for name in shape[2] + shape[3]:
                through[name] = through.get(name, 0) + 1
        in_broken: dict = {}
        for identity in broken(report):
            for name in identity.blanks:
                in_broken[name] = in_broken.get(name, 0) + 1
        found = frozenset(name for name, count in in_broken.items()
                          if count == through.get(name) and cells.get(name) is not None)
        values["settled_blanks"] = found
    return found


def broken_through(report: Report) -> dict:
    """The kinds of the broken identities each blank cell takes part in, by cell name."""
    through: dict = {}
    for identity in broken(report):
        for name in identity.blanks:
            through.setdefault(name, set()).add(identity.kind)
    return through


def cells_of(report: Report) -> dict:
    identities(report)
    return per_report.store(report)["cells"]


def broken(report: Report) -> list[Identity]:
    values = per_report.store(report)
    found = values.get("broken_identities")
    if found is None:
        if _plainly_holding(report):  # nearly every report: nothing to build
            found = []
        else:
            found = [i for i in identities(report) if i.state == "broken"]
        values["broken_identities"] = found
    return found


def _plainly_holding(report: Report) -> bool:
    """Every cell of tables 三 and 四 known and every identity holding, checked on plain values
    (zip transposes in C; the sums run in the spec's order, as the identities' do)."""
    table, review = report.applications, report.review_litigation
    rows = {} if table is None else {key: [None if c is None else c.value for c in cells]
                                      for key, cells in table.rows.items()}
    groups = [] if review is None else [[None if c is None else c.value for c in cells]
                                        for cells in review.groups.values()]
    for row in list(rows.values()) + groups:
        if None in row:
            return False
    for row in rows.values():
        if abs(row[TOTAL] - sum(row[:TOTAL])) > 1e-9:
            return False
    for row in groups:
        if abs(row[REVIEW_TOTAL] - sum(row[:REVIEW_TOTAL])) > 1e-9:
            return False
    if table is None:
        return True
    if all(k in rows for k in A1_KEYS):
        for one, two, handled, carried in zip(*(rows[k] for k in A1_KEYS)):
            if abs(one + two - (handled + carried)) > 1e-9:
                return False
    keys = outcome_rows(rows, report.format)
    if all(k in rows for k in keys + ("三(七)",)):
        for column in zip(*(rows[k] for k in keys + ("三(七)",))):
            if abs(column[-1] - sum(column[:-1])) > 1e-9:
                return False
    return True


def culprit(identity: Identity, broken_ones: list[Identity], cells: dict) -> tuple[tuple, bool]:
    """The cell to point at, and whether it is the one known cell every broken identity
    crossing this one shares (then a single wrong number explains them all)."""
    crossing = [other for other in broken_ones if other is not identity and set(other.cells) & set(identity.cells)]
    shared = {name for name in identity.cells if name not in identity.blanks}
    for other in crossing:
        shared &= set(other.cells)
    if len(shared) == 1:
        return shared.pop(), True
    total = cells.get(identity.total)
    if total is not None and total.value is not None:
        return identity.total, False
    heavy = identity.left if identity.known_left > identity.known_right else identity.right
    known = [name for name in heavy if name not in identity.blanks]
    return (known[0] if known else identity.total), False


def _allowed(identity: Identity, name: tuple, value) -> tuple:
    """The values (lo, hi; hi None for no bound) the cell ``name`` may take for ``identity`` to hold
    for some completion of its blanks, the other known cells as they are."""
    on_left = name in identity.left
    own = identity.known_left if on_left else identity.known_right
    other = identity.known_right if on_left else identity.known_left
    own_blank = any(n in identity.blanks for n in (identity.left if on_left else identity.right))
    other_blank = any(n in identity.blanks for n in (identity.right if on_left else identity.left))
    needed = other - (own - value)  # the value that balances the known cells
    if own_blank and other_blank:
        return 0, None
    if own_blank:
        return 0, needed
    if other_blank:
        return max(needed, 0), None
    return needed, needed


def suggestion(report: Report, name: tuple) -> Optional[int]:
    """The one value of cell ``name`` for which every identity through it can hold, if there is
    exactly one (an integer count), else None."""
    cell = cells_of(report).get(name)
    if cell is None or not isinstance(cell.value, int) or cell.problem is not None:
        return None
    lo, hi = 0, None
    for identity in identities(report):
        if name not in identity.cells:
            continue
        if isinstance(identity.known_left, float) or isinstance(identity.known_right, float):
            return None
        low, high = _allowed(identity, name, cell.value)
        lo = max(lo, low)
        if high is not None:
            hi = high if hi is None else min(hi, high)
    if hi is None or lo != hi or hi == cell.value:
        return None
    return hi
