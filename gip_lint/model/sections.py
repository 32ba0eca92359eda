"""Find the title and the six sections among the blocks (spec §1).

Heading lines are only candidates: a report's section 五 may well enumerate "一、加强……".  A
candidate becomes a section when its wording is close to a canonical heading and, unless
the wording is nearly exact, its numeral agrees with the section it names.
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Optional

from gip_lint.model.document import Block, Position, Section, TextLine
from gip_lint.model.labels import SECTION_KEYWORDS, SECTION_TITLES, squash
from gip_lint.model.numerals import numeral_value, year_value

# Known variants of the headings (spec §1), compared as well as the canonical wording.
SECTION_VARIANTS = {
    3: ("收到和处理政府信息公开申请情况", "依申请公开政府信息情况"),
    4: ("政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    5: ("存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题及整改措施", "存在的主要问题及改进措施"),
    6: ("其他需要报告的事项",),
}

_NUMBERED = re.compile(r"^#*\s*(\*\*)?(?P<numeral>[一二三四五六七八九十]{1,3})(\s*[、.]|\s+)\s*(?P<rest>.*?)(\*\*)?$")
_INLINE_SPLIT = re.compile(r"[:：。]")

EXACT_ENOUGH = 0.85  # a heading this close to the standard one is accepted whatever its numeral
LOOSE_ENOUGH = 0.5  # with the right numeral, this close (or a keyword) is enough


@functools.lru_cache(maxsize=None)
def _squashed_variants(number: int) -> tuple[str, ...]:
    return tuple(squash(c) for c in SECTION_VARIANTS.get(number, (SECTION_TITLES[number],)))


@functools.lru_cache(maxsize=4096)  # bounded: headings repeat across a corpus, memory stays flat
def _similarity(text: str, number: int) -> float:
    squashed = squash(text)
    best = 0.0
    for candidate in _squashed_variants(number):
        matcher = difflib.SequenceMatcher(None, squashed, candidate, autojunk=False)
        # The quick ratios are upper bounds of ratio(): skip what cannot beat the best so far.
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def _prefix_split(rest: str) -> tuple[str, str]:
    """Split "六、其他需要报告的事项：本年度未收取……" into heading and inline text."""
    match = _INLINE_SPLIT.search(rest)
    if match and match.end() < len(rest):
        return rest[:match.start()], rest[match.end():].strip()
    return rest.rstrip(":：。"), ""


def classify_heading(line: TextLine) -> Optional[tuple[int, str, Optional[str], str]]:
    """Return (section number, heading text, numeral, inline text) or None if not a section."""
    return _classify_heading_text(line.text)


@functools.lru_cache(maxsize=1024)  # reports share their headings: each wording is scored once
def _classify_heading_text(text: str) -> Optional[tuple[int, str, Optional[str], str]]:
    match = _NUMBERED.match(text)
    if not match:
        return None
    numeral = match.group("numeral")
    head, inline = _prefix_split(match.group("rest"))
    if len(squash(head)) > 40 or not head:
        return None
    stated = numeral_value(numeral)
    best: Optional[tuple[float, int]] = None
    for number in SECTION_TITLES:
        score = _similarity(head, number)
        keyword = any(k in head for k in SECTION_KEYWORDS[number])
        acceptable = score >= EXACT_ENOUGH or (stated == number and (score >= LOOSE_ENOUGH or keyword))
        if acceptable and (best is None or score > best[0]):
            best = (score, number)
    if best is None:
        return None
    return best[1], head.strip(), numeral, inline


def is_standard(number: int, heading: str) -> bool:
    return squash(heading) == squash(SECTION_TITLES[number])


def find_sections(blocks: list[Block]) -> tuple[Section, ...]:
    """Assemble sections: each runs from its heading to the next section heading."""
    starts: list[tuple[int, int, str, Optional[str], str]] = []  # (block index, number, head, numeral, inline)
    for index, block in enumerate(blocks):
        if isinstance(block, TextLine) and block.kind == "heading":
            found = classify_heading(block)
            if found:
                starts.append((index,) + found)
    sections = []
    for position, (index, number, head, numeral, inline) in enumerate(starts):
        end_index = starts[position + 1][0] if position + 1 < len(starts) else len(blocks)
        heading_line = blocks[index]
        raw_heading = re.sub(r"^#+\s*|\*\*", "", heading_line.raw)  # Markdown markers are not wording
        rest = _heading_continuation(blocks, index, number, head, inline)
        if rest is not None:
            head, raw_heading = head + rest.text, raw_heading + rest.raw
            index += 1
        body = tuple(blocks[index + 1:end_index])
        end_line = _last_line(body, heading_line.line)
        sections.append(Section(
            number=number,
            heading=raw_heading.split("：")[0].split(":")[0].strip() if inline else raw_heading.strip(),
            numeral=numeral,
            standard=is_standard(number, head),
            line=heading_line.line,
            column=heading_line.column,
            end_line=end_line,
            blocks=body,
            inline_text=inline,
        ))
    return tuple(sections)


def _heading_continuation(blocks: list[Block], index: int, number: int, head: str, inline: str) -> Optional[TextLine]:
    """The next line when it completes a heading that PDF extraction broke in two.

    "五、存在的主要问题及" / "改进情况": taken only when the two together are the standard
    wording, so a heading followed by a short first paragraph keeps that paragraph.
    """
    if inline or is_standard(number, head) or index + 1 >= len(blocks):
        return None
    following = blocks[index + 1]
    if not isinstance(following, TextLine) or following.line != blocks[index].line + 1:
        return None
    return following if is_standard(number, head + following.text) else None


def _last_line(body: tuple[Block, ...], default: int) -> int:
    if not body:
        return default
    last = body[-1]
    if isinstance(last, TextLine):
        return last.line
    return last.rows[-1].line


# --- title, organ, year -------------------------------------------------------------------------

_YEAR = r"(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_TITLE_ORGAN_FIRST = re.compile(r"^(?P<organ>.*?)(?:关于)?" + _YEAR + r"年度?的?(?:政府信息公开|政务公开|信息公开)")
_TITLE_YEAR_FIRST = re.compile(r"^" + _YEAR + r"年度?(?P<organ>.*?)(?:政府信息公开|政务公开|信息公开)")


def find_title(blocks: list[Block], first_section_line: Optional[int]) -> tuple[Optional[str], Optional[Position]]:
    """The title: the first line(s) before section 一 that name a 报告 (joined if split)."""
    lines: list[TextLine] = []
    for block in blocks:
        if not isinstance(block, TextLine):
            break
        if first_section_line is not None and block.line >= first_section_line:
            break
        lines.append(block)
        if len(lines) > 6:
            break
    for index, line in enumerate(lines):
        if "报告" in line.text and ("公开" in line.text or "年度" in line.text):
            start = index
            # A title broken over lines: "XX区人民政府" / "2023年政府信息公开工作年度报告".
            while (start > 0 and len(lines[start - 1].text) <= 30 and lines[start - 1].line == lines[start].line - 1
                   and ">" not in lines[start - 1].text):  # not the page's breadcrumbs
                start -= 1
            text = "".join(l.text for l in lines[start:index + 1])
            return text, Position(lines[start].line, lines[start].column)
    return None, None


def organ_and_year(title: Optional[str]) -> tuple[Optional[str], Optional[int]]:
    if not title:
        return None, None
    squashed = re.sub(r"\s+", "", title)
    for pattern in (_TITLE_YEAR_FIRST, _TITLE_ORGAN_FIRST):
        match = pattern.search(squashed)
        if match:
            organ = _without_lead_in(match.group("organ")).strip("《》\"'")
            return (organ or None), year_value(match.group("year"))
    return None, None


# When a page's title was not copied, the line naming the report is its opening sentence
# ("根据《条例》要求，特编制湛江市某办公室2023年…") or breadcrumbs ("首页>…>某镇人民政府"):
# the organ is what follows the last punctuation mark and the verb.
_LEAD_IN = re.compile(r"^(?:根据|按照|依据|依照|本报告|现将|现|特|当前位置|首页)|《|公布|编制|发布")
_LAST_MARK = re.compile(r"^.*[,，。；;:：《》>]")
_VERB = re.compile(r"^(?:现将|(?:现|特|并)?(?:向社会)?(?:公布|编制|发布))")


def _without_lead_in(organ: str) -> str:
    if not _LEAD_IN.search(organ):
        return organ
    rest = _VERB.sub("", _LAST_MARK.sub("", organ))
    return rest or organ
