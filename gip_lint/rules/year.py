"""The data year and the format version (spec §6): GIP401–GIP402."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from gip_lint.model.document import Position, Report, ReportFormat, TextLine
from gip_lint.rule import Finding, rule
from gip_lint.rules import excerpt

_YEAR = re.compile(r"(?<![\d])((?:19|20)\d{2})\s*年(?!版|第|度?工作要点|\d)")
# "2023年，" at the start of a paragraph names the statistics period.
_LEADING_YEAR = re.compile(r"^[^，。]{0,12}?((?:19|20)\d{2})\s*年度?[，,]")
_BOOK_TITLE = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]")


def body_year(report: Report) -> Optional[tuple[int, TextLine]]:
    """The year the body reports on, with a line that says so — only when it is clear.

    Counted in sections 一 to 四 (section 五's plans name next year); a paragraph opening
    with "2023年，" weighs three mentions.  Years inside 《》 titles or document numbers
    are not counted.  None unless one year clearly dominates.
    """
    votes: Counter = Counter()
    witness: dict[int, TextLine] = {}
    for section in report.sections:
        if section.number > 4:
            continue
        for paragraph in section.prose:
            text = paragraph.text
            if "年" not in text:  # every mention has it
                continue
            if "《" in text or "〔" in text or "[" in text:
                text = _BOOK_TITLE.sub("", text)
            leading = _LEADING_YEAR.match(text)
            if leading:
                year = int(leading.group(1))
                votes[year] += 3
                witness.setdefault(year, paragraph)
            for match in _YEAR.finditer(text):
                year = int(match.group(1))
                votes[year] += 1
                witness.setdefault(year, paragraph)
    if not votes:
        return None
    ranked = votes.most_common(2)
    year, count = ranked[0]
    if count < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > count):
        return None
    return year, witness[year]


def _title_year_position(report: Report) -> Optional[Position]:
    if report.title_position is None:
        return None
    for block in report.blocks:
        if isinstance(block, TextLine) and block.line >= report.title_position.line:
            match = re.search(r"(19|20)\d{2}|[〇零一二三四五六七八九]{4}", block.text)
            if match:
                return Position(block.line, block.column + match.start())
            if block.line > report.title_position.line + 3:
                break
    return report.title_position


def _witness_excerpt(witness: TextLine, year: int) -> str:
    # Quoted rather than located by line: messages enter baseline fingerprints.
    at = witness.raw.find(str(year))
    return excerpt(witness.raw, max(at, 0), max(at, 0) + 5, margin=12)


@rule("GIP401", "year-mismatch", severity="error")
def year_mismatch(report: Report, context) -> Iterable[Finding]:
    """标题中的年份与正文统计的年份不一致。

    ## 为什么
    标题写明报告的是哪一年的数据（“2023年政府信息公开工作年度报告”）；正文第一至第四部分
    （“2023年，本机关……”“2023年共受理……”）报告的应是同一年。沿用上一年的报告时常常忘记
    改年份。第五部分讲下一年的计划，提到下一年是正常的，不计入。

    ## 错误示例
    标题：XX区人民政府2023年政府信息公开工作年度报告；正文：2022年，XX区坚持……

    ## 正确示例
    标题：XX区人民政府2023年政府信息公开工作年度报告；正文：2023年，XX区坚持……
    """
    if report.year is None:
        return
    found = body_year(report)
    if found is None:
        return
    year, witness = found
    if year == report.year:
        return
    position = _title_year_position(report)
    if position is None:
        return
    yield Finding(position.line, position.column,
                  f"标题中的年份为 {report.year} 年，但正文统计的是 {year} 年（如“{_witness_excerpt(witness, year)}”）",
                  anchor=f"title:year:{report.year}:{year}")


@rule("GIP402", "format-version", severity="error")
def format_version(report: Report, context) -> Iterable[Finding]:
    """2021 年及以后的报告使用了 2019 年试行格式的表格项目。

    ## 为什么
    国办公开办函〔2021〕30号印发的新格式从 2021 年度报告起施行，取代国办公开办函〔2019〕60号
    的试行格式。2021 年度及以后的报告仍用“本年新制作数量”“上一年项目数量”“政府集中采购”等
    旧项目，说明表格没有更新。

    2021 年格式的表三中，“(六)其他处理”只有一行（试行格式的写法）、没有 1—3 细项的，
    是两种格式混用，不论年份同样报告。

    ## 错误示例
    2023 年度报告的表二：信息内容｜本年新制作数量｜本年新公开数量｜对外公开总数量

    ## 正确示例
    信息内容｜本年制发件数｜本年废止件数｜现行有效件数
    """
    table = report.applications
    if report.format is ReportFormat.V2021 and table is not None and table.single_other_row:
        position = table.row_positions["三(六)"]
        yield Finding(position.line, position.column,
                      "表三其余各项是 2021 年格式，但“(六)其他处理”只有一行（2019 年试行格式）：格式混用，"
                      "应分为“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三项",
                      anchor="format:mixed:三(六)")
    if report.year is None or report.year < 2021:
        return
    trial = [(marker, position) for version, marker, position in report.format_evidence if version is ReportFormat.V2019]
    if not trial:
        return
    marker, position = trial[0]
    others = len({m for m, _ in trial}) - 1
    more = f"等 {others + 1} 个试行格式项目" if others else ""
    yield Finding(position.line, position.column,
                  f"{report.year} 年度报告应使用 2021 年格式，但表中有试行格式的“{marker}”{more}",
                  anchor=f"format:2019:{marker}")
