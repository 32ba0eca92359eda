"""Split report prose into sentences and clauses, keeping offsets, and find what they name.

Text is the normalised paragraph text (full-width punctuation folded: "，" is ",", "；" is
";", "：" is ":", "％" is "%"), so an offset is a column offset in the file.
"""

from __future__ import annotations

from typing import Iterator, Optional

import attrs

from gip_lint.lazy_re import lazy_compile

from gip_lint.model.document import Report, TextLine

_SENTENCE_END = lazy_compile(r"[。！？!?]")
# A comma between a digit and three digits is a thousands separator, not a clause end.
_CLAUSE_END = lazy_compile(r"[;:；：，]|(?<!\d),|,(?!\d{3}(?!\d))")
_YEAR = lazy_compile(r"((?:19|20)\d{2})\s*年")
_BOOK_TITLE = lazy_compile(r"《[^》]*》|〈[^〉]*〉|<[^>]*>")
_SPACES = lazy_compile(r"\s+")


@attrs.frozen
class Span:
    """A sentence or clause: its text and where it starts in the paragraph text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def sentences(text: str) -> Iterator[Span]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield Span(text[start:match.end()], start)
        start = match.end()
    if start < len(text):
        yield Span(text[start:], start)


def clauses(sentence: Span) -> list[Span]:
    result, start = [], 0
    for match in _CLAUSE_END.finditer(sentence.text):
        result.append(Span(sentence.text[start:match.end()], sentence.start + start))
        start = match.end()
    if start < len(sentence.text):
        result.append(Span(sentence.text[start:], sentence.start + start))
    return result


def prose_paragraphs(report: Report, sections: tuple[int, ...] = (1, 2, 3, 4)) -> Iterator[tuple[int, TextLine]]:
    """(section number, paragraph) for the prose of the given sections."""
    if sections == (1, 2, 3, 4):
        return iter(report.prose)  # worked out once for every rule that asks
    return ((section.number, paragraph) for section in report.sections
            if section.number in sections for paragraph in section.prose)


def other_year(text: str, year: Optional[int], allowed: tuple[int, ...] = ()) -> bool:
    """Whether ``text`` names a year other than the report's (titles in 《》 left out)."""
    if year is None:
        return False
    for match in _YEAR.finditer(_BOOK_TITLE.sub("", text)):
        value = int(match.group(1))
        if value != year and value not in allowed:
            return True
    return False


def quote(paragraph: TextLine, start: int, end: int) -> str:
    """The paragraph's text between two offsets as the user wrote it (spaces squeezed)."""
    source = paragraph.raw if len(paragraph.raw) >= end else paragraph.text
    return _SPACES.sub(" ", source[start:end]).strip()
