"""Readers turn a file's bytes into a :class:`~gip_lint.source.SourceText` the grammar can parse.

Each reader is registered for file extensions; plugins add more through the
``gip_lint_readers`` hook.  The plain-text reader handles ``.txt`` and ``.md`` (TAB-separated
or Markdown pipe tables; space-aligned ones, as ``pdftotext -layout`` writes them, are cut into
cells by :mod:`gip_lint.readers.spaced_tables`); web pages (``.html``, ``.htm``, ``.shtml``, ``.xhtml``) Word documents (``.docx``) and PDF (``.pdf``)
have readers of their own, imported only when such a file is read.
"""

from __future__ import annotations

from typing import Callable

import attrs

from gip_lint.source import SourceText, from_bytes


@attrs.frozen
class Reader:
    """Reads one kind of file: ``read(data, path)`` returns a SourceText or raises DecodeError."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[[bytes, str], SourceText]


def _read_text(data: bytes, path: str) -> SourceText:
    """A text report; its space-aligned tables (if any: a cheap test) as TAB rows."""
    source = from_bytes(data, path)
    from gip_lint.readers.spaced_tables import needs_tables

    if not needs_tables(source.original):
        return source
    from gip_lint.readers.spaced_tables import read_spaced_tables

    return read_spaced_tables(source)


TEXT_READER = Reader(name="text", extensions=(".txt", ".md", ".text", ".markdown"), read=_read_text)


def _read_html(data: bytes, path: str) -> SourceText:
    from gip_lint.readers.html_reader import read_html

    return read_html(data, path)


def _read_docx(data: bytes, path: str) -> SourceText:
    from gip_lint.readers.docx_reader import read_docx

    return read_docx(data, path)


def _read_pdf(data: bytes, path: str) -> SourceText:
    from gip_lint.readers.pdf_reader import read_pdf

    return read_pdf(data, path)


HTML_READER = Reader(name="html", extensions=(".html", ".htm", ".shtml", ".xhtml"), read=_read_html)
DOCX_READER = Reader(name="docx", extensions=(".docx",), read=_read_docx)
PDF_READER = Reader(name="pdf", extensions=(".pdf",), read=_read_pdf)

def _read_unsupported(data: bytes, path: str) -> SourceText:
    from gip_lint.readers.unsupported import read_unsupported

    return read_unsupported(data, path)


# .doc, .wps, .et, images …: read only to say what to do (GIP001); not among the supported ones.
UNSUPPORTED_READER = Reader(name="unsupported", extensions=(
    ".doc", ".docm", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".ofd", ".et", ".xls", ".xlsx", ".dps", ".ppt", ".pptx",
    ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"), read=_read_unsupported)

BUILTIN_READERS: tuple[Reader, ...] = (TEXT_READER, HTML_READER, DOCX_READER, PDF_READER)


def reader_for(path: str, readers: tuple[Reader, ...] = BUILTIN_READERS) -> Reader:
    """The reader registered for ``path``'s extension; plain text when none is."""
    lower = path.lower()
    for reader in (*readers, UNSUPPORTED_READER):
        if any(lower.endswith(ext) for ext in reader.extensions):
            return reader
    return TEXT_READER


def supported_extensions(readers: tuple[Reader, ...] = BUILTIN_READERS) -> tuple[str, ...]:
    return tuple(ext for reader in readers for ext in reader.extensions)
