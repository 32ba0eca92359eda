"""The text a diagnostic's position refers to, for ``--format full``.

A text or Markdown file is shown as it is: the position is the file's own.  A Word file or a
web page has no line of text to show at a position like "paragraph 40, column 3" or "HTML
line 212": the text gip-lint read there — the paragraph or table row it extracted — is shown
instead, with the caret under the character that maps to the position.
"""

from __future__ import annotations

from typing import Optional

from gip_lint.source import SourceText


class SourceLines:
    """``at(line, column)`` → (the text to show, the 1-based column of the caret in it)."""

    def __init__(self, source: SourceText):
        self.source = source
        self._places: Optional[dict] = None

    def at(self, line: int, column: int) -> tuple[str, int]:
        if self.source.kind == "text":
            return self.source.original_line(line), column
        place = self._index().get((line, column))
        if place is None:  # not a position of any character (should not happen): its line at least
            place = next((p for (l, _), p in sorted(self._index().items()) if l == line), None)
        if place is None:
            return "", column
        generated_line, generated_column = place
        return self.source.original_line(generated_line), generated_column

    def _index(self) -> dict:
        """Each source position the extracted text maps to → its first (line, column) there."""
        if self._places is None:
            places: dict = {}
            origin = self.source.origin
            for number, text in enumerate(self.source.original.split("\n"), start=1):
                for column in range(1, len(text) + 2):  # + 1: a blank cell at the end of a row
                    places.setdefault(origin(number, column), (number, column))
            self._places = places
        return self._places
