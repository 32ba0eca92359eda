"""A linear HTML tokenizer that reports the line and column of every token.

The standard library's :class:`html.parser.HTMLParser` rescans the rest of the input each
time a construct is left open: about 1 MB of repeated ``<a `` or of unclosed ``<!--`` kept it
busy for minutes (issue 18).  This tokenizer follows the browsers' rule instead (the HTML
standard's tokenizer, simplified): a construct still open at the end of the input – a tag,
a comment, a quoted attribute value, a ``<script>`` – takes the rest of the input with it.
So each character is looked at a bounded number of times, whatever the input.

The callbacks and :meth:`getpos` are those of ``HTMLParser`` (tag and attribute names in
lower case, attribute values unescaped), plus :meth:`handle_reference` for a character
reference (``&nbsp;``, ``&#20013;``) and the text it stands for.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Optional

_TEXT_END = re.compile(r"[<&]")
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\f />]*")
_SPACE_SLASH = re.compile(r"[\t\n\f /]*")
_ATTR_NAME = re.compile(r"[^\t\n\f />][^\t\n\f />=]*")
_EQUALS = re.compile(r"[\t\n\f ]*=[\t\n\f ]*")
_UNQUOTED = re.compile(r"[^\t\n\f >]*")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,10}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{0,31});?")
# Elements whose content is raw text up to their end tag (as HTMLParser has them).
RAW_TEXT = ("script", "style")


class Tokenizer:
    """Subclass and override the ``handle_*`` methods; :meth:`feed` the whole text once."""

    def __init__(self) -> None:
        self._input = ""
        self._line = 1  # line of ``_scanned``
        self._line_start = 0  # offset where that line starts
        self._scanned = 0
        self._token = 0  # where the current token starts

    # --- callbacks ---------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list) -> None:
        pass

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        pass

    def handle_data(self, data: str) -> None:
        pass

    def handle_reference(self, raw: str, text: str) -> None:
        """A character reference ``raw`` standing for ``text``."""
        self.handle_data(text)

    # --- positions -----------------------------------------------------------------------------
    def getpos(self) -> tuple[int, int]:
        """(1-based line, 0-based column) where the current token starts."""
        pos, text = self._token, self._input
        newlines = text.count("\n", self._scanned, pos)
        if newlines:
            self._line += newlines
            self._line_start = text.rfind("\n", self._scanned, pos) + 1
        self._scanned = pos
        return self._line, pos - self._line_start

    # --- tokenizing ----------------------------------------------------------------------------
    def feed(self, text: str) -> None:
        """Tokenize ``text`` (the whole document: a construct left open ends it)."""
        self._input = text
        pos, end = 0, len(text)
        while pos < end:
            self._token = pos
            char = text[pos]
            if char == "&":
                pos = self._reference(pos)
                continue
            if char != "<":
                found = _TEXT_END.search(text, pos)
                stop = found.start() if found else end
                self.handle_data(text[pos:stop])
                pos = stop
                continue
            following = text[pos + 1:pos + 2]
            if following.isascii() and following.isalpha():
                pos = self._start_tag(pos)
            elif following == "/":
                pos = self._end_tag(pos)
            elif text.startswith("<!--", pos):
                pos = self._comment(pos)
            elif text.startswith("<![CDATA[", pos):
                pos = self._until(pos + 9, "]]>")
            elif following in ("!", "?"):
                pos = self._until(pos + 2, ">")  # a declaration or a bogus comment
            else:
                self.handle_data("<")
                pos += 1

    def _until(self, start: int, closing: str) -> int:
        """The offset just past ``closing``; the end of the text when it never comes."""
        found = self._input.find(closing, start)
        return len(self._input) if found < 0 else found + len(closing)

    def _comment(self, pos: int) -> int:
        text = self._input
        if text.startswith("<!-->", pos):
            return pos + 5
        if text.startswith("<!--->", pos):
            return pos + 6
        return self._until(pos + 4, "-->")  # unclosed: the rest is a comment, as in browsers

    def _reference(self, pos: int) -> int:
        match = _REFERENCE.match(self._input, pos)
        if not match:
            self.handle_data("&")
            return pos + 1
        raw = match.group()
        text = unescape(raw)
        if text == raw:
            self.handle_data(raw)
        else:
            self.handle_reference(raw, text)
        return match.end()

    def _attributes(self, pos: int) -> tuple[list, int, bool]:
        """Attributes from ``pos`` up to the closing ``>``: (attrs, offset past it or -1, ``/>``)."""
        text, end = self._input, len(self._input)
        attrs: list = []
        while True:
            spaces = _SPACE_SLASH.match(text, pos)
            pos = spaces.end()
            if pos >= end:
                return attrs, -1, False
            if text[pos] == ">":
                return attrs, pos + 1, spaces.group().endswith("/")
            name = _ATTR_NAME.match(text, pos)
            pos = name.end()
            value: Optional[str] = None
            equals = _EQUALS.match(text, pos)
            if equals:
                pos = equals.end()
                quote = text[pos:pos + 1]
                if quote in ("'", '"'):
                    close = text.find(quote, pos + 1)
                    if close < 0:
                        return attrs, -1, False
                    value, pos = text[pos + 1:close], close + 1
                else:
                    unquoted = _UNQUOTED.match(text, pos)
                    value, pos = unquoted.group(), unquoted.end()
                value = unescape(value) if "&" in value else value
            attrs.append((name.group().lower(), value))

    def _start_tag(self, pos: int) -> int:
        text = self._input
        name = _TAG_NAME.match(text, pos + 1)
        tag = name.group().lower()
        attrs, after, self_closing = self._attributes(name.end())
        if after < 0:
            return len(text)  # a tag open at the end of the text is dropped, as in browsers
        if self_closing:
            self.handle_startendtag(tag, attrs)
            return after
        self.handle_starttag(tag, attrs)
        if tag in RAW_TEXT:
            closing = re.compile(r"</%s(?=[\t\n\f />])" % tag, re.I).search(text, after)
            stop = closing.start() if closing else len(text)
            if stop > after:
                self._token = after
                self.handle_data(text[after:stop])
            return stop
        return after

    def _end_tag(self, pos: int) -> int:
        text = self._input
        name = _TAG_NAME.match(text, pos + 2)
        if name is None:
            if text.startswith("</>", pos):
                return pos + 3
            return self._until(pos + 2, ">")  # "</ x>": a bogus comment
        _, after, _ = self._attributes(name.end())
        if after < 0:
            return len(text)
        self.handle_endtag(name.group().lower())
        return after
