"""PDFs printed by an office suite: the seeds as a disclosure office's Word files (python-docx,
tests/office_renderings.py), converted by LibreOffice (tests/data/pdf_office/README.md), read
back cell for cell, their faults found at their page.  The PDFs are committed: no LibreOffice
is needed here."""

from __future__ import annotations

from pathlib import Path

import pytest

import gip_lint
from gip_lint.api import parse_source
from gip_lint.engine.linter import lint_source
from gip_lint.engine.plugins import load_plugins
from gip_lint.readers.pdf_reader import read_pdf
from gip_lint.source import from_text
from office_renderings import cells, faulty

DATA = Path(__file__).resolve().parent / "data" / "pdf_office"


@pytest.fixture(scope="module")
def rules():
    return load_plugins().rules


def _read(name: str, seeds) -> tuple:
    """The fixture read by gip-lint, and the text it was made from (``NNNf``: with faults)."""
    number = name.split("-")[0]
    text = seeds[number[:3]].read_text(encoding="utf-8")
    text = faulty(text) if number.endswith("f") else text
    data = (DATA / name).read_bytes()
    return read_pdf(data, name), text, data


def _pages(data: bytes) -> list[str]:
    """Each page's text as PDFium gives it (not gip-lint's layout), without white space."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return ["".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]


def _page_with(data: bytes, needle: str) -> int:
    return next(i + 1 for i, text in enumerate(_pages(data)) if needle in text)


@pytest.mark.parametrize("name", ["001-grid.pdf", "002-grid.pdf", "004f-grid-centred.pdf", "004f-grid-repeat.pdf",
                                  "000f-grid-landscape.pdf"])
def test_bordered_tables_read_cell_for_cell(seeds, rules, name):
    source, text, _ = _read(name, seeds)
    got, want = parse_source(source), gip_lint.parse(text)
    assert got.kind == "pdf"
    assert cells(got) == cells(want)
    assert len(cells(want)) == 200
    assert got.problems == ()
    assert [d.code for d in lint_source(source, rules).diagnostics] == \
        [d.code for d in lint_source(from_text(text), rules).diagnostics]


def test_a_title_wrapped_over_two_centred_lines_is_one_title(seeds, rules):
    """Word wraps the 22 pt title; its second line ("作年度报告") is centred, so it looked like
    a paragraph of its own and became the title: the organ (and GIP504 on 漭河区) was lost."""
    source, text, data = _read("001-grid.pdf", seeds)
    got = parse_source(source)
    assert got.title == "漣河回族区人民政府2022年政府信息公开工作年度报告" == gip_lint.parse(text).title
    diagnostics = lint_source(source, rules).diagnostics
    assert [(d.code, d.page) for d in diagnostics] == [("GIP206", 4), ("GIP504", _page_with(data, "2022年，漭河区"))]
    assert _page_with(data, "2022年，漭河区") == 4
    assert _page_with(data, "四、结转下年度继续办理") == 4


def test_a_row_broken_over_a_page_break_is_one_row(seeds, rules):
    """LibreOffice (as Word) breaks a row over the page: "5.要求行政机关确认或重" with its numbers
    at the foot of page 3, "新出具已获取信息" at the top of page 4 — one row, no GIP003."""
    source, text, data = _read("002-grid.pdf", seeds)
    assert _page_with(data, "5.要求行政机关确认或重") == 3
    assert _pages(data)[3].startswith("新出具已获取信息")
    got = parse_source(source)
    assert [c.value for c in got.applications.rows["三(五)5"]] == [0] * 7
    row = next(line for line in source.text.splitlines() if "5.要求行政机关确认" in line)
    assert row.split("\t")[2] == "5.要求行政机关确认或重新出具已获取信息"
    assert lint_source(source, rules).diagnostics == ()


@pytest.mark.parametrize("name", ["004f-grid-centred.pdf", "004f-grid-repeat.pdf", "000f-grid-landscape.pdf"])
def test_faults_are_found_at_their_page(seeds, rules, name):
    """Rows 一 and 四 of table 三 whose 总计 is wrong: GIP202 on the page each row stands on
    (grid-repeat: narrow margins, the break after row 一, header rows repeated; grid-landscape:
    table 三 over two landscape pages after a section break)."""
    source, _, data = _read(name, seeds)
    first, last = _page_with(data, "一、本年新收政府信息公开申请数量"), _page_with(data, "四、结转下年度继续办理")
    assert (first, last) == {"004f-grid-centred.pdf": (3, 3), "004f-grid-repeat.pdf": (2, 3),
                             "000f-grid-landscape.pdf": (4, 5)}[name]
    if "landscape" in name:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        assert [document[i].get_width() > document[i].get_height() for i in range(len(document))] == \
            [False, False, False, True, True, False]
    diagnostics = lint_source(source, rules).diagnostics
    assert [(d.code, d.page, d.message[:13]) for d in diagnostics] == [
        ("GIP202", first, "表三“一、本年新收政府信息"), ("GIP202", last, "表三“四、结转下年度继续办")]


@pytest.mark.parametrize("name", ["000-noborder.pdf", "000f-noborder-centred.pdf"])
def test_tables_without_borders_no_cell_read_wrong(seeds, rules, name):
    """Tables without borders: table 二 (its 第二十条 titles centred over the table, the labels
    at the left — the titles were read into a number column, every item under the wrong title or
    none) and 四 read cell for cell; table 三, its header wrapped in narrow columns, is partly
    declined (GIP003) and no cell of it read wrong."""
    source, text, data = _read(name, seeds)
    got, want = parse_source(source), gip_lint.parse(text)
    read, wanted = cells(got), cells(want)
    assert {k: v for k, v in read.items() if k[0] != "三"} == {k: v for k, v in wanted.items() if k[0] != "三"}
    assert [(i.block, i.label) for i in got.active.items] == [(i.block, i.label) for i in want.active.items]
    assert all(read[k] == wanted[k] for k in wanted if k[0] == "三" and read.get(k) is not None)
    assert sum(1 for k in wanted if k[0] == "三" and read.get(k) is None) == 28  # 三(二), 三(五)5, 三(六)1, 三(六)2
    diagnostics = lint_source(source, rules).diagnostics
    assert all(d.message.startswith("表三") for d in diagnostics if d.code == "GIP003")
    findings = [(d.code, d.page) for d in diagnostics if d.code != "GIP003"]
    if name.startswith("000f"):
        assert findings == [("GIP202", _page_with(data, "一、本年新收政府信息公开申请数量")),
                            ("GIP202", _page_with(data, "四、结转下年度继续办理"))] == [("GIP202", 3), ("GIP202", 4)]
    else:
        assert findings == []
