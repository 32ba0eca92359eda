"""GIP505: enumerations whose numbering skips, repeats or runs backwards (spec §7)."""

from __future__ import annotations

from typing import Iterable, Optional

from gip_lint.lazy_re import lazy_compile

from gip_lint.model.document import Report, TextLine
from gip_lint.model.numerals import numeral_value
from gip_lint.rule import Finding, rule
from gip_lint.rules.sentences import quote

_INLINE_POINT = lazy_compile(r"(?:^|(?<=[\s,;:，；：。、(（\"“]))(十[一二三四五六七八九]?|[一二三四五六七八九])是")
_LEADING = (
    ("bracket", lazy_compile(r"^\((十[一二三四五六七八九]?|[一二三四五六七八九])\)")),
    ("arabic", lazy_compile(r"^(\d{1,2})\s*[.、](?!\d)")),
    ("arabic-bracket", lazy_compile(r"^\((\d{1,2})\)")),
)
# The leading patterns that can match a paragraph starting with "(" (or a digit), in order.
_LEADING_AFTER_BRACKET = tuple(item for item in _LEADING if item[0] != "arabic")
_LEADING_AFTER_DIGIT = tuple(item for item in _LEADING if item[0] == "arabic")
_LEVEL_ORDER = ("bracket", "arabic", "arabic-bracket")
# A higher level restarts the numbering below it, and the inline points.
_RESTARTS = {level: _LEVEL_ORDER[index + 1:] + ("inline",) for index, level in enumerate(_LEVEL_ORDER)}


@rule("GIP505", "enumeration-sequence", severity="warning")
def enumeration_sequence(report: Report, context) -> Iterable[Finding]:
    """分条列举的序号不连续：跳号、重号或倒序（一是……三是；（一）（三）；1. 3.）。

    ## 为什么
    “一是……二是……三是……”“（一）（二）”“1. 2.”这类序号应从一开始逐个递增。跳号（一是……
    三是）、重号（三是……三是）、倒序说明删改段落时漏改了序号，是审核常见的扣分项（规范 §7）。
    重新从“一是”“（一）”“1.”开始的一组新列举是正常的（“存在的问题：一是……改进措施：一是……”）。
    每个部分分别检查；段首的“（一）”下面的“1.”各自编号。

    ## 错误示例
    一是加强内容审核；三是加强队伍建设；三是创新公开方式。

    ## 正确示例
    一是加强内容审核；二是加强队伍建设；三是创新公开方式。
    """
    for section in report.sections:
        last: dict[str, tuple[int, TextLine, int, int]] = {}
        for paragraph in section.prose:
            text = paragraph.text.lstrip("#* ")
            # Every leading marker starts with "(" or a digit: skip the patterns otherwise.
            first = text[:1]
            if first == "(" or first.isdigit():
                lead = len(paragraph.text) - len(text)
                for level, pattern in _LEADING_AFTER_BRACKET if first == "(" else _LEADING_AFTER_DIGIT:
                    match = pattern.match(text)
                    if match:
                        finding = _step(section.number, paragraph, lead + match.start(), lead + match.end(),
                                        numeral_value(match.group(1)), level, last)
                        if finding is not None:
                            yield finding
                        for lower in _RESTARTS[level]:
                            last.pop(lower, None)
                        break
            if "是" not in paragraph.text:  # every inline point ends with it
                continue
            for match in _INLINE_POINT.finditer(paragraph.text):
                finding = _step(section.number, paragraph, match.start(), match.end(),
                                numeral_value(match.group(1)), "inline", last)
                if finding is not None:
                    yield finding


def _step(section: int, paragraph: TextLine, start: int, end: int, value: int, level: str,
          last: dict[str, tuple[int, TextLine, int, int]]) -> Optional[Finding]:
    """Record a marker (where it is; quoted only for a message) and check it follows the last one."""
    previous = last.get(level)
    last[level] = (value, paragraph, start, end)
    if previous is None or value == 1 or value == previous[0] + 1:
        return None
    if value == previous[0]:
        problem = "重复"
    elif value > previous[0]:
        problem = "跳号"
    else:
        problem = "倒序"
    return Finding(paragraph.line, paragraph.column + start,
                   f"序号“{quote(paragraph, start, end)}”{problem}：上一条是“{quote(*previous[1:])}”",
                   anchor=f"section:{section}:enum:{level}:{previous[0]}->{value}")
