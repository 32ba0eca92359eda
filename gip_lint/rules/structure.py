"""The report's structure (spec §1–§4): GIP101–GIP105.

Missing section 六 is GIP302's alone (the fee rules own section 六), so that deleting one
section gives exactly one diagnostic.  Nothing is reported about a table part that the
parser could not read (that is GIP003).
"""

from __future__ import annotations

from typing import Iterable

from gip_lint.model.document import Report, Section
from gip_lint.model.labels import (
    ACTIVE_REQUIRED_ROWS,
    APPLICATION_ROW_NAMES,
    CHINESE_NUMERALS,
    REVIEW_GROUPS,
    SECTION_TITLES,
)
from gip_lint.rule import Finding, rule


def _standard(number: int) -> str:
    return f"{CHINESE_NUMERALS[number - 1]}、{SECTION_TITLES[number]}"


@rule("GIP101", "section-missing", severity="error")
def section_missing(report: Report, context) -> Iterable[Finding]:
    """缺少格式规定的某一部分（一至五；缺第六部分见 GIP302）。

    ## 为什么
    年度报告必须依次包含六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息
    公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；
    六、其他需要报告的事项。缺少一部分，报告就不完整。位置指向这一部分本应开始的地方
    （下一部分的标题）。

    ## 错误示例
    “三、收到和处理政府信息公开申请情况”之后直接是“五、存在的主要问题及改进情况”。

    ## 正确示例
    两者之间有“四、政府信息公开行政复议、行政诉讼情况”及表四。
    """
    present = {section.number for section in report.sections}
    if not present:
        return  # no headings at all: not a report in the format (GIP002) or unreadable
    for number in range(1, 6):
        if number in present:
            continue
        following = [s for s in report.sections if s.number > number]
        if following:
            where = following[0]
            line, column, hint = where.line, where.column, f"，应位于“{where.heading}”之前"
        else:
            line, column, hint = report.end_line, 1, "，应位于文末之前"
        yield Finding(line, column, f"缺少第{CHINESE_NUMERALS[number - 1]}部分“{_standard(number)}”{hint}",
                      anchor=f"section:{number}:missing")


@rule("GIP102", "section-order", severity="error")
def section_order(report: Report, context) -> Iterable[Finding]:
    """各部分的顺序不对，或某一部分出现了两次。

    ## 为什么
    格式规定六个部分按一至六的顺序排列，每部分只出现一次；顺序颠倒或重复会让读者和汇总
    程序找错内容。

    ## 错误示例
    “五、存在的主要问题及改进情况”出现在“四、政府信息公开行政复议、行政诉讼情况”之前。

    ## 正确示例
    一、二、三、四、五、六依次出现。
    """
    seen: dict[int, Section] = {}
    highest = 0
    for section in report.sections:
        if section.number in seen:
            # The earlier heading is quoted, not its line number: messages enter baseline fingerprints.
            yield Finding(section.line, section.column,
                          f"第{CHINESE_NUMERALS[section.number - 1]}部分重复出现（前面已有“{seen[section.number].heading}”）",
                          anchor=f"section:{section.number}:duplicate")
            continue
        if section.number < highest:
            yield Finding(section.line, section.column,
                          f"第{CHINESE_NUMERALS[section.number - 1]}部分“{section.heading}”应在第"
                          f"{CHINESE_NUMERALS[highest - 1]}部分之前",
                          anchor=f"section:{section.number}:order")
        seen[section.number] = section
        highest = max(highest, section.number)


@rule("GIP103", "heading-wording", severity="warning")
def heading_wording(report: Report, context) -> Iterable[Finding]:
    """部分标题的措辞或序号与格式规定的不同。

    ## 为什么
    格式规定了六个部分的标题。措辞不同（包括错别字）的标题仍能被识别，但应改为标准写法，
    便于上级汇总和公众查阅。

    ## 错误示例
    四、政府信息公开行政法复议、行政诉讼情况

    ## 正确示例
    四、政府信息公开行政复议、行政诉讼情况
    """
    for section in report.sections:
        expected = _standard(section.number)
        numeral_ok = section.numeral == CHINESE_NUMERALS[section.number - 1]
        if section.standard and numeral_ok:
            continue
        what = "措辞" if numeral_ok else ("序号" if section.standard else "序号和措辞")
        yield Finding(section.line, section.column,
                      f"标题{what}与格式不同：应为“{expected}”，实为“{section.heading}”",
                      anchor=f"section:{section.number}:wording")


_TABLE_NAMES = {2: ("二", "主动公开政府信息情况表"), 3: ("三", "收到和处理政府信息公开申请情况表"),
                4: ("四", "政府信息公开行政复议、行政诉讼情况表")}


@rule("GIP104", "table-missing", severity="error")
def table_missing(report: Report, context) -> Iterable[Finding]:
    """第二、三、四部分缺少格式规定的统计表。

    ## 为什么
    第二、三、四部分的内容就是三张统计表（主动公开、依申请公开、行政复议和行政诉讼），
    没有表格就无法汇总和核对数据。

    ## 错误示例
    “四、政府信息公开行政复议、行政诉讼情况”下只写了“本年度无行政复议和行政诉讼。”

    ## 正确示例
    保留表四，全部填 0。
    """
    tables = {2: report.active, 3: report.applications, 4: report.review_litigation}
    for number, table in tables.items():
        section = report.section(number)
        if table is not None or section is None or report.unreadable(_TABLE_NAMES[number][0]):
            continue
        numeral, name = _TABLE_NAMES[number]
        yield Finding(section.line, section.column, f"第{numeral}部分缺少{name}（表{numeral}）",
                      anchor=f"table:{numeral}:missing")


@rule("GIP105", "table-row-missing", severity="error")
def table_row_missing(report: Report, context) -> Iterable[Finding]:
    """统计表缺少格式规定的行（表三的办理结果细项、表四的分组、表二的事项）。

    ## 为什么
    格式固定了每张表的行。删掉“没有发生”的行（例如不予公开的 8 个细项）会让汇总出错；
    没有发生的情况应保留该行并填 0。若 gip-lint 有某些行没能读懂（GIP003），不会报告缺行。

    ## 错误示例
    表三删去了“三(三)8.属于行政查询事项”这一行。

    ## 正确示例
    保留该行，七列均填 0。
    """
    table = report.applications
    if table is not None and not report.unreadable("三"):
        for key in table.expected_rows():
            if key not in table.rows:
                yield Finding(table.line, table.column,
                              f"表三缺少“{APPLICATION_ROW_NAMES.get(key, key)}”行",
                              anchor=f"table:三:row:{key}:missing")
    review = report.review_litigation
    if review is not None and not report.unreadable("四"):
        for group in REVIEW_GROUPS:
            if group not in review.groups:
                yield Finding(review.line, review.column, f"表四缺少“{group}”一组数字",
                              anchor=f"table:四:group:{group}:missing")
    active = report.active
    if active is not None and not report.unreadable("二") and report.format in ACTIVE_REQUIRED_ROWS:
        labels = {item.label for item in active.items}
        for label in ACTIVE_REQUIRED_ROWS[report.format]:
            if label not in labels:
                yield Finding(active.line, active.column, f"表二缺少“{label}”行",
                              anchor=f"table:二:row:{label}:missing")
