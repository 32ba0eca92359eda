"""Lint the text of an editor buffer and place each diagnostic on an LSP range.

Independent of pygls: the server hands in the buffer's text, its path, the
:class:`gip_lint.engine.setup.FileSetup` that applies to it (the one ``check`` would lint the
file with, and suppress its findings with) and the negotiated position encoding, and gets back
plain :class:`Placed` values to translate into protocol objects.
"""

from __future__ import annotations

import os
from typing import Optional, Sequence
from urllib.parse import unquote, urlparse

import attrs

from gip_lint.engine.linter import lint_source
from gip_lint.engine.setup import FileSetup
from gip_lint.rule import Diagnostic, Rule
from gip_lint.source import DecodeError, from_text
from gip_lint.lsp.positions import MARKUP_CELL_ENDS, TEXT_CELL_ENDS, UTF16, code_units, lsp_range, split_lines

Range = tuple[tuple[int, int], tuple[int, int]]


@attrs.frozen
class Placed:
    """A diagnostic and the 0-based LSP range it covers in the buffer."""

    diagnostic: Diagnostic
    range: Range
    fix: Optional[tuple[Range, str]] = None  # the suggested value's edit: (range of the cell's text, new text)


def path_from_uri(uri: str) -> str:
    """A file system path for ``file:`` URIs, else the URI's path part (``untitled:Untitled-1``)."""
    parsed = urlparse(uri)
    path = unquote(parsed.path)
    if parsed.scheme == "file":
        if parsed.netloc:  # file://server/share/report.txt (UNC)
            return f"//{parsed.netloc}{path}"
        if len(path) > 2 and path[0] == "/" and path[2] == ":":  # /C:/reports/a.txt
            return path[1:]
        return path
    return path or uri


def wants(path: str, setup: FileSetup) -> bool:
    """Whether a buffer is one gip-lint reads: a report extension, or no extension (untitled)."""
    from gip_lint.readers import BUILTIN_READERS, supported_extensions

    extensions = supported_extensions(tuple(BUILTIN_READERS) + tuple(setup.readers))
    name = os.path.basename(path)
    return "." not in name or name.lower().endswith(tuple(extensions))


def read_buffer(text: str, path: str, setup: FileSetup):
    """The buffer as a SourceText, with the reader for its extension; or a GIP001 Diagnostic."""
    from gip_lint.engine.core_codes import CANNOT_READ
    from gip_lint.engine.linter import choose_reader
    from gip_lint.readers import TEXT_READER

    def cannot_read(message: str) -> Diagnostic:
        return Diagnostic(path=path, line=1, column=1, code=CANNOT_READ.code, message=message,
                          severity=CANNOT_READ.severity, rule=CANNOT_READ.name, plugin=CANNOT_READ.plugin)

    data = text.encode("utf-8", "surrogatepass")
    if len(data) > setup.max_bytes:
        return cannot_read(f"文件过大：{len(data)} 字节，超过上限 {setup.max_bytes} 字节")
    reader = choose_reader(path, setup.readers)  # as check chooses it
    if reader is TEXT_READER:
        return from_text(text, path)  # already decoded by the editor
    try:
        return reader.read(data, path)  # HTML etc.: the reader parses the markup itself
    except DecodeError as exc:
        return cannot_read(str(exc))
    except Exception as exc:  # a reader plugin's defect must not stop the server
        return cannot_read(f"读取时出错：{type(exc).__name__}: {exc}")


def lint_buffer(text: str, path: str, setup: FileSetup, encoding: str = UTF16) -> list[Placed]:
    """Lint the editor's text of ``path``; every diagnostic placed on a range of that text."""
    source = read_buffer(text, path, setup)
    if isinstance(source, Diagnostic):
        diagnostics: Sequence[Diagnostic] = (source,) if setup.selection(source.code) else ()
        markup = shift = False
    else:
        diagnostics = lint_source(source, setup.rules, setup.selection, setup.context(),
                                  setup.severity_overrides).diagnostics
        markup = source.kind != "text"
        # from_text drops a byte-order mark the editor may have kept: line 1 starts after it.
        shift = not markup and text.startswith("\ufeff")
    # The buffer's own suppressions, as check applies the saved file's (the baseline is a
    # command-line file of check only: no configuration key names one).
    diagnostics = setup.unsuppressed(path, diagnostics, text.encode("utf-8", "surrogatepass"))
    lines = split_lines(text)
    cell_ends = MARKUP_CELL_ENDS if markup else TEXT_CELL_ENDS
    placed = []
    for d in diagnostics:
        column = d.column + (shift and d.line == 1)
        fix = None
        if d.suggestion is not None and not markup:  # positions are the buffer's own: the cell can be replaced
            fix = suggested_edit(lines, d.line, column, d.suggestion, encoding)
        placed.append(Placed(d, lsp_range(lines, d.line, column, encoding, cell_ends), fix))
    return placed


def suggested_edit(lines: Sequence[str], line: int, column: int, suggestion, encoding: str):
    """(range, new text) replacing the cell text ``suggestion.text`` at (line, column), or None
    when the buffer no longer holds that text there."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    start = column - 1
    if text[start:start + len(suggestion.text)] != suggestion.text:
        return None
    row = line - 1
    return ((row, code_units(text[:start], encoding)),
            (row, code_units(text[:start + len(suggestion.text)], encoding))), str(suggestion.value)


def hover_markdown(rule: Rule) -> str:
    """What a hover over a diagnostic shows: the rule's summary and its documentation."""
    origin = rule.plugin + (f" {rule.plugin_version}" if rule.plugin_version else "")
    head = f"**{rule.code}** `{rule.name}` — {rule.summary}\n\n严重程度：{rule.severity}    来源：{origin}"
    return f"{head}\n\n{rule.explanation}".rstrip() + "\n"
