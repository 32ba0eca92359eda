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
        """Tokenize ``text``, the whole document with LF line ends (a construct left open ends it)."""
        self._input = text
        pos, end = 0, len(text)
        run = 0  # where the text not yet handed to handle_data starts
        while pos < end:
            found = _TEXT_END.search(text, pos)
            pos = found.start() if found else end
            if pos >= end:
                break
            following = text[pos + 1:pos + 2]
            if text[pos] == "&":
                match = _REFERENCE.match(text, pos)
                meaning = unescape(match.group()) if match else None
                if match is None or meaning == match.group():
                    pos = match.end() if match else pos + 1  # no reference: plain text
                    continue
                self._flush(run, pos)
                self._token = pos
                self.handle_reference(match.group(), meaning)
                pos = run = match.end()
                continue
            if following.isascii() and following.isalpha():
                handle = self._start_tag
            elif following == "/":
                handle = self._end_tag
            elif text.startswith("<!--", pos):
                handle = self._comment
            elif text.startswith("<![CDATA[", pos):
                handle = self._cdata
            elif following in ("!", "?"):
                handle = self._bogus_comment
            else:
                pos += 1  # a "<" that opens nothing is text
                continue
            self._flush(run, pos)
            self._token = pos
            pos = run = handle(pos)
        self._flush(run, end)

    def _flush(self, start: int, stop: int) -> None:
        if stop > start:
            self._token = start
            self.handle_data(self._input[start:stop])

    def _cdata(self, pos: int) -> int:
        return self._until(pos + 9, "]]>")

    def _bogus_comment(self, pos: int) -> int:
        return self._until(pos + 2, ">")  # a declaration, "<?...>", "</ x>"

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
            self._flush(after, stop)
            return stop
        return after

    def _end_tag(self, pos: int) -> int:
        text = self._input
        name = _TAG_NAME.match(text, pos + 2)
        if name is None:
            if text.startswith("</>", pos):
                return pos + 3
            return self._bogus_comment(pos)
        _, after, _ = self._attributes(name.end())
        if after < 0:
            return len(text)
        self.handle_endtag(name.group().lower())
        return after
