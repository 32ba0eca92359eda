"""A `pdftotext -layout` file read with the PDF's borderless-table logic (docs/layouts.md).

The seeds are printed to PDF by reportlab (tests/pdf_renderings.py) with and without borders and
converted by the real `pdftotext -layout`; the text file must give the seed's tables 二, 三 and 四
cell for cell, every cell at the line:column where its number stands in that file, and the
seed's findings.  What the shared logic declines reads exactly as before (the text reader alone).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import gip_lint
from gip_lint.api import parse_source, read_path
from gip_lint.engine.linter import lint_source
from gip_lint.engine.plugins import load_plugins
from gip_lint.source import from_bytes, from_text
from gip_lint.testing import lint_file
from pdf_renderings import render_pdf

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

SEEDS = ["000", "001", "002", "003", "004"]
SHARED = Path(os.environ.get("GIP_LINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
PDF = SHARED / "corpus" / "pdf" / "huaian-gov-2024.pdf"


@pytest.fixture(scope="module")
def rules():
    return load_plugins().rules


def _layout_text(tmp_path: Path, data: bytes, name: str = "report") -> Path:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True)
    return out


def _tables(report):
    return ({key: [c.value for c in cells] for key, cells in report.applications.rows.items()},
            {group: [c.value for c in cells] for group, cells in report.review_litigation.groups.items()},
            [(i.block, i.label, {k: c.value for k, c in i.cells.items()}) for i in report.active.items])


def _cells(report):
    """Every number cell of tables 二, 三 and 四 with its name."""
    for key, cells in report.applications.rows.items():
        for k, cell in enumerate(cells):
            yield f"三 {key} {k}", cell
    for group, cells in report.review_litigation.groups.items():
        for k, cell in enumerate(cells):
            yield f"四 {group} {k}", cell
    for item in report.active.items:
        for name, cell in item.cells.items():
            yield f"二 {item.label} {name}", cell


def _at(file_lines: list[str], line: int, column: int) -> str:
    """The space-separated token of the file at 1-based ``line``:``column``."""
    return file_lines[line - 1][column - 1:].split()[0] if file_lines[line - 1][column - 1:].strip() else ""


@needs_pdftotext
@pytest.mark.parametrize("grid", [True, False], ids=["borders", "borderless"])
@pytest.mark.parametrize("number", SEEDS)
def test_seed_through_pdftotext_reads_cell_for_cell_at_its_line_and_column(tmp_path, seeds, rules, number, grid):
    text = seeds[number].read_text(encoding="utf-8")
    path = _layout_text(tmp_path, render_pdf(text, grid=grid))
    source = read_path(path)
    got, want = parse_source(source), gip_lint.parse(text)
    assert _tables(got) == _tables(want)
    assert got.problems == ()
    assert [(d.code, d.message) for d in lint_source(source, rules).diagnostics] == \
        [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]
    file_lines = path.read_text(encoding="utf-8").split("\n")
    checked = 0
    for name, cell in _cells(got):
        if cell.value is None:
            continue  # (seed 001's blank 总计 cell)
        line, column = source.origin(cell.line, cell.column)
        assert _at(file_lines, line, column) == cell.raw, (name, line, column)
        checked += 1
    assert checked >= 7 * 25 + 15 + 6


def _position(file_lines: list[str], label: str, token: str, nth: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of the ``nth`` occurrence of ``token`` after ``label`` on its line."""
    index = next(i for i, line in enumerate(file_lines) if line.lstrip().startswith(label))
    line = file_lines[index]
    at = line.index(label) + len(label)
    for _ in range(nth + 1):
        at = line.index(token, at)
        found = at
        at += len(token)
    return index + 1, found + 1


@needs_pdftotext
@pytest.mark.parametrize("grid", [True, False], ids=["borders", "borderless"])
def test_exact_positions_of_table_two_and_three_cells(tmp_path, seeds, grid):
    text = seeds["004"].read_text(encoding="utf-8")
    path = _layout_text(tmp_path, render_pdf(text, grid=grid))
    file_lines = path.read_text(encoding="utf-8").split("\n")
    source = read_path(path)
    report = parse_source(source)
    spec = report.active.items
    norms = {item.label: item for item in spec}
    cell = norms["行政规范性文件"].cells["现行有效件数"]
    assert source.origin(cell.line, cell.column) == _position(file_lines, "行政规范性文件", "178")
    cell = norms["行政许可"].cells["本年处理决定数量"]
    assert source.origin(cell.line, cell.column) == _position(file_lines, "行政许可", "51506")
    rows = report.applications.rows
    assert source.origin(rows["一"][0].line, rows["一"][0].column) == _position(file_lines, "一、本年新收政府信息公开申请数量", "223")
    assert source.origin(rows["一"][6].line, rows["一"][6].column) == _position(file_lines, "一、本年新收政府信息公开申请数量", "230")
    # A label wrapped over two lines ("2.其他法律行政法规禁" / "止公开"): its numbers on its first line.
    assert source.origin(rows["三(三)2"][0].line, rows["三(三)2"][0].column) == _position(file_lines, "2.其他法律行政法规禁", "4")
    assert source.origin(rows["三(六)3"][6].line, rows["三(六)3"][6].column) == _position(file_lines, "3.其他", "10")


@needs_pdftotext
def test_a_wrong_cell_is_reported_at_its_line_and_column_in_the_text_file(tmp_path, seeds):
    text = seeds["004"].read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t")
    path = _layout_text(tmp_path, render_pdf(text, grid=False))
    file_lines = path.read_text(encoding="utf-8").split("\n")
    line, column = _position(file_lines, "一、本年新收政府信息公开申请数量", "224")
    # the column identity (自然人) and the row total, both at the wrong cell
    assert [(d.code, d.line, d.column) for d in lint_file(path)] == [("GIP201", line, column), ("GIP202", line, column)]


@needs_pdftotext
def test_table_two_items_and_a_row_of_table_three_in_the_generated_text(tmp_path, seeds):
    """What the reader made of the file (show --text): TAB rows, labels whole, titles in the table."""
    text = seeds["004"].read_text(encoding="utf-8")
    generated = read_path(_layout_text(tmp_path, render_pdf(text, grid=False))).original
    assert "\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n" \
           "行政规范性文件\t4\t53\t178\n第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政许可\t51506\t\t\n" \
           in generated
    assert "\n\t\t2.其他法律行政法规禁止公开\t4\t0\t0\t0\t0\t0\t4\n" in generated
    assert "\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0\n" in generated


@needs_pdftotext
def test_a_declined_table_reads_as_before(tmp_path, seeds, rules):
    """A number beside its column in table 三 (ambiguous to the shared logic): table 三 reads exactly
    as the text reader alone reads it — the same GIP003s at the same places, no finding from a
    guessed column — while table 二 beside it is read."""
    text = seeds["004"].read_text(encoding="utf-8")
    path = _layout_text(tmp_path, render_pdf(text, grid=False, nudge=("三", 27, 4, 15)))
    source = read_path(path)
    before = from_bytes(path.read_bytes(), str(path))
    found = [(d.code, d.line, d.column, d.message) for d in lint_source(source, rules).diagnostics]
    alone = [(d.code, d.line, d.column, d.message) for d in lint_source(before, rules).diagnostics]
    assert [d for d in found if "表三" in d[3]] == [d for d in alone if "表三" in d[3]]
    assert len([d for d in found if "表三" in d[3]]) == 8
    assert {d[0] for d in found} == {"GIP003"}
    assert [d for d in alone if "表二" in d[3]] and not [d for d in found if "表二" in d[3]]
    assert _tables_two(parse_source(source)) == _tables_two(gip_lint.parse(text))


def _tables_two(report):
    return [(i.block, i.label, {k: c.value for k, c in i.cells.items()}) for i in report.active.items]


def test_a_text_without_space_aligned_tables_is_read_as_it_stands(seeds):
    data = seeds["004"].read_bytes()
    source = read_path(seeds["004"])
    assert source.text == from_bytes(data, str(seeds["004"])).text
    assert source.origin(57, 3) == (57, 3)


@needs_pdftotext
@pytest.mark.skipif(not PDF.exists(), reason="the shared PDF corpus is not here")
def test_the_real_pdf_through_pdftotext(tmp_path):
    """Table 二 (over pages 3-4, titles written "第二十条 第（一）项") is read by the shared logic;
    table 三, whose labels the PDF centres on their numbers, is declined by it and read as before,
    all 25 rows; the file is clean."""
    from test_reader_pdf import TABLE_2, TABLE_3, TABLE_4

    path = _layout_text(tmp_path, PDF.read_bytes(), "huaian")
    source = read_path(path)
    report = parse_source(source)
    assert [(i.block.replace(" ", ""), i.label, {k: c.value for k, c in i.cells.items()}) for i in report.active.items] \
        == TABLE_2
    assert {key: [c.value for c in cells] for key, cells in report.applications.rows.items()} == TABLE_3
    assert {group: [c.value for c in cells] for group, cells in report.review_litigation.groups.items()} == TABLE_4
    assert report.problems == ()
    assert lint_file(path) == []
    file_lines = path.read_text(encoding="utf-8").split("\n")
    item = next(i for i in report.active.items if i.label == "行政事业性收费")
    cell = next(iter(item.cells.values()))
    assert source.origin(cell.line, cell.column) == _position(file_lines, "行政事业性收费", "96171.6")


def _aligned_by_hand(text: str) -> tuple[str, int]:
    """The seed with table 二 aligned with spaces by display width (an editor's monospace font:
    a Chinese character two columns), and the line of 行政规范性文件 (1-based)."""
    from wcwidth import wcswidth

    lines = text.split("\n")
    start = lines.index("二、主动公开政府信息情况")
    end = next(i for i, line in enumerate(lines) if line.startswith("三、"))
    for index in range(start + 1, end):
        if "\t" in lines[index]:
            lines[index] = "".join(cell + " " * (24 - wcswidth(cell)) for cell in lines[index].split("\t")).rstrip()
    return "\n".join(lines), next(i for i, line in enumerate(lines, 1) if line.startswith("行政规范性文件"))


def test_table_two_aligned_by_display_width_is_read(tmp_path, seeds):
    text = seeds["004"].read_text(encoding="utf-8")
    aligned, line = _aligned_by_hand(text)
    path = tmp_path / "aligned.txt"
    path.write_text(aligned, encoding="utf-8")
    source = read_path(path)
    report = parse_source(source)
    assert _tables_two(report) == _tables_two(gip_lint.parse(text))
    assert report.problems == ()
    cell = next(i for i in report.active.items if i.label == "行政规范性文件").cells["现行有效件数"]
    # "行政规范性文件" is 14 columns wide, padded to 24, then 4 and 53 in 24 columns each: 178 at
    # display column 73, the 7 + 10 + 24 + 24 + 1 = 66th character of the line.
    assert source.origin(cell.line, cell.column) == (line, 66)
    assert aligned.split("\n")[line - 1][65:68] == "178"


@needs_pdftotext
def test_a_row_number_apart_from_its_label_is_part_of_the_label(tmp_path, seeds, rules):
    """"4." with spaces before the rest of its label (a list number and its TAB in Word): the
    row 三(三)4, its number not a value."""
    text = seeds["004"].read_text(encoding="utf-8")
    path = _layout_text(tmp_path, render_pdf(text, grid=False))
    layout = path.read_text(encoding="utf-8")
    apart = layout.replace("4.保护第三方合法权益   ", "4.  保护第三方合法权益 ")  # the numbers stay in their columns
    assert apart != layout
    path.write_text(apart, encoding="utf-8")
    source = read_path(path)
    report = parse_source(source)
    assert _tables(report) == _tables(gip_lint.parse(text))
    assert "\t4.\t保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1\n" in source.original
    assert [d.code for d in lint_source(source, rules).diagnostics] == []


@needs_pdftotext
def test_show_gives_the_text_file_s_own_lines(tmp_path, seeds):
    """The generated text has other line numbers than the file: sections in `show --format json`
    are the file's, as diagnostics are."""
    from gip_lint.engine.extract import in_user_positions

    text = seeds["004"].read_text(encoding="utf-8")
    path = _layout_text(tmp_path, render_pdf(text, grid=False))
    file_lines = path.read_text(encoding="utf-8").split("\n")
    source = read_path(path)
    assert source.kind == "text-layout"
    sections = in_user_positions(parse_source(source), source).to_json_dict()["sections"]
    assert [s["line"] for s in sections] == [
        next(i for i, line in enumerate(file_lines, 1) if line.strip().startswith(s["heading"])) for s in sections]
    assert [s["line"] for s in sections] != [s.line for s in parse_source(source).sections]


@pytest.mark.parametrize("separator", ["  ", "   ", "\u3000"])
@pytest.mark.parametrize("number", SEEDS)
def test_tables_in_spaces_not_aligned_are_read_as_before(tmp_path, seeds, number, separator):
    """Tables 二, 三 and 四 with their TABs replaced by spaces (no columns to measure): the text
    reader gives the text as it stands, read as docs/layouts.md says (what reads today still does)."""
    import re

    text = seeds[number].read_text(encoding="utf-8")
    start, end = text.index("第二十条第（一）项"), text.index("五、")
    path = tmp_path / "spaced.txt"
    path.write_text(text[:start] + re.sub(r"\t+", separator, text[start:end]) + text[end:], encoding="utf-8")
    data = path.read_bytes()
    assert read_path(path).text == from_bytes(data, str(path)).text


@needs_pdftotext
@pytest.mark.parametrize("shift", [0, 300])
@pytest.mark.parametrize("repeat_header", [False, True])
@pytest.mark.parametrize("grid", [True, False], ids=["borders", "borderless"])
@pytest.mark.parametrize("number", SEEDS)
def test_page_breaks_and_repeated_headers_never_give_a_wrong_cell(tmp_path, seeds, rules, number, grid, repeat_header,
                                                                   shift):
    """Table 三 broken over pages at other rows, its header repeated (pdftotext crowds the header
    words of a page differently): whatever is read is the seed's, row for row; nothing is found
    but the seed's findings and GIP003; and no more is left unread than the text reader alone
    leaves (precise before eager, never worse than before)."""
    text = seeds[number].read_text(encoding="utf-8")
    path = _layout_text(tmp_path, render_pdf(text, grid=grid, repeat_header=repeat_header, shift=shift))
    source = read_path(path)
    got, want = parse_source(source), gip_lint.parse(text)
    if got.applications is not None:
        rows = {key: [c.value for c in cells] for key, cells in got.applications.rows.items()}
        assert rows == {key: [c.value for c in cells] for key, cells in want.applications.rows.items() if key in rows}
    if got.active is not None:
        assert _tables_two(got) == _tables_two(want)
    found = [(d.code, d.message) for d in lint_source(source, rules).diagnostics]
    seed_found = [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]
    assert [d for d in found if d[0] != "GIP003" and d not in seed_found] == []
    before = lint_source(from_bytes(path.read_bytes(), str(path)), rules).diagnostics
    assert sum(d[0] == "GIP003" for d in found) <= sum(d.code == "GIP003" for d in before)


@needs_pdftotext
def test_header_words_crowded_into_one_column_decline_the_table(tmp_path, seeds, rules):
    """Seed 001 with its header repeated on the page where pdftotext crowds "科研机" and "社会公"
    into one column: table 三 is read as before (GIP003s), never with its columns shifted (which
    made row 四's blank 总计 a blank 自然人: a false GIP206)."""
    text = seeds["001"].read_text(encoding="utf-8")
    path = _layout_text(tmp_path, render_pdf(text, grid=False, repeat_header=True, shift=300))
    assert "                                     商业企 科研机 社会公 法律服 其他" in path.read_text(encoding="utf-8")
    source = read_path(path)
    found = [(d.code, d.line, d.column, d.message) for d in lint_source(source, rules).diagnostics]
    before = [(d.code, d.line, d.column, d.message) for d in
              lint_source(from_bytes(path.read_bytes(), str(path)), rules).diagnostics]
    assert [d for d in found if "表三" in d[3]] == [d for d in before if "表三" in d[3]]
    assert not [d for d in found if d[0] == "GIP206"]
    assert _tables_two(parse_source(source)) == _tables_two(gip_lint.parse(text))
