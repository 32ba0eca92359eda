"""Web pages: the seeds published in three real-world styles read back to the text model.

Pages are built by tests/renderings.py (Word's HTML export in GBK, a UTF-8 CMS page with
site chrome, an old GBK table-layout page without a charset).  The model must equal the
text seed's cell by cell, diagnostics must be the same and land on the cell in the HTML.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gip_lint
from gip_lint.api import parse_source
from gip_lint.engine.linter import lint_source
from gip_lint.engine.plugins import load_plugins
from gip_lint.readers.html_reader import decode_html, read_html
from gip_lint.source import DecodeError, from_text
from renderings import render_html

STYLES = ("word", "cms", "flat")


def comparable(report) -> dict:
    """The model without paths and line numbers (those are the only things that may differ)."""
    data = report.to_json_dict()
    data.pop("path")
    data["sections"] = [(s["number"], s["heading"]) for s in data["sections"]]
    data["parse_problems"] = [p["message"] for p in data["parse_problems"]]
    return data


@pytest.fixture(scope="module")
def rules():
    return load_plugins().rules


def lint_html(data: bytes, rules):
    return lint_source(read_html(data, "report.html"), rules)


def lint_text(text: str, rules):
    return lint_source(from_text(text, "report.txt"), rules)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_page_gives_the_text_model_cell_by_cell(seeds, number, style):
    text = seeds[number].read_text(encoding="utf-8")
    want = gip_lint.parse(text)
    page = render_html(text, style)
    got = parse_source(read_html(page.data, "report.html"))
    assert got.kind == "html"
    assert comparable(got) == comparable(want)
    # Cell by cell, with the blank-is-missing distinction (None, never 0).
    for key, cells in want.applications.rows.items():
        assert [c.value for c in got.applications.rows[key]] == [c.value for c in cells], key
    for group, cells in want.review_litigation.groups.items():
        assert [c.value for c in got.review_litigation.groups[group]] == [c.value for c in cells], group
    assert [(i.block, i.label, {k: c.value for k, c in i.cells.items()}) for i in got.active.items] == \
        [(i.block, i.label, {k: c.value for k, c in i.cells.items()}) for i in want.active.items]
    assert got.problems == ()


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("number", ["000", "001", "004"])
def test_same_diagnostics_as_the_text(seeds, rules, number, style):
    text = seeds[number].read_text(encoding="utf-8")
    page = render_html(text, style)
    assert [(d.code, d.message) for d in lint_html(page.data, rules).diagnostics] == \
        [(d.code, d.message) for d in lint_text(text, rules).diagnostics]


def _with_fault(text: str) -> str:
    """Seed 004 with 一/自然人 changed from 223 to 224: A1 and A2 break, sharing that cell."""
    assert text.count("\t\t223\t") == 1
    return text.replace("\t\t223\t", "\t\t224\t")


@pytest.mark.parametrize("style", ["word", "cms"])
def test_a_wrong_cell_is_reported_at_its_line_and_column_in_the_page(seeds, rules, style):
    text = _with_fault(seeds["004"].read_text(encoding="utf-8"))
    page = render_html(text, style)
    diagnostics = lint_html(page.data, rules).diagnostics
    expected = page.position(page.html.index("224", page.cells[("一", 0)][1]))  # the "2" of "224"
    assert page.html.splitlines()[expected[0] - 1][expected[1] - 1:].startswith("224")
    assert [(d.code, d.line, d.column) for d in diagnostics] == \
        [("GIP201", *expected), ("GIP202", *expected)]
    assert [d.code for d in lint_text(text, rules).diagnostics] == ["GIP201", "GIP202"]


@pytest.mark.parametrize("style", ["word", "cms"])
def test_a_blank_cell_is_reported_at_its_td_tag(seeds, rules, style):
    page = render_html(seeds["001"].read_text(encoding="utf-8"), style)
    (diagnostic,) = [d for d in lint_html(page.data, rules).diagnostics if d.code == "GIP206"]
    line, column = page.position(page.cells[("四", 6)][0])
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("GIP206", line, column)
    assert page.html.splitlines()[line - 1][column - 1:].startswith("<td")


def test_a_prose_finding_points_at_the_character_in_the_page(seeds, rules):
    text = seeds["000"].read_text(encoding="utf-8").replace("卧龙区人民政府 2023 年", "卧龙区人民政府 2022 年", 1)
    page = render_html(text, "cms")
    (diagnostic,) = lint_html(page.data, rules).diagnostics
    offset = page.html.index("2022 年政府信息公开工作年度报告</h1>")
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("GIP401", *page.position(offset))


# --- decoding -----------------------------------------------------------------------------------------


def test_gbk_pages_with_and_without_a_meta_charset(seeds):
    text = seeds["002"].read_text(encoding="utf-8")
    for style in ("word", "flat"):  # word declares gb2312; flat declares nothing
        page = render_html(text, style)
        with pytest.raises(UnicodeDecodeError):
            page.data.decode("utf-8")
        source = read_html(page.data, "p.html")
        assert source.encoding == "gb18030"
        assert comparable(parse_source(source)) == comparable(gip_lint.parse(text))


def test_charset_order():
    body = "<p>政府信息公开</p>"
    assert decode_html(("<meta charset=gbk>" + body).encode("gbk")) == ("<meta charset=gbk>" + body, "gb18030")
    # A stale gb2312 <meta> on a page whose bytes are UTF-8 (a CMS migration): UTF-8 wins.
    page = "<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>" + body
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")
    assert decode_html(b"\xef\xbb\xbf" + body.encode("utf-8"))[0] == body
    assert decode_html(("<meta charset=big5>" + "政府").encode("big5"))[1] == "big5"
    with pytest.raises(DecodeError):
        decode_html(b"\x00\x01\x02" * 100)


# --- structures real pages have -------------------------------------------------------------------------


def _cells(source_text: str) -> list[list[str]]:
    return [line.split("\t") for line in source_text.splitlines() if "\t" in line]


def test_merged_cells_are_expanded_into_the_grid_with_covered_cells_blank():
    page = """<table>
<tr><td rowspan=3 colspan=3>（本列数据的勾稽关系为：……）</td><td colspan=7>申请人情况</td></tr>
<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>
<tr><td>商业企业<td>科研机构<td>社会公益组织<td>法律服务机构<td>其他
<tr><td colspan=3><span>一、本年新收</span><font>政府信息公开</font><span>申请数量</span><td>1<td>0<td>0<td>0<td>0<td>0<td>1
</table>"""
    rows = _cells(read_html(page.encode(), "t.html").text)
    assert rows == [
        ["(本列数据的勾稽关系为:……)", "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ["一、本年新收政府信息公开申请数量", "", "", "1", "0", "0", "0", "0", "0", "1"],
    ]


def test_nbsp_and_empty_o_p_cells_are_blank_not_zero():
    page = "<table><tr><td>行政复议</td><td>&nbsp;</td><td><o:p></o:p></td><td><p>&nbsp;<o:p></o:p></p></td><td>0</td></tr></table>"
    assert _cells(read_html(page.encode(), "t.html").text) == [["行政复议", "", "", "", "0"]]


def test_br_inside_a_cell_is_a_space_and_between_paragraphs_a_new_line():
    page = "<table><tr><td>结果<br>维持</td><td>2</td></tr></table><p>第一行<br/>第二行</p>"
    assert read_html(page.encode(), "t.html").text == "结果 维持\t2\n\n第一行\n第二行\n\n"


def test_header_spans_that_disagree_with_the_values_are_aligned_by_label_order(seeds):
    # Word gives every row its own cell widths: the header's grid columns are not the values'.
    page = """<p>XX区2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>
<tr><td colspan=10>第二十条第（一）项</td></tr>
<tr><td colspan=2>信息内容</td><td colspan=3>本年制发件数</td><td colspan=2>本年废止件数</td><td colspan=3>现行有效件数</td></tr>
<tr><td colspan=3>规章</td><td colspan=2>1</td><td colspan=3>2</td><td colspan=2>3</td></tr>
<tr><td colspan=3>行政规范性文件</td><td colspan=2>41</td><td colspan=3>1</td><td colspan=2>63</td></tr>
</table>"""
    report = parse_source(read_html(page.encode(), "t.html"))
    assert report.to_json_dict()["tables"]["active"] == {
        "规章": {"本年制发件数": 1, "本年废止件数": 2, "现行有效件数": 3},
        "行政规范性文件": {"本年制发件数": 41, "本年废止件数": 1, "现行有效件数": 63}}


def test_a_banner_is_not_taken_for_the_title_and_chrome_is_dropped():
    page = """<html><head><title>XX区2023年政府信息公开工作年度报告_XX区人民政府</title>
<script>document.write('<p>一、总体情况</p>')</script></head><body>
<div class="menu"><a>首页</a><a>政务公开</a><a>政府信息公开工作年度报告</a><a>互动</a><a>服务</a><a>数据</a><a>专题</a></div>
<div>当前位置：首页 &gt; 政府信息公开年度报告</div><div>欢迎</div><div>无障碍</div><div>长者</div><div>English</div>
<div>XX区人民政府</div><h1>2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>本年……</p></body></html>"""
    source = read_html(page.encode(), "t.html")
    report = parse_source(source)
    # The organ's own line just above the title belongs to it; the banner lines do not.
    assert (report.title, report.organ, report.year) == ("XX区人民政府2023年政府信息公开工作年度报告", "XX区人民政府", 2023)
    assert report.sections[0].number == 1
    assert "首页" not in source.text and "document.write" not in source.text


def test_unclosed_cells_rows_and_paragraphs_close_like_a_browser():
    page = "<table><tr><td>a<td>1<tr><td>b<td>2</table><p>x<p>y<div>z</div>"
    assert read_html(page.encode(), "t.html").text == "a\t1\nb\t2\n\nx\n\ny\n\nz\n\n"


def test_a_layout_table_around_the_report_is_read_as_paragraphs():
    page = "<table><tr><td><p>一、总体情况</p><p>正文</p><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>"
    assert read_html(page.encode(), "t.html").text == "一、总体情况\n\n正文\n\n规章\t0\n\n"


def test_lines_wrapped_inside_chinese_text_are_joined_without_a_space():
    page = "<p>二〇二三年政府信息公开工作\n年度报告 and\nmore</p>"
    assert read_html(page.encode(), "t.html").text == "二〇二三年政府信息公开工作年度报告 and more\n\n"


# --- noise never breaks it; chrome never changes the model ----------------------------------------------

CHROME = st.sampled_from([
    "<div class='nav'><ul><li><a href='/'>首页</a></li><li>政务公开</li><li>政府信息公开工作年度报告</li></ul></div>",
    "<script>var s = '<table><tr><td>一、总体情况</td><td>1</td></tr></table>';</script>",
    "<style>td { color: red } p:after { content: '<p>' }</style>",
    "<!-- <p>二、主动公开政府信息情况</p> -->", "<!--[if gte mso 9]><xml><w:Zoom>90</w:Zoom></xml><![endif]-->",
    "<div>当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>", "<aside><p>相关文章</p><p>2021年度报告</p></aside>",
    "<footer><p>版权所有 网站标识码 ICP备12345号</p></footer>", "<nav>a | b | c</nav>",
    "<table class=info><tr><td>索引号</td><td>000-2024</td></tr></table>", "<br>", "&nbsp;", "<hr>",
    "<![if !supportLists]>", "<![endif]>", "<img src=x alt='<td>'>", "<noscript><p>请开启脚本</p></noscript>",
    "<div style='display:none'><p>一、总体情况</p></div>", "<select><option>部门网站</option></select>",
])
NOISE_TEXT = st.lists(st.sampled_from(list("abc <>/&;=\"'!-[]#x0123456789\n\t") + [
    "<p>", "<td>", "</tr>", "<table>", "</div>", "<span>", "&#", "&nbsp", "<!--", "<![", "<![if", "政务", "<br/>"]),
    max_size=40).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CHROME, max_size=6), st.lists(CHROME, max_size=6))
def test_chrome_around_a_report_does_not_change_the_model(before, after):
    base = render_html(_SEED_TEXT[0], "cms")
    head, _, rest = base.html.partition('<div class="article">')
    page = head + "".join(before) + '<div class="article">' + rest.replace("</body>", "".join(after) + "</body>")
    assert comparable(parse_source(read_html(page.encode("utf-8"), "p.html"))) == _SEED_MODEL[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOISE_TEXT, NOISE_TEXT, st.binary(max_size=60))
def test_random_markup_and_bytes_never_raise(prefix, suffix, junk):
    page = prefix + _SEED_PAGE[0] + suffix
    source = read_html(page.encode("utf-8"), "p.html")
    parse_source(source)  # must not raise
    lines = source.text.split("\n")
    for line in range(1, len(lines) + 2):
        src_line, src_column = source.origin(line, 1)
        assert src_line >= 1 and src_column >= 1
    try:
        parse_source(read_html(junk, "j.html"))
    except DecodeError:
        pass


_SEED_TEXT: list = []
_SEED_MODEL: list = []
_SEED_PAGE: list = []


@pytest.fixture(autouse=True, scope="module")
def _seed_for_properties(seeds):
    text = seeds["004"].read_text(encoding="utf-8")
    _SEED_TEXT[:] = [text]
    _SEED_MODEL[:] = [comparable(gip_lint.parse(text))]
    _SEED_PAGE[:] = [render_html(text, "cms").html]


def test_a_title_inside_a_header_element_is_kept():
    page = ("<body><header><div>XX区人民政府门户网站</div><h1>XX区2023年政府信息公开工作年度报告</h1></header>"
            "<p>一、总体情况</p><p>……</p><footer>版权所有</footer></body>")
    report = parse_source(read_html(page.encode(), "t.html"))
    assert (report.title, report.organ, report.year) == ("XX区2023年政府信息公开工作年度报告", "XX区", 2023)


def test_a_binary_file_named_html_is_gip001(capsys, tmp_path):
    from gip_lint.cli.main import main

    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    assert out.startswith(f"{path}:1:1: GIP001 ") and out.count("\n") == 1


def test_an_empty_row_does_not_split_a_table():
    page = "<table><tr><td>a</td><td>1</td></tr><tr></tr><tr><td>b</td><td>2</td></tr></table>"
    assert read_html(page.encode(), "t.html").text == "a\t1\nb\t2\n\n"


def test_links_to_other_years_and_a_preamble_do_not_become_the_title():
    page = """<body><div class="left"><div>相关报告</div><ul><li>XX区2022年政府信息公开工作年度报告</li>
<li>XX区2021年政府信息公开工作年度报告</li></ul></div>
<div class="right"><div class="title">XX区2023年政府信息公开工作年度报告</div>
<p>本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限为2023年。</p>
<p>一、总体情况</p><p>……</p></div></body>"""
    report = parse_source(read_html(page.encode(), "t.html"))
    assert (report.title, report.year) == ("XX区2023年政府信息公开工作年度报告", 2023)


def test_a_site_name_above_a_complete_title_is_not_joined_to_it():
    page = "<div>卧龙区人民政府</div><h1>卧龙区人民政府2023年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
    report = parse_source(read_html(page.encode(), "t.html"))
    assert (report.title, report.organ) == ("卧龙区人民政府2023年政府信息公开工作年度报告", "卧龙区人民政府")
