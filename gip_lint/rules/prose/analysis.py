"""What the prose says, for the prose rules GIP501–GIP505: the numbers that name a quantity of the tables.

Precise before eager: a number is compared only when the words right before it name one
quantity of the tables unambiguously ("受理依申请公开 196 项", "不予公开 1 项", "行政复议 2 件").
Anything else — a number of another thing, a subset ("其中……"), another year, a comparison
("较上年增加"), a plan, an approximate figure ("1900余条") — is left alone.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

import attrs

from gip_lint.lazy_re import LazyPattern, lazy_compile

from gip_lint.model.document import Report, TextLine
from gip_lint.rules.quantities import OUTCOME_KINDS
from gip_lint.rules.sentences import Span, clauses, other_year, prose_paragraphs, quote, sentences

# --- what a number is a number of ----------------------------------------------------------------

#: Keywords naming a quantity; ``None`` marks words after which a number counts something else.
_KEYWORD_PATTERNS: tuple[tuple[Optional[str], str], ...] = (
    ("disclosed_all", r"予以公开(?:及|和|与|、|或|以及)部分公开"),
    ("disclosed", r"(?<!不)予以公开"),
    ("partial", r"部分公开"),
    ("withheld", r"不予公开"),
    ("unavailable", r"无法提供"),
    ("not_processed", r"不予处理"),
    ("other", r"其他处理"),
    ("received", r"收到|受理|接收|新收|接到"),
    ("handled", r"办结"),
    ("carried", r"结转"),
    ("review", r"(?:行政)?复议"),
    ("litigation", r"行政诉讼|起诉|应诉"),
    ("rules_issued", r"(?:制定|制发|出台|印发)了?(?:行政)?规范性文件"),
    ("rules_valid", r"现行有效的?(?:行政)?规范性文件"),
    (None, r"咨询|留言|信访|举报|投诉|热线|培训|会议|检查|督查|解读|栏目|来电|来信|事项|办件|率|"
           r"跨年|逾期|超期|按时|按期"),
    # Who applied ("其中自然人 120 件"); but "公民、法人提出的申请 56 件" is all of them.
    ("applicant", r"自然人|公民|法人|企业|组织|机构"),
)


def required_literals(pattern: str) -> Optional[tuple[str, ...]]:
    """Literals of which every match of ``pattern`` holds one, or None when there are none.

    Per top-level alternative, its longest run of Chinese characters outside any group that no
    quantifier makes optional (the first of the longest); an alternative without one makes the
    whole pattern None.  Anything other than a Chinese character ends a run, so the reading stays
    on the safe side: a literal it gives is always there in a match.
    """
    literals: list[str] = []
    runs: list[str] = []
    run, depth, index = "", 0, 0

    def close_alternative() -> bool:
        if not runs:
            return False
        literals.append(max(runs, key=len))
        runs.clear()
        return True

    while index < len(pattern):
        char = pattern[index]
        if depth == 0 and "\u4e00" <= char <= "\u9fff":
            if pattern[index + 1:index + 2] in ("?", "*", "{"):  # optional or counted: not required
                run = _end_run(run, runs)
            else:
                run += char
        else:
            run = _end_run(run, runs)
            if char == "\\":
                index += 1  # the escaped character is never a literal here
            elif char == "[":
                index = pattern.index("]", index + 2)
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            elif char == "|" and depth == 0 and not close_alternative():
                return None
        index += 1
    _end_run(run, runs)
    return tuple(literals) if close_alternative() else None


def _end_run(run: str, runs: list[str]) -> str:
    if run:
        runs.append(run)
    return ""


#: (kind, pattern, literals of which every match holds one or None): a pattern none of whose
#: literals is in the text is not run.
_KEYWORDS: tuple[tuple[Optional[str], LazyPattern, Optional[tuple[str, ...]]], ...] = tuple(
    (kind, lazy_compile(pattern), required_literals(pattern)) for kind, pattern in _KEYWORD_PATTERNS)

_COUNT = lazy_compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.%])\s*(件|项|个|宗|起|份)"
                    r"(?!工作日|日|天|小时|月|年|季度|以上|以内|左右|余|多|次|方面|领域|部门|单位)")
_DIGIT = lazy_compile(r"\d")  # every _COUNT match has one

# Words in the gap between the keyword and the number that change what the number means.
_GAP_SPOILERS = lazy_compile(r"同比|较|比上|增|减|上升|下降|提高|占|率|平均|累计|涉及|属于|关于|约|近|超过|逾|"
                           r"第|其中|上年|去年|上一年|同期|以来|月|季度|复议|诉讼|各|分别|之|等")
_OUTCOME_GAP = lazy_compile(r"^(?:\s|的|了|共|为|有|信息|政府信息|申请|件|决定|答复)*$")
_CASE_GAP = lazy_compile(r"^(?:\s|申请|案件|案|件|共|了|的|为|有)*$")
_RULES_GAP = lazy_compile(r"^(?:\s|共|总计|合计|为|有|了)*$")
PLAN = lazy_compile(r"计划|预计|力争|争取|目标|预期|拟")
# A wider or narrower scope than the report's tables ("全区各单位共受理", "全市").
_OTHER_SCOPE = lazy_compile(r"各(?:单位|部门|乡镇|街道|级|地|县|区|市)|全市|全省|全国|系统内|所属|下属|本级")
_YEAR_IN_GAP = lazy_compile(r"(?:19|20)\d{2}\s*年度?")

COMPARISON = lazy_compile(r"上年|去年|上一年|同期|同比|较上|较去|增长|减少|下降|上升")
_CARRIED_IN = lazy_compile(r"(?:上年|上一年|去年|上年度|往年)(?:度)?$")


@attrs.frozen
class Statement:
    """A number in the prose that names a quantity of the tables."""

    kind: str
    value: int
    paragraph: TextLine
    start: int  # offset of the number in the paragraph text
    quote: str  # keyword … number unit, as written


def nearest_keyword(text: str) -> Optional[tuple[Optional[str], re.Match]]:
    best = None
    for kind, pattern, literals in _KEYWORDS:
        if literals is not None and not any(literal in text for literal in literals):
            continue
        for match in pattern.finditer(text):
            key = (match.end(), match.end() - match.start())
            if best is None or key > best[0]:
                best = (key, kind, match)
    return None if best is None else (best[1], best[2])


def _joined(text: str, start: int) -> bool:
    """Whether the keyword starting at ``start`` is one of a list ("行政复议、行政诉讼…")."""
    before = text[:start].rstrip()
    if before.endswith("行政"):
        before = before[:-2].rstrip()
    return bool(re.search(r"(?:、|和|及|与|或|以及)$", before))


def _kind(kind: str, clause: str, match: re.Match, gap: str, year: Optional[int]) -> Optional[str]:
    """The quantity a keyword and gap name, or None when it is not unambiguous."""
    bare_gap = _YEAR_IN_GAP.sub("", gap)
    before = clause[:match.start()]
    if kind == "carried":
        if _CARRIED_IN.search(before):
            return "carried_in" if _CASE_GAP.match(bare_gap) or _OUTCOME_GAP.match(bare_gap) else None
        after = clause[match.end():]
        follows = re.match(r"(?:至|到)?\s*(?:(\d{4})\s*年度?|下一?年度?|次年|明年)", after)
        if follows and (follows.group(1) is None or year is None or int(follows.group(1)) == year + 1):
            return "carried_out" if not re.search(r"\d", bare_gap) and not _GAP_SPOILERS.search(bare_gap) else None
        return None
    if re.search(r"\d", bare_gap) or _GAP_SPOILERS.search(bare_gap):
        return None
    if kind == "received":
        if "其中" in before or "申请" not in gap or len(gap) > 24:
            return None
        return kind
    if kind == "handled":
        if "其中" in before or re.search(r"[时期场日前速限未]$", before) or len(gap) > 12:
            return None
        return kind
    if kind in ("review", "litigation"):
        if _joined(clause, match.start()) or not _CASE_GAP.match(gap):
            return None
        return kind
    if kind in ("rules_issued", "rules_valid"):
        return kind if _RULES_GAP.match(gap) else None
    return kind if _OUTCOME_GAP.match(gap) else None


def statements(report: Report) -> Iterator[Statement]:
    """Every number in sections 一 to 四 that unambiguously states a quantity of the tables."""
    for _, paragraph in prose_paragraphs(report):
        # No counted number, no statement: skip the splitting.  Every _COUNT match has one of
        # its units (a cheap test, done first, for the paragraph, sentence and clause) and a digit.
        if not _has_unit(paragraph.text) or not _DIGIT.search(paragraph.text):
            continue
        about_requests = "申请" in paragraph.text
        for sentence in sentences(paragraph.text):
            if not _has_unit(sentence.text) or not _DIGIT.search(sentence.text):
                continue
            for clause in clauses(sentence):
                if not _has_unit(clause.text):
                    continue
                for count in _COUNT.finditer(clause.text):
                    statement = _statement(report, paragraph, sentence, clause, count, about_requests)
                    if statement is not None:
                        yield statement


def _has_unit(text: str) -> bool:
    """Whether ``text`` holds one of _COUNT's units (six substring tests beat one regex scan)."""
    return "件" in text or "项" in text or "个" in text or "宗" in text or "起" in text or "份" in text


def _statement(report: Report, paragraph: TextLine, sentence: Span, clause: Span, count: re.Match,
               about_requests: bool) -> Optional[Statement]:
    prefix = clause.text[:count.start()]
    found = nearest_keyword(prefix)
    while found is not None and found[0] == "applicant" and "申请" in prefix[found[1].end():]:
        found = nearest_keyword(prefix[:found[1].start()])
    if found is None or found[0] in (None, "applicant"):
        return None
    kind, match = found
    gap = prefix[match.end():]
    kind = _kind(kind, clause.text, match, gap, report.year)
    if kind is None:
        return None
    if kind in OUTCOME_KINDS + ("received", "handled") and not about_requests:
        return None
    # Another year, or a comparison with one, before the keyword: not this year's figure.
    before = paragraph.text[sentence.start:clause.start + match.start()]
    if other_year(before, report.year) or PLAN.search(paragraph.text[sentence.start:clause.start + count.start()]):
        return None
    if _OTHER_SCOPE.search(paragraph.text[sentence.start:clause.start + count.start()]):
        return None
    if COMPARISON.search(re.sub(r"上一?年度?结转", "", clause.text)):
        return None
    value = int(count.group(1).replace(",", ""))
    start = clause.start + count.start(1)
    said = match.start()
    if kind == "carried_in":  # quote "上年结转 3 件", not "结转 3 件"
        said = _CARRIED_IN.search(clause.text[:match.start()]).start()
    return Statement(kind, value, paragraph, start,
                     quote(paragraph, clause.start + said, clause.start + count.end()))

