"""Read a report published as a web page (``.html``, ``.htm``).

Government pages are not clean documents: Word's HTML export, CMS templates, tables with
rowspan/colspan, ``&nbsp;`` in blank cells, labels split over ``<span>``/``<font>`` runs,
navigation and footers around the report, GB2312/GBK pages.  This module

1. decodes the bytes (BOM, valid UTF-8, the ``<meta>`` charset, GB18030: :func:`decode_html`),
2. builds a small element tree (:mod:`gip_lint.readers.html_tree`) from the tokens of
   :mod:`gip_lint.readers.html_tokens`, a tokenizer linear on any input that reports the exact
   line and column of every tag and text run (tree builders such as BeautifulSoup keep
   positions for tags only), closing optional end tags the way browsers do,
3. walks it: paragraphs and headings become lines, a data table becomes TAB-separated rows
   with merged cells expanded into the grid (covered cells blank, as the text seeds have
   them), and site chrome (scripts, styles, ``<nav>``, ``<aside>``, ``<footer>``, Word's XML
   islands) is skipped; :mod:`gip_lint.readers.layout` then drops what stands before the report's title.

Every generated character keeps its source position, so a diagnostic points at the line and
column of the cell (its first character; a blank cell: its ``<td>`` tag) in the HTML file.
"""

from __future__ import annotations

import codecs
import re
from typing import Optional, Union

from gip_lint.readers.html_tokens import Tokenizer
from gip_lint.readers.html_tree import BLOCK, SKIP, SKIP_PREFIXES, TABLE_PARTS, Node, build_tree
from gip_lint.readers.layout import (
    CellContent,
    Paragraph,
    Segment,
    Table,
    blank_cell,
    cell,
    clean_segments,
    write_blocks,
)
from gip_lint.source import DecodeError, SourceText, decode, split_lines

# --- decoding ------------------------------------------------------------------------------------


class _MetaScanner(Tokenizer):
    """Finds the charset a page declares in ``<meta>`` (only the first few KB are scanned)."""

    def __init__(self) -> None:
        super().__init__()
        self.charset: Optional[str] = None

    def handle_starttag(self, tag, attrs):
        if tag != "meta" or self.charset:
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        if values.get("charset"):
            self.charset = values["charset"].strip()
        elif values.get("http-equiv", "").lower() == "content-type":
            match = re.search(r"charset\s*=\s*['\"]?([\w.:-]+)", values.get("content", ""), re.I)
            if match:
                self.charset = match.group(1)


def declared_charset(data: bytes) -> Optional[str]:
    """The Python codec named by the page's ``<meta>``, or None (unknown names are ignored)."""
    scanner = _MetaScanner()
    try:
        scanner.feed(data[:8192].decode("latin-1"))
    except Exception:  # a scan that trips over garbage just finds nothing
        return None
    if not scanner.charset:
        return None
    try:
        name = codecs.lookup(scanner.charset).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "cp936", "hz"):
        return "gb18030"  # what browsers do: GB2312/GBK labels decode as their superset
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return None  # a page that says UTF-16 without a BOM is really ASCII-compatible
    return name


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: a BOM; else UTF-8 when the bytes are valid UTF-8; else the declared
    charset; else GB18030.

    Valid UTF-8 wins over the ``<meta>``: pages migrated to a new CMS keep a stale
    ``charset=gb2312`` while their bytes are UTF-8, whereas GBK-encoded Chinese text is
    practically never valid UTF-8 by accident.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    if b"\x00" in data[:8192]:
        raise DecodeError("文件含有 NUL 字节，看来是二进制文件，而不是网页")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data)
    if charset and charset != "utf-8":
        try:
            return data.decode(charset), charset
        except UnicodeDecodeError:
            pass
    try:
        return decode(data)
    except DecodeError:
        if charset:
            raise DecodeError(f"网页声明的字符集为 {charset}，但内容无法按此解码，也不是 UTF-8 或 GB18030") from None
        raise


# --- walking the tree ----------------------------------------------------------------------------


def _skipped(node: Node) -> bool:
    if node.tag in SKIP or node.tag.startswith(SKIP_PREFIXES):
        return True
    # A page footer never holds the report; a <header> may hold its title, and whatever
    # chrome it has stands before the title, where it is dropped anyway.
    if node.tag == "footer" and not _inside(node, ("article", "main")):
        return True
    style = node.attrs.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "hidden" in node.attrs


def _inside(node: Node, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _iter_elements(node: Node):
    """Every element below ``node`` (iterative, so deep nesting is harmless)."""
    pending = list(reversed(node.children))
    while pending:
        child = pending.pop()
        if isinstance(child, Node):
            yield child
            pending.extend(reversed(child.children))


def _text_of(node: Node) -> list[Segment]:
    """All text below ``node``, block edges and ``<br>`` as spaces (a cell's content)."""
    out: list[Segment] = []
    pending: list[Union[Node, Segment]] = list(reversed(node.children))
    while pending:
        child = pending.pop()
        if isinstance(child, Segment):
            out.append(child)
        elif not _skipped(child):
            if child.tag in BLOCK:
                out.append(Segment(" ", child.line, child.column, False))
            pending.extend(reversed(child.children))
    return out


def _rows(table: Node) -> list[tuple[Node, list[Node]]]:
    """(row element, its cells), looking through thead/tbody/tfoot and cells outside a <tr>."""
    rows: list[tuple[Node, list[Node]]] = []
    loose: list[Node] = []

    def visit(container: Node) -> None:
        for child in container.children:
            if not isinstance(child, Node) or _skipped(child):
                continue
            if child.tag == "tr":
                if loose:
                    rows.append((loose[0], loose[:]))
                    loose.clear()
                rows.append((child, [c for c in child.children if isinstance(c, Node) and c.tag in ("td", "th")]))
            elif child.tag in TABLE_PARTS or child.tag == "form":
                visit(child)
            elif child.tag in ("td", "th"):
                loose.append(child)

    visit(table)
    if loose:
        rows.append((loose[0], loose[:]))
    return rows


def _span(node: Node, name: str, limit: int) -> int:
    match = re.match(r"\s*(\d+)", node.attrs.get(name, ""))
    value = int(match.group(1)) if match else 1
    return min(max(value, 1), limit)


_NUMBER = re.compile(r"^[-−－]?\s*[\d０-９][\d０-９,，]*([.．][\d０-９]+)?$")

MAX_COLUMNS = 200
MAX_GRID_SLOTS = 250_000


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Union[Paragraph, Table]] = []
        self.lines: list[list[Segment]] = [[]]

    # paragraphs
    def _break_line(self) -> None:
        if self.lines[-1]:
            self.lines.append([])

    def _end_paragraph(self) -> None:
        cleaned = tuple(line for line in (clean_segments(l) for l in self.lines) if line)
        if cleaned:
            self.blocks.append(Paragraph(cleaned))
        self.lines = [[]]

    def walk(self, root: Node) -> list[Union[Paragraph, Table]]:
        # Iterative walk: ("open", node) / ("close", node) events.
        pending: list[tuple[str, Union[Node, Segment]]] = [("child", c) for c in reversed(root.children)]
        while pending:
            action, item = pending.pop()
            if action == "close":
                self._end_paragraph()
                continue
            if isinstance(item, Segment):
                self.lines[-1].append(item)
                continue
            node = item
            if _skipped(node):
                continue
            if node.tag == "br":
                self._break_line()
                continue
            if node.tag == "table" and self._is_data_table(node):
                self._end_paragraph()
                self.blocks.append(self._table(node))
                continue
            if node.tag in BLOCK:
                self._end_paragraph()
                pending.append(("close", node))
            pending.extend(("child", c) for c in reversed(node.children))
        self._end_paragraph()
        return self.blocks

    @staticmethod
    def _is_data_table(table: Node) -> bool:
        """A table of data, not a layout table: no table inside it, and some row with two cells."""
        if any(e.tag == "table" for e in _iter_elements(table)):
            return False
        return any(len(cells) >= 2 for _, cells in _rows(table))

    def _table(self, table: Node) -> Table:
        rows = _rows(table)
        grid: dict[tuple[int, int], tuple[Node, int, int]] = {}
        budget = MAX_GRID_SLOTS  # spans can describe a huge grid in a few bytes: bound the work
        row_ends = [0] * len(rows)
        for r, (_, cells) in enumerate(rows):
            c = 0
            for td in cells:
                while (r, c) in grid:
                    c += 1
                if c >= MAX_COLUMNS:
                    break
                rowspan = _span(td, "rowspan", len(rows) - r)
                colspan = _span(td, "colspan", MAX_COLUMNS - c)
                if rowspan * colspan > budget:
                    rowspan = colspan = 1
                budget -= rowspan * colspan
                if budget < 0:
                    break
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = (td, r, c)
                    row_ends[r + dr] = max(row_ends[r + dr], c + colspan)
                c += colspan
        contents: dict[int, tuple[CellContent, CellContent]] = {}  # per cell: (itself, a covered slot)
        out: list[list[CellContent]] = []
        origins: list[list[Optional[int]]] = []  # per slot: its column if a cell's left edge is there
        for r, (tr, _) in enumerate(rows):
            row: list[CellContent] = []
            starts: list[Optional[int]] = []
            for c in range(row_ends[r]):  # up to the row's last cell: ragged rows stay ragged
                slot = grid.get((r, c))
                if slot is None:
                    anchor = row[-1] if row else None
                    row.append(blank_cell(anchor.line, anchor.column) if anchor else blank_cell(tr.line, tr.column))
                    starts.append(None)
                    continue
                td, r0, c0 = slot
                key = id(td)
                if key not in contents:
                    content = cell(_text_of(td), td.line, td.column)
                    contents[key] = (content, blank_cell(*_anchor(content)))
                content, covered = contents[key]
                row.append(content if (r0, c0) == (r, c) else covered)
                starts.append(c if c == c0 else None)  # a cell starts here (in this row or above)
            out.append(row)
            origins.append(starts)
        _align_headers(out, origins)
        return Table(tuple(tuple(row) for row in out if row))  # a <tr> without cells splits nothing


def _anchor(content: CellContent) -> tuple[int, int]:
    """Where a cell is found in the source: its first character, or its tag when blank."""
    if content.segments:
        return content.segments[0].line, content.segments[0].column
    return content.line, content.column


def _is_number(content: CellContent) -> bool:
    return bool(_NUMBER.match("".join(s.text for s in content.segments).strip()))


def _align_headers(rows: list[list[CellContent]], origins: list[list[Optional[int]]]) -> None:
    """A header row whose spans disagree with the value rows under it is aligned by label order.

    Word lets every row have its own cell widths, so a page's grid can put 本年制发件数 over
    one column and its numbers under the next.  When the value rows below a header row all
    start their cells in the same columns, and there are as many of them as header cells,
    the k-th header label moves over the k-th value column.
    """
    for h in range(len(rows) - 1):
        header = [c for c in range(len(rows[h])) if origins[h][c] is not None]
        texts = [rows[h][c] for c in header if rows[h][c].segments]
        if len(texts) < 2 or any(_is_number(rows[h][c]) for c in header):
            continue
        below = []
        for r in range(h + 1, len(rows)):
            cols = [c for c in range(len(rows[r])) if origins[r][c] is not None]
            if not any(_is_number(rows[r][c]) for c in cols):
                break
            below.append(cols)
        if not below or any(cols != below[0] for cols in below) or below[0] == header \
                or len(below[0]) != len(header) or below[0][-1] >= len(rows[h]):
            continue  # (value cells beyond a short header row's end: nothing to align it by)
        old = [rows[h][c] for c in header]
        for c in header:
            rows[h][c] = blank_cell(*_anchor(rows[h][c]))
        for c, content in zip(below[0], old):
            rows[h][c] = content
        origins[h] = [c if c in below[0] else None for c in range(len(rows[h]))]


def read_html(data: bytes, path: str) -> SourceText:
    """The reader for ``.html``/``.htm``: a web page → report text with source positions."""
    text, encoding = decode_html(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    root = build_tree(split_lines(text))
    blocks = _Walker().walk(root)
    return write_blocks(blocks, path, encoding, "html")
