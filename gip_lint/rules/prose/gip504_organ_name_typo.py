"""GIP504: the organ's place name in the prose one character off the title's (spec §7)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from gip_lint.lazy_re import lazy_compile

from gip_lint.model.document import Report
from gip_lint.rule import Finding, rule

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
    paragraphs = [p for section in report.sections for p in section.prose]
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

