"""The library API: ``parse(text_or_path) -> Report``.  No I/O beyond reading the input."""

from __future__ import annotations

import os
from typing import Union

from gip_lint.model.build import build_report
from gip_lint.model.document import Report
from gip_lint.parser import parse_blocks
from gip_lint.readers import BUILTIN_READERS, Reader, reader_for
from gip_lint.source import SourceText, from_text


def parse_source(source: SourceText) -> Report:
    """Parse an already-read source into the document model."""
    return build_report(source, parse_blocks(source.text, source.original))


def read_path(path: Union[str, os.PathLike], readers: tuple[Reader, ...] = BUILTIN_READERS) -> SourceText:
    """Read a file with the reader for its extension (raises OSError or DecodeError)."""
    name = os.fspath(path)
    with open(name, "rb") as handle:
        data = handle.read()
    return reader_for(name, readers).read(data, name)


def parse(text_or_path: Union[str, bytes, os.PathLike], path: str = "<string>") -> Report:
    """Parse a report given as text, bytes, or a path to a file.

    A ``str`` is taken as report text unless it is a single line naming an existing file;
    pass a :class:`pathlib.Path` to be explicit.  Raises :class:`gip_lint.source.DecodeError`
    for bytes that are not text, OSError for unreadable files.
    """
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and os.path.isfile(text_or_path)
    ):
        return parse_source(read_path(text_or_path))
    if isinstance(text_or_path, bytes):
        from gip_lint.source import from_bytes

        return parse_source(from_bytes(text_or_path, path))
    return parse_source(from_text(text_or_path, path=path))
