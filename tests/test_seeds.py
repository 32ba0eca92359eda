"""The five real seed reports parse completely, to values written down by hand from the files."""

from __future__ import annotations

import pytest

import gip_lint
from gip_lint.model.labels import APPLICATION_ROWS_2021

Z = [0, 0, 0, 0, 0, 0, 0]


def one_kind(value: int) -> list:
    """A row where only 自然人 has requests (and so 总计 equals it)."""
    return [value, 0, 0, 0, 0, 0, value]


# Non-zero rows of table 三 (every other row is seven zeros), read off the files by hand.
APPLICATIONS = {
    "000": {"一": one_kind(196), "三(一)": one_kind(91), "三(三)4": one_kind(1), "三(四)1": one_kind(16),
            "三(六)3": one_kind(88), "三(七)": one_kind(196)},
    "001": {"一": [27, 2, 0, 0, 0, 0, 29], "三(一)": [7, 1, 0, 0, 0, 0, 8], "三(二)": one_kind(1),
            "三(三)4": one_kind(1), "三(三)5": one_kind(2), "三(四)1": [7, 1, 0, 0, 0, 0, 8],
            "三(六)1": one_kind(1), "三(六)3": one_kind(8), "三(七)": [27, 2, 0, 0, 0, 0, 29],
            "四": [0, 0, 0, 0, 0, 0, None]},  # the 总计 cell of 四 is blank in the published page
    "002": {"一": one_kind(8), "三(一)": one_kind(5), "三(三)5": one_kind(1), "三(三)6": one_kind(1),
            "三(四)1": one_kind(1), "三(七)": one_kind(8)},
    "003": {"一": [18, 2, 0, 0, 0, 0, 20], "三(一)": [7, 1, 0, 0, 0, 0, 8], "三(四)2": one_kind(4),
            "三(六)3": [6, 1, 0, 0, 0, 0, 7], "三(七)": [17, 2, 0, 0, 0, 0, 19], "四": one_kind(1)},
    "004": {"一": [223, 4, 0, 0, 3, 0, 230], "二": one_kind(1), "三(一)": [135, 1, 0, 0, 1, 0, 137],
            "三(二)": one_kind(5), "三(三)2": one_kind(4), "三(三)4": one_kind(1), "三(三)5": one_kind(2),
            "三(三)7": one_kind(7), "三(三)8": [0, 1, 0, 0, 0, 0, 1], "三(四)1": [54, 1, 0, 0, 2, 0, 57],
            "三(四)2": one_kind(1), "三(四)3": one_kind(1), "三(五)2": one_kind(2), "三(六)1": one_kind(1),
            "三(六)3": [9, 1, 0, 0, 0, 0, 10], "三(七)": [222, 4, 0, 0, 3, 0, 229], "四": one_kind(2)},
}

REVIEW = {  # 行政复议, 未经复议直接起诉, 复议后起诉: 维持 纠正 其他 尚未审结 总计
    "000": ([2, 0, 0, 0, 2], [0, 2, 0, 0, 2], [0, 0, 0, 1, 1]),
    "001": ([1, 0, 0, 0, 1], [1, 2, 0, 0, 3], [0, 0, 0, 0, 0]),
    "002": ([1, 0, 0, 0, 1], [0, 1, 0, 0, 1], [0, 0, 0, 0, 0]),
    "003": ([2, 0, 0, 0, 2], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]),
    "004": ([2, 0, 1, 7, 10], [1, 0, 1, 3, 5], [0, 0, 0, 0, 0]),
}

# 行政规范性文件 (制发, 废止, 现行有效), 行政许可, 行政处罚, 行政强制, 收费 (万元)
ACTIVE = {
    "000": ((41, 1, 63), 7975, 387, 56, 55.887),
    "001": ((2, 4, 7), 19104, 634, 1, 2157.5799),
    "002": ((0, 0, 0), 0, 0, 0, 0),
    "003": ((0, 0, 20), 0, 0, 0, 0),
    "004": ((4, 53, 178), 51506, 1382, 55, 0),
}

META = {  # organ, year, section heading lines 一 … 六
    "000": ("卧龙区人民政府", 2023, [5, 19, 36, 67, 74, 80]),
    "001": ("漣河回族区人民政府", 2022, [5, 19, 36, 68, 75, 81]),
    "002": ("高新技术产业开发区管委会", 2023, [5, 19, 36, 67, 74, 84]),
    "003": ("孟津区人民政府办公室", 2023, [5, 19, 36, 67, 74, 80]),
    "004": ("二七区人民政府", 2023, [5, 29, 46, 77, 84, 90]),
}


@pytest.fixture(scope="module")
def parsed(seeds):
    return {number: gip_lint.parse(path) for number, path in seeds.items()}


@pytest.mark.parametrize("number", sorted(META))
def test_title_organ_year_format_sections(parsed, number):
    report = parsed[number]
    organ, year, lines = META[number]
    assert report.organ == organ
    assert report.year == year
    assert report.format == "2021"
    assert report.is_report
    assert [(s.number, s.line, s.standard) for s in report.sections] == [(n, l, True) for n, l in zip(range(1, 7), lines)]
    assert report.problems == ()


@pytest.mark.parametrize("number", sorted(APPLICATIONS))
def test_every_cell_of_table_three(parsed, number):
    rows = parsed[number].applications.rows
    assert list(rows) == list(APPLICATION_ROWS_2021)
    for key in APPLICATION_ROWS_2021:
        assert [c.value for c in rows[key]] == APPLICATIONS[number].get(key, Z), key


@pytest.mark.parametrize("number", sorted(REVIEW))
def test_every_cell_of_table_four(parsed, number):
    groups = parsed[number].review_litigation.groups
    assert [[c.value for c in groups[g]] for g in ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")] \
        == [list(g) for g in REVIEW[number]]


@pytest.mark.parametrize("number", sorted(ACTIVE))
def test_key_values_of_table_two(parsed, number):
    active = parsed[number].active
    documents, permits, penalties, enforcement, fee = ACTIVE[number]
    assert tuple(active.value("行政规范性文件", c) for c in ("本年制发件数", "本年废止件数", "现行有效件数")) == documents
    assert active.value("规章", "本年制发件数") == 0
    assert active.value("行政许可", "本年处理决定数量") == permits
    assert active.value("行政处罚", "本年处理决定数量") == penalties
    assert active.value("行政强制", "本年处理决定数量") == enforcement
    assert active.value("行政事业性收费", "本年收费金额（单位：万元）") == pytest.approx(fee)


def test_cells_keep_their_positions(parsed):
    # Seed 000, line 41: "一、本年新收政府信息公开申请数量<TAB><TAB>196…" (16-character label, two TABs).
    first = parsed["000"].applications.rows["一"][0]
    assert (first.line, first.column, first.raw) == (41, 19, "196")
    # Seed 001's blank 总计 of row 四 stands after the row's last TAB: line 66, column 27.
    blank = parsed["001"].applications.rows["四"][6]
    assert (blank.line, blank.column, blank.raw, blank.value) == (66, 27, "", None)
    # Table 四 is one row of fifteen numbers; 004's 行政复议 总计 "10" starts at column 9.
    total = parsed["004"].review_litigation.groups["行政复议"][4]
    assert (total.line, total.column, total.value) == (82, 9, 10)


def test_show_json_object_has_the_documented_keys(parsed):
    data = parsed["001"].to_json_dict()
    assert {"path", "organ", "year", "format", "sections", "tables"} <= set(data)
    assert set(data["tables"]) == {"active", "applications", "review_litigation"}
    assert data["tables"]["applications"]["columns"] == ["自然人", "商业企业", "科研机构", "社会公益组织",
                                                          "法律服务机构", "其他", "总计"]
    assert data["tables"]["applications"]["rows"]["四"] == [0, 0, 0, 0, 0, 0, None]
    assert data["tables"]["review_litigation"]["行政诉讼/未经复议直接起诉"] == [1, 2, 0, 0, 3]
    assert data["sections"][0] == {"number": 1, "heading": "一、总体情况", "line": 5}
