"""GIP501: a figure in the prose that contradicts the table it describes (spec §5 N1)."""

from __future__ import annotations

from typing import Iterable

from gip_lint.model.document import Report
from gip_lint.rule import Finding, rule
from gip_lint.rules.prose.analysis import statements
from gip_lint.rules.quantities import quantity

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

