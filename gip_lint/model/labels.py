"""The national format's fixed vocabulary (spec §1–§6), and loose matching against it.

Labels are compared after :func:`squash`, which removes spaces and folds punctuation variants
(、 for ，, ASCII or curly quotes), because real reports vary exactly there.
"""

from __future__ import annotations

import re

from gip_lint.model.enums import ReportFormat

# --- sections (spec §1) ----------------------------------------------------------------------------

SECTION_TITLES = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}

# Words that identify a section even when the heading is worded differently.
SECTION_KEYWORDS = {
    1: ("总体情况", "总体", "概述", "基本情况"),
    2: ("主动公开",),
    3: ("申请",),
    4: ("复议", "诉讼"),
    5: ("问题", "改进", "整改"),
    6: ("其他需要报告", "其他事项", "需要报告"),
}

CHINESE_NUMERALS = "一二三四五六七八九十"

# --- table 三 (spec §3) ------------------------------------------------------------------------------

APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
#: The index of 总计, the last column of table 三.
APPLICANT_TOTAL = APPLICANT_COLUMNS.index("总计")

OUTCOME_GROUPS = ("三(一)", "三(二)", "三(三)", "三(四)", "三(五)", "三(六)")

#: Rows of the 2021 format, in order.
APPLICATION_ROWS_2021 = (
    "一", "二",
    "三(一)", "三(二)",
    "三(三)1", "三(三)2", "三(三)3", "三(三)4", "三(三)5", "三(三)6", "三(三)7", "三(三)8",
    "三(四)1", "三(四)2", "三(四)3",
    "三(五)1", "三(五)2", "三(五)3", "三(五)4", "三(五)5",
    "三(六)1", "三(六)2", "三(六)3",
    "三(七)", "四",
)

#: In the 2019 trial format 三(六) is one row.
APPLICATION_ROWS_2019 = (
    APPLICATION_ROWS_2021[:APPLICATION_ROWS_2021.index("三(六)1")]
    + ("三(六)",)
    + APPLICATION_ROWS_2021[APPLICATION_ROWS_2021.index("三(七)"):]
)

#: Rows of table 三, per format.
APPLICATION_ROWS = {ReportFormat.V2021: APPLICATION_ROWS_2021, ReportFormat.V2019: APPLICATION_ROWS_2019}

#: The rows whose sum is 三(七) (A3), per format.
OUTCOME_ROWS = {
    ReportFormat.V2021: tuple(k for k in APPLICATION_ROWS_2021 if k.startswith("三(") and k != "三(七)"),
    ReportFormat.V2019: tuple(k for k in APPLICATION_ROWS_2019 if k.startswith("三(") and k != "三(七)"),
}

# Row patterns: matched against the squashed text of a row's label cells.  A sub-row is
# recognised by its own words (so "1.属于国家秘密" is 三(三)1 wherever it stands); the
# outcome group only matters for the ambiguous "3.其他".
ROW_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("一", r"本年(度)?新收"),
        ("二", r"上(一)?年(度)?结转"),
        ("四", r"结转(至|到)?下(一)?年"),
        ("三(三)1", r"国家秘密"),
        ("三(三)2", r"禁止公开"),
        ("三(三)3", r"三安全一稳定|危及"),
        ("三(三)4", r"第三方"),
        ("三(三)5", r"内部事务"),
        ("三(三)6", r"过程性"),
        ("三(三)7", r"执法案卷"),
        ("三(三)8", r"行政查询"),
        ("三(四)1", r"不掌握"),
        ("三(四)2", r"另行制作"),
        ("三(四)3", r"补正后|仍不明确"),
        ("三(五)1", r"信访|举报|投诉"),
        ("三(五)2", r"重复申请"),
        ("三(五)3", r"出版物"),
        ("三(五)4", r"大量反复"),
        ("三(五)5", r"确认或重新出具|重新出具"),
        ("三(六)1", r"逾期不补正"),
        ("三(六)2", r"收费通知|缴纳费用"),
        ("三(七)", r"^(\(七\))?(总计|合计)$|^\(七\)"),
    )
)

GROUP_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("三(一)", r"予以公开"),
        ("三(二)", r"部分公开"),
        ("三(三)", r"不予公开"),
        ("三(四)", r"无法提供"),
        ("三(五)", r"不予处理"),
        ("三(六)", r"其他处理|^\(六\)其他$"),
    )
)

OTHER_SUBROW = re.compile(r"^(3[.、]?)?其他$")  # "3.其他", "3、其他", "其他"

# --- table 四 (spec §4) -------------------------------------------------------------------------------

REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
#: The index of 总计, the last column of a group of table 四.
REVIEW_TOTAL = REVIEW_COLUMNS.index("总计")
REVIEW_GROUPS = ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")

# --- table 二 (spec §2, §6) ----------------------------------------------------------------------------

FEE_COLUMN = "本年收费金额（单位：万元）"

ACTIVE_COLUMNS = {
    # 2021 format
    "本年制发件数": r"制发件数",
    "本年废止件数": r"废止件数",
    "现行有效件数": r"现行有效",
    "本年处理决定数量": r"^本年处理决定",
    FEE_COLUMN: r"收费金额",
    # 2019 trial format
    "本年新制作数量": r"新制作",
    "本年新公开数量": r"新公开",
    "对外公开总数量": r"对外公开总",
    "上一年项目数量": r"上一年项目",
    "本年增/减": r"增/?减",
    "处理决定数量": r"^处理决定",
    "采购项目数量": r"采购项目",
    "采购总金额": r"采购总金额",
}

ACTIVE_ROWS = {
    "规章": r"^规章$",
    "行政规范性文件": r"规范性文件",
    "行政许可": r"行政许可",
    "其他对外管理服务事项": r"其他对外管理",
    "行政处罚": r"行政处罚",
    "行政强制": r"行政强制",
    "行政事业性收费": r"事业性收费",
    "政府集中采购": r"集中采购",
}

#: Columns whose values are money (decimals allowed) or signed (本年增/减).
DECIMAL_COLUMNS = frozenset({FEE_COLUMN, "采购总金额"})
SIGNED_COLUMNS = frozenset({"本年增/减"})

# --- format versions (spec §6) ---------------------------------------------------------------------------

FORMAT_2021_MARKERS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期未按收费通知要求缴纳费用")
FORMAT_2019_MARKERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                       "第二十条第(九)项", "政府集中采购", "其他对外管理服务事项")

# --- matching helpers -------------------------------------------------------------------------------------

_SQUASH = re.compile(r"[\s\"'“”‘’]+")


def squash(text: str) -> str:
    """Fold a label for comparison: no spaces or quotes, ， as 、, full-width already folded."""
    return _SQUASH.sub("", text).replace("，", "、").replace(",", "、")


def compile_patterns(table: dict[str, str]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((name, re.compile(pattern)) for name, pattern in table.items())


ACTIVE_COLUMN_PATTERNS = compile_patterns(ACTIVE_COLUMNS)
ACTIVE_ROW_PATTERNS = compile_patterns(ACTIVE_ROWS)


def first_match(text: str, patterns: tuple[tuple[str, re.Pattern], ...]) -> str | None:
    for name, pattern in patterns:
        if pattern.search(text):
            return name
    return None

#: Human names of table 三's rows, for messages.
APPLICATION_ROW_NAMES = {
    "一": "一、本年新收政府信息公开申请数量",
    "二": "二、上年结转政府信息公开申请数量",
    "三(一)": "三(一)予以公开",
    "三(二)": "三(二)部分公开",
    "三(三)1": "三(三)1.属于国家秘密",
    "三(三)2": "三(三)2.其他法律行政法规禁止公开",
    "三(三)3": "三(三)3.危及“三安全一稳定”",
    "三(三)4": "三(三)4.保护第三方合法权益",
    "三(三)5": "三(三)5.属于三类内部事务信息",
    "三(三)6": "三(三)6.属于四类过程性信息",
    "三(三)7": "三(三)7.属于行政执法案卷",
    "三(三)8": "三(三)8.属于行政查询事项",
    "三(四)1": "三(四)1.本机关不掌握相关政府信息",
    "三(四)2": "三(四)2.没有现成信息需要另行制作",
    "三(四)3": "三(四)3.补正后申请内容仍不明确",
    "三(五)1": "三(五)1.信访举报投诉类申请",
    "三(五)2": "三(五)2.重复申请",
    "三(五)3": "三(五)3.要求提供公开出版物",
    "三(五)4": "三(五)4.无正当理由大量反复申请",
    "三(五)5": "三(五)5.要求行政机关确认或重新出具已获取信息",
    "三(六)1": "三(六)1.申请人无正当理由逾期不补正",
    "三(六)2": "三(六)2.申请人逾期未按收费通知要求缴纳费用",
    "三(六)3": "三(六)3.其他",
    "三(六)": "三(六)其他处理",
    "三(七)": "三(七)总计",
    "四": "四、结转下年度继续办理",
}

#: Rows of table 二 each format requires, by block.
ACTIVE_REQUIRED_ROWS = {
    ReportFormat.V2021: ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"),
    ReportFormat.V2019: ("规章", "行政规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制",
             "行政事业性收费", "政府集中采购"),
}
