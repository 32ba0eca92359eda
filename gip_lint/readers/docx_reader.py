"""Read a report drafted in Word or WPS (``.docx``) with python-docx.

The body is read in order — paragraphs and tables interleaved, content controls opened, Word's
automatic list numbers put back (:mod:`gip_lint.readers.word_numbering`) — and laid out like
the text seeds (:mod:`gip_lint.readers.layout`).  Merged cells are expanded
into the table grid the same way as in web pages: the cell where a merge starts holds the
text, the grid positions it covers are blank.

Positions (documented in the README and docs/readers.md): a .docx has no lines, so

* **line** = the number of the paragraph in the document body, counting every paragraph
  (empty ones too, as Word's ¶ marks show them) and every **table row** as one, from 1;
* **column** = in a paragraph, the character in it (from 1); in a table row, the **cell**:
  the grid column of the cell, from 1 (a merged cell counts the columns it spans).

Before python-docx sees the archive it is checked with :mod:`zipfile`: too many members, too
much uncompressed data, an implausible compression ratio (zip bombs) or a missing part is a
GIP001 diagnostic, never an exhausted memory or a traceback.
"""

from __future__ import annotations

import io
import zipfile
from typing import Union

from gip_lint.readers.layout import CellContent, Paragraph, Segment, Table, clean_segments, write_blocks
from gip_lint.source import DecodeError, SourceText

MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all members together, as declared in the archive
MAX_RATIO = 100  # a member larger than RATIO_FLOOR may be at most this many times its packed size
RATIO_FLOOR = 1024 * 1024
REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")


def check_archive(data: bytes) -> None:
    """Refuse archives that are not a plausible .docx before anything is decompressed.

    zipfile never returns more than a member's declared size, so bounding the declared sizes
    bounds the memory python-docx can use.
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DecodeError("这是旧版 Word（.doc）文件，不是 .docx：请在 Word/WPS 中另存为 .docx 后再检查")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise DecodeError(f"不是有效的 .docx 文件：ZIP 结构损坏或文件被截断（{exc}）") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise DecodeError(f".docx 压缩包内有 {len(members)} 个文件，超过上限 {MAX_MEMBERS}，拒绝读取")
        total = 0
        for member in members:
            total += member.file_size
            if total > MAX_UNCOMPRESSED:
                raise DecodeError(f".docx 解压后超过 {MAX_UNCOMPRESSED // (1024 * 1024)} MB，疑似压缩炸弹，拒绝读取")
            if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise DecodeError(f".docx 中的 {member.filename} 压缩比超过 {MAX_RATIO} 倍，疑似压缩炸弹，拒绝读取")
        names = {member.filename for member in members}
        missing = [part for part in REQUIRED_PARTS if part not in names]
        if missing:
            raise DecodeError("不是有效的 .docx 文件：缺少 " + "、".join(missing))
        try:
            archive.getinfo("word/document.xml")
            bad = archive.testzip()
        except Exception as exc:  # unsupported compression, bad headers
            raise DecodeError(f"不是有效的 .docx 文件：压缩包无法解压（{exc}）") from None
        if bad:
            raise DecodeError(f"不是有效的 .docx 文件：{bad} 已损坏（校验和不符）")


P_TAG = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _open(data: bytes):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # malformed XML, missing relationships, wrong content type …
        raise DecodeError(f"无法读取 Word 文档：{type(exc).__name__}: {exc}"[:300]) from None


def _body_items(element):
    """Paragraph and table elements of the body in reading order (content controls opened)."""
    from docx.oxml.ns import qn

    p, tbl, sdt, content = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
    pending = list(reversed(list(element)))
    while pending:
        child = pending.pop()
        if child.tag in (p, tbl):
            yield child
        elif child.tag in (sdt, content):
            pending.extend(reversed(list(child)))


class _Counter:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


_TEXT_TAGS: dict = {}


def paragraph_text(p_element) -> str:
    """The text Word shows for a paragraph, in document order.

    python-docx's ``Paragraph.text`` reads only runs and hyperlinks directly under the
    paragraph, so text inside tracked insertions (``w:ins``), smart tags, fields and content
    controls would be lost.  Deleted text (``w:delText``), field codes and text boxes are not
    shown by Word and are skipped.
    """
    from docx.oxml.ns import qn

    if not _TEXT_TAGS:
        _TEXT_TAGS.update({qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): "\n", qn("w:cr"): "\n",
                           qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""})
        _TEXT_TAGS["skip"] = {qn("w:del"), qn("w:txbxContent"), qn("w:pict"), qn("w:drawing"),
                              qn("w:instrText"), qn("w:fldData")}
    skip = _TEXT_TAGS["skip"]
    out: list[str] = []
    pending = list(reversed(list(p_element)))
    while pending:
        element = pending.pop()
        tag = element.tag
        if tag in skip:
            continue
        if tag in _TEXT_TAGS:
            out.append(element.text or "" if _TEXT_TAGS[tag] is None else _TEXT_TAGS[tag])
            continue
        pending.extend(reversed(list(element)))
    return "".join(out)


def _paragraph(p_element, parent, number: int, numbering=None) -> Paragraph:
    from docx.text.paragraph import Paragraph as DocxParagraph

    paragraph = DocxParagraph(p_element, parent)
    text = paragraph_text(p_element)
    prefix = numbering.prefix(p_element, _style_element(paragraph)) if numbering and text.strip() else ""
    lines, column = [], 1
    for piece in text.split("\n"):  # a manual line break (w:br) starts a new line
        segments = [Segment(piece, number, column, True)] if piece else []
        if prefix:  # Word's automatic number ("一、") stands before the text, at column 1
            segments.insert(0, Segment(prefix, number, 1, False))
            prefix = ""
        lines.append(clean_segments(segments))
        column += len(piece) + 1
    return Paragraph(tuple(lines))


def _style_element(paragraph):
    try:
        style = paragraph.style
        return style.element if style is not None else None
    except Exception:  # a dangling style reference: no numbering from the style
        return None


def _table(tbl_element, parent, counter: _Counter) -> Union[Table, list[Paragraph]]:
    from docx.table import Table as DocxTable

    table = DocxTable(tbl_element, parent)
    rows: list[tuple[CellContent, ...]] = []
    widths = []
    for row in table.rows:
        number = counter.next()
        cells: list[CellContent] = []
        column = 1

        def blank(count: int) -> None:
            nonlocal column
            for _ in range(count):
                cells.append(CellContent((), number, column))
                column += 1

        blank(row.grid_cols_before)
        for tc in row._tr.tc_lst:
            span = max(tc.grid_span, 1)
            start = column
            if tc.vMerge == "continue":  # covered by a vertical merge from above
                blank(span)
                continue
            text = "\n".join(paragraph_text(p) for p in _body_items(tc) if p.tag == P_TAG)
            cells.append(CellContent(clean_segments([Segment(text, number, start, False)]), number, start))
            column += 1
            blank(span - 1)  # grid columns covered by a horizontal merge
        blank(row.grid_cols_after)
        widths.append(sum(1 for c in row._tr.tc_lst))
        rows.append(tuple(cells))
    if widths and max(widths) <= 1:  # a one-column table is a frame around paragraphs
        return _framed_paragraphs(table, rows)
    return Table(tuple(rows))


def _framed_paragraphs(table, rows) -> list[Paragraph]:
    """The paragraphs inside a one-column table, each on its own line (at its row's number)."""
    from docx.oxml.ns import qn
    out = []
    for tr, row in zip(table._tbl.tr_lst, rows):
        number = row[0].line if row else 0
        for p_element in tr.iter(qn("w:p")):
            text = paragraph_text(p_element)
            line = clean_segments([Segment(text, number, 1, False)])
            if line:
                out.append(Paragraph((line,)))
    return out


def read_docx(data: bytes, path: str) -> SourceText:
    """The reader for ``.docx``: a Word document → report text with paragraph/row positions."""
    check_archive(data)
    document = _open(data)
    from docx.oxml.ns import qn

    counter = _Counter()
    blocks: list[Union[Paragraph, Table]] = []
    try:
        from gip_lint.readers.word_numbering import Numbering

        body = document.element.body  # fails when the root element is not <w:document>
        if body is None:
            raise DecodeError("Word 文档没有正文（word/document.xml 中缺少 <w:body>）")
        numbering = Numbering(document)
        for item in _body_items(body):
            if item.tag == qn("w:p"):
                blocks.append(_paragraph(item, document, counter.next(), numbering))
            else:
                table = _table(item, document, counter)
                blocks.extend(table if isinstance(table, list) else [table])
    except DecodeError:
        raise
    except Exception as exc:  # XML python-docx cannot interpret (bad attribute values …)
        raise DecodeError(f"无法读取 Word 文档的内容：{type(exc).__name__}: {exc}"[:300]) from None
    return write_blocks(blocks, path, "docx", "docx")
