"""Which header each number of a table without borders stands under.

A number stands in the column its x falls in (:mod:`gip_lint.readers.pdf_borderless`), and
mostly its header names that column.  A number right-aligned or centred in a *merged* header
cell — table 二's 本年处理决定数量 spanning the three number columns of 第二十条第（一）项 — stands
in a column its header does not name.  It is read only when there is no doubt which header it
stands under: its row has as many numbers as its header has cells, each number lies within
its header cell's span (after the cell before it ends, before the next starts), and no cell
runs two of table 二's column names together.  It is then written in its header's column, as a
bordered table's merged cell is written at its top-left.  Anything else declines the table.
"""

from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

#: Table 二's column names (2021 format and the 2019 trial): one header cell naming two of them is
#: several cells run together, and which of them a lone number belongs to is a guess.
_COLUMN_NAMES = re.compile(r"本年制发件数|本年废止件数|现行有效件数|(?:本年)?处理决定数量|本年收费金额|本年新制作数量"
                           r"|本年新公开数量|对外公开总数量|上一年项目数量|本年增/?减|采购项目数量|采购总金额")
_START = 2.0  # points: slack where a number meets its header cell's edge


def header_places(lines: Sequence, column: Callable, labels: int,
                  header: Optional[Sequence] = None) -> Optional[tuple[dict, list]]:
    """``({id(number chunk): column}, header lines in effect after lines)`` — the numbers placed
    by their header cell rather than their x — or None when a number stands under no header of
    its own.  ``column`` places a chunk (the first ``labels`` columns hold labels); ``header``:
    the header lines in effect before ``lines`` (the rows on the page before stood under them).
    """
    overrides: dict = {}
    group = list(header or ())
    follows = False  # the line before was a header line: consecutive ones are one header
    for line in lines:
        places = [column(c) for c in line.chunks]
        if line.numbers:
            follows = False
            if not group:
                continue
            found = _cells(group, column, labels)
            if found is None:
                return None
            named, cells = found
            if all(places[k] in named for k in line.numbers):
                continue
            moved = _by_position(line, cells)
            if moved is None:
                return None
            overrides.update(moved)
        elif any(p is not None and p >= labels for p in places):
            group = (group if follows else []) + [line]
            follows = True
    return overrides, group


def _cells(group: Sequence, column: Callable, labels: int) -> Optional[tuple[set, list[list]]]:
    """The columns ``group`` names, and its header cells as [x0, x1, column, text], left to
    right: the chunks of the number columns, those whose extents overlap one cell (a header
    wrapped over lines).  None when this page's columns do not place a header of the page before."""
    chunks = []
    for line in group:
        for k, (chunk, text) in enumerate(zip(line.chunks, line.texts)):
            place = column(chunk)
            if place is None and k > 0:
                return None
            if place is not None and place >= labels:
                chunks.append((chunk[0].x0, chunk[-1].x1, place, text))
    cells: list[list] = []
    for x0, x1, place, text in sorted(chunks):
        if cells and x0 <= cells[-1][1]:
            cells[-1][1] = max(cells[-1][1], x1)
            cells[-1][3] += text
        else:
            cells.append([x0, x1, place, text])
    return {c[2] for c in chunks}, cells


def _by_position(line, cells: list[list]) -> Optional[dict]:
    """The columns of ``line``'s numbers when each stands within one header cell's span, in order."""
    numbers = [line.chunks[k] for k in line.numbers]
    if len(numbers) != len(cells) or len({c[2] for c in cells}) != len(cells):
        return None
    if any(len(_COLUMN_NAMES.findall(c[3])) > 1 for c in cells):
        return None
    out = {}
    for i, chunk in enumerate(numbers):
        if i > 0 and chunk[0].x0 < cells[i - 1][1] + _START:
            return None
        if i + 1 < len(cells) and chunk[-1].x1 > cells[i + 1][0] - _START:
            return None
        out[id(chunk)] = cells[i][2]
    return out
