"""Table renderings found in real reports published as web pages and copied as text.

Every fixture is synthesised (gip_lint.testing.synth: invented organ and numbers) in the shape
real pages take when rendered to text; docs/layouts.md lists them.  What reads must read to
exactly the data that was written; what cannot be read safely must give GIP003 at the table
and nothing else (never a false GIP104/GIP105/GIP2xx).
"""

from __future__ import annotations

import random

import pytest

import gip_lint
from gip_lint.testing import lint_text
from gip_lint.testing.synth import Layout, expected_tables, random_report, render


def _report(seed: int = 11):
    return random_report(random.Random(seed))


def _first(lines: list[str], prefix: str) -> int:
    """Index of the first line starting with ``prefix``."""
    return next(i for i, line in enumerate(lines) if line.startswith(prefix))


def _codes(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in lint_text(text)]


def _table_lines(text: str) -> list[int]:
    """0-based indexes of the lines of tables 二, 三 and 四 in a rendered report."""
    lines = text.split("\n")
    out, inside = [], False
    for index, line in enumerate(lines):
        if line in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
            inside = True
            continue
        if line.startswith("五、"):
            inside = False
        if inside and line.strip():
            out.append(index)
    return out


# --- pipe rows without the leading pipe: read -----------------------------------------------------


def test_web_pipe_rows_read_to_the_same_model_with_exact_positions():
    synth = _report()
    rendered = render(synth, Layout(style="web"))
    assert "\n一、本年新收政府信息公开申请数量 || " in rendered.text  # no leading pipe
    report = gip_lint.parse(rendered.text)
    assert report.to_json_dict()["tables"] == expected_tables(synth)
    assert report.problems == ()
    line, column = rendered.cells[("三", "三(七)", 6)]
    cell = report.applications.rows["三(七)"][6]
    assert (cell.line, cell.column) == (line, column)
    assert rendered.text.split("\n")[line - 1][column - 1:].startswith(str(synth.applications["三(七)"][6]) + " |")
    assert _codes(rendered.text) == []


def test_web_pipe_rows_with_a_wrong_total_point_at_the_cell():
    synth = _report()
    rows = {k: list(v) for k, v in synth.applications.items()}
    rows["三(一)"][6] += 1  # 总计 of 三(一) one too high: A2 and A3 break in that cell
    import attrs

    rendered = render(attrs.evolve(synth, applications=rows), Layout(style="web"))
    line, column = rendered.cells[("三", "三(一)", 6)]
    found = _codes(rendered.text)
    assert ("GIP202", line, column) in found
    assert {code for code, *_ in found} <= {"GIP202", "GIP203"}


@pytest.mark.parametrize("header", [
    "||| 商业 | 科研 | 社会公益组织 | 法律服务机构 | 其他 |||\n企业 | 机构 |",  # a header cell broken over lines
    "||| 商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |||",
    "自然人 |\n法人或其他组织 |\n商业企业 |\n科研机构 |\n社会公益组织 |\n法律服务机构 |\n其他 |",
])
def test_table_three_header_variants_read_without_findings(header):
    synth = _report()
    text = render(synth, Layout(style="web")).text
    standard = "||| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |||"
    assert standard in text
    text = text.replace(standard, header)
    report = gip_lint.parse(text)
    assert report.to_json_dict()["tables"] == expected_tables(synth)
    assert report.problems == () and report.applications.columns_found
    assert _codes(text) == []


def test_tab_header_broken_over_lines_reads_without_findings():
    synth = _report()
    text = render(synth, Layout(style="seed")).text
    standard = "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t"
    text = text.replace(standard, "\t\t\t商业\t科研\t社会公益组织\t法律服务机构\t其他\t\t\n\t\t\t企业\t机构\t\t\t\t\t")
    assert gip_lint.parse(text).to_json_dict()["tables"] == expected_tables(synth)
    assert _codes(text) == []


def test_a_page_footer_ending_in_a_pipe_after_table_four_changes_nothing():
    synth = _report()
    text = render(synth, Layout(style="web")).text.replace("\n\n五、", "\n【打印本页】 | 【关闭窗口】 |\n\n五、")
    assert gip_lint.parse(text).to_json_dict()["tables"] == expected_tables(synth)
    assert _codes(text) == []


# --- one cell per line: GIP003, never a guess ----------------------------------------------------


def _one_cell_per_line(text: str, separator: str) -> str:
    """Each cell of tables 二/三/四 on a line of its own, as pages rendered by some converters.

    ``"pipe"``: "cell |", a blank cell "|"; ``"blank"``: cells between blank lines, blank
    cells lost; ``"pipe-line"``: the cell, then "|" on the next line.
    """
    lines = text.split("\n")
    table = set(_table_lines(text))
    out = []
    for index, line in enumerate(lines):
        if index not in table:
            out.append(line)
            continue
        cells = [c.strip() for c in line.split("|")[:-1]]
        for cell in cells:
            if separator == "pipe":
                out.append(f"{cell} |" if cell else "|")
            elif separator == "blank" and cell:
                out += [cell, ""]
            elif separator == "pipe-line" and cell:
                out += [cell, "|"]
    return "\n".join(out)


@pytest.mark.parametrize("separator", ["pipe", "blank", "pipe-line"])
def test_one_cell_per_line_is_gip003_for_each_table_and_nothing_else(separator):
    synth = _report()
    text = _one_cell_per_line(render(synth, Layout(style="web")).text, separator)
    lines = text.split("\n")
    found = _codes(text)
    assert [code for code, *_ in found] == ["GIP003"] * 3, found
    # Each at the table's first cell: 第二十条第(一)项, the 勾稽关系 note, 行政复议.
    starts = [lines[line - 1] for _, line, _ in found]
    assert starts[0].startswith("第二十条第(一)项")
    assert starts[1].startswith("(本列数据的勾稽关系")
    assert starts[2].startswith("行政复议")
    assert all(column == 1 for _, _, column in found)
    report = gip_lint.parse(text)
    assert {p.anchor for p in report.problems} == {"table:二:one-cell-per-line", "table:三:one-cell-per-line",
                                                   "table:四:one-cell-per-line"}
    assert "每个单元格占一行" in report.problems[0].message


def test_a_table_of_labels_without_numbers_is_gip003_not_table_missing():
    """Numbers lost in copying (or all blank): the table is there, it cannot be checked."""
    synth = _report()
    text = _one_cell_per_line(render(synth, Layout(style="web")).text, "blank")
    kept = [line for line in text.split("\n") if not line.replace(".", "").isdigit()]
    text = "\n".join(kept)
    found = _codes(text)
    assert [code for code, *_ in found] == ["GIP003"] * 3, found


def test_section_four_with_a_sentence_instead_of_its_table_is_still_gip104():
    synth = _report()
    text = render(synth, Layout(style="web")).text
    lines = text.split("\n")
    start = _first(lines, "四、政府")
    end = _first(lines, "五、")
    lines[start + 1:end] = ["", "本年度未发生因政府信息公开引起的行政复议、行政诉讼。", ""]
    assert [(code, line) for code, line, _ in _codes("\n".join(lines))] == [("GIP104", start + 1)]


def test_mixed_rows_and_single_cells_in_table_two_is_gip003():
    """A block title row with its padding, then each cell alone (seen on district pages)."""
    text = render(_report(), Layout(style="web")).text
    lines = text.split("\n")
    start = _first(lines, "二、")
    end = _first(lines, "三、收到")
    block = ["", "第二十条第(一)项 | |||", "信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 |",
             "规章 |", "1 |", "0 |", "3 |", "行政规范性文件 |", "2 |", "0 |", "9 |", ""]
    lines[start + 1:end] = block
    found = _codes("\n".join(lines))
    assert found == [("GIP003", start + 3, 1)]


# --- table 二 labels with a note ------------------------------------------------------------------


def test_table_two_label_notes_do_not_name_other_rows():
    """Some provinces print the template's notes in the label cells."""
    synth = _report()
    text = render(synth, Layout(style="web")).text
    text = text.replace("\n规章 |", "\n规章(设区的市、自治州人民政府应提供相关数据) |")
    text = text.replace("\n行政强制 |", "\n行政强制(指行政许可以外的、含行政处罚等的事项) |")
    report = gip_lint.parse(text)
    assert report.to_json_dict()["tables"]["active"] == expected_tables(synth)["active"]
    assert _codes(text) == []
    # An extra row whose note names 规范性文件 is not taken for 行政规范性文件.
    extra = "其他主动公开文件(含除规范性文件以外的主动公开文件) | 186 | 86 | 255 |"
    lines = text.split("\n")
    at = _first(lines, "行政规范性文件 |")
    lines.insert(at + 1, extra)
    active = gip_lint.parse("\n".join(lines)).to_json_dict()["tables"]["active"]
    assert active["行政规范性文件"] == expected_tables(synth)["active"]["行政规范性文件"]
    assert [label for label in active if label.startswith("其他主动公开文件")] != []


# --- a page holding only table 二 -----------------------------------------------------------------


def test_tables_without_section_headings_are_gip003_not_gip002():
    synth = _report()
    text = render(synth, Layout(style="web")).text
    lines = text.split("\n")
    start = _first(lines, "第二十条第(一)项")
    end = _first(lines, "三、收到")
    page = "\n".join(["某局2023年政府信息公开工作年度报告", "现将我局2023年度政府信息公开情况报告如下。"]
                     + lines[start:end]) + "\n"
    found = lint_text(page, select=["GIP0"])
    assert [(d.code, d.line, d.column) for d in found] == [("GIP003", 1, 1)]
    assert "六个部分的标题" in found[0].message


# --- the title when the page's own title was not copied -------------------------------------------


@pytest.mark.parametrize("line, organ, year", [
    ("根据《中华人民共和国政府信息公开条例》要求，特编制某市人民政府地方志办公室2023年政府信息公开工作年度报告。",
     "某市人民政府地方志办公室", 2023),
    ("根据《条例》规定，现公布某区统计局2023年政府信息公开工作年度报告。本报告由六部分组成。", "某区统计局", 2023),
    ("根据《条例》有关要求，现将某县人民政府2024年政府信息公开工作年度报告予以公开。", "某县人民政府", 2024),
    ("根据《条例》要求，现发布《某县某镇2022年政府信息公开工作年度报告》。", "某县某镇", 2022),
    ("现公布某市人民政府2023年度政府信息公开工作报告。", "某市人民政府", 2023),
    # organs that merely start like a lead-in keep their name
    ("现代农业园区管理委员会2023年政府信息公开工作年度报告", "现代农业园区管理委员会", 2023),
    ("某县机构编制委员会办公室2023年政府信息公开工作年度报告", "某县机构编制委员会办公室", 2023),
    ("特区建设办公室2021年政府信息公开工作年度报告", "特区建设办公室", 2021),
])
def test_organ_from_an_opening_sentence(line, organ, year):
    synth = _report()
    lines = render(synth, Layout(style="web")).text.split("\n")
    title = next(i for i, text in enumerate(lines) if text.endswith("政府信息公开工作年度报告"))
    lines[title] = line
    report = gip_lint.parse("\n".join(lines))
    assert (report.organ, report.year) == (organ, year)


def test_breadcrumbs_above_the_title_are_not_part_of_it():
    synth = _report()
    lines = render(synth, Layout(style="web")).text.split("\n")
    title = next(i for i, text in enumerate(lines) if text.endswith("政府信息公开工作年度报告"))
    lines[title:title + 1] = ["当前位置:首页", "> 政府信息公开", "> 政府信息公开年报", lines[title]]
    report = gip_lint.parse("\n".join(lines))
    assert (report.organ, report.year) == (synth.organ, synth.year)
    assert report.title == f"{synth.organ}{synth.year}年政府信息公开工作年度报告"


def test_one_whole_row_among_cells_one_per_line_is_still_gip003():
    """A converter that kept one row whole: that row is not table 三 (no 24 false GIP105)."""
    synth = _report()
    web = render(synth, Layout(style="web")).text
    whole = next(line for line in web.split("\n") if line.startswith("二、上年结转"))
    text = _one_cell_per_line(web, "blank")
    lines = text.split("\n")
    at = lines.index("二、上年结转政府信息公开申请数量")
    end = at + 1
    while len([x for x in lines[at:end] if x]) < 8:  # the label and its seven numbers
        end += 1
    lines[at:end] = [whole]
    found = _codes("\n".join(lines))
    assert [code for code, *_ in found] == ["GIP003"] * 3, found
    assert gip_lint.parse("\n".join(lines)).applications is None
