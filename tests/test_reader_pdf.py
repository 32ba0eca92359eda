"""The real published PDF (../shared/corpus/pdf/huaian-gov-2024.pdf, made with WPS) read cell for
cell: table 三 over the page break inside （四）无法提供, table 四, table 二 over pages 3–4, the six
section headings, prose joined over page breaks, page numbers dropped; and it reconciles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import gip_lint
from gip_lint.api import read_path
from gip_lint.cli.main import main

# ../shared beside the checkout, as CI lays it out (GIP_LINT_SHARED names another place).
SHARED = Path(os.environ.get("GIP_LINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
PDF = SHARED / "corpus" / "pdf" / "huaian-gov-2024.pdf"
pytestmark = pytest.mark.skipif(not PDF.exists(), reason="the shared PDF corpus is not here")

# Read off the printed pages (pdftoppm -png) — 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
TABLE_3 = {
    "一": [3001, 53, 0, 0, 61, 4, 3119],
    "二": [34, 0, 0, 0, 0, 0, 34],
    "三(一)": [1288, 21, 0, 0, 50, 3, 1362],
    "三(二)": [447, 7, 0, 0, 0, 0, 454],
    "三(三)1": [2, 0, 0, 0, 0, 0, 2],
    "三(三)2": [30, 1, 0, 0, 0, 0, 31],
    "三(三)3": [5, 0, 0, 0, 0, 0, 5],
    "三(三)4": [6, 0, 0, 0, 0, 0, 6],
    "三(三)5": [7, 1, 0, 0, 0, 0, 8],
    "三(三)6": [12, 0, 0, 0, 0, 0, 12],
    "三(三)7": [9, 0, 0, 0, 0, 0, 9],
    "三(三)8": [105, 0, 0, 0, 0, 0, 105],
    "三(四)1": [746, 12, 0, 0, 10, 1, 769],
    "三(四)2": [11, 0, 0, 0, 0, 0, 11],
    "三(四)3": [1, 0, 0, 0, 0, 0, 1],
    "三(五)1": [56, 6, 0, 0, 0, 0, 62],
    "三(五)2": [25, 0, 0, 0, 0, 0, 25],
    "三(五)3": [0, 0, 0, 0, 0, 0, 0],
    "三(五)4": [0, 0, 0, 0, 0, 0, 0],
    "三(五)5": [1, 0, 0, 0, 0, 0, 1],
    "三(六)1": [67, 3, 0, 0, 1, 0, 71],
    "三(六)2": [6, 0, 0, 0, 0, 0, 6],
    "三(六)3": [108, 2, 0, 0, 0, 0, 110],
    "三(七)": [2932, 53, 0, 0, 61, 4, 3050],
    "四": [103, 0, 0, 0, 0, 0, 103],
}
TABLE_4 = {
    "行政复议": [72, 64, 178, 37, 351],
    "行政诉讼/未经复议直接起诉": [13, 4, 8, 1, 26],
    "行政诉讼/复议后起诉": [12, 1, 1, 6, 20],
}
TABLE_2 = [
    ("第二十条第（一）项", "规章", {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 11}),
    ("第二十条第（一）项", "行政规范性文件", {"本年制发件数": 8, "本年废止件数": 26, "现行有效件数": 66}),
    ("第二十条第（五）项", "行政许可", {"本年处理决定数量": 447228}),
    ("第二十条第（六）项", "行政处罚", {"本年处理决定数量": 3985758}),
    ("第二十条第（六）项", "行政强制", {"本年处理决定数量": 88283}),
    ("第二十条第（八）项", "行政事业性收费", {"本年收费金额（单位：万元）": 96171.6}),
]
SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


@pytest.fixture(scope="module")
def report():
    return gip_lint.parse(PDF)


def test_table_3_cell_for_cell(report):
    assert {key: [c.value for c in cells] for key, cells in report.applications.rows.items()} == TABLE_3


def test_table_4_cell_for_cell(report):
    assert {group: [c.value for c in cells] for group, cells in report.review_litigation.groups.items()} == TABLE_4


def test_table_2_over_pages_3_and_4(report):
    got = [(item.block, item.label, {name: cell.value for name, cell in item.cells.items()})
           for item in report.active.items]
    assert got == TABLE_2


def test_title_sections_and_prose(report):
    assert report.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert [s.heading for s in report.sections] == SECTIONS
    text = read_path(PDF).text
    # Paragraphs broken over pages 1→2 and 5→6 are whole; page numbers ("-1-" … "-6-") are gone.
    assert "建设'四最'一流营商环境高质量推进产业发展" in text
    assert "还有一些需要加强和改进的地方。主要表现在" in text
    assert not any(line.strip().strip("-").isdigit() for line in text.splitlines())
    assert report.problems == ()


def test_it_reconciles_and_check_is_clean(capsys):
    assert main(["check", str(PDF)]) == 0
    assert capsys.readouterr().out == ""


def test_page_of_positions():
    source = read_path(PDF)
    lines = source.text.splitlines()
    def page_of(prefix: str) -> int:
        number = next(i for i, line in enumerate(lines, 1) if line.startswith(prefix))
        return source.page(number, 1)
    assert page_of("一、总体情况") == 1
    assert page_of("行政事业性收费") == 4
    assert page_of("三、收到和处理") == 4
    assert page_of("\t\t2.没有现成信息") == 5
    assert page_of("六、其他需要报告") == 6


def test_show_text_prints_what_was_read(capsys):
    assert main(["show", "--text", str(PDF)]) == 0
    out = capsys.readouterr().out
    assert out == read_path(PDF).original.rstrip("\n") + "\n"
    assert "\t(四)无法提供\t1.本机关不掌握相关政府信息\t746\t12\t0\t0\t10\t1\t769" in out.replace("（", "(").replace("）", ")")


def test_show_json_of_the_pdf(capsys):
    assert main(["show", "--format", "json", str(PDF)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["organ"] == "淮安市人民政府" and data["year"] == 2024


def test_show_names_the_page_of_every_section(capsys):
    assert main(["show", str(PDF)]) == 0
    out = capsys.readouterr().out
    listed = out.split("部分：\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert listed == ["  1  第 6 行（第 1 页）  一、总体情况",
                      "  2  第 20 行（第 3 页）  二、主动公开政府信息情况",
                      "  3  第 37 行（第 4 页）  三、收到和处理政府信息公开申请情况",
                      "  4  第 68 行（第 5 页）  四、政府信息公开行政复议、行政诉讼情况",
                      "  5  第 75 行（第 5 页）  五、存在的主要问题及改进情况",
                      "  6  第 81 行（第 6 页）  六、其他需要报告的事项"]
    lines = read_path(PDF).text.splitlines()
    assert [lines[n - 1].split("\t")[0][:6] for n in (6, 20, 37, 68, 75, 81)] == [s[:6] for s in SECTIONS]
    assert main(["show", "--format", "json", str(PDF)]) == 0
    sections = json.loads(capsys.readouterr().out)["sections"]
    assert [(s["line"], s["page"]) for s in sections] == [(6, 1), (20, 3), (37, 4), (68, 5), (75, 5), (81, 6)]
