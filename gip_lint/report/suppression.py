"""Suppressions written where the author works: ``gip-lint: ignore[CODE,…] 理由``.

* In Word (.docx): a comment on a cell or paragraph that begins with it suppresses those codes
  on that cell (its row and grid column) or paragraph.
* In Markdown and HTML: ``<!-- gip-lint: ignore[CODE] 理由 -->`` suppresses those codes on the
  next line of the file only.

The reason is required: without one the suppression does nothing and is reported (GIP011).
A suppression that suppresses nothing is reported too (GIP010, as ruff's unused-noqa).  The
file is read again only when it mentions ``gip-lint:``; nothing is imported otherwise.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple, Optional, Sequence

from gip_lint.lazy_re import lazy_compile

_DIRECTIVE = r"gip-lint:\s*ignore\[\s*([A-Za-z0-9_,\s]+?)\s*\]\s*"
# Compiled on first use: a check of files without suppressions never needs them.
WORD_COMMENT = lazy_compile(r"^\s*" + _DIRECTIVE + r"(.*)$", re.S)
INLINE_COMMENT = lazy_compile(r"<!--\s*" + _DIRECTIVE + r"(.*?)\s*-->", re.S)
INLINE_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml")


class Suppression(NamedTuple):
    """Codes suppressed at ``line`` (and ``column``, None for a whole paragraph or line);
    ``at`` is where the suppression itself is written (for GIP010/GIP011)."""

    codes: tuple  # of str
    reason: str
    line: int
    column: Optional[int]
    at: tuple  # (line, column)

    def covers(self, diagnostic) -> bool:
        return (diagnostic.code in self.codes and diagnostic.line == self.line
                and (self.column is None or diagnostic.column == self.column))


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in text.split(",") if code.strip())


def inline_suppressions(text: str) -> list[Suppression]:
    """``<!-- gip-lint: ignore[…] 理由 -->`` comments: each for the line after the one it ends on."""
    found = []
    for match in INLINE_COMMENT.finditer(text):
        start_line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        end_line = text.count("\n", 0, match.end()) + 1
        found.append(Suppression(_codes(match.group(1)), match.group(2).strip(), end_line + 1, None,
                                 (start_line, column)))
    return found


def word_suppressions(data: bytes) -> list[Suppression]:
    """Comments in a .docx beginning with ``gip-lint: ignore[…]``, at their paragraph or cell."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    directives = {}
    for comment in document.comments:
        match = WORD_COMMENT.match(comment.text or "")
        if match:
            directives[comment.comment_id] = (_codes(match.group(1)), match.group(2).strip())
    if not directives:
        return []
    from docx.oxml.ns import qn

    start_tag, id_attr = qn("w:commentRangeStart"), qn("w:id")
    found = []
    for line, target in body_targets(document).items():
        if isinstance(target, dict):  # a table row: grid column → cell (a merged cell once, at its start)
            places = {}
            for column, tc in sorted(target.items()):
                places.setdefault(id(tc), (column, tc))
            places = list(places.values())
        else:
            places = [(None, target)]
        for column, element in places:
            for start in element.iter(start_tag):
                key = int(start.get(id_attr))
                if key in directives:
                    codes, reason = directives.pop(key)
                    found.append(Suppression(codes, reason, line, column, (line, column or 1)))
    return found


def body_targets(document) -> dict:
    """line → a paragraph element, or {grid column → cell element} for a table row: a Word
    document's body numbered as the docx reader numbers its lines (``annotate`` uses it too)."""
    from docx.oxml.ns import qn

    from gip_lint.readers.docx_reader import _body_items

    targets: dict = {}
    number = 0
    for item in _body_items(document.element.body):
        if item.tag == qn("w:p"):
            number += 1
            targets[number] = item
            continue
        for tr in item.tr_lst:
            number += 1
            column = 1 + tr.grid_before
            cells = {}
            for tc in tr.tc_lst:
                span = max(tc.grid_span, 1)
                for covered in range(column, column + span):
                    cells[covered] = tc
                column += span
            targets[number] = cells
    return targets


def suppressions_for(path: str, data: Optional[bytes] = None) -> list[Suppression]:
    """The suppressions written in ``path`` — in ``data`` when given (an editor's unsaved
    buffer), else in the file on disk; none for other formats or an unreadable file."""
    lower = path.lower()
    inline, word = lower.endswith(INLINE_SUFFIXES), lower.endswith(".docx")
    if not (inline or word) or (path == "-" and data is None):
        return []
    if data is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return []
    try:
        if word:
            return word_suppressions(data) if b"word/comments.xml" in data else []
        if b"gip-lint:" not in data:
            return []
        from gip_lint.source import decode, split_lines

        return inline_suppressions(split_lines(decode(data)[0]))
    except Exception:  # an unreadable file is the run's GIP001; it suppresses nothing
        return []


def apply_suppressions(path: str, diagnostics: Sequence, selected: Callable[[str], bool] = lambda code: True,
                       data: Optional[bytes] = None) -> list:
    """``diagnostics`` without the suppressed ones, with GIP010/GIP011 for the suppressions
    that suppressed nothing or gave no reason (when those codes are selected).  ``data``: the
    file's content when it is not the one on disk (the language server's buffer)."""
    suppressions = suppressions_for(path, data)
    if not suppressions:
        return list(diagnostics)
    from gip_lint.engine.core_codes import SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION
    from gip_lint.rule import Diagnostic

    def note(rule, suppression, message):
        line, column = suppression.at
        return Diagnostic(path=path, line=line, column=column, code=rule.code, message=message,
                          severity=rule.severity, anchor=f"suppression:{','.join(suppression.codes)}",
                          rule=rule.name, plugin=rule.plugin)

    kept, notes, used = [], [], set()
    for diagnostic in diagnostics:
        match = next((s for s in suppressions if s.reason and s.covers(diagnostic)), None)
        if match is None:
            kept.append(diagnostic)
        else:
            used.add(id(match))
    for s in suppressions:
        codes = "、".join(s.codes)
        if not s.reason:
            notes.append(note(SUPPRESSION_WITHOUT_REASON, s,
                              f"gip-lint: ignore[{codes}] 没有写理由，不生效：请在 ] 后写明为什么不改"))
        elif id(s) not in used and any(selected(code) for code in s.codes):
            where = f"第 {s.line} 行" + (f"第 {s.column} 列" if s.column else "")
            notes.append(note(UNUSED_SUPPRESSION, s, f"gip-lint: ignore[{codes}] 在{where}没有压制任何问题，可以删除"))
    return sorted(kept + [n for n in notes if selected(n.code)])
