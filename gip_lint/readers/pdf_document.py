"""Open a PDF with PDFium (pypdfium2's bindings); take out, page by page, characters and strokes.

Everything the layout needs is here as plain tuples in *top-down* page coordinates (points,
y growing downwards as on the printed page):

* a :class:`Glyph` per character of the text layer (pdfium's loose box: the font's full height,
  so characters of one line share top and bottom);
* a :class:`Rule` per horizontal or vertical stroke: table borders, drawn as lines, thin filled
  rectangles or the edges of rectangles, on the page or inside form XObjects.

A page stored turned (/Rotate) has both placed as it is displayed.

Unreadable input becomes a :class:`~gip_lint.source.DecodeError` with the reason — encrypted,
damaged, too many pages, a scan without a text layer — never a traceback.  Pages are read within
a page count and time budget, so a PDF bomb is refused, not endured.
"""

from __future__ import annotations

import ctypes
import time
from typing import NamedTuple

from gip_lint.source import DecodeError

#: Government reports run to a few dozen pages; more is not a report (or is a bomb).
MAX_PAGES = 300
#: Wall-clock budget for taking the text out of all pages (seconds).
TIME_BUDGET = 30.0
#: Characters on one page beyond which the page is not a report page.
MAX_CHARS_PER_PAGE = 50_000
#: Path objects on one page beyond which drawings are ignored (no table has that many borders).
MAX_PATHS_PER_PAGE = 20_000

_THIN = 2.5  # points: a filled rectangle at most this thick is a stroke


class Glyph(NamedTuple):
    char: str
    x0: float
    top: float
    x1: float
    bottom: float


class Rule(NamedTuple):
    """A horizontal (``vertical`` False: y = a, from b to c) or vertical (x = a, y from b to c) stroke."""

    vertical: bool
    a: float
    b: float
    c: float


class PdfPage(NamedTuple):
    number: int  # 1-based
    width: float
    height: float
    glyphs: list
    rules: list
    unmapped: int  # characters whose font gives no Unicode for them (private use, U+FFFD, controls)
    picture: float  # the share of the page its largest image covers (a scan: nearly all of it)


_initialised = False


def _raw():
    """PDFium's C API (pypdfium2's ctypes bindings), the library initialised once a process.

    The bindings alone import in ≈10 ms; the ``pypdfium2`` helper layer above them costs ≈60 ms
    more at every cold start and is not needed here.
    """
    global _initialised
    try:
        import pypdfium2_raw as raw
    except ImportError:  # a pypdfium2 that ships its bindings under another name
        import pypdfium2.raw as raw
    if not _initialised:
        raw.FPDF_InitLibrary()
        _initialised = True
    return raw


class _Document:
    """An open PDFium document; the bytes stay referenced while PDFium reads them."""

    def __init__(self, data: bytes) -> None:
        raw = _raw()
        self.raw = raw
        self.buffer = ctypes.create_string_buffer(data, len(data))
        self.handle = raw.FPDF_LoadMemDocument64(self.buffer, len(data), None)
        if not self.handle:
            code = raw.FPDF_GetLastError()
            if code == raw.FPDF_ERR_PASSWORD:
                raise DecodeError("PDF 已加密（需要密码才能打开），无法读取：请提供未加密的文件")
            if code == raw.FPDF_ERR_SECURITY:
                raise DecodeError("PDF 使用了不支持的加密方式，无法读取：请提供未加密的文件")
            raise DecodeError("PDF 文件已损坏或不完整（可能被截断），无法读取：" + _reason(code))

    def close(self) -> None:
        if self.handle:
            self.raw.FPDF_CloseDocument(self.handle)
            self.handle = None


def _reason(code) -> str:
    return {3: "文件格式错误", 2: "文件无法读取", 1: "未知错误"}.get(code, f"错误码 {code}")


def read_pages(data: bytes) -> list[PdfPage]:
    """Every page's glyphs and rules, or DecodeError for a PDF that cannot be read as a report."""
    started = time.monotonic()
    document = _Document(data)
    raw = document.raw
    try:
        count = raw.FPDF_GetPageCount(document.handle)
        if count <= 0:
            raise DecodeError("PDF 文件没有任何页面")
        if count > MAX_PAGES:
            raise DecodeError(f"PDF 有 {count} 页，超过上限 {MAX_PAGES} 页，不像年度报告（或是恶意文件），拒绝读取")
        pages = []
        for index in range(count):
            if time.monotonic() - started > TIME_BUDGET:
                raise DecodeError(f"读取 PDF 超过 {TIME_BUDGET:.0f} 秒（第 {index + 1} 页），拒绝继续读取")
            pages.append(_read_page(raw, document.handle, index))
    except DecodeError:
        raise
    except Exception as exc:  # a damaged page or object: one GIP001 with the reason
        raise DecodeError(f"PDF 文件已损坏，无法读取：{type(exc).__name__}: {exc}"[:300]) from None
    finally:
        document.close()
    return pages


def _read_page(raw, document, index: int) -> PdfPage:
    page = raw.FPDF_LoadPage(document, index)
    if not page:
        raise DecodeError(f"PDF 第 {index + 1} 页已损坏，无法读取")
    try:
        width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)  # as displayed
        place = _placer(raw.FPDFPage_GetRotation(page) % 4, width, height)
        glyphs, unmapped = _glyphs(raw, page, height, place, index)
        rules, picture = _rules(raw, page, width, height, place)
    finally:
        raw.FPDF_ClosePage(page)
    return PdfPage(index + 1, width, height, glyphs, rules, unmapped, picture)


def _placer(rotation: int, width: float, height: float):
    """``(x, y) → (x, y)``: a point of the page's own (PDF, bottom-up) space where it stands on the
    page as displayed, top-down — turned by the page's /Rotate (quarter turns clockwise), so a
    landscape page printed as a portrait one turned (/Rotate 90 or 270) reads in its own order."""
    if rotation == 1:
        return lambda x, y: (y, x)
    if rotation == 2:
        return lambda x, y: (width - x, y)
    if rotation == 3:
        return lambda x, y: (width - y, height - x)
    return None  # upright: (x, height - y), written out where it is hot


def _box(place, height: float, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
    """A box of the page's own space as (x0, top, x1, bottom) on the displayed page."""
    if place is None:
        return left, height - top, right, height - bottom
    (xa, ya), (xb, yb) = place(left, bottom), place(right, top)
    return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def _glyphs(raw, page, height: float, place, index: int) -> tuple[list, int]:
    handle = raw.FPDFText_LoadPage(page)
    if not handle:
        return [], 0
    try:
        count = raw.FPDFText_CountChars(handle)
        if count > MAX_CHARS_PER_PAGE:
            raise DecodeError(f"PDF 第 {index + 1} 页有 {count} 个字符，超过上限 {MAX_CHARS_PER_PAGE}，拒绝读取")
        box = raw.FS_RECTF()
        out = []
        unmapped = 0
        get_unicode, generated, loose = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox
        for i in range(max(count, 0)):
            if generated(handle, i):
                continue  # spaces and line breaks pdfium adds on its own: the geometry decides
            code = get_unicode(handle, i)
            if code < 32 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or 0xE000 <= code <= 0xF8FF \
                    or code == 0xFFFD:
                unmapped += code not in (9, 10, 13)
                continue
            if not loose(handle, i, box):
                continue
            if place is None:
                out.append(Glyph(chr(code), box.left, height - box.top, box.right, height - box.bottom))
            else:
                out.append(Glyph(chr(code), *_box(place, height, box.left, box.bottom, box.right, box.top)))
        return out, unmapped
    finally:
        raw.FPDFText_ClosePage(handle)


def _rules(raw, handle, width: float, height: float, place) -> tuple[list, float]:
    """Axis-parallel strokes of the page's path objects, those inside form XObjects too, and the
    share of the page covered by its largest image."""
    rules: list = []
    picture = 0.0
    area = max(width * height, 1.0)
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    paths = 0
    for obj, kind, form in _objects(raw, handle):
        if kind != raw.FPDF_PAGEOBJ_PATH and kind != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        bounds = left.value, bottom.value, right.value, top.value
        if form is not None:  # a form's objects are bounded in the form's own space
            bounds = _bounds(form, *bounds)
        x0, y0, x1, y1 = _box(place, height, *bounds)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            picture = max(picture, min(max(x1 - x0, 0) * max(y1 - y0, 0) / area, 1.0))
            continue
        paths += 1
        if paths > MAX_PATHS_PER_PAGE:
            break
        if x1 - x0 <= _THIN and y1 - y0 > _THIN:
            rules.append(Rule(True, (x0 + x1) / 2, y0, y1))
        elif y1 - y0 <= _THIN and x1 - x0 > _THIN:
            rules.append(Rule(False, (y0 + y1) / 2, x0, x1))
        elif x1 - x0 > _THIN and y1 - y0 > _THIN:
            rules.extend(_path_edges(raw, obj, place, height, form))
    return rules, picture


_FORM_DEPTH = 4  # forms inside forms this deep (Word and WPS draw none; a deeper one is a bomb)


def _objects(raw, handle):
    """The page's objects as (object, type, the matrix of the form XObject it stands in or None).

    A form object's matrix takes its content to the page (PDFium composes the form's own
    /Matrix with the placing one); a form inside it composes with that.
    """
    get, kind_of, form_kind = raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType, raw.FPDF_PAGEOBJ_FORM
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = get(handle, i)
        kind = kind_of(obj)
        if kind != form_kind:
            yield obj, kind, None
            continue
        stack = [(obj, None, 0)]
        matrix = raw.FS_MATRIX()
        while stack:
            obj, form, depth = stack.pop()
            kind = kind_of(obj)
            if kind != form_kind:
                yield obj, kind, form
                continue
            if depth >= _FORM_DEPTH or not raw.FPDFPageObj_GetMatrix(obj, matrix):
                continue
            inner = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            inner = inner if form is None else _compose(inner, form)
            count = raw.FPDFFormObj_CountObjects(obj)
            stack.extend((raw.FPDFFormObj_GetObject(obj, j), inner, depth + 1) for j in range(count - 1, -1, -1))


def _compose(first, then) -> tuple:
    """The matrix applying ``first``, then ``then`` (PDF order: a b c d e f)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _bounds(m, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
    """The box ``m`` takes a box to (left, bottom, right, top: PDF space, bottom-up)."""
    corners = [_apply(m, x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _path_edges(raw, obj, place, height: float, form=None) -> list:
    """The axis-parallel straight pieces of a larger path (a rectangle, a grid drawn in one path)."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
    a, b, c, d, e, f = own if form is None else _compose(own, form)
    x, y = ctypes.c_float(), ctypes.c_float()
    out = []
    start = previous = None
    segments = raw.FPDFPath_CountSegments(obj)
    for i in range(min(max(segments, 0), 4000)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        if not raw.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        point = (px, height - py) if place is None else place(px, py)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = previous = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
            out.extend(_edge(previous, point))
        previous = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            out.extend(_edge(point, start))
            previous = start
    return out


def _edge(p, q) -> list:
    (x0, y0), (x1, y1) = p, q
    if abs(x0 - x1) <= 0.5 and abs(y0 - y1) > _THIN:
        return [Rule(True, (x0 + x1) / 2, min(y0, y1), max(y0, y1))]
    if abs(y0 - y1) <= 0.5 and abs(x0 - x1) > _THIN:
        return [Rule(False, (y0 + y1) / 2, min(x0, x1), max(x0, x1))]
    return []
