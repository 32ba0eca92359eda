"""A small element tree of a web page, every tag and text run with its line and column.

Built from :mod:`gip_lint.readers.html_tokens`' tokens, closing optional end tags (``<td>``,
``<tr>``, ``<p>``, ``<li>``) the way browsers do; nesting deeper than :data:`MAX_DEPTH` is
flattened, so no walk of the tree recurses without bound or turns quadratic.
"""

from __future__ import annotations

from typing import Optional, Union

from gip_lint.readers.html_tokens import Tokenizer
from gip_lint.readers.layout import Segment

VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen basefont frame".split())
# Elements whose content is never report text.
SKIP = frozenset("head script style noscript template nav aside select option button iframe svg math "
                 "canvas object audio video map xml title textarea".split())
SKIP_PREFIXES = ("w:", "m:", "v:")  # Word's XML islands and shapes inside saved pages
# Starting one of these closes an open <p> (as browsers do).
CLOSES_P = frozenset("address article aside blockquote center details dialog dir div dl fieldset figcaption "
                     "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section "
                     "summary table ul li dd dt".split())
BLOCK = CLOSES_P | frozenset("body html tr td th caption thead tbody tfoot br option".split())
TABLE_PARTS = frozenset(("thead", "tbody", "tfoot"))
MAX_DEPTH = 256  # deeper nesting is flattened (no recursion limits, no quadratic walks)


class Node:
    __slots__ = ("tag", "attrs", "line", "column", "children", "parent")

    def __init__(self, tag: str, attrs: dict, line: int, column: int, parent: Optional["Node"]):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.column = column
        self.children: list[Union["Node", Segment]] = []
        self.parent = parent


class _TreeBuilder(Tokenizer):
    def __init__(self) -> None:
        super().__init__()
        self.root = Node("#root", {}, 1, 1, None)
        self.stack: list[Node] = [self.root]
        self.open: dict[str, int] = {}  # tag → how many are on the stack (closing needs no walk then)

    # positions: getpos() is (1-based line, 0-based column) of the current token
    def _pos(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return line, offset + 1

    def _close_until(self, tags: frozenset, boundary: frozenset) -> None:
        """Pop up to and including the innermost open element in ``tags``, unless a
        ``boundary`` element is met first."""
        if not any(self.open.get(tag) for tag in tags):
            return  # 200,000 nested <div> cost no walk down the stack for each
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in tags:
                self._pop_from(index)
                return
            if tag in boundary:
                return

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._close_until(frozenset(("td", "th")), frozenset(("table",)))
        elif tag == "tr":
            self._close_until(frozenset(("tr",)), frozenset(("table",)))
        elif tag in TABLE_PARTS:
            self._close_until(TABLE_PARTS | frozenset(("tr",)), frozenset(("table",)))
        elif tag == "li":
            self._close_until(frozenset(("li",)), frozenset(("ul", "ol", "table", "td", "th")))
        elif tag in ("dd", "dt"):
            self._close_until(frozenset(("dd", "dt")), frozenset(("dl", "table", "td", "th")))
        if tag in CLOSES_P:
            self._close_until(frozenset(("p",)), frozenset(("td", "th", "table", "button")))
        line, column = self._pos()
        values = {}
        for key, value in attrs:
            values.setdefault(key, value or "")
        parent = self.stack[-1]
        node = Node(tag, values, line, column, parent)
        parent.children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)
            self.open[tag] = self.open.get(tag, 0) + 1

    def _pop_from(self, index: int) -> None:
        for node in self.stack[index:]:
            self.open[node.tag] -= 1
        del self.stack[index:]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag and len(self.stack) > 1:
            self._pop_from(len(self.stack) - 1)

    def handle_endtag(self, tag):
        if tag == "br":  # </br> is read as <br> by every browser
            self.handle_starttag("br", [])
            return
        boundary = frozenset(("table",)) if tag in ("td", "th", "tr") or tag in TABLE_PARTS else frozenset()
        self._close_until(frozenset((tag,)), boundary)

    def _text(self, text: str, exact: bool) -> None:
        if not text:
            return
        line, column = self._pos()
        parent = self.stack[-1]
        if not exact:
            parent.children.append(Segment(text, line, column, False))
            return
        for index, piece in enumerate(text.split("\n")):  # exact runs never cross a line
            if index:
                line, column = line + 1, 1
                parent.children.append(Segment("\n", line, column, False))
            if piece:
                parent.children.append(Segment(piece, line, column, True))
            column += len(piece)

    def handle_data(self, data):
        self._text(data, True)

    def handle_reference(self, raw, text):
        self._text(text, False)


def build_tree(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    return builder.root
