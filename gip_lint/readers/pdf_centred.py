"""Rows of a table without borders whose text is vertically centred in its cells; whether its
labels are centred across theirs (:func:`centred_labels`) or start on its numbers' line
(:func:`top_aligned`).

Word and WPS can centre a cell's text between its top and bottom.  A row's own label then
stands around its numbers — as many of its lines above them as below, or the numbers between
its two middle lines — and a group label (a merged cell: 三、本年度办理结果, （三）不予公开) beside
the middle of its group's rows.  The label columns are read right to left:

* a row's *own* label is the run of lines in a column that is centred on the row's numbers,
  starting at the first line of the column not yet read (a run that is not centred on them is
  a layout the reader does not know: declined);
* consecutive rows whose own labels stand further right share the *group* labels of this
  column; the group starts again where the labels of the column to the right start again at
  their first number ("1." "（一）"), and a group's label is the lines of this column within
  its rows.

A line left over, a row without a label of its own, or a header line between the rows (table
二's items) declines the table (``None``): never a label in a guessed row.
"""

from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

from gip_lint.readers.pdf_geometry import Cell, Grid

_SUB_NUMBER = re.compile(r"^\s*[（(]?\s*(\d+)\s*[、.．）)]")
_FIRST = re.compile(r"^\s*([（(]\s*[1一]\s*[）)]|[1一]\s*[、.．](?!\d))")
_CENTRED = 0.35  # line heights: how far a run's middle may lie from its row's numbers


def top_aligned(lines: Sequence, column: Callable, numbered: re.Pattern) -> bool:
    """Whether every row's labels start on the line of its numbers, as the rows are read.  Text
    vertically centred in its cells shows as a row of numbers without a label (between the lines
    of its label), as a numbered label line just above a row (the label's first line above its
    numbers; top-aligned, it would be a row without numbers), or as a group label (a merged cell) beside the
    second or a later sub-label of its group ("4." beside "（三）不予公开"): whose label a line
    is, is then a guess (:func:`centred_grid` reads it, or it is declined).  ``numbered``: a
    label that starts with its own number ("1." "（一）" "第二十条…")."""
    for line, below in zip(lines, lines[1:] + [None]):
        labels = [(column(c), t) for k, (c, t) in enumerate(zip(line.chunks, line.texts)) if k not in line.numbers]
        if line.numbers and not labels:
            return False
        if line.numbers and len(labels) >= 2 and numbered.match(labels[-2][1]):
            sub = _SUB_NUMBER.match(labels[-1][1])
            if sub and sub.group(1) != "1":
                return False
        if below is not None and not line.numbers and below.numbers and any(numbered.match(t) for _, t in labels):
            return False
    return True


def centred_grid(lines: Sequence, header: int, column: Callable, starts: list[float], labels: int,
                 far: float) -> Optional[Grid]:
    """The grid of ``lines`` (the first ``header`` of them the table's header, one row each),
    their label lines placed by vertical centring, or None when a line's row is a guess."""
    # Label lines just above the first row are its label's first lines (at the top of a page, the
    # rest of a table: the header names number columns).
    while header > 0 and all((column(c) or 0) < labels for c in lines[header - 1].chunks):
        header -= 1
    body = lines[header:]
    rows = [line for line in body if line.numbers]
    if not rows or any(not line.numbers and any((column(c) or 0) >= labels for c in line.chunks) for line in body):
        return None
    heights = sorted(line.bottom - line.top for line in body)
    tolerance = _CENTRED * heights[len(heights) // 2]
    pieces: list[list] = [[] for _ in range(labels)]  # per label column: (y, text, line), top-down
    for line in body:
        for k, (chunk, text) in enumerate(zip(line.chunks, line.texts)):
            if k not in line.numbers:
                place = column(chunk)
                if place is None or place >= labels:
                    return None
                pieces[place].append((_middle(chunk), text, line))
    # (each chunk's own height: a line may join glyphs of two cells a little apart)
    middles = [sum(_middle(row.chunks[k]) for k in row.numbers) / len(row.numbers) for row in rows]
    tops = [row.top for row in rows]
    bottoms = [row.bottom for row in rows]
    own: dict[int, tuple[int, list]] = {}  # row → (column, texts)
    groups: list[tuple[int, int, int, list]] = []  # (first row, last row, column, texts)
    for c in range(labels - 1, -1, -1):
        queue, taken, i = pieces[c], 0, 0
        while i < len(rows):
            if i in own:  # rows whose own labels stand further right: this column's groups
                j = i
                while j < len(rows) and j in own:
                    j += 1
                for r0, r1 in _groups(i, j, c + 1, own, groups):
                    top = (bottoms[r0 - 1] + tops[r0]) / 2 if r0 > 0 else float("-inf")
                    bottom = (bottoms[r1] + tops[r1 + 1]) / 2 if r1 + 1 < len(rows) else float("inf")
                    block = []
                    while taken < len(queue) and top <= queue[taken][0] <= bottom:
                        block.append(queue[taken][1])
                        taken += 1
                    if block:
                        groups.append((r0, r1, c, block))
                i = j
                continue
            if taken < len(queue) and queue[taken][0] < middles[i] + tolerance:  # its own label here
                end = next((e for e in range(taken, len(queue))
                            if abs(queue[taken][0] + queue[e][0] - 2 * middles[i]) <= tolerance), None)
                if end is None:
                    return None  # a label that is not centred on its row's numbers
                own[i] = (c, [text for _, text, _ in queue[taken:end + 1]])
                tops[i] = min(tops[i], queue[taken][2].top)
                bottoms[i] = max(bottoms[i], queue[end][2].bottom)
                taken = end + 1
            i += 1
        if taken != len(queue):
            return None  # a line no row is centred on
    if len(own) != len(rows):
        return None
    grid = _cells(lines[:header], rows, own, groups, column, starts, far)
    top, bottom = min(line.top for line in lines), max(line.bottom for line in lines)
    return grid._replace(top=top, bottom=bottom)


def centred_labels(rows: Sequence, labels_of: Callable) -> bool:
    """Whether the labels of ``rows`` are centred *across* their cells: three or more of them
    starting at different x share their middle, or all of them share it.  Then the label columns
    are not where labels start (规章 and 行政规范性文件 in one column start apart).
    (Labels set at the left of their cells share a start; three sharing a middle by chance
    does not happen.)"""
    middles: list[tuple[float, float]] = sorted(
        ((chunk[0].x0 + chunk[-1].x1) / 2, chunk[0].x0) for row in rows for chunk in labels_of(row))
    if len(middles) >= 2 and middles[-1][0] - middles[0][0] <= 2.0 \
            and max(x for _, x in middles) - min(x for _, x in middles) > 4.0:
        return True  # one column of labels, all centred (a table's part of two rows)
    for i, (middle, _) in enumerate(middles):
        starts: list[float] = []
        for other, start in middles[i:]:
            if other - middle > 1.5:
                break
            if all(abs(start - s) > 4.0 for s in starts):
                starts.append(start)
        if len(starts) >= 3:
            return True
    return False


def _middle(chunk) -> float:
    return (min(g.top for g in chunk) + max(g.bottom for g in chunk)) / 2


def _groups(first: int, end: int, right: int, own: dict, groups: list) -> list[tuple[int, int]]:
    """Rows ``first``..``end`` - 1 split where the labels in column ``right`` start again at
    their first number."""
    def label(row: int) -> str:
        if own[row][0] == right:
            return own[row][1][0]
        return next((texts[0] for r0, _, c, texts in groups if r0 == row and c == right), "")

    cuts = [first] + [row for row in range(first + 1, end) if _FIRST.match(label(row))] + [end]
    return [(a, b - 1) for a, b in zip(cuts, cuts[1:])]


def _cells(head: Sequence, rows: Sequence, own: dict, groups: list, column: Callable, starts: list[float],
           far: float) -> Grid:
    edges = starts + [far]
    cells = []
    for r, line in enumerate(head):
        for chunk, text in zip(line.chunks, line.texts):
            c = column(chunk)
            cells.append(Cell(r, r, edges[c], edges[c + 1], (text,)))
    offset = len(head)
    for i, row in enumerate(rows):
        c, texts = own[i]
        cells.append(Cell(offset + i, offset + i, edges[c], edges[c + 1], tuple(texts)))
        for k in row.numbers:
            c = column(row.chunks[k])
            cells.append(Cell(offset + i, offset + i, edges[c], edges[c + 1], (row.texts[k],)))
    for r0, r1, c, texts in groups:
        cells.append(Cell(offset + r0, offset + r1, edges[c], edges[c + 1], tuple(texts)))
    cells.sort(key=lambda cell: (cell.r0, cell.x0))
    return Grid(0.0, 0.0, starts[0], starts[0], offset + len(rows), cells)
