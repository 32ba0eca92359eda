"""GIP403: the signing date read in every way reports write it, and the deadline by organ kind."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from gip_lint.rules.deadline import deadline_for, read_date
from gip_lint.testing import lint_text

_CHINESE_DIGITS = "〇一二三四五六七八九"


def _chinese(number: int) -> str:
    """1 … 31 as written in dates: 一, 十, 十一, 二十, 三十一."""
    tens, units = divmod(number, 10)
    return (("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" if tens else "") + (_CHINESE_DIGITS[units] if units else "")


def render(date: datetime.date, style: str) -> str:
    if style == "arabic":
        return f"{date.year}年{date.month}月{date.day}日"
    if style == "chinese":
        return "".join(_CHINESE_DIGITS[int(d)] for d in str(date.year)) + f"年{_chinese(date.month)}月{_chinese(date.day)}日"
    return f"{date.year}{style}{date.month:02d}{style}{date.day:02d}"


_STYLES = st.sampled_from(["arabic", "chinese", "-", ".", "/"])


@settings(max_examples=200)
@given(date=st.dates(datetime.date(2019, 1, 1), datetime.date(2030, 12, 31)), style=_STYLES)
def test_every_way_of_writing_a_date_reads_back(date, style):
    assert read_date(render(date, style)) == date


def test_impossible_and_partial_dates_are_not_dates():
    for text in ("2024年2月30日", "2024年13月1日", "2024年4月", "二〇二四年二月三十日", "2024-04", "落款：2024年4月2日"):
        assert read_date(text) is None, text


def test_deadline_by_organ_kind():
    assert deadline_for("卧龙区人民政府")[:2] == (3, 31)
    assert deadline_for("高新技术产业开发区管委会")[:2] == (3, 31)
    assert deadline_for("孟津区人民政府办公室")[:2] == (1, 31)
    assert deadline_for("郑州市生态环境局")[:2] == (1, 31)
    assert deadline_for("河南省发展和改革委员会")[:2] == (1, 31)
    for organ in ("石桥镇人民政府", "城关乡人民政府", "花园路街道办事处", "某某", None,
                  "郑州市疾病预防控制中心", "城东村民委员会"):
        assert deadline_for(organ) is None, organ


@settings(max_examples=40, deadline=None)
@given(date=st.dates(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)), style=_STYLES,
       organ=st.sampled_from([("卧龙区人民政府", datetime.date(2024, 3, 31)),
                              ("卧龙区人民政府办公室", datetime.date(2024, 1, 31))]))
def test_late_exactly_when_signed_after_the_deadline(seeds, date, style, organ):
    name, deadline = organ
    text = seeds["000"].read_text(encoding="utf-8").replace("卧龙区人民政府 2023 年", f"{name} 2023 年", 1)
    text = text.rstrip("\n") + f"\n\n{name}\n{render(date, style)}\n"
    date_line = text.rstrip("\n").count("\n") + 1
    found = [(d.code, d.line, d.column) for d in lint_text(text, select=["GIP403"])]
    assert found == ([("GIP403", date_line, 1)] if date > deadline else [])
