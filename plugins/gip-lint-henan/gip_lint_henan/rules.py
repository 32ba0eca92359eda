"""Henan's own requirements: HA101 fee amount in 元, HA102 基层政务公开标准化规范化, HA103 contact.

Each rule is a check over gip-lint's document model; its docstring is the documentation
``gip-lint explain HA101`` prints.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

from gip_lint.model.document import Report, Section, TextLine
from gip_lint.rule import Finding, rule

# An amount of money: digits (with thousands separators), optional decimals, the unit.
_AMOUNT = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|元)")
# A sentence about the information-processing fee (the only amounts HA101 looks at).
_ABOUT_FEE = re.compile(r"处理费|收费|收取")
_SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")


def _section_lines(report: Report, section: Section) -> Iterator[TextLine]:
    """The section's text lines, its heading line included (text may follow the heading)."""
    for block in report.blocks:
        if isinstance(block, TextLine) and section.line <= block.line <= section.end_line:
            yield block


@rule("HA101", "fee-amount-in-yuan", severity="error")
def fee_amount_in_yuan(report: Report, context) -> Iterable[Finding]:
    """信息处理费金额应以“元”为单位并保留两位小数。

    ## 为什么
    河南省要求在“六、其他需要报告的事项”中报告信息处理费时，金额统一以元为单位、
    保留两位小数（如“共收取信息处理费 120.00 元”），便于全省汇总。以万元计或不写小数的
    金额无法直接汇总。本年度没有收取时写“未收取信息处理费”或“0 元”均可。

    ## 错误示例
    六、其他需要报告的事项
    本年度共收取信息处理费0.012万元。

    ## 正确示例
    六、其他需要报告的事项
    本年度共收取信息处理费120.00元。
    """
    section = report.section(6)
    if section is None:
        return
    for line in _section_lines(report, section):
        for sentence in _SENTENCE.finditer(line.text):
            if not _ABOUT_FEE.search(sentence.group()):
                continue
            for amount in _AMOUNT.finditer(sentence.group()):
                problem = _amount_problem(amount)
                if problem:
                    yield Finding(line.line, line.column + sentence.start() + amount.start(),
                                  f"信息处理费金额“{amount.group()}”{problem}（河南省要求以元为单位、保留两位小数，"
                                  "如“120.00元”）", anchor="section:6:fee-amount")


def _amount_problem(amount: re.Match) -> Optional[str]:
    whole, decimals, unit = amount.group(1), amount.group(2) or "", amount.group(3)
    if unit == "万元":
        return "以万元为单位"
    if len(decimals) == 3:  # "." and two digits
        return None
    if not decimals and float(whole.replace(",", "")) == 0:
        return None  # "0元": nothing collected, nothing to round
    return "没有保留两位小数"


# 基层政务公开标准化规范化 — also written with 、 or 和 between the two words.
_STANDARDISATION = re.compile(r"基层政务公开[^，。；\n]{0,10}?标准化[、和与及]?规范化")


@rule("HA102", "basic-level-standardisation", severity="warning")
def basic_level_standardisation(report: Report, context) -> Iterable[Finding]:
    """“一、总体情况”没有说明基层政务公开标准化规范化工作。

    ## 为什么
    河南省把推进基层政务公开标准化规范化作为政务公开的重点工作，要求各地在年度报告的
    总体情况中说明本年度的推进情况（如目录编制、专区建设）。只在“五、存在的主要问题及
    改进情况”中把它列为下一步打算，不算说明了本年度的工作。

    ## 错误示例
    一、总体情况
    2023年，我区深入贯彻落实《中华人民共和国政府信息公开条例》，政务公开工作取得新成效。

    ## 正确示例
    一、总体情况
    2023年，我区深入贯彻落实《中华人民共和国政府信息公开条例》，扎实推进基层政务公开
    标准化规范化建设，更新完善26个试点领域基层政务公开标准目录。
    """
    section = report.section(1)
    if section is None:
        return  # GIP101 says the section is missing
    if any(_STANDARDISATION.search(line.text) for line in _section_lines(report, section)):
        return
    elsewhere = next((block for block in report.blocks if isinstance(block, TextLine)
                      and block.line > section.end_line and _STANDARDISATION.search(block.text)), None)
    hint = f"（第 {elsewhere.line} 行在其他部分提到，应在总体情况中说明本年度的工作）" if elsewhere else ""
    yield Finding(section.line, section.column,
                  "“一、总体情况”没有说明基层政务公开标准化规范化工作" + hint,
                  anchor="section:1:standardisation")


# "政府信息公开工作机构为区政府办公室" / "政务公开工作机构：……"
_OFFICE = re.compile(r"(政府信息公开|政务公开)工作机构(为|是|：|:)")
# A telephone number of the office: "电话：…", or a number with its area code (0371-12345678).
# Hotlines everyone has (12345) are not the office's contact.
_PHONE = re.compile(r"电话[：:]\s*[(（]?\d|(?<!\d)[(（]?0\d{2,3}[)）\-—－ ]?\d{7,8}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


@rule("HA103", "disclosure-office-contact", severity="warning")
def disclosure_office_contact(report: Report, context) -> Iterable[Finding]:
    """报告没有写明政府信息公开工作机构及其联系方式。

    ## 为什么
    河南省要求年度报告写明本机关的政府信息公开工作机构（如“××区人民政府办公室”）以及
    公众对报告有疑问时的联系方式（电话或电子邮箱，可另附地址），一般写在报告开头或结尾。

    ## 错误示例
    ××区人民政府2023年政府信息公开工作年度报告
    （全文没有工作机构和联系方式）

    ## 正确示例
    本机关政府信息公开工作机构为××区人民政府办公室，地址：××路1号，
    联系电话：0371-12345678，电子邮箱：zwgk@example.gov.cn。
    """
    if not report.sections:
        return  # not a report (GIP002)
    text = "\n".join(block.text for block in report.blocks if isinstance(block, TextLine))
    missing = []
    if not _OFFICE.search(text):
        missing.append("政府信息公开工作机构")
    if not (_PHONE.search(text) or _EMAIL.search(text)):
        missing.append("联系方式（电话或电子邮箱）")
    if not missing:
        return
    where = report.title_position or report.sections[0]
    yield Finding(where.line, where.column, f"报告没有写明{'和'.join(missing)}（河南省要求写明，如“本机关政府信息公开"
                  "工作机构为××办公室，联系电话：0371-12345678”）", anchor="report:office-contact")
