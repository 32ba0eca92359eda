"""What several rules read from one report, worked out once per report instead of once per rule.

The model is frozen attrs with dict fields: not hashable, and no room for a cached attribute.
So only the last report's values are kept, keyed by the report object itself and holding it
only weakly: nothing accumulates from file to file, and no report is kept alive by the cache
(a dead report's weak reference answers None, never a later report).
"""

from __future__ import annotations

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
    new tuple on every access)."""
    values = store(report)
    found = values.get("section_paragraphs")
    if found is None:
        found = values["section_paragraphs"] = tuple((s, s.paragraphs) for s in report.sections)
    return found


def prose(report: Report) -> tuple[tuple[int, TextLine], ...]:
    """(section number, paragraph) for the prose of sections 一 to 四, in order."""
    values = store(report)
    found = values.get("prose")
    if found is None:
        found = values["prose"] = tuple((section.number, paragraph)
                                        for section, paragraphs in section_paragraphs(report)
                                        if section.number in (1, 2, 3, 4) for paragraph in paragraphs)
    return found
