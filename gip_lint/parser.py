"""Parse normalised report text with the Lark grammar into a flat list of blocks.

The grammar (``grammars/report.lark``, shipped as ``gip_lint.grammars``) is analysed once
and the analysis cached on disk, keyed by the grammar text and the Lark version, so a run
never rebuilds it; within a process the parser object is built once.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib import resources
from pathlib import Path

from gip_lint.model.document import Block, RawCell, Row, TableBlock, TextLine


def grammar_text() -> str:
    return resources.files("gip_lint.grammars").joinpath("report.lark").read_text(encoding="utf-8")


def _cache_dir() -> Path:
    """Where the grammar analysis is cached: $GIP_LINT_CACHE_DIR, else the user's cache dir."""
    if os.environ.get("GIP_LINT_CACHE_DIR"):
        return Path(os.environ["GIP_LINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gip-lint"


@functools.lru_cache(maxsize=None)
def get_parser():
    """The LALR parser, built once per process from the on-disk analysis cache."""
    import lark

    text = grammar_text()
    digest = hashlib.sha256((text + lark.__version__).encode()).hexdigest()[:16]
    options = dict(parser="lalr", lexer="contextual", propagate_positions=False, maybe_placeholders=False)
    cache_dir = _cache_dir()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache_file = str(cache_dir / f"report-{digest}.lark-cache")
        return lark.Lark(text, cache=cache_file, **options)
    except OSError:  # read-only home or cache: analyse in memory
        return lark.Lark(text, **options)


def _row(token, original_lines: list[str]) -> Row:
    """Split a ROW token into cells, keeping each cell's column in the line."""
    text = str(token)
    line = token.line
    original = original_lines[line - 1] if line - 1 < len(original_lines) else text
    base = token.column  # 1-based column of the token's first character
    stripped = text.lstrip(" ")
    if stripped.startswith("|"):
        parts, offsets = _split_pipe(text)
    else:
        parts, offsets = _split(text, "\t")
    cells = []
    for part, offset in zip(parts, offsets):
        lead = len(part) - len(part.lstrip())
        start = base + offset + lead
        clean = part.strip()
        raw = original[start - 1:start - 1 + len(clean)] if original else clean
        cells.append(RawCell(text=clean, raw=raw, line=line, column=start))
    return Row(cells=tuple(cells), line=line)


def _split(text: str, sep: str) -> tuple[list[str], list[int]]:
    parts = text.split(sep)
    offsets, pos = [], 0
    for part in parts:
        offsets.append(pos)
        pos += len(part) + len(sep)
    return parts, offsets


def _split_pipe(text: str) -> tuple[list[str], list[int]]:
    """Cells of a Markdown pipe row (the outer pipes are not cells)."""
    parts, offsets = _split(text, "|")
    if parts and parts[0].strip() == "":
        parts, offsets = parts[1:], offsets[1:]
    if parts and parts[-1].strip() == "":
        parts, offsets = parts[:-1], offsets[:-1]
    return parts, offsets


def _is_pipe_separator(row: Row) -> bool:
    return bool(row.cells) and all(set(c.text) <= set("-: ") and c.text for c in row.cells)


def parse_blocks(text: str, original: str) -> list[Block]:
    """Parse normalised text into blocks; accepts any text (the grammar has a catch-all line)."""
    tree = get_parser().parse(text)
    original_lines = original.split("\n")
    blocks: list[Block] = []
    for node in tree.children:
        kind = node.data
        if kind == "table":
            rows = [_row(child.children[0], original_lines) for child in node.children]
            rows = [r for r in rows if not _is_pipe_separator(r)]
            if rows:
                blocks.append(TableBlock(rows=tuple(rows), line=rows[0].line))
            continue
        token = node.children[0]
        value = str(token)
        lead = len(value) - len(value.lstrip(" "))
        column = token.column + lead
        line_text = original_lines[token.line - 1] if token.line - 1 < len(original_lines) else value
        raw = line_text[column - 1:].rstrip()
        blocks.append(TextLine(kind=kind, text=value.strip(), raw=raw, line=token.line, column=column))
    return blocks
