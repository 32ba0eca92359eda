"""Render a seed report as a disclosure office's Word file, and print it to PDF with LibreOffice.

The .docx is written with python-docx as such files look: a centred title, headings in 黑体,
prose in 仿宋 with a first-line indent of two characters, justified, at a fixed 28 pt line
spacing; the three tables as Word tables in the national template's layout (the layouts of
:mod:`renderings`: table 三's merged row labels and 申请人情况 header, table 四's two-level
header) with the column widths an office gives them; a page number in the footer.  ``VARIANTS``
names the ways offices vary that: borders or none (on some tables), header rows repeated on a
page break, cells vertically centred, labels centred, the margins (which move table 三's page
break), a running header, "第 N 页 共 M 页".  ``to_pdf`` converts with ``soffice --headless --convert-to pdf``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import attrs

import gip_lint
from renderings import SeedTable, merged_cells, rebuild_merges, seed_structure, template_active, template_applications, template_review


@attrs.frozen
class Variant:
    borders: tuple = ("二", "三", "四")  # the tables drawn with borders
    repeat_header: bool = False
    valign: str = "top"  # or "center"
    labels: str = "left"  # or "center": label cells' text centred (numbers always centred)
    margins_cm: tuple = (3.7, 3.5, 2.8, 2.6)  # top, bottom, left, right (the 公文 margins)
    table_pt: float = 10.5
    footer: str = "dash"  # "dash": "- 3 -"; "of": "第 3 页 共 6 页"
    running_header: bool = False
    landscape: bool = False  # sections 三 and 四 (tables 三 and 四) on landscape pages


VARIANTS = {
    "grid": Variant(),
    "grid-centred": Variant(valign="center", labels="center"),
    "grid-repeat": Variant(repeat_header=True, margins_cm=(2.0, 2.0, 2.0, 2.0), footer="of"),
    "grid-vcentre": Variant(valign="center", margins_cm=(2.54, 2.54, 3.17, 3.17), running_header=True),
    "grid-12pt": Variant(table_pt=12.0, labels="center", footer="of"),
    "noborder": Variant(borders=()),
    "noborder-centred": Variant(borders=(), valign="center", margins_cm=(2.54, 2.54, 3.17, 3.17)),
    # Tables 二 and 四 without borders, table 三 with (its merged cells need them to be read by eye).
    "noborder-2-4": Variant(borders=("三",), footer="of"),
    "grid-landscape": Variant(landscape=True, valign="center"),
}


def _font(run, east_asian: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)


def _field(paragraph, instruction: str, size: float) -> None:
    """A PAGE or NUMPAGES field, as Word writes it (begin, instruction, separate, text, end)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _font(run, "宋体", size)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == instruction else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} " if text == instruction else text
        run._element.append(element)


def _page_setup(document, variant: Variant, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, bottom, left, right = variant.margins_cm
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if variant.footer == "dash":
        _font(footer.add_run("- "), "宋体", 14)
        _field(footer, "PAGE", 14)
        _font(footer.add_run(" -"), "宋体", 14)
    else:
        _font(footer.add_run("第 "), "宋体", 10.5)
        _field(footer, "PAGE", 10.5)
        _font(footer.add_run(" 页 共 "), "宋体", 10.5)
        _field(footer, "NUMPAGES", 10.5)
        _font(footer.add_run(" 页"), "宋体", 10.5)
    if variant.running_header:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(header.add_run(title), "宋体", 9)


def _paragraph(document, text: str, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    form = paragraph.paragraph_format
    form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    form.space_before = form.space_after = Pt(0)
    if text == title:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        form.line_spacing = Pt(36)
        _font(paragraph.add_run(text), "方正小标宋简体", 22)
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    form.first_line_indent = Pt(32)
    if re.match(r"^[一二三四五六]、", text):
        _font(paragraph.add_run(text), "黑体", 16)
    elif re.match(r"^（[一二三四五六七八九十]）[^。]{0,30}$", text):
        _font(paragraph.add_run(text), "楷体_GB2312", 16)
    else:
        _font(paragraph.add_run(text), "仿宋_GB2312", 16)


def _full_width(text: str) -> str:
    """Table 三's labels with the template's full-width brackets and commas."""
    return text.replace("(", "（").replace(")", "）").replace(",", "，")


_NUMBER = re.compile(r"^[\d.]+$")


def _widths(kind, columns: int, usable: float) -> list[float]:
    """Column widths in cm, as an office sets them: narrow label columns in table 三, a wide
    label column in table 二, table 四's fifteen columns equal."""
    if kind == "三" and columns == 10:
        labels = [1.1, 1.9, 4.4]
        return labels + [(usable - sum(labels)) / 7] * 7
    if kind == "二" and columns == 4:
        return [usable * 0.34] + [usable * 0.22] * 3
    return [usable / columns] * columns


def _table(document, rows, kind, variant: Variant, usable: float) -> None:
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt

    width = max(sum(colspan for _, _, colspan, _ in row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    if kind in variant.borders:
        table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _widths(kind, width, usable)
    for column, cm in zip(table.columns, widths):
        column.width = Cm(cm)
    grid = table._cells  # computed once: table.cell() rebuilds it on every call
    for index, cell in enumerate(grid):
        cell.width = Cm(widths[index % width])
    header_rows = {"二": 0, "三": 3, "四": 3}.get(kind, 0)
    if variant.repeat_header:
        for row in table.rows[:header_rows]:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for target, r, c, (value, _, _, _) in merged_cells(table, rows, width):
        value = _full_width(value) if kind == "三" else value
        paragraph = target.paragraphs[0]
        number = bool(_NUMBER.match(value.strip()))
        header = r < header_rows or (kind == "二" and not number and c > 0)
        centred = number or header or variant.labels == "center" or (kind == "二" and len(rows[r]) == 1)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
        if value:
            _font(paragraph.add_run(value), "宋体", variant.table_pt)
        if variant.valign == "center":
            target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def render_office_docx(text: str, variant: Variant) -> bytes:
    """The seed ``text`` as a disclosure office's .docx in ``variant``."""
    import docx

    report = gip_lint.parse(text)
    document = docx.Document()
    title = report.title or ""
    _page_setup(document, variant, title)
    _, _, left, right = variant.margins_cm
    usable = 21.0 - left - right
    for item in seed_structure(text):
        if variant.landscape and re.match(r"^\s*[三五]、", item if isinstance(item, str) else ""):
            usable = _turn(document, item.strip().startswith("三")) - left - right
        if isinstance(item, SeedTable):
            if item.kind is None:
                rows = rebuild_merges(item.rows)
            else:
                rows = {"二": template_active, "三": template_applications, "四": template_review}[item.kind](report)
            _table(document, rows, item.kind, variant, usable)
        elif item.strip():
            _paragraph(document, item.strip(), title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _turn(document, landscape: bool) -> float:
    """A new section on a new page, landscape or portrait (its header and footer those of the
    section before); the page's width in cm."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    return 29.7 if landscape else 21.0


def cells(report) -> dict:
    """(table, row, column) → value of every cell of tables 二, 三 and 四."""
    out = {}
    if report.applications is not None:
        for key, row in report.applications.rows.items():
            out.update({("三", key, i): c.value for i, c in enumerate(row)})
    if report.review_litigation is not None:
        for group, row in report.review_litigation.groups.items():
            out.update({("四", group, i): c.value for i, c in enumerate(row)})
    if report.active is not None:
        for item in report.active.items:
            # The item's block (第二十条第（五）项 …) is part of what must be read right.
            out.update({("二", item.label, k): (item.block, c.value) for k, c in item.cells.items()})
    return out


def faulty(text: str) -> str:
    """The seed with two faults a reviewer finds: the first number of table 三's rows 一 and
    四 one higher (rows that do not add up, A1/A2, at the page each row stands on)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(("一、本年新收", "四、结转下年度")):
            cells = line.split("\t")
            k = next((k for k, c in enumerate(cells) if c.strip().isdigit()), None)
            if k is not None:
                cells[k] = str(int(cells[k]) + 1)
                lines[index] = "\t".join(cells)
    return "\n".join(lines)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_files: list[Path], outdir: Path) -> list[Path]:
    """Each .docx printed to PDF by LibreOffice headless (one soffice run for all of them)."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile.resolve()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)],
                   check=True, capture_output=True, timeout=600)
    shutil.rmtree(profile, ignore_errors=True)
    return [outdir / (path.stem + ".pdf") for path in docx_files]
