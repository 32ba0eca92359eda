"""What several rules read from one report, worked out once per report instead of once per rule.

The model is frozen attrs with dict fields: not hashable, and no room for a cached attribute.
So only the last report's values are kept, keyed by the report object itself and holding it
only weakly: nothing accumulates from file to file, and no report is kept alive by the cache
(a dead report's weak reference answers None, never a later report).
"""

from __future__ import annotations

import re
import weakref

from gip_lint.model.document import Report, Section, TextLine

_last: tuple = (lambda: None, {})


def store(report: Report) -> dict:
    """A dict that lives as long as ``report`` is the last report asked about."""
    global _last
    ref, values = _last
    if ref() is report:
        return values
    values = {}
    _last = (weakref.ref(report), values)
    return values


def section_paragraphs(report: Report) -> tuple[tuple[Section, tuple[TextLine, ...]], ...]:
    """(section, its paragraphs) for every section, in order (``Section.paragraphs`` builds a
    new tuple on every access) — without the lines of a table written as text lines (PDF and
    web conversions: cells separated by spaces, one cell per line), which are no prose."""
    values = store(report)
    found = values.get("section_paragraphs")
    if found is None:
        found = values["section_paragraphs"] = tuple((s, without_table_lines(s.paragraphs)) for s in report.sections)
    return found


# A line of a table as text: three numbers or more apart, a number alone (one cell per line,
# perhaps with its "|"), or a table's header words — and no sentence.
_NUMBER_TOKEN = re.compile(r"(?<![^\s|])\d+(?:\.\d+)?(?![^\s|])")
_LONE_NUMBER = re.compile(r"^\s*\|?\s*\d+(?:\.\d+)?\s*\|?\s*$")
_TABLE_WORDS = re.compile(r"勾稽关系|申请人情况|法人或其他组织|结果维持|结果纠正|尚未审结|本年制发件数|现行有效件数|"
                          r"本年处理决定数量|本年收费金额|信息内容")
_SENTENCE = re.compile(r"[。；;！？!?]")


def _table_line(text: str) -> bool:
    if _SENTENCE.search(text):
        return False
    return (_LONE_NUMBER.match(text) is not None or len(_NUMBER_TOKEN.findall(text)) >= 3
            or _TABLE_WORDS.search(text) is not None)


def without_table_lines(paragraphs: tuple[TextLine, ...]) -> tuple[TextLine, ...]:
    """The paragraphs, without those from a section's first table line to its last that are
    not sentences (the labels, numbers and header cells of a table the grammar saw as lines)."""
    marks = [index for index, paragraph in enumerate(paragraphs) if _table_line(paragraph.text)]
    if not marks:
        return paragraphs
    first, last = marks[0], marks[-1]
    return tuple(paragraph for index, paragraph in enumerate(paragraphs)
                 if not first <= index <= last or _SENTENCE.search(paragraph.text))


def prose(report: Report) -> tuple[tuple[int, TextLine], ...]:
    """(section number, paragraph) for the prose of sections 一 to 四, in order."""
    values = store(report)
    found = values.get("prose")
    if found is None:
        found = values["prose"] = tuple((section.number, paragraph)
                                        for section, paragraphs in section_paragraphs(report)
                                        if section.number in (1, 2, 3, 4) for paragraph in paragraphs)
    return found
