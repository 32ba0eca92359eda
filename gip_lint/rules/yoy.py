"""Year over year: this year's report against last year's (spec §5 X1, X2; §7): GIP506–GIP508.

These rules run only when last year's report of the same organ is known: ``gip-lint check``
pairs reports of one organ for consecutive years found in one run (:mod:`gip_lint.engine.pairing`),
``--previous FILE`` names it for one report, and the testing kit takes ``previous:``.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from gip_lint.model.document import Report, ReportFormat
from gip_lint.model.labels import APPLICANT_COLUMNS
from gip_lint.rule import Finding, rule


def _last_year(report: Report, context) -> Optional[Report]:
    """Last year's report, when there is one and its year is the one before (if both are known)."""
    previous = getattr(context, "previous", None)
    if previous is None or not getattr(previous, "is_report", False):
        return None
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        return None
    return previous


def _year_name(previous: Report) -> str:
    return f"{previous.year}年度报告" if previous.year is not None else "上一年度报告"


@rule("GIP506", "carried-over-mismatch", severity="warning", uses_previous=True)
def carried_over_mismatch(report: Report, context) -> Iterable[Finding]:
    """本年“上年结转”的申请数与上一年报告的“结转下年度继续办理”不一致。

    ## 为什么
    上一年结转到下一年办理的申请，就是下一年从上年结转来的申请：本年度报告表三“二、上年
    结转政府信息公开申请数量”每一列都应等于上一年度报告表三“四、结转下年度继续办理”的同一列
    （规范 §5 X1）。不一致说明其中一年的表填错了，或有申请在统计中丢失。需要上一年度的报告：
    一次检查同一机关连续两年的报告时自动配对，或用 ``--previous`` 指定。

    ## 错误示例
    2022 年报告：四、结转下年度继续办理……总计 2；2023 年报告：二、上年结转政府信息公开申请数量……总计 0

    ## 正确示例
    2022 年报告：四、结转下年度继续办理……总计 2；2023 年报告：二、上年结转政府信息公开申请数量……总计 2
    """
    previous = _last_year(report, context)
    if previous is None or report.applications is None or previous.applications is None:
        return
    now, before = report.applications, previous.applications
    if not now.rows.get("二") or not before.rows.get("四"):
        return
    for index, column in enumerate(APPLICANT_COLUMNS):
        cell, last = now.cell("二", index), before.cell("四", index)
        if cell is None or last is None or cell.value is None or last.value is None or cell.value == last.value:
            continue
        yield Finding(cell.line, cell.column,
                      f"表三“二、上年结转政府信息公开申请数量”{column}列为 {_fmt(cell.value)}，"
                      f"但{_year_name(previous)}的“四、结转下年度继续办理”为 {_fmt(last.value)}",
                      anchor=f"table:三:row:二:col:{column}:previous")


def _fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@rule("GIP507", "valid-documents-carry-over", severity="info", uses_previous=True)
def valid_documents_carry_over(report: Report, context) -> Iterable[Finding]:
    """现行有效件数与上一年的现行有效件数、本年制发件数和本年废止件数对不上。

    ## 为什么
    2021 年格式的表二中，本年的“现行有效件数”一般等于上一年度报告的“现行有效件数”加本年
    “本年制发件数”减“本年废止件数”（规范 §5 X2）。对不上时，可能是某一年填错了，也可能是
    集中清理（清理中失效而未计入“废止”的文件）造成的——所以这条只是提示（info），请核实。

    ## 错误示例
    2022 年：行政规范性文件 现行有效 60；2023 年：本年制发 5，本年废止 1，现行有效 70（应为 64）

    ## 正确示例
    2022 年：行政规范性文件 现行有效 60；2023 年：本年制发 5，本年废止 1，现行有效 64
    """
    previous = _last_year(report, context)
    if previous is None or report.active is None or previous.active is None:
        return
    if ReportFormat.V2019 in (report.format, previous.format):
        return
    for label in ("规章", "行政规范性文件"):
        valid = report.active.cell(label, "现行有效件数")
        issued = report.active.value(label, "本年制发件数")
        repealed = report.active.value(label, "本年废止件数")
        before = previous.active.value(label, "现行有效件数")
        if valid is None or valid.value is None or None in (issued, repealed, before):
            continue
        expected = before + issued - repealed
        if valid.value == expected:
            continue
        yield Finding(valid.line, valid.column,
                      f"表二“{label}”现行有效件数为 {_fmt(valid.value)}，但按{_year_name(previous)}的现行有效件数 "
                      f"{_fmt(before)} + 本年制发 {_fmt(issued)} − 本年废止 {_fmt(repealed)} 应为 {_fmt(expected)}"
                      f"（集中清理等情况除外，请核实）",
                      anchor=f"table:二:row:{label}:col:现行有效件数:previous")


# --- "内容雷同" ------------------------------------------------------------------------------------------

#: The narrative sections: 一 总体情况, 五 存在的主要问题及改进情况.
NARRATIVE_SECTIONS = (1, 5)
SHINGLE = 4  # characters per shingle
MIN_CHARACTERS = 80  # shorter sections are too short to call copied
SIMILAR = 0.85  # Jaccard similarity of the shingle sets from which a section counts as copied

_NOISE = re.compile(r"[\s\d,.，。、；;：:！？!?“”\"'（）()《》〈〉<>%％-]+")


def _shingles(text: str) -> set[str]:
    text = _NOISE.sub("", text)  # numbers and punctuation change every year; wording should too
    if len(text) < MIN_CHARACTERS:
        return set()
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def similarity(this: str, last: str) -> Optional[float]:
    """Jaccard similarity of two texts' character shingles, numbers and punctuation left out."""
    a, b = _shingles(this), _shingles(last)
    if not a or not b:
        return None
    return len(a & b) / len(a | b)


@rule("GIP508", "copied-from-last-year", severity="warning", uses_previous=True)
def copied_from_last_year(report: Report, context) -> Iterable[Finding]:
    """报告的文字与上一年度报告几乎相同（内容雷同）。

    ## 为什么
    年度报告应当写本年度的工作；照搬上一年的文字、只改年份和数字，是各级审核通报的四类
    问题之一（“内容雷同”，规范 §7）。逐部分比较第一部分“总体情况”和第五部分“存在的主要
    问题及改进情况”：去掉数字和标点后，两年文字的相似度（4 字片段的 Jaccard 系数）达到
    85% 即报告。过短的部分不比较。

    ## 错误示例
    2023 年第五部分与 2022 年第五部分只有年份不同。

    ## 正确示例
    2023 年第五部分写本年发现的问题和下一年的具体改进措施。
    """
    previous = _last_year(report, context)
    if previous is None:
        return
    for number in NARRATIVE_SECTIONS:
        this, last = report.section(number), previous.section(number)
        if this is None or last is None:
            continue
        score = similarity(this.text, last.text)
        if score is None or score < SIMILAR:
            continue
        yield Finding(this.line, this.column,
                      f"第{'一二三四五六'[number - 1]}部分“{this.heading.split('、')[-1]}”的文字与"
                      f"{_year_name(previous)}的同一部分几乎相同（相似度 {score:.0%}），疑为内容雷同",
                      anchor=f"section:{number}:copied")
