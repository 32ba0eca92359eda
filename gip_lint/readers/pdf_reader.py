"""Read a report published as PDF (printed from Word, WPS and the like) from its own geometry.

pypdfium2 gives every character with its box and the page's strokes
(:mod:`gip_lint.readers.pdf_document`); tables drawn with borders are cut into cells by their
strokes (:mod:`gip_lint.readers.pdf_geometry`), tables without by the positions of their glyphs
(:mod:`gip_lint.readers.pdf_borderless`), and joined over page breaks
(:mod:`gip_lint.readers.pdf_tables`); the other lines are prose, joined into paragraphs in
reading order, over line and page breaks.  Page headers, footers and page numbers are dropped.
The result is laid out like every structured reader's (:mod:`gip_lint.readers.layout`).

Positions: a PDF has no lines a user can go to, so ``line:column`` are those of the generated
text (``gip-lint show --text report.pdf`` prints it) and every diagnostic also names its
**page** (``SourceText.page``).
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

import attrs

from gip_lint.readers.layout import CellContent, Paragraph, Segment, Table, line_text, write_blocks
from gip_lint.readers.pdf_borderless import find_borderless
from gip_lint.readers.pdf_document import PdfPage, read_pages
from gip_lint.readers.pdf_geometry import COLUMN_SEPARATOR, find_grids, line_string, text_lines, wide
from gip_lint.readers.pdf_tables import PdfTable
from gip_lint.source import DecodeError, SourceText

SCAN_MESSAGE = ("没有文字层：此 PDF 是扫描件（页面只是图片），gip-lint 无法读取其中的文字；"
                "请使用报告的网页版、Word 版或带文字层的 PDF（可先做 OCR）")


class ProseLine(NamedTuple):
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str


_PAGE_NUMBER = re.compile(r"^\s*([-—–－_ ]*\d{1,4}[-—–－_ ]*|第\s*\d+\s*页.*|\d+\s*/\s*\d+"
                          r"|[-—–－]?\s*[ivxlcIVXLC]+\s*[-—–－]?)\s*$")
_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])")
SCAN_COVERAGE = 0.5  # share of the page a picture covers on a scanned page
_MARGIN = 0.12  # the top and bottom 12% of a page hold its header and footer


def read_pdf(data: bytes, path: str) -> SourceText:
    """The reader for ``.pdf``: the report in page order, with the page of every position."""
    pages = read_pages(data)
    _refuse_garbled(pages)
    _refuse_scans(pages)
    items = _page_items(pages)
    blocks = _blocks(items)
    if not blocks:
        raise DecodeError("PDF 中没有可读的文字")
    source = write_blocks(blocks, path, "pdf", "pdf")
    pages_of = source.origin  # a segment's "line" is its page
    return attrs.evolve(source, origin=_identity, page=lambda line, column: pages_of(line, column)[0])


def _identity(line: int, column: int) -> tuple[int, int]:
    return line, column


def _refuse_garbled(pages: list[PdfPage]) -> None:
    """One GIP001 when the fonts do not say which characters they draw (no ToUnicode map):
    the text layer would read as gibberish, and every rule would report it."""
    unmapped = sum(p.unmapped for p in pages)
    readable = sum(len(p.glyphs) for p in pages)
    if unmapped > 20 and unmapped > 0.2 * (unmapped + readable):
        raise DecodeError(f"PDF 的文字层无法解码：{unmapped} 个字符的字体没有 Unicode 映射（ToUnicode），"
                          "读出来是乱码；请使用报告的网页版、Word 版，或重新导出 PDF（嵌入字体）")


def _refuse_scans(pages: list[PdfPage]) -> None:
    """One GIP001 for a PDF whose pages are pictures: never a list of missing sections."""
    # A page without text that is mostly one picture; a page with only a logo or a seal is not.
    scanned = [p.number for p in pages if not p.glyphs and p.picture >= SCAN_COVERAGE]
    if not any(p.glyphs for p in pages):
        raise DecodeError(SCAN_MESSAGE if any(p.picture for p in pages) else "PDF 中没有文字（空白页面）")
    if scanned:
        where = "、".join(str(n) for n in scanned[:10]) + ("……" if len(scanned) > 10 else "")
        error = DecodeError(f"第 {where} 页没有文字层（扫描页，只是图片）：这些页上的内容无法读取，"
                            "报告未被检查；请提供全部页面都带文字层的 PDF")
        error.page = scanned[0]
        raise error


# --- pages into lines and tables ----------------------------------------------------------------------


def _page_items(pages: list[PdfPage]) -> list[list]:
    """Per page, its prose lines and table grids from top to bottom (headers and footers dropped)."""
    found = []
    carried, declined, columns = None, False, None  # the table without borders the page before ended in
    for page in pages:
        grids, prose = find_grids(page.rules, page.glyphs)
        if grids:
            carried, declined, columns = None, False, None
        borderless = find_borderless(prose, page.height * _MARGIN, page.height * (1 - _MARGIN), carried, declined,
                                     columns)
        before = found[-1][2] if found else None
        if before is not None and before.carry is not None and (
                borderless.top_declined or (before.tentative and not borderless.continued)):
            _give_back(found)  # its rest here is declined (or missing): the whole table is
        found.append([page, grids, borderless, list(borderless.grids), list(borderless.rest)])
        carried, declined, columns = borderless.carry, borderless.bottom_declined, borderless.columns
    if found and found[-1][2].tentative:
        _give_back(found)
    out = []
    for page, grids, _, borderless, prose in found:
        items: list = [(grid.top, grid) for grid in grids + borderless]
        for line in text_lines(prose):
            text = line_string(line).strip()
            if text:
                top = min(g.top for g in line)
                bottom = max(g.bottom for g in line)
                items.append((top, ProseLine(page.number, top, bottom, line[0].x0, line[-1].x1, text)))
        items.sort(key=lambda item: item[0])
        out.append((page, [item for _, item in items]))
    _drop_running_lines(out)
    return [(page.number, items) for page, items in out]


def _give_back(found: list) -> None:
    """The table without borders the last page read ends in, on every page it stands on, back
    to prose lines (the model declines those: GIP003)."""
    index = len(found) - 1
    while index >= 0:
        page = found[index]
        grid = page[3].pop()
        page[4].extend(page[2].glyphs[id(grid)])
        # the same table began on the page before when it was this page's only, continued, table
        if page[3] or not page[2].continued or index == 0 or found[index - 1][2].carry is None:
            break
        index -= 1


def _in_margin(page: PdfPage, line: ProseLine) -> bool:
    return line.bottom < page.height * _MARGIN or line.top > page.height * (1 - _MARGIN)


def _drop_running_lines(pages: list) -> None:
    """Remove page numbers and the running header/footer (a line repeated in the margin of
    several pages); a page's first or last lines only, so the report's own text stays."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text.replace(" ", ""))

    seen: dict[str, int] = {}
    for page, items in pages:
        for item in _edges(items):
            if isinstance(item, ProseLine) and _in_margin(page, item):
                seen[key(item.text)] = seen.get(key(item.text), 0) + 1
    for page, items in pages:
        for item in _edges(items):
            if isinstance(item, ProseLine) and _in_margin(page, item) and (
                    _PAGE_NUMBER.match(item.text) or (len(pages) > 1 and seen[key(item.text)] > 1)):
                items[:] = [other for other in items if other is not item]


def _edges(items: list) -> list:
    picked = items[:2] + [item for item in items[-2:] if all(item is not other for other in items[:2])]
    return picked


# --- prose into paragraphs ----------------------------------------------------------------------------


def _margins(items: list[list]) -> tuple[float, float, float]:
    lines = [item for _, page in items for item in page if isinstance(item, ProseLine)]
    if not lines:
        return 0.0, 0.0, 12.0
    heights = sorted(line.bottom - line.top for line in lines)
    height = heights[len(heights) // 2]
    lefts = sorted(round(line.x0) for line in lines)
    left = max(set(lefts), key=lambda x: (sum(1 for v in lefts if abs(v - x) <= 2), -x))
    rights = sorted(line.x1 for line in lines)
    right = rights[int(len(rights) * 0.95)]
    return left, right, height


def _blocks(items: list[list]) -> list:
    left, right, height = _margins(items)
    blocks: list = []
    paragraph: list[ProseLine] = []
    table: Optional[PdfTable] = None
    previous = None  # the item before, across page breaks

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            blocks.append(_paragraph(paragraph))
            paragraph = []

    for page, page_items in items:
        first = 0  # the index a table's continuation stands at on this page
        for index, item in enumerate(page_items):
            if index == first and isinstance(item, ProseLine) and isinstance(previous, PdfTable) \
                    and _CONTINUED.match(item.text):
                first += 1  # "续表" above the rest of a table
                continue
            if isinstance(item, ProseLine):
                if table is not None:
                    blocks.append(table.block())
                    table = None
                if paragraph and (_aligned(item) or _aligned(paragraph[-1])
                                  or _starts_paragraph(item, paragraph[-1], left, right, height)):
                    flush()
                paragraph.append(item)
            else:
                if table is not None and index == first and isinstance(previous, PdfTable) \
                        and table.continues_with(item):
                    table.append(item, page)
                else:
                    flush()
                    if table is not None:
                        blocks.append(table.block())
                    table = PdfTable(item, page)
                item = table
            previous = item
    flush()
    if table is not None:
        blocks.append(table.block())
    return _titles_into_tables(blocks)


_CONTINUED = re.compile(r"^\s*[（(]?\s*续\s*表\s*[一二三四五六七八九十\d]*\s*[）)]?\s*[:：]?\s*$")
_BLOCK_TITLE = re.compile(r"^\s*第[一二三四五六七八九十]+条\s*第?\s*[（(]?[一二三四五六七八九十]+[）)]?\s*项\s*$")


def _titles_into_tables(blocks: list) -> list:
    """Table 二 drawn as one bordered table per item of 第二十条, each under its title as a
    paragraph: the title becomes the table's first row, as in the national template."""
    out: list = []
    for block in blocks:
        before = out[-1] if out else None
        if isinstance(block, Table) and block.rows and isinstance(before, Paragraph) \
                and len(before.lines) == 1 and _BLOCK_TITLE.match(line_text(before.lines[0])):
            first = before.lines[0][0]
            title = (CellContent(before.lines[0], first.line, 1),) + tuple(
                CellContent((), first.line, 1) for _ in block.rows[0][1:])
            out[-1] = Table((title,) + block.rows)
        else:
            out.append(block)
    return out


def _aligned(line: ProseLine) -> bool:
    """A row of a table without borders (columns apart): a line of its own, never joined."""
    return COLUMN_SEPARATOR in line.text


def _starts_paragraph(line: ProseLine, before: ProseLine, left: float, right: float, height: float) -> bool:
    if _wrapped_title(line, before, left, right, height):
        return False
    if line.x0 > left + 0.8 * height:  # indented first line (or centred)
        return True
    if before.x1 < right - max(4 * height, 0.15 * (right - left)):  # the line above ended short
        # (not merely a word or number that did not fit: Word moves "2022年" whole)
        return True
    if _HEADING.match(line.text):
        return True
    if line.page == before.page and line.top - before.bottom > 1.5 * height:
        return True  # a blank line between
    return False


def _wrapped_title(line: ProseLine, before: ProseLine, left: float, right: float, height: float) -> bool:
    """The second line of a title wrapped by Word (centred, in a font larger than the text's):
    the line above fills the width, both are centred on the text's middle, nothing between."""
    middle = (left + right) / 2
    return (line.page == before.page and not _HEADING.match(line.text)
            and min(line.bottom - line.top, before.bottom - before.top) > 1.2 * height
            and abs((line.x0 + line.x1) / 2 - middle) < 0.5 * height
            and abs((before.x0 + before.x1) / 2 - middle) < 0.5 * height
            and before.x1 - before.x0 > 0.8 * (right - left)
            and line.top - before.bottom < 1.2 * height)


def _paragraph(lines: list[ProseLine]) -> Paragraph:
    segments: list[Segment] = []
    text = ""
    for line in lines:
        piece = line.text
        if text and not (wide(text[-1]) or wide(piece[0])):
            piece = " " + piece
        segments.append(Segment(piece, line.page, 1, False))
        text += piece
    return Paragraph((tuple(segments),))
