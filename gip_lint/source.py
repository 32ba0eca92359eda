"""Turn the bytes of a report into text the grammar can read, without losing positions.

Everything the parser sees has passed through :func:`normalise`, which maps one character to
exactly one character (full-width digits and brackets to ASCII, exotic spaces to a plain
space).  Because the mapping is one-to-one, a line and column in the normalised text is the
same line and column in the original file, and no offset table is needed for text reports.
Readers for other formats (HTML, DOCX) build a :class:`SourceText` of their own and give it
an ``origin`` function that maps positions back into their source.
"""

from __future__ import annotations

import codecs
import re
from typing import Callable, Optional

import attrs

from gip_lint.lazy_re import lazy_compile

#: Longest file read by default (bytes).  Larger files get GIP001 instead of a slow parse.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class DecodeError(Exception):
    """The bytes are not text in any encoding a report uses (reported as GIP001)."""


def _build_translation() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block → ASCII
        table[code] = chr(code - 0xFEE0)
    for space in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F, 0xFEFF):
        table[space] = " "
    for zero_width in (0x200B, 0x200C, 0x200D, 0x2060):
        table[zero_width] = " "
    table.update({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'", 0x2014: "-", 0x2013: "-",
                  0x2212: "-", 0xFE63: "-"})
    # Control characters other than TAB and the line breaks would confuse the lexer.
    for code in list(range(0x00, 0x09)) + [0x0B, 0x0C] + list(range(0x0E, 0x20)) + [0x7F, 0x85]:
        table[code] = " "
    return table


_TRANSLATION = _build_translation()

# str.translate(_TRANSLATION) would do, but costs ≈60 ns a character on Chinese text (0.28 ms
# a report, twice a file in a corpus run).  A regex finds which of the characters to fold the
# text holds (about 8 distinct ones in a report), and each is replaced throughout at C speed:
# 0.03 ms.  Replacing one after another is safe because no replacement is itself folded (they
# are printable ASCII).  Compiled on first use (≈0.6 ms).
_FOLDABLE = lazy_compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TRANSLATION)) + "]")
_FOLDED = {chr(code): replacement for code, replacement in _TRANSLATION.items()}


def normalise(text: str) -> str:
    """Return ``text`` with full-width forms folded to ASCII, one character for one."""
    for char in set(_FOLDABLE.findall(text)):
        text = text.replace(char, _FOLDED[char])
    return text


def _identity_origin(line: int, column: int) -> tuple[int, int]:
    return line, column


@attrs.frozen
class SourceText:
    """A report as lines of text, ready for the grammar.

    ``text`` is normalised and ends with a newline; ``original`` keeps the characters the
    user wrote (for quoting a cell or a source line); ``encoding`` says how the bytes were
    decoded; ``origin`` maps a (line, column) of ``text`` to one in the file the user opened.
    """

    path: str
    text: str
    original: str
    encoding: str = "utf-8"
    origin: Callable[[int, int], tuple[int, int]] = _identity_origin
    kind: str = "text"
    #: For a paged source (PDF): the page (from 1) of a (line, column) of ``text``; else None.
    page: Optional[Callable[[int, int], int]] = None

    def original_line(self, line: int) -> str:
        """The user's own text of 1-based ``line`` ("" when out of range)."""
        lines = self.original.split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else ""


def split_lines(text: str) -> str:
    """Fold CRLF and lone CR into LF, so every reader counts lines as an editor does."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Formats reports are also published in, which gip-lint does not read: say which and what to do.
_OTHER_FORMATS = (
    (b"%PDF-", "这是 PDF 文件，却不以 .pdf 结尾：请改用 .pdf 扩展名检查（gip-lint 直接读取 PDF），不要转换为文本"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "这是旧版 Word（.doc）或 WPS 文件，gip-lint 不能直接读取：请另存为 .docx 后检查"),
    (b"PK\x03\x04", "这是 ZIP 压缩格式的文件（如 .docx、.wps 或 .zip），不是文本：Word 文件请以 .docx 扩展名检查"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Decode report bytes; return (text, encoding name) or raise :class:`DecodeError`.

    UTF-8 (with or without BOM) first, UTF-16 when a BOM says so, then GB18030 (a superset
    of GBK and GB2312, common on government machines).  Binary data is refused.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"文件以 UTF-8 BOM 开头，但第 {exc.start} 字节起不是合法的 UTF-8") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("文件以 UTF-16 BOM 开头，但内容不是合法的 UTF-16") from exc
        if not _looks_like_text(text):
            raise DecodeError("文件以 UTF-16 BOM 开头，但解码后大多是不可打印字符，不像文本")
        return text, "utf-16"
    for magic, what in _OTHER_FORMATS:
        if data.startswith(magic):
            raise DecodeError(what)
    if b"\x00" in data[:8192]:
        raise DecodeError("文件含有 NUL 字节，看来是二进制文件，而不是文本报告")
    try:
        return _decode_cut(data, "utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = _decode_cut(data, "gb18030")
        except UnicodeDecodeError:
            raise DecodeError(
                f"无法解码：第 {utf8_error.start} 字节起既不是 UTF-8 也不是 GB18030/GBK"
            ) from None
        if not _looks_like_text(text):
            raise DecodeError("文件内容不像文本（按 GB18030 解码后大多是不可打印字符）")
        return text, "gb18030"


def _decode_cut(data: bytes, codec: str) -> str:
    """``data`` decoded; a file cut off inside its last character (a download or a copy that
    stopped short) loses that character, not its whole text, nor is it taken for another
    encoding.  What the cut took away is then missing from the report, and reported so."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and len(data) - exc.start < 4 and exc.start > 0:
            try:
                return data[:exc.start].decode(codec)
            except UnicodeDecodeError:
                pass
        raise


def _looks_like_text(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return True
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\t\r\n")
    return printable / len(sample) > 0.95


def from_text(text: str, path: str = "<string>", encoding: str = "utf-8") -> SourceText:
    """Wrap already-decoded text (a BOM, if any, is dropped)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    original = split_lines(text)
    normalised = normalise(original)
    if not normalised.endswith("\n"):
        normalised += "\n"
    return SourceText(path=path, text=normalised, original=original, encoding=encoding)


def from_bytes(data: bytes, path: str) -> SourceText:
    """Decode and wrap the bytes of a text or Markdown report."""
    text, encoding = decode(data)
    return from_text(text, path=path, encoding=encoding)
