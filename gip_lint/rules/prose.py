"""The prose against the tables, the organ's name and the numbering (spec §5 N1, §7): GIP501–GIP505.

Precise before eager: a number is compared only when the words right before it name one
quantity of the tables unambiguously ("受理依申请公开 196 项", "不予公开 1 项", "行政复议 2 件").
Anything else — a number of another thing, a subset ("其中……"), another year, a comparison
("较上年增加"), a plan, an approximate figure ("1900余条") — is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator, Optional

import attrs

from gip_lint.lazy_re import LazyPattern, lazy_compile

from gip_lint.model.document import Report, TextLine
from gip_lint.model.numerals import numeral_value
from gip_lint.rule import Finding, rule
from gip_lint.rules import per_report
from gip_lint.rules.quantities import (
    AFTER_REVIEW,
    DIRECT,
    OUTCOME_GROUPS,
    OUTCOME_KINDS,
    REVIEW,
    group_total,
    quantity,
    review_cell,
)
from gip_lint.rules.sentences import Span, clauses, other_year, prose_paragraphs, quote, sentences

# --- what a number is a number of ----------------------------------------------------------------

#: Keywords naming a quantity; ``None`` marks words after which a number counts something else.
_KEYWORDS: tuple[tuple[Optional[str], LazyPattern], ...] = tuple(
    (kind, lazy_compile(pattern)) for kind, pattern in (
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
)

_COUNT = lazy_compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.%])\s*(件|项|个|宗|起|份)"
                    r"(?!工作日|日|天|小时|月|年|季度|以上|以内|左右|余|多|次|方面|领域|部门|单位)")
_DIGIT = lazy_compile(r"\d")  # every _COUNT match has one
_PERCENT = lazy_compile(r"(?<![\d.])(\d+(?:\.(\d+))?)\s*%")

# Words in the gap between the keyword and the number that change what the number means.
_GAP_SPOILERS = lazy_compile(r"同比|较|比上|增|减|上升|下降|提高|占|率|平均|累计|涉及|属于|关于|约|近|超过|逾|"
                           r"第|其中|上年|去年|上一年|同期|以来|月|季度|复议|诉讼|各|分别|之|等")
_OUTCOME_GAP = lazy_compile(r"^(?:\s|的|了|共|为|有|信息|政府信息|申请|件|决定|答复)*$")
_CASE_GAP = lazy_compile(r"^(?:\s|申请|案件|案|件|共|了|的|为|有)*$")
_RULES_GAP = lazy_compile(r"^(?:\s|共|总计|合计|为|有|了)*$")
_PLAN = lazy_compile(r"计划|预计|力争|争取|目标|预期|拟")
# A wider or narrower scope than the report's tables ("全区各单位共受理", "全市").
_OTHER_SCOPE = lazy_compile(r"各(?:单位|部门|乡镇|街道|级|地|县|区|市)|全市|全省|全国|系统内|所属|下属|本级")
_YEAR_IN_GAP = lazy_compile(r"(?:19|20)\d{2}\s*年度?")

_COMPARISON = lazy_compile(r"上年|去年|上一年|同期|同比|较上|较去|增长|减少|下降|上升")
_CARRIED_IN = lazy_compile(r"(?:上年|上一年|去年|上年度|往年)(?:度)?$")


@attrs.frozen
class Statement:
    """A number in the prose that names a quantity of the tables."""

    kind: str
    value: int
    paragraph: TextLine
    start: int  # offset of the number in the paragraph text
    quote: str  # keyword … number unit, as written


#: Per keyword kind, literals of which every match of its pattern holds one: a pattern none of
#: whose literals is in the text is not run.  (Kinds not listed are always run.)
_KEYWORD_LITERALS: dict[Optional[str], tuple[str, ...]] = {
    "disclosed_all": ("予以公开",), "disclosed": ("予以公开",), "partial": ("部分公开",),
    "withheld": ("不予公开",), "unavailable": ("无法提供",), "not_processed": ("不予处理",),
    "other": ("其他处理",), "received": ("收到", "受理", "接收", "新收", "接到"), "handled": ("办结",),
    "carried": ("结转",), "review": ("复议",), "litigation": ("行政诉讼", "起诉", "应诉"),
    "rules_issued": ("规范性文件",), "rules_valid": ("规范性文件",),
}


def _nearest_keyword(text: str) -> Optional[tuple[Optional[str], re.Match]]:
    best = None
    for kind, pattern in _KEYWORDS:
        literals = _KEYWORD_LITERALS.get(kind)
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
    found = _nearest_keyword(prefix)
    while found is not None and found[0] == "applicant" and "申请" in prefix[found[1].end():]:
        found = _nearest_keyword(prefix[:found[1].start()])
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
    if other_year(before, report.year) or _PLAN.search(paragraph.text[sentence.start:clause.start + count.start()]):
        return None
    if _OTHER_SCOPE.search(paragraph.text[sentence.start:clause.start + count.start()]):
        return None
    if _COMPARISON.search(re.sub(r"上一?年度?结转", "", clause.text)):
        return None
    value = int(count.group(1).replace(",", ""))
    start = clause.start + count.start(1)
    said = match.start()
    if kind == "carried_in":  # quote "上年结转 3 件", not "结转 3 件"
        said = _CARRIED_IN.search(clause.text[:match.start()]).start()
    return Statement(kind, value, paragraph, start,
                     quote(paragraph, clause.start + said, clause.start + count.end()))


@rule("GIP501", "prose-number-mismatch", severity="warning")
def prose_number_mismatch(report: Report, context) -> Iterable[Finding]:
    """正文中的数字与它所描述的表格数字不一致。

    ## 为什么
    第一部分“依申请公开”一节通常用文字概述表三、表四：收到多少申请、办结多少、予以公开
    多少、行政复议和行政诉讼各多少件（规范 §5 N1）。文字与表格不一致时，读者无法判断哪个
    是真的，审核时是常见的扣分项。只在句子明确指同一个数量时才比较（“受理依申请公开 196
    项”“不予公开 1 项”“行政复议 2 件”）；“其中……”“较上年增加……”、其他年份、计划、约数都不比较。

    表格有空单元格时，空单元格是未填写的件数（不小于 0）：正文数字比已填的数之和还小，无论
    空单元格填什么都不可能一致，仍然报告；正文数字不小于已填的数之和时无法核对，不报告。

    ## 错误示例
    正文：全区共受理依申请公开 120 项……；表三“一、本年新收政府信息公开申请数量”总计：125

    ## 正确示例
    正文：全区共受理依申请公开 125 项……；表三“一、本年新收政府信息公开申请数量”总计：125
    """
    for statement in statements(report):
        expected = quantity(report, statement.kind, bounds=True)
        if expected is None or not expected.contradicts(statement.value):
            continue
        if expected.values:
            said = f"为 {expected.values[0]}"
        else:  # blank cells: the table gives only a least value, and the sentence is below it
            said = (f"有空单元格，已填的数之和已达 {min(expected.at_least)}，比正文的 {statement.value} 多，"
                    f"空单元格无论填什么非负数都无法一致")
        yield Finding(statement.paragraph.line, statement.paragraph.column + statement.start,
                      f"正文“{statement.quote}”与表格不符：{expected.source}{said}",
                      anchor=f"prose:{statement.kind}:{statement.value}")


# --- percentages -----------------------------------------------------------------------------------

_PERCENT_GAP_TOKENS = lazy_compile(
    r"(?:\s|[,，]|的|了|共|为|有|占|比例|比重|比|总数|总量|总件数|件数|全部|所有|已|办结|受理|申请|"
    r"依申请公开|政府信息公开|\d+\s*(?:件|项|个|宗))*")


def _percentages(report: Report) -> Iterator[tuple[TextLine, Span, list[tuple[str, float, int, int, Optional[int]]]]]:
    """Per sentence: (kind, stated %, decimals, offset, count stated with it) of outcome shares."""
    for _, paragraph in prose_paragraphs(report):
        if "申请" not in paragraph.text or "%" not in paragraph.text:
            continue
        for sentence in sentences(paragraph.text):
            parts = clauses(sentence)
            shares = []
            for index, clause in enumerate(parts):
                for match in _PERCENT.finditer(clause.text):
                    region_start = parts[index - 1].start if index else clause.start
                    region = paragraph.text[region_start:clause.start + match.start()]
                    found = _nearest_keyword(region)
                    if found is None or found[0] not in OUTCOME_KINDS:
                        continue
                    kind, keyword = found
                    gap = region[keyword.end():]
                    leading = paragraph.text[sentence.start:clause.start + match.start()]
                    if _PLAN.search(leading) or other_year(leading, report.year):
                        continue
                    if _PERCENT_GAP_TOKENS.fullmatch(gap) is None or _COMPARISON.search(gap):
                        continue
                    stated_count = re.search(r"(\d+)\s*(?:件|项|个|宗)", gap)
                    decimals = len(match.group(2) or "")
                    shares.append((kind, float(match.group(1)), decimals, clause.start + match.start(1),
                                   int(stated_count.group(1)) if stated_count else None))
            if shares:
                yield paragraph, sentence, shares


def _bases(report: Report) -> list[tuple[int, str]]:
    handled, received = quantity(report, "handled"), quantity(report, "received")
    bases = []
    if handled is not None and handled.values[0] > 0:
        bases.append((handled.values[0], "表三(七)总计"))
    if received is not None:
        bases += [(value, "收到申请数") for value in received.values if value > 0]
    return bases


def _matches(stated: float, decimals: int, numerators: Iterable[int], bases: Iterable[tuple[int, str]]) -> bool:
    unit = 10 ** -decimals  # rounded (up to half a unit above) or truncated (up to a unit below)
    return any(-unit - 1e-9 < stated - 100 * n / b <= unit / 2 + 1e-9 for n in numerators for b, _ in bases)


@rule("GIP502", "prose-percentage", severity="warning")
def prose_percentage(report: Report, context) -> Iterable[Finding]:
    """正文中的百分比与表格算出的比例不符，或各项比例之和不是 100%。

    ## 为什么
    “予以公开 91 项，占 46.4%”这类比例应等于该项数量除以表三“(七)总计”（按所写的小数位
    四舍五入或截断均可）；覆盖全部办理结果的一组比例，加起来应为 100%。比例算错说明数字
    改过而文字没有跟着改。只检查紧跟在办理结果（予以公开、不予公开、无法提供……）后面的
    比例；“办结率”“采用率”等其他基数的比例不检查。

    ## 错误示例
    全年办结 196 项，其中予以公开 91 项，占 40%。（91 / 196 = 46.4%）

    ## 正确示例
    全年办结 196 项，其中予以公开 91 项，占 46.4%。
    """
    bases = None  # worked out at the first percentage: most reports state none
    for paragraph, sentence, shares in _percentages(report):
        if bases is None:
            bases = _bases(report)
        if not bases:
            return
        wrong = False
        for kind, stated, decimals, offset, stated_count in shares:
            expected = quantity(report, kind)
            if expected is None:
                continue
            numerators = set(expected.values) | ({stated_count} if stated_count is not None else set())
            if _matches(stated, decimals, numerators, bases):
                continue
            wrong = True
            base, base_name = bases[0]
            actual = 100 * expected.values[0] / base
            yield Finding(paragraph.line, paragraph.column + offset,
                          f"正文比例 {_fixed(stated, decimals)}% 与表格不符：{expected.source} {expected.values[0]}"
                          f" ÷ {base_name} {base} = {actual:.{max(decimals, 1)}f}%",
                          anchor=f"prose:percent:{kind}:{_fixed(stated, decimals)}")
        if not wrong:
            yield from _sum_check(report, paragraph, shares)


def _fixed(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _sum_check(report: Report, paragraph: TextLine, shares) -> Iterator[Finding]:
    """Shares of distinct outcomes that, by the table, cover every outcome must add to 100%."""
    groups: list[str] = []
    for kind, *_ in shares:
        groups += OUTCOME_GROUPS[kind]
    if len(shares) < 2 or len(groups) != len(set(groups)):
        return
    nonzero = set()
    for group in ("三(一)", "三(二)", "三(三)", "三(四)", "三(五)", "三(六)"):
        value = group_total(report, group)
        if value is None:
            return
        if value:
            nonzero.add(group)
    if not nonzero <= set(groups):
        return
    total = sum(stated for _, stated, *_ in shares)
    decimals = max(decimals for _, _, decimals, *_ in shares)
    unit = 10 ** -decimals
    if -len(shares) * unit - 1e-9 < total - 100 <= len(shares) * unit / 2 + 1e-9:
        return
    first = shares[0]
    yield Finding(paragraph.line, paragraph.column + first[3],
                  f"各项办理结果所占比例之和为 {total:.{decimals}f}%，应为 100%",
                  anchor=f"prose:percent-sum:{total:.{decimals}f}")


# --- "均获维持" ------------------------------------------------------------------------------------

_ALL_UPHELD = lazy_compile(r"(?<![未不非])(?:均|全部|全都|都)(?:已|被|获|得到|予以|依法)*(?:结果)?维持")
_SCOPE = lazy_compile(r"复议后起诉|直接起诉|行政诉讼|起诉|应诉|诉讼|复议")
_NOT_UPHELD = ("结果纠正", "其他结果", "尚未审结")
_GROUP_LABEL = {REVIEW: "行政复议", DIRECT: "直接起诉的行政诉讼", AFTER_REVIEW: "复议后起诉的行政诉讼"}


def _scope_groups(word: str) -> tuple[str, ...]:
    if word == "复议后起诉":
        return (AFTER_REVIEW,)
    if word == "直接起诉":
        return (DIRECT,)
    if word == "复议":
        return (REVIEW,)
    return (DIRECT, AFTER_REVIEW)


@rule("GIP503", "upheld-claim", severity="warning")
def upheld_claim(report: Report, context) -> Iterable[Finding]:
    """正文称行政复议或行政诉讼“均获维持”，但表四有纠正、其他结果或尚未审结的案件。

    ## 为什么
    “均获维持”“均予以维持”“全部维持”是说每一件都以维持结束；表四同一组中只要有结果纠正、
    其他结果或尚未审结，这句话就不成立（规范 §5 N1、§7）。这句话说的是哪一组，看它前面最近
    提到的是行政复议还是行政诉讼；说不清时不检查。

    ## 错误示例
    被申请行政复议 3 件，均获维持。（表四行政复议：维持 2，尚未审结 1）

    ## 正确示例
    被申请行政复议 3 件，已审结的 2 件均获维持，1 件尚未审结。
    """
    if report.review_litigation is None:
        return
    for _, paragraph in prose_paragraphs(report):
        if "维持" not in paragraph.text:  # every claim has it: skip the splitting
            continue
        for sentence in sentences(paragraph.text):
            for claim in _ALL_UPHELD.finditer(sentence.text):
                clause_start = max(sentence.text.rfind(";", 0, claim.start()), -1) + 1
                span = sentence.text[clause_start:claim.start()]
                if "上年" in span or "去年" in span or other_year(span, report.year):
                    continue
                words = list(_SCOPE.finditer(span))
                if not words:
                    continue
                groups = list(_scope_groups(words[-1].group()))
                if re.search(r"已审结|审结的", span[words[-1].end():]):
                    continue  # "已审结的 2 件均获维持" says nothing of the pending ones
                faults = []
                for group in groups:
                    found = [f"{column} {value} 件" for column in _NOT_UPHELD
                             if (value := review_cell(report, group, column))]
                    if found:
                        faults.append(_GROUP_LABEL[group] + "、".join(found))
                if not faults:
                    continue
                offset = sentence.start + claim.start()
                said = quote(paragraph, offset, sentence.start + claim.end())
                subject = "行政复议" if groups == [REVIEW] else "行政诉讼"
                yield Finding(paragraph.line, paragraph.column + offset,
                              f"正文称{subject}“{said}”，但表四中{'；'.join(faults)}",
                              anchor=f"prose:upheld:{subject}")


# --- the organ's name --------------------------------------------------------------------------------

_PLACE = lazy_compile(r"([\u4e00-\u9fff]{2,6}?)(省|市|区|县|旗|镇|乡|街道)")
_ETHNIC = lazy_compile(r"(?:[\u4e00-\u9fff]{1,3}族)+(?:自治)?|自治")
# Places that differ only in these are usually different places (河东区/河西区, 新城区/老城区).
_DIRECTIONS = set("东西南北中上下前后左右内外新老旧大小")


def organ_places(organ: str) -> list[tuple[str, str]]:
    """The organ's own place (the last place name in its name) as (full form, short forms…).

    "漣河回族区人民政府" → ("漣河回族区", "漣河区"); "洛阳市孟津区人民政府办公室" → ("孟津区",).
    Generic names (开发区, 新区 …) longer than a place name are left out.
    """
    for place in reversed(list(_PLACE.finditer(organ))):
        stem, suffix = place.group(1), place.group(2)
        if not 2 <= len(stem) <= 4 or re.search(r"开发|产业|示范|高新|新区|园区|[和与及的]", stem):
            continue  # not a place name ("住房和城乡", "技术产业开发")
        forms = [(stem, suffix)]
        for cut in range(2, len(stem)):
            if _ETHNIC.fullmatch(stem[cut:]):  # "漣河回族" → "漣河"
                forms.append((stem[:cut], suffix))
                break
        return forms
    return []


def _one_off(a: str, b: str) -> Optional[tuple[str, str]]:
    if len(a) != len(b):
        return None
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    return diffs[0] if len(diffs) == 1 else None


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@rule("GIP504", "organ-name-typo", severity="warning")
def organ_name_typo(report: Report, context) -> Iterable[Finding]:
    """正文中的机关（地名）名称疑似写错：与标题中的名称只差一个字。

    ## 为什么
    标题写明报告机关（“漣河回族区人民政府”）；正文中同一地名只差一个字（“漭河区”）几乎
    总是笔误，审核时按“机关名称错误”处理（规范 §7）。简称（去掉“回族”“人民政府”等，如
    “漣河区”）不是错误；正文中提到的其他机关（区司法局、南阳市）不检查。只在写错的形式
    比正确的形式少见时报告；只差方位字（河东区/河西区）的视为另一个地方。

    ## 错误示例
    标题：漣河回族区人民政府2022年政府信息公开工作年度报告；正文：2022年，漭河区严格落实……

    ## 正确示例
    正文：2022年，漣河区严格落实……
    """
    if not report.organ or not report.title:
        return
    forms = organ_places(report.organ)
    if not forms:
        return
    paragraphs = [p for _, section_paragraphs in per_report.section_paragraphs(report) for p in section_paragraphs]
    corpus = report.title + "\n" + "\n".join(p.text for p in paragraphs)
    right = sum(corpus.count(stem + suffix) for stem, suffix in forms)
    for stem, suffix in forms:
        variants: Counter = Counter()
        spots = []
        for paragraph in paragraphs:
            found = paragraph.text.find(suffix, len(stem))
            while found != -1:  # every place the suffix starts, after room for a stem
                index, found = found, paragraph.text.find(suffix, found + 1)
                candidate = paragraph.text[index - len(stem):index]
                # In a stem of 2 or more characters, one differing character leaves the first or the last alike.
                if candidate == stem or (len(stem) > 1 and candidate[0] != stem[0] and candidate[-1] != stem[-1]):
                    continue
                diff = _one_off(candidate, stem)
                if diff is None or not all(_cjk(c) for c in candidate):
                    continue
                if diff[0] in _DIRECTIONS and diff[1] in _DIRECTIONS:
                    continue
                variants[candidate] += 1
                spots.append((paragraph, index - len(stem), candidate))
        for paragraph, offset, candidate in spots:
            if variants[candidate] >= right:
                continue
            wrong, meant = candidate + suffix, stem + suffix
            yield Finding(paragraph.line, paragraph.column + offset,
                          f"“{wrong}”疑为“{meant}”之误（标题中的机关为“{report.organ}”）",
                          anchor=f"organ:{wrong}")


# --- enumeration --------------------------------------------------------------------------------------

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
    for section, paragraphs in per_report.section_paragraphs(report):
        last: dict[str, tuple[int, TextLine, int, int]] = {}
        for paragraph in paragraphs:
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
