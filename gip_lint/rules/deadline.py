"""The publication deadline (spec §0, 条例 第四十九条): GIP403.

The text rarely says when a report was published, but most reports end with the organ's
name and the date it signed the report (落款日期).  A report cannot be published before it
is signed, so a signing date after the deadline means a late report.  The rule says
nothing when there is no such date line, when the organ's kind (and so its deadline) is
not clear, or for 乡镇 and 街道, for which provinces set the deadline.
"""

from __future__ import annotations

import datetime
from typing import Iterable, Optional

from gip_lint.lazy_re import lazy_compile
from gip_lint.model.document import Report, TextLine
from gip_lint.model.numerals import numeral_value, year_value
from gip_lint.rule import Finding, rule

# A line that is only a date: "2024年1月18日", "二〇二四年一月十八日", "2024-01-18", "2024.1.18".
# Compiled on first use: classes of Chinese characters are slow to compile, and most reports
# have no date line at all.
_ARABIC_DATE = lazy_compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CHINESE_DATE = lazy_compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_NUMERIC_DATE = lazy_compile(r"^((?:19|20)\d{2})([-./])(\d{1,2})\2(\d{1,2})$")

_DATE_ENDS = ("日",) + tuple("0123456789")

# How far from the end the signing date may stand (organ name, date, perhaps an attachment line).
_LAST_LINES = 4


def read_date(text: str) -> Optional[datetime.date]:
    """The date a line consists of, or None (also for impossible dates such as 2月30日)."""
    text = text.strip().replace(" ", "")
    if not text.endswith(_DATE_ENDS) or len(text) > 20:
        return None
    try:
        match = _ARABIC_DATE.match(text)
        if match:
            return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _NUMERIC_DATE.match(text)
        if match:
            return datetime.date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        match = _CHINESE_DATE.match(text)
        if match:
            return datetime.date(year_value(match.group(1)), numeral_value(match.group(2)),
                                 numeral_value(match.group(3)))
    except (ValueError, TypeError):  # an impossible date, or a numeral that is not one (None)
        return None
    return None


def signing_date(report: Report) -> Optional[tuple[datetime.date, TextLine]]:
    """The date line among the last lines of the report, after its last section heading."""
    if not report.sections:
        return None
    lines = [b for b in report.sections[-1].blocks if isinstance(b, TextLine)][-_LAST_LINES:]
    for line in reversed(lines):
        date = read_date(line.text)
        if date is not None:
            return date, line
    return None


# Deadline by kind of organ, named by the end of its name in the title.
# 乡镇 and 街道 (provinces set their deadline), and 村/居民委员会 (no government organs).
_TOWNSHIP = lazy_compile(r"(乡|镇|街道|街道办事处|苏木)(人民政府|办事处)?$|街道办事处|街道工作委员会|村民委员会|居民委员会")
_GOVERNMENT = lazy_compile(r"(省|自治区|市|州|盟|县|区|旗)人民政府$|管委会$|管理委员会$")
# Not 中心: many are public institutions (疾控中心), whose reports follow other rules.
_DEPARTMENT = lazy_compile(r"(局|委员会|委|办公室|办公厅|厅|办|署)$")

_GOVERNMENT_DEADLINE = (3, 31, "县级以上地方人民政府的年度报告：次年 3 月 31 日前")
_DEPARTMENT_DEADLINE = (1, 31, "县级以上人民政府部门的年度报告：次年 1 月 31 日前")


def deadline_for(organ: Optional[str]) -> Optional[tuple[int, int, str]]:
    """(month, day, description) of the next year's deadline, None when not clear or not national."""
    if not organ or _TOWNSHIP.search(organ):
        return None
    if _GOVERNMENT.search(organ):
        return _GOVERNMENT_DEADLINE
    if _DEPARTMENT.search(organ):
        return _DEPARTMENT_DEADLINE
    return None


@rule("GIP403", "late-report", severity="warning")
def late_report(report: Report, context) -> Iterable[Finding]:
    """报告的落款日期晚于《条例》第四十九条规定的发布期限。

    ## 为什么
    《政府信息公开条例》第四十九条规定：县级以上人民政府部门应当在每年 1 月 31 日前、县级以上
    地方人民政府应当在每年 3 月 31 日前公布上一年度的政府信息公开工作年度报告。官方评议把
    “不及时”列为年度报告的首要问题。报告先落款后发布，落款日期已晚于期限，发布必然也晚了。

    只在报告末尾有单独一行的落款日期、且能从标题中的机关名称判断期限时检查；乡镇、街道的期限
    由各省规定，不检查。落款日期不在数据年度的次年时（多为笔误），也不检查。

    ## 错误示例
    XX区人民政府2023年政府信息公开工作年度报告 …… 落款：XX区人民政府　2024年4月2日

    ## 正确示例
    XX区人民政府2023年政府信息公开工作年度报告 …… 落款：XX区人民政府　2024年3月28日
    """
    if report.year is None:
        return
    found = signing_date(report)
    deadline = deadline_for(report.organ) if found is not None else None
    if deadline is None:
        return
    date, line = found
    if date.year != report.year + 1:
        return
    month, day, description = deadline
    if date <= datetime.date(date.year, month, day):
        return
    yield Finding(line.line, line.column,
                  f"报告落款日期为 {date.year}年{date.month}月{date.day}日，晚于《条例》第四十九条规定的发布期限"
                  f"（{description}）",
                  anchor=f"deadline:{date.isoformat()}")
