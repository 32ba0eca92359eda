"""Section 六 and the 信息处理费 statement (spec §1 六): GIP301–GIP302."""

from __future__ import annotations

import re
from typing import Iterable

from gip_lint.model.document import Report
from gip_lint.model.labels import CHINESE_NUMERALS
from gip_lint.rule import Finding, rule
from gip_lint.rules import excerpt

# A statement about the fee: it names the 处理费, or says a charge was (not) collected.
FEE_STATEMENT = re.compile(
    r"处理费|(未|没有|不|无|暂未|均未)[^。；;\n]{0,8}(收取|收费|征收|收缴)|收取[^。；;\n]{0,12}(费|元)")


@rule("GIP301", "fee-statement", severity="error")
def fee_statement(report: Report, context) -> Iterable[Finding]:
    """第六部分没有说明本年度信息处理费的收取情况。

    ## 为什么
    《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）要求在年度报告中报告信息处理费
    的收取情况，格式把它放在“六、其他需要报告的事项”。只写“无。”等于没有说明。

    ## 错误示例
    六、其他需要报告的事项
    无。

    ## 正确示例
    六、其他需要报告的事项
    本年度未收取信息处理费。
    """
    section = report.section(6)
    text = section.text if section is not None else ""  # Section.text joins the blocks on every access
    if not text.strip():
        return  # GIP302
    if FEE_STATEMENT.search(text):
        return
    elsewhere = next(((s, b, m) for s in report.sections if s.number != 6 for b in s.paragraphs
                      for m in [FEE_STATEMENT.search(b.text)] if m), None)
    hint = ""
    if elsewhere:  # quoted, not located by line: messages enter baseline fingerprints
        other, block, match = elsewhere
        hint = (f"（第{CHINESE_NUMERALS[other.number - 1]}部分提到了收费："
                f"“{excerpt(block.raw, match.start(), match.end())}”，应写入第六部分）")
    yield Finding(section.line, section.column,
                  "第六部分没有说明信息处理费的收取情况（如“本年度未收取信息处理费”）" + hint,
                  anchor="section:6:fee")


@rule("GIP302", "section-six-missing", severity="error")
def section_six_missing(report: Report, context) -> Iterable[Finding]:
    """缺少“六、其他需要报告的事项”，或这一部分没有内容。

    ## 为什么
    第六部分必须至少说明信息处理费的收取情况；政府的报告还应说明落实年度政务公开工作要点、
    建议提案办理结果公开等事项。

    ## 错误示例
    报告在第五部分之后结束。

    ## 正确示例
    六、其他需要报告的事项
    本年度未收取信息处理费。……
    """
    if not report.sections:
        return
    section = report.section(6)
    if section is None:
        yield Finding(report.end_line, 1, "缺少第六部分“六、其他需要报告的事项”（应说明信息处理费的收取情况）",
                      anchor="section:6:missing")
    elif not section.text.strip():
        yield Finding(section.line, section.column, "第六部分“六、其他需要报告的事项”没有内容",
                      anchor="section:6:empty")
