"""GIP502: a percentage in the prose against the count it is a share of, and shares that add to 100%."""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

from gip_lint.lazy_re import lazy_compile

from gip_lint.model.document import Report, TextLine
from gip_lint.rule import Finding, rule
from gip_lint.rules.prose.analysis import COMPARISON, PLAN, nearest_keyword
from gip_lint.model.labels import OUTCOME_GROUPS
from gip_lint.rules.quantities import GROUPS_OF_KIND, OUTCOME_KINDS, quantity
from gip_lint.rules.sentences import Span, clauses, other_year, prose_paragraphs, sentences

_PERCENT = lazy_compile(r"(?<![\d.])(\d+(?:\.(\d+))?)\s*%")
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
                    found = nearest_keyword(region)
                    if found is None or found[0] not in OUTCOME_KINDS:
                        continue
                    kind, keyword = found
                    gap = region[keyword.end():]
                    leading = paragraph.text[sentence.start:clause.start + match.start()]
                    if PLAN.search(leading) or other_year(leading, report.year):
                        continue
                    if _PERCENT_GAP_TOKENS.fullmatch(gap) is None or COMPARISON.search(gap):
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
        groups += GROUPS_OF_KIND[kind]
    if len(shares) < 2 or len(groups) != len(set(groups)):
        return
    nonzero = set()
    table = report.applications
    for group in OUTCOME_GROUPS:
        value = table.group_total(group) if table is not None else None
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

