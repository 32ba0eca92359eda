"""Render a text report (the seeds) as a PDF with reportlab, the way Word/WPS print it.

Prose is wrapped to the page width with an indented first line; tables are drawn in the national
template's layout (merged cells as one bordered box) with labels wrapped inside their cells,
over as many pages as they need — a row that does not fit starts a new page, a merged label is
continued on the next page (its text split where the page ends), and the header rows may be
repeated.  Every page carries a page number ("- N -") in its footer.  ``scan_page`` replaces a
page's text by a picture of nothing (a scanned page has no text layer).
"""

from __future__ import annotations

import io

import gip_lint
from renderings import SeedTable, seed_structure, template_active, template_applications, template_review

WIDTH, HEIGHT = 595.0, 842.0
MARGIN = 72.0
SIZE = 10.5
LEAD = 16.0
PAD = 3.0
FONT = "STSong-Light"


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    try:
        pdfmetrics.getFont(FONT)
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _wrap(text: str, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for char in text:
        if line and stringWidth(line + char, FONT, SIZE) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line] if line else lines or [""]


def _widths(rows, kind) -> list[float]:
    columns = max(sum(span for _, _, span, _ in row) for row in rows)
    usable = WIDTH - 2 * MARGIN
    if kind == "三" and columns == 10:
        labels = [24.0, 42.0, 114.0]
        return labels + [(usable - sum(labels)) / 7] * 7
    if columns <= 4:
        return [usable * 0.4] + [usable * 0.6 / (columns - 1)] * (columns - 1) if columns > 1 else [usable]
    return [usable / columns] * columns


def _placed(rows):
    """(row, column, rowspan, colspan, text) for every cell of a rowspan/colspan layout."""
    taken, out = set(), []
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan, _ in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rowspan, colspan, text))
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            c += colspan
    return out


class _Pdf:
    """Lays the report out as drawing operations per page, then writes the pages in order
    (a merged cell's text may run on to the next page after that page was started)."""

    def __init__(self, scan_page=None, running_header: str = ""):
        _font()
        self.ops: dict = {1: []}
        self.page, self.y, self.scan_page = 1, HEIGHT - MARGIN, scan_page
        self.running_header = running_header
        self.borders = "stroked"
        self.seal_page = False
        self.continued = ""
        self.encrypt = None  # a reportlab StandardEncryption
        self.nudge = None  # (table kind, row, column, points[, points down]): one cell's text moved
        self.numbers = "left"  # or "right", "centre": how numbers stand in their cells
        self.sub_labels = "."  # or "、", "（）": how sub-labels are numbered
        self.headers = "left"  # or "centre": how table 二's column headers stand in their cells
        self.valign = "top"  # or "centre": cells' text vertically centred (a cell over a page break: top)
        self.labels = "left"  # or "centre": every text centred in its cell (labels too)
        self.rotate: dict = {}  # page → 90 or 270: the page stored turned, with /Rotate to show it upright

    def new_page(self) -> None:
        self.page += 1
        self.ops[self.page] = []
        self.y = HEIGHT - MARGIN

    def paragraph(self, text: str, indent: float = 2 * SIZE) -> None:
        for index, line in enumerate(_wrap(text, WIDTH - 2 * MARGIN - indent)):
            if self.y - LEAD < MARGIN:
                self.new_page()
            self.ops[self.page].append(("text", MARGIN + (indent if index == 0 else 0), self.y - SIZE, line))
            self.y -= LEAD
        self.y -= 4

    def table(self, rows, kind, header_rows: int = 0, grid: bool = True) -> None:
        widths = _widths(rows, kind)
        xs = [MARGIN]
        for width in widths:
            xs.append(xs[-1] + width)
        cells = [(r, c, rowspan, colspan, self._sub_label(text)) for r, c, rowspan, colspan, text in _placed(rows)]
        wrapped = [_wrap(text, xs[c + colspan] - xs[c] - 2 * PAD) for _, c, _, colspan, text in cells]
        heights = [LEAD + 2 * PAD] * len(rows)
        for (r, _, rowspan, _, _), lines in zip(cells, wrapped):
            if rowspan == 1:
                heights[r] = max(heights[r], len(lines) * LEAD + 2 * PAD)
        self.y -= 4
        place: dict = {}  # row → (page, y of its top)
        for r in range(len(rows)):
            if self.y - heights[r] < MARGIN + 10:
                self.new_page()
                if self.continued:  # "（续表）" above the rest of the table
                    self.ops[self.page].append(("text", MARGIN, self.y - SIZE, self.continued))
                    self.y -= LEAD
                if header_rows and r >= header_rows:  # the header rows again, on the new page
                    for (hr, c, rowspan, colspan, _), lines in zip(cells, wrapped):
                        if hr < header_rows:
                            top = self.y - sum(heights[:hr])
                            self._box(xs[c], top, xs[c + colspan], top - sum(heights[hr:hr + rowspan]), lines, grid)
                    self.y -= sum(heights[:header_rows])
            place[r] = (self.page, self.y)
            self.y -= heights[r]
        for (r, c, rowspan, colspan, _), lines in zip(cells, wrapped):
            moved = self.nudge if self.nudge and self.nudge[:3] == (kind, r, c) else (0, 0, 0, 0.0, 0.0)
            dx, dy = moved[3], moved[4] if len(moved) > 4 else 0.0
            centred = (kind == "二" and c > 0 and self.headers == "centre") or self.labels == "centre"
            self._cell(place, heights, r, rowspan, xs[c] + dx, xs[c + colspan] + dx, lines, grid, centred, dy)
        self.y -= 8

    def _box(self, x0, top, x1, bottom, lines, grid) -> None:
        if grid:
            self.ops[self.page].append(("rect", x0, bottom, x1 - x0, top - bottom))
        drop = max(top - bottom - 2 * PAD - len(lines) * LEAD, 0) / 2 if self.valign == "centre" else 0.0
        for k, line in enumerate(lines):
            self.ops[self.page].append(("text", self._x(x0, x1, line, self.labels == "centre"),
                                        top - PAD - SIZE - k * LEAD - drop, line))

    def _cell(self, place, heights, r, rowspan, x0, x1, lines, grid, centred=False, dy=0.0) -> None:
        """A cell's box on each page it crosses, its text top-aligned and running on over the break."""
        parts: dict = {}
        for row in range(r, r + rowspan):
            page, top = place[row]
            first, _ = parts.get(page, (top, None))
            parts[page] = (first, top - heights[row])
        pending = list(lines)
        for page, (top, bottom) in parts.items():
            if grid:
                self.ops[page].append(("rect", x0, bottom, x1 - x0, top - bottom))
            y = top - PAD - SIZE
            if self.valign == "centre" and len(parts) == 1:
                y -= max(top - bottom - 2 * PAD - len(lines) * LEAD, 0) / 2
            y -= dy
            while pending and y >= bottom + PAD - 1:
                line = pending.pop(0)
                self.ops[page].append(("text", self._x(x0, x1, line, centred), y, line))
                y -= LEAD
        if pending:  # the cell is too short for its text: the rest on its last line
            page = list(parts)[-1]
            self.ops[page].append(("text", x0 + PAD, list(parts.values())[-1][1] + PAD, "".join(pending)))

    def _sub_label(self, text: str) -> str:
        """A sub-label's number as WPS often writes it: "1、" or "（1）" for the template's "1."."""
        import re

        if self.sub_labels == "、":
            return re.sub(r"^(\d{1,2})\.(?=\D)", r"\1、", text)
        if self.sub_labels == "（）":
            return re.sub(r"^(\d{1,2})\.(?=\D)", r"（\1）", text)
        return text

    def _x(self, x0: float, x1: float, text: str, centred: bool = False) -> float:
        """Where a cell's line starts: numbers right-aligned or centred if asked, headers centred
        if asked (``centred``), all else left."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        width = stringWidth(text, FONT, SIZE)
        if centred and not text.replace(".", "").isdigit():
            return (x0 + x1 - width) / 2
        if self.numbers == "left" or not text.replace(".", "").isdigit():
            return x0 + PAD
        return x1 - PAD - width if self.numbers == "right" else (x0 + x1 - width) / 2

    def _border(self, pdf, x, y, w, h) -> None:
        """A cell's border: a stroked rectangle, four thin filled rectangles (as Word exports
        borders), or a double line."""
        if self.borders == "filled":
            for bx, by, bw, bh in ((x, y, w, 0.5), (x, y + h, w, 0.5), (x, y, 0.5, h), (x + w, y, 0.5, h)):
                pdf.rect(bx - 0.25, by - 0.25, bw + 0.5, bh, stroke=0, fill=1)
            return
        pdf.rect(x, y, w, h)
        if self.borders == "double":
            pdf.rect(x + 1.5, y + 1.5, w - 3, h - 3)

    def save(self) -> bytes:
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT), encrypt=self.encrypt)
        pdf.setLineWidth(0.5)
        for page in sorted(self.ops):
            if page == self.scan_page:
                from PIL import Image
                from reportlab.lib.utils import ImageReader

                pdf.drawImage(ImageReader(Image.new("L", (60, 80), 200)), 0, 0, WIDTH, HEIGHT)
            else:
                # A turned page: stored landscape (842 x 595), drawn a quarter turn round, shown
                # upright by its /Rotate — as some printers to PDF store a page.
                pdf.setPageRotation(self.rotate.get(page, 0))
                pdf.saveState()
                if self.rotate.get(page) == 90:
                    pdf.transform(0, 1, -1, 0, HEIGHT, 0)
                elif self.rotate.get(page) == 270:
                    pdf.transform(0, -1, 1, 0, 0, WIDTH)
                if self.borders == "form":  # the page's borders drawn in a form XObject, placed moved
                    pdf.beginForm(f"borders{page}")
                    pdf.setLineWidth(0.5)
                    for op in self.ops[page]:
                        if op[0] != "text":
                            pdf.rect(op[1] - 20, op[2] - 30, op[3], op[4])
                    pdf.endForm()
                    pdf.saveState()
                    pdf.translate(20, 30)
                    pdf.doForm(f"borders{page}")
                    pdf.restoreState()
                pdf.setFont(FONT, SIZE)
                for op in self.ops[page]:
                    if op[0] == "text":
                        # PDFium drops a string of one CJK character in a non-embedded CID font
                        # (UniGB-UCS2-H); Word/WPS embed their fonts.  A trailing space avoids it.
                        pdf.drawString(op[1], op[2], op[3] + " " if len(op[3]) == 1 else op[3])
                    elif self.borders != "form":
                        self._border(pdf, *op[1:])
                pdf.drawCentredString(WIDTH / 2, MARGIN / 2, f"- {page} -")
                if self.running_header:
                    pdf.drawRightString(WIDTH - MARGIN, HEIGHT - MARGIN / 2, self.running_header)
                pdf.restoreState()
            pdf.showPage()
        if self.seal_page:  # a last page with only a small picture (a seal, a logo)
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            pdf.drawImage(ImageReader(Image.new("L", (20, 20), 90)), 400, 500, 100, 100)
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()


HEADER_ROWS = {"二": 0, "三": 3, "四": 3}


def render_pdf(text: str, *, repeat_header: bool = False, grid: bool = True, scan_page=None,
               shift: float = 0.0, running_header: str = "", borders: str = "stroked",
               seal_page: bool = False, encrypt=None, titles_outside: bool = False,
               continued: str = "", nudge=None, numbers: str = "left", sub_labels: str = ".",
               headers: str = "left", valign: str = "top", rotate=None, labels: str = "left") -> bytes:
    """The seed ``text`` as a PDF.  ``shift``: points of empty space before table 三, which moves
    the page break to another of its rows (inside a merged group label, inside a wrapped one).
    ``nudge``: (table kind, row, column, points[, points down]) moves one cell's text sideways
    (and down); ``numbers``:
    "left", "right" or "centre", how numbers stand in their cells; ``sub_labels``: ".", "、" or
    "（）", how the sub-labels of table 三 are numbered ("1." "1、" "（1）"); ``headers``: "left" or
    "centre", how table 二's column headers stand in their cells (a merged one centred over the
    three number columns); ``valign``: "top" or "centre", where a cell's text stands in its height; ``rotate``: {page: 90 or 270}, pages stored turned
    and shown upright by /Rotate; ``borders="form"``: a page's borders drawn in a form XObject;
    ``labels="centre"``: every text centred across its cell, labels too."""
    report = gip_lint.parse(text)
    pdf = _Pdf(scan_page, running_header)
    pdf.borders = borders  # "stroked", "filled" (thin filled rectangles), "double" or "form"
    pdf.seal_page, pdf.encrypt, pdf.continued, pdf.nudge = seal_page, encrypt, continued, nudge
    pdf.numbers, pdf.sub_labels, pdf.headers, pdf.valign = numbers, sub_labels, headers, valign
    pdf.rotate, pdf.labels = dict(rotate or {}), labels
    for item in seed_structure(text):
        if isinstance(item, SeedTable):
            if item.kind is None:
                continue
            rows = {"二": template_active, "三": template_applications, "四": template_review}[item.kind](report)
            if item.kind == "二" and titles_outside:  # one table per item, its title a paragraph
                for index, row in enumerate(rows):
                    if len(row) == 1 and row[0][0].startswith("第二十条"):
                        pdf.paragraph(row[0][0], indent=0)
                        end = next((k for k in range(index + 1, len(rows)) if len(rows[k]) == 1), len(rows))
                        pdf.table(rows[index + 1:end], "二", 0, grid)
                continue
            if item.kind == "三" and shift:
                pdf.y -= shift
                if pdf.y < MARGIN + 40:
                    pdf.new_page()
            pdf.table(rows, item.kind, HEADER_ROWS[item.kind] if repeat_header else 0, grid)
        elif item.strip():
            pdf.paragraph(item.strip())
    return pdf.save()
