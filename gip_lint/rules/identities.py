"""What the arithmetic rules work out from the evaluated identities (``Report.identities``,
declared and evaluated in :mod:`gip_lint.model.identities`): which cell a broken identity
points at, and the one value of that cell that mends every identity through it.
"""

from __future__ import annotations

from typing import Optional

from gip_lint.model.document import Report
from gip_lint.model.identities import DECLARED, Identity

#: The rows identity A1 sums (GIP206 names it for a blank in one of them).
A1_KEYS = DECLARED["A1"].left + DECLARED["A1"].right


def broken_through(report: Report) -> dict:
    """The kinds of the broken identities each blank cell takes part in, by cell name."""
    through: dict = {}
    for identity in report.broken_identities:
        for name in identity.blanks:
            through.setdefault(name, set()).add(identity.kind)
    return through


def culprit(identity: Identity, broken_ones: tuple[Identity, ...], cells: dict) -> tuple[tuple, bool]:
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
    cell = report.table_cells.get(name)
    if cell is None or not isinstance(cell.value, int) or cell.problem is not None:
        return None
    lo, hi = 0, None
    for identity in report.identities:
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
