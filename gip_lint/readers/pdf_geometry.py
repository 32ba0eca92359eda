"""Geometry of a PDF page: glyphs into lines, ruling lines into table grids, glyphs into cells.

A table drawn with borders (every Word/WPS table unless its borders were switched off) is read
as a lattice: the x of its vertical strokes and the y of its horizontal strokes cut it into grid
cells; two neighbouring grid cells with no stroke between them are one merged cell.  A cell's
text is the glyphs whose centre lies inside it, as lines by their vertical position — a label
wrapped over three lines inside a cell is one label, a vertical label (one character a line)
too.  Chinese lines are joined without a space.
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import NamedTuple, Sequence

from gip_lint.readers.pdf_document import Glyph, Rule

TOLERANCE = 3.0  # points: strokes this close are the same border (line widths, rounding, gaps at joins)
#: Borders closer than this are one (a double border, a shaded cell's edge next to its border):
#: no cell is this narrow, and a sliver column would shift every value after it.
MIN_CELL = 4.0
#: A gap this many character heights wide separates columns (justified prose never has one);
#: it is written as a run of spaces, which the model reads as a space-aligned table.
COLUMN_GAP = 2.0
COLUMN_SEPARATOR = "   "


class Cell(NamedTuple):
    """A (possibly merged) table cell: grid rows r0..r1 (inclusive), its x extent, its lines."""

    r0: int
    r1: int
    x0: float
    x1: float
    lines: tuple  # tuple[str, ...], top to bottom


class Grid(NamedTuple):
    top: float
    bottom: float
    left: float
    right: float
    rows: int
    cells: list  # list[Cell], in reading order


def cluster(values: Sequence[float], tolerance: float = TOLERANCE) -> list[float]:
    """Sorted representatives of ``values``, those within ``tolerance`` of a neighbour merged."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


# --- lines of text ---------------------------------------------------------------------------------


def wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def text_lines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines (top to bottom), each left to right.

    A glyph belongs to a line when its vertical centre lies within the line's band; the band is
    the first glyph's, so a larger character (a bold heading) does not swallow the next line.
    """
    lines: list[list[Glyph]] = []
    bands: list[tuple[float, float]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.top + g.bottom, g.x0)):
        centre = (glyph.top + glyph.bottom) / 2
        for index in range(len(lines) - 1, max(len(lines) - 3, -1), -1):
            top, bottom = bands[index]
            if top <= centre <= bottom:
                lines[index].append(glyph)
                break
        else:
            lines.append([glyph])
            bands.append((glyph.top, glyph.bottom))
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


def line_string(line: Sequence[Glyph]) -> str:
    """The text of one line: a space where a gap separates two glyphs, except between Chinese
    characters (justified Chinese text is spaced out, and has no spaces)."""
    out: list[str] = []
    previous = None
    space = False  # a space the PDF itself has (not one pdfium generated)
    for glyph in line:
        if glyph.char.isspace():
            space = True
            continue
        gap = glyph.x0 - previous.x1 if previous is not None else 0.0
        height = max(previous.bottom - previous.top, 1.0) if previous is not None else 1.0
        if previous is not None and gap > COLUMN_GAP * height:
            out.append(COLUMN_SEPARATOR)  # columns of a table drawn without borders
        elif space and previous is not None:
            out.append(" ")
        elif previous is not None:
            if gap > 0.2 * height and not (wide(previous.char) or wide(glyph.char)):
                out.append(" ")
            elif gap > 1.5 * height and not (wide(previous.char) and wide(glyph.char)):
                out.append(" ")
        out.append(glyph.char)
        previous, space = glyph, False
    return "".join(out)


def join_lines(parts: Sequence[str]) -> str:
    """Wrapped lines as one text: no space where Chinese meets Chinese, a space between words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (wide(out[-1]) or wide(part[0])) and out[-1] not in "-/" :
            out += " "
        out += part
    return out


# --- table grids from ruling lines --------------------------------------------------------------------


def _components(rules: Sequence[Rule]) -> list[list[Rule]]:
    """Groups of strokes that touch each other (one group per table)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontal = [i for i, r in enumerate(rules) if not r.vertical]
    vertical = [i for i, r in enumerate(rules) if r.vertical]
    t = TOLERANCE
    for h in horizontal:
        hr = rules[h]
        for v in vertical:
            vr = rules[v]
            if hr.b - t <= vr.a <= hr.c + t and vr.b - t <= hr.a <= vr.c + t:
                parent[find(h)] = find(v)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _covered(rules: Sequence[Rule], at: float, start: float, end: float) -> bool:
    """Whether a stroke at ``at`` runs across the middle of ``start``..``end``."""
    middle = (start + end) / 2
    return any(abs(r.a - at) <= TOLERANCE and r.b - TOLERANCE <= middle <= r.c + TOLERANCE for r in rules)


def lattice(group: Sequence[Rule]) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]] | None:
    """The x and y borders of a table drawn as ``group`` and its cells (r0, r1, c0, c1), or None."""
    verticals = [r for r in group if r.vertical]
    horizontals = [r for r in group if not r.vertical]
    xs = cluster([r.a for r in verticals], MIN_CELL)
    ys = cluster([r.a for r in horizontals], MIN_CELL)
    if len(xs) < 2 or len(ys) < 2 or len(xs) * len(ys) > 40_000:
        return None
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(columns):
            if c + 1 < columns and not _covered(verticals, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * columns + c + 1)] = find(r * columns + c)
            if r + 1 < rows and not _covered(horizontals, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * columns + c)] = find(r * columns + c)
    boxes: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(columns):
            box = boxes.setdefault(find(r * columns + c), [r, r, c, c])
            box[0], box[1] = min(box[0], r), max(box[1], r)
            box[2], box[3] = min(box[2], c), max(box[3], c)
    cells = sorted((tuple(box) for box in boxes.values()), key=lambda b: (b[0], b[2]))
    return xs, ys, cells


def find_grids(rules: Sequence[Rule], glyphs: Sequence[Glyph]) -> tuple[list[Grid], list[Glyph]]:
    """The bordered tables of a page with their text, and the glyphs outside every table."""
    grids: list[Grid] = []
    remaining = list(glyphs)
    for group in _components(rules):
        found = lattice(group)
        if found is None:
            continue
        xs, ys, boxes = found
        if len(xs) < 3:
            continue  # one column: a frame or ruled lines around text, not a table
        inside, outside = [], []
        for glyph in remaining:
            cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
            (inside if xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1] else outside).append(glyph)
        remaining = outside
        grids.append(_fill(xs, ys, boxes, inside))
    return grids, remaining


def _fill(xs, ys, boxes, glyphs) -> Grid:
    owner: dict[tuple[int, int], int] = {}
    for index, (r0, r1, c0, c1) in enumerate(boxes):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = index
    content: list[list[Glyph]] = [[] for _ in boxes]
    for glyph in glyphs:
        cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        r = min(max(bisect.bisect_right(ys, cy) - 1, 0), len(ys) - 2)
        c = min(max(bisect.bisect_right(xs, cx) - 1, 0), len(xs) - 2)
        content[owner[(r, c)]].append(glyph)
    cells = [Cell(r0, r1, xs[c0], xs[c1 + 1], tuple(line_string(line) for line in text_lines(content[i])))
             for i, (r0, r1, c0, c1) in enumerate(boxes)]
    return Grid(ys[0], ys[-1], xs[0], xs[-1], len(ys) - 1, cells)
