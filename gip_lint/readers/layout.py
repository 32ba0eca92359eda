"""Lay out the paragraphs and tables a structured reader found as report text, keeping origins.

The HTML and Word readers both end here.  They hand over *blocks* — a paragraph (one or more
lines) or a table (rows of cells) — whose text comes in :class:`Segment` pieces, each knowing
where it stands in the user's file.  :class:`TextBuilder` writes them the way the text seeds
look (one line per paragraph line, table rows as TAB-separated cells, a blank line between
blocks) and records, for every generated line, which generated column came from which source
position, so ``SourceText.origin`` can send a diagnostic back to the cell or paragraph the
user can find.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Optional, Sequence

import attrs

from gip_lint.source import SourceText, normalise


@attrs.frozen
class Segment:
    """A piece of text and the source position of its first character.

    ``exact`` means character *k* of ``text`` stands at ``column + k`` on the same source line
    (a plain run of text); otherwise every character maps to the segment's start (an entity,
    a run whose whitespace was collapsed).
    """

    text: str
    line: int
    column: int
    exact: bool = False


@attrs.frozen
class CellContent:
    """One table cell: its text pieces and where the cell itself stands (for a blank cell)."""

    segments: tuple[Segment, ...]
    line: int
    column: int


Line = tuple[Segment, ...]


@attrs.frozen
class Paragraph:
    lines: tuple[Line, ...]


@attrs.frozen
class Table:
    rows: tuple[tuple[CellContent, ...], ...]


_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # HTML's collapsible white space (not NBSP, not U+3000)


def _wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


def clean_segments(segments: Sequence[Segment]) -> Line:
    """Collapse white space into single spaces and strip both ends, keeping positions.

    No TAB or line break survives (a TAB would split a cell).  As browsers do for Chinese, a
    line break between two wide characters disappears instead of becoming a space (Word and
    CMS editors wrap long lines of Chinese inside the HTML source).
    """
    out: list[Segment] = []
    gap: Optional[tuple[bool, int, int]] = None  # pending white space: (had a line break, line, column)
    for seg in segments:
        pieces = _SPACES.split(seg.text)
        gaps = _SPACES.findall(seg.text)
        offset = 0
        for index, piece in enumerate(pieces):
            if piece:
                if gap is not None and out:
                    newline, line, column = gap
                    if not (newline and _wide(out[-1].text[-1]) and _wide(piece[0])):
                        out.append(Segment(" ", line, column, False))
                gap = None
                out.append(Segment(piece, seg.line, seg.column + offset if seg.exact else seg.column, seg.exact))
            offset += len(piece)
            if index < len(gaps):
                newline = "\n" in gaps[index] or "\r" in gaps[index]
                if gap is None:
                    gap = (newline, seg.line, seg.column + offset if seg.exact else seg.column)
                elif newline:
                    gap = (True,) + gap[1:]
                offset += len(gaps[index])
    return _strip(out)


def _strip(out: list[Segment]) -> Line:
    """Drop other white space (NBSP, U+3000) at both ends, adjusting exact positions."""
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        first = out[0]
        lead = len(first.text) - len(first.text.lstrip())
        if lead:
            out[0] = Segment(first.text[lead:], first.line, first.column + (lead if first.exact else 0), first.exact)
        last = out[-1]
        out[-1] = Segment(last.text.rstrip(), last.line, last.column, last.exact)
    return tuple(out)


def line_text(line: Line) -> str:
    return "".join(seg.text for seg in line)


class TextBuilder:
    """Writes blocks as report text and remembers where every piece came from."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        # Per generated line: sorted span starts (1-based columns) and their sources.
        self._starts: list[list[int]] = []
        self._sources: list[list[tuple[int, int, int]]] = []  # (line, column, exact length or 0)

    def _new_line(self) -> tuple[list[int], list[tuple[int, int, int]]]:
        self._lines.append("")
        self._starts.append([])
        self._sources.append([])
        return self._starts[-1], self._sources[-1]

    def blank(self) -> None:
        if self._lines and self._lines[-1] != "":
            self._new_line()

    def _write(self, text: str, starts, sources, seg_line: int, seg_column: int, exact: bool) -> None:
        column = len(self._lines[-1]) + 1
        starts.append(column)
        sources.append((seg_line, seg_column, len(text) if exact else 0))
        self._lines[-1] += text

    def paragraph(self, paragraph: Paragraph) -> None:
        self.blank()
        for line in paragraph.lines:
            if not line:
                continue
            starts, sources = self._new_line()
            for seg in line:
                self._write(seg.text, starts, sources, seg.line, seg.column, seg.exact)
        self.blank()

    def line(self, line: Line) -> None:
        """One line as it stands (no blank line around it): a text file's own lines."""
        starts, sources = self._new_line()
        for seg in line:
            self._write(seg.text, starts, sources, seg.line, seg.column, seg.exact)

    def table(self, table: Table) -> None:
        self.blank()
        for row in table.rows:
            starts, sources = self._new_line()
            for index, cell in enumerate(row):
                if index:
                    self._lines[-1] += "\t"
                starts.append(len(self._lines[-1]) + 1)
                sources.append((cell.line, cell.column, 0))
                for seg in cell.segments:
                    self._write(seg.text, starts, sources, seg.line, seg.column, seg.exact)
        self.blank()

    def origin_function(self) -> Callable[[int, int], tuple[int, int]]:
        starts, sources = self._starts, self._sources

        def origin(line: int, column: int) -> tuple[int, int]:
            index = min(max(line, 1), len(starts)) - 1 if starts else -1
            # A blank generated line (or one past the end) borrows the nearest line above.
            while index >= 0 and not starts[index]:
                index -= 1
            if index < 0:
                following = next((i for i, s in enumerate(starts) if s), None)
                if following is None:
                    return 1, 1
                index = following
            at = max(bisect.bisect_right(starts[index], column) - 1, 0)
            src_line, src_column, length = sources[index][at]
            offset = column - starts[index][at]
            if length and 0 <= offset < length:
                return src_line, src_column + offset
            return src_line, src_column

        return origin

    def build(self, path: str, encoding: str, kind: str) -> SourceText:
        original = "\n".join(self._lines) + "\n"
        text = normalise(original)
        return SourceText(path=path, text=text, original=original, encoding=encoding,
                          origin=self.origin_function(), kind=kind)


def write_blocks(blocks: Sequence[object], path: str, encoding: str, kind: str) -> SourceText:
    """Write ``blocks`` (Paragraph / Table) into a SourceText, from the report's title on."""
    builder = TextBuilder()
    start, first_line = report_start(blocks)
    if start and not first_line and _organ_line(blocks[start - 1]) and not _names_organ(blocks[start]):
        # "XX区人民政府" / "2023年政府信息公开工作年度报告" as two paragraphs: one title, two lines.
        builder.paragraph(Paragraph(blocks[start - 1].lines + blocks[start].lines))
        start += 1
    for index in range(start, len(blocks)):
        block = blocks[index]
        if isinstance(block, Table):
            builder.table(block)
        elif index == start and first_line:
            builder.paragraph(Paragraph(block.lines[first_line:]))
        else:
            builder.paragraph(block)
    return builder.build(path, encoding, kind)


_ORGAN = re.compile(r"(人民政府|政府|办公室|办公厅|局|委员会|委|办|厅|中心|管委会|办事处|镇|乡|院|署)$")


def _names_organ(block) -> bool:
    """Whether the title line names its organ itself ("XX区2023年……" rather than "2023年……")."""
    from gip_lint.model.sections import organ_and_year

    return organ_and_year(normalise(line_text(block.lines[0])))[0] is not None


def _organ_line(block) -> bool:
    """A one-line paragraph naming an organ, which a title split in two starts with."""
    if not isinstance(block, Paragraph) or len(block.lines) != 1:
        return False
    text = normalise(line_text(block.lines[0])).strip()
    return len(text) <= 30 and bool(_ORGAN.search(text)) and not _NAVIGATION.search(text) \
        and not _SENTENCE.search(text)


# --- where the report begins ----------------------------------------------------------------------

_NAVIGATION = re.compile(r">|»|当前位置|您的位置|所在位置|首页|上一篇|下一篇|相关链接")


def report_start(blocks: Sequence[object]) -> tuple[int, int]:
    """(block, line) where the report's title stands; (0, 0) when there is no clear one.

    Site chrome before the title (banners, menus, breadcrumbs) would otherwise be taken for
    the title or push it out of reach.  Candidates are lines before section 一 that name a
    报告 about 公开 (navigation lines never are); :func:`_choose` picks the title among them.
    A short line just above it in the same paragraph stays (a title broken by ``<br>``).
    """
    from gip_lint.model.document import TextLine
    from gip_lint.model.sections import classify_heading, organ_and_year

    candidates: list[tuple[int, int, bool]] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        for number, line in enumerate(block.lines):
            text = normalise(line_text(line)).strip()
            if not text:
                continue
            heading = classify_heading(TextLine("heading", text, text, 1, 1))
            if heading and heading[0] == 1:
                return _choose(candidates, blocks)
            if "报告" in text and ("公开" in text or "年度" in text) and not _NAVIGATION.search(text) \
                    and len(text) <= 80:
                candidates.append((index, number, organ_and_year(text)[1] is not None))
    return 0, 0


_SENTENCE = re.compile(r"[，。；：,;:]")


def _choose(candidates: list[tuple[int, int, bool]], blocks) -> tuple[int, int]:
    """The title among the candidates: a heading-like line (no sentence punctuation, which a
    preamble such as "本报告……" has) with a year, the nearest one to section 一 — links to
    other years' reports in a sidebar stand before the article, its own title right above it."""
    if not candidates:
        return 0, 0

    def text(candidate) -> str:
        return normalise(line_text(blocks[candidate[0]].lines[candidate[1]]))

    titles = [c for c in candidates if c[2] and not _SENTENCE.search(text(c))]
    index, number, _ = titles[-1] if titles else next((c for c in candidates if c[2]), candidates[0])
    if number:
        above = normalise(line_text(blocks[index].lines[number - 1])).strip()
        if above and len(above) <= 30 and not _NAVIGATION.search(above):
            number -= 1
    return index, number


def blank_cell(line: int, column: int) -> CellContent:
    return CellContent((), line, column)


def cell(segments: Sequence[Segment], line: int, column: int) -> CellContent:
    return CellContent(clean_segments(segments), line, column)
