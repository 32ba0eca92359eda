"""PDFs written with reportlab from the seeds (tests/pdf_renderings.py) read back to the text
model cell for cell; faults found at their page; scans, encrypted, damaged and oversized PDFs are
one GIP001; no input makes the reader raise anything but DecodeError."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gip_lint
from gip_lint.api import parse_source
from gip_lint.cli.main import main
from gip_lint.engine.linter import lint_source
from gip_lint.engine.plugins import load_plugins
from gip_lint.readers import pdf_document
from gip_lint.readers.pdf_reader import SCAN_MESSAGE, read_pdf
from gip_lint.source import DecodeError, from_text
from gip_lint.testing.strategies import reports
from gip_lint.testing.synth import render
from pdf_renderings import render_pdf

SEEDS = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def rules():
    return load_plugins().rules


@pytest.fixture(scope="module")
def seed_pdfs(seeds):
    return {number: render_pdf(path.read_text(encoding="utf-8")) for number, path in seeds.items()}


def _tables(report):
    return ({key: [c.value for c in cells] for key, cells in report.applications.rows.items()},
            {group: [c.value for c in cells] for group, cells in report.review_litigation.groups.items()},
            [(i.block, i.label, {k: c.value for k, c in i.cells.items()}) for i in report.active.items],
            [s.heading for s in report.sections], report.title)


def _page_with(data: bytes, needle: str) -> int:
    """The page whose text layer (PDFium's own text, not gip-lint's layout) holds ``needle``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return next(i + 1 for i in range(len(document))
                if needle in document[i].get_textpage().get_text_range().replace("\r\n", ""))


@pytest.mark.parametrize("repeat_header", [False, True])
@pytest.mark.parametrize("number", SEEDS)
def test_pdf_gives_the_text_model_cell_by_cell(seeds, seed_pdfs, rules, number, repeat_header):
    text = seeds[number].read_text(encoding="utf-8")
    data = seed_pdfs[number] if not repeat_header else render_pdf(text, repeat_header=True)
    source = read_pdf(data, "report.pdf")
    got, want = parse_source(source), gip_lint.parse(text)
    assert got.kind == "pdf"
    assert _tables(got) == _tables(want)
    assert got.problems == ()
    codes = [d.code for d in lint_source(source, rules).diagnostics]
    assert codes == [d.code for d in lint_source(from_text(text), rules).diagnostics]


def test_a_wrong_cell_is_reported_with_its_page(seeds, rules):
    text = seeds["004"].read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t")
    data = render_pdf(text)
    source = read_pdf(data, "r.pdf")
    diagnostics = lint_source(source, rules).diagnostics
    page = _page_with(data, "一、本年新收政府信息公开申请数量")
    line = next(i for i, l in enumerate(source.text.splitlines(), 1) if l.startswith("一、本年新收"))
    assert page == 2
    assert [(d.code, d.line, d.page) for d in diagnostics] == [("GIP201", line, 2), ("GIP202", line, 2)]


def test_page_in_json_and_sarif(tmp_path, seeds, capsys):
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(seeds["004"].read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t")))
    assert main(["check", "--format", "json", str(path)]) == 1
    assert [(d["code"], d["page"]) for d in json.loads(capsys.readouterr().out)] == [("GIP201", 2), ("GIP202", 2)]
    assert main(["check", "--format", "json-lines", str(path)]) == 1
    assert [json.loads(l)["page"] for l in capsys.readouterr().out.splitlines()] == [2, 2]
    assert main(["check", "--format", "sarif", str(path)]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [r["properties"]["page"] for r in results] == [2, 2]
    assert [r["locations"][0]["physicalLocation"]["region"]["properties"]["page"] for r in results] == [2, 2]


def test_text_diagnostics_have_no_page(tmp_path, seeds, capsys):
    path = tmp_path / "r.txt"
    path.write_text(seeds["004"].read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t"), encoding="utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    assert all("page" not in d for d in json.loads(capsys.readouterr().out))


def test_a_scanned_page_is_one_gip001_with_its_page(tmp_path, seeds, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(render_pdf(seeds["000"].read_text(encoding="utf-8"), scan_page=2))
    assert main(["check", "--format", "json", str(path)]) == 1
    (diagnostic,) = json.loads(capsys.readouterr().out)
    assert (diagnostic["code"], diagnostic["page"]) == ("GIP001", 2)
    assert diagnostic["message"].startswith("第 2 页没有文字层")


def test_an_image_only_pdf_is_one_gip001_scan(tmp_path, capsys):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(3):
        pdf.drawImage(ImageReader(Image.new("L", (40, 60), 180)), 0, 0, 595, 842)
        pdf.showPage()
    pdf.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out == f"{path}:1:1: GIP001 {SCAN_MESSAGE}\n"


def test_an_encrypted_pdf_is_one_gip001(tmp_path, capsys):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", canPrint=0))
    pdf.drawString(100, 700, "report")
    pdf.save()
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:1:1: GIP001 ") and "加密" in out and out.count("\n") == 1


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_a_truncated_pdf_is_one_gip001(tmp_path, seed_pdfs, capsys, cut):
    data = seed_pdfs["000"]
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:int(len(data) * cut)])
    status = main(["check", str(path)])
    out = capsys.readouterr().out
    # PDFium rebuilds what it can of a truncated file; what it cannot is one GIP001.
    assert status == 1 and "Traceback" not in out
    if cut == 0.1:
        assert out.count("\n") == 1 and " GIP001 " in out


def test_too_many_pages_is_refused(monkeypatch, seed_pdfs):
    monkeypatch.setattr(pdf_document, "MAX_PAGES", 2)
    with pytest.raises(DecodeError, match="超过上限 2 页"):
        read_pdf(seed_pdfs["000"], "big.pdf")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_pdf_bytes_never_raise_anything_but_decode_error(seed_pdfs, data):
    original = seed_pdfs["002"]
    cut = data.draw(st.integers(0, len(original)))
    mutated = bytearray(original[:cut] if data.draw(st.booleans()) else original)
    for _ in range(data.draw(st.integers(0, 8))):
        if mutated:
            mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    try:
        source = read_pdf(bytes(mutated), "fuzz.pdf")
    except DecodeError as exc:
        assert str(exc)
    else:
        assert source.text.endswith("\n") and source.page(1, 1) >= 1


def _page_texts(data: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return [document[i].get_textpage().get_text_range().replace("\r\n", "") for i in range(len(document))]


@pytest.mark.parametrize("repeat_header", [False, True])
def test_every_page_break_position_in_table_3_reads_the_same(seeds, repeat_header):
    """Space before table 三 moves the page break through all its rows: between rows, inside
    merged group labels, inside the header rows; the model is the text's every time."""
    text = seeds["004"].read_text(encoding="utf-8")
    want = _tables(gip_lint.parse(text))
    for shift in range(0, 700, 20):
        got = parse_source(read_pdf(render_pdf(text, shift=shift, repeat_header=repeat_header), "r.pdf"))
        assert (_tables(got), got.problems) == (want, ()), shift


def test_a_page_break_inside_a_merged_label(seeds, rules):
    text = seeds["004"].read_text(encoding="utf-8")
    data = render_pdf(text, shift=300)
    pages = _page_texts(data)
    # The precondition, read by PDFium alone: "(三)不" ends page 2, "予公开" starts page 3.
    assert "(三)不" in pages[1] and "予公开" not in pages[1] and "予公开" in pages[2]
    source = read_pdf(data, "r.pdf")
    assert "\t(三)不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n" in source.original
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))
    # A fault in the group's row on the next page is found there.
    faulty = text.replace("\t\t8.属于行政查询事项\t0\t1\t0\t0\t0\t0\t1", "\t\t8.属于行政查询事项\t0\t1\t0\t0\t0\t0\t2")
    assert faulty != text
    diagnostics = lint_source(read_pdf(render_pdf(faulty, shift=300), "r.pdf"), rules).diagnostics
    assert [(d.code, d.page) for d in diagnostics if d.code == "GIP202"] == [("GIP202", 3)]


@pytest.mark.parametrize("repeat_header", [False, True])
@pytest.mark.parametrize("number", SEEDS)
def test_tables_without_borders_read_by_glyph_columns(seeds, rules, number, repeat_header):
    """No strokes: columns from the x of the glyphs, rows from the baselines (labels wrapped over
    lines, vertical labels, labels split over a page break) — the text's model cell for cell,
    and the text's findings, no prose rule on a table row."""
    text = seeds[number].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, grid=False, repeat_header=repeat_header), "r.pdf")
    got = parse_source(source)
    assert _tables(got) == _tables(gip_lint.parse(text))
    assert got.problems == ()
    assert [(d.code, d.message) for d in lint_source(source, rules).diagnostics] == \
        [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]


@pytest.mark.parametrize("repeat_header", [False, True])
def test_every_page_break_position_in_a_table_3_without_borders_reads_the_same(seeds, repeat_header):
    """The break through every row of a table without borders: a group label split over it, one
    row of numbers under the header at the foot of a page, the header repeated — the text's model."""
    text = seeds["004"].read_text(encoding="utf-8")
    want = _tables(gip_lint.parse(text))
    for shift in range(0, 700, 20):
        got = parse_source(read_pdf(render_pdf(text, shift=shift, grid=False, repeat_header=repeat_header), "r.pdf"))
        assert (got.applications is not None, got.problems) == (True, ()), shift
        assert _tables(got) == want, shift


@pytest.mark.parametrize(("numbers", "headers"), [("right", "left"), ("centre", "left"), ("right", "centre"),
                                                  ("centre", "centre")])
@pytest.mark.parametrize("number", SEEDS)
def test_numbers_right_aligned_or_centred_without_borders(seeds, rules, number, numbers, headers):
    """Numbers right-aligned or centred, table 二's headers left-aligned or centred: every table
    reads as the text.  Table 二's 本年处理决定数量 spans its three number columns (a merged cell):
    the one number of a row under it is that header's, wherever in the span it stands."""
    text = seeds[number].read_text(encoding="utf-8")
    data = render_pdf(text, grid=False, numbers=numbers, headers=headers)
    source = read_pdf(data, "r.pdf")
    got = parse_source(source)
    assert (_tables(got), got.problems) == (_tables(gip_lint.parse(text)), ())
    assert [(d.code, d.message) for d in lint_source(source, rules).diagnostics] == \
        [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]


@pytest.mark.parametrize("numbers", ["right", "centre"])
def test_a_wrong_number_under_a_merged_header_is_found_at_its_page(seeds, rules, numbers):
    """行政许可's count written 75.5 (a decimal in a count column), right-aligned or centred under
    the merged 本年处理决定数量: GIP205 names that cell, on the page it is printed on."""
    text = seeds["000"].read_text(encoding="utf-8").replace("行政许可\t7975\t", "行政许可\t75.5\t")
    data = render_pdf(text, grid=False, numbers=numbers, headers="centre")
    source = read_pdf(data, "r.pdf")
    assert parse_source(source).active.value("行政许可", "本年处理决定数量") == 75.5
    line = next(i for i, l in enumerate(source.text.splitlines(), 1) if l.startswith("行政许可"))
    found = [(d.code, d.line, d.page) for d in lint_source(source, rules).diagnostics if "行政许可" in d.message]
    assert found == [("GIP205", line, _page_with(data, "行政许可"))]
    assert _page_with(data, "行政许可") == 1


@pytest.mark.parametrize("number", SEEDS)
def test_left_aligned_numbers_under_centred_headers_read_or_decline_table_2(seeds, rules, number):
    """Numbers at the left of their cells under headers centred wider than them: a header starts
    after its numbers end.  Table 二 is read as the text where its columns still place every
    header, else declined with one GIP003 — never read into wrong cells; the other tables are
    read.  Only 004's 51506 may reach under 本年制发件数, and whether it does depends on the
    digits' widths, which PDFium takes from the machine's substitute for the test PDF's
    non-embedded font (installing a CJK font narrows them): read or declined, both exactly."""
    text = seeds[number].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, grid=False, numbers="left", headers="centre"), "r.pdf")
    got, want = parse_source(source), gip_lint.parse(text)
    assert got.active is None or number == "004"
    if got.active is not None:
        assert _tables(got) == _tables(want)
    diagnostics = lint_source(source, rules).diagnostics
    assert [(d.code, d.message[:2]) for d in diagnostics if d.code == "GIP003"] == \
        ([("GIP003", "表二")] if got.active is None else [])
    assert [(d.code, d.message) for d in diagnostics if d.code != "GIP003"] == \
        [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics if "表二" not in d.message]


@pytest.mark.parametrize("repeat_header", [False, True])
def test_an_ambiguous_last_part_declines_every_page_of_the_table(seeds, rules, repeat_header):
    """A number beside its column in table 三's last row, the break anywhere (the table over two or
    three pages): every part is given back, one GIP003 — no part read alone as a table missing
    the other rows (GIP105)."""
    text = seeds["004"].read_text(encoding="utf-8")
    spans = set()
    for shift in range(0, 700, 20):
        data = render_pdf(text, grid=False, shift=shift, nudge=("三", 27, 4, 15), repeat_header=repeat_header)
        source = read_pdf(data, "r.pdf")
        assert parse_source(source).applications is None, shift
        assert [(d.code, d.message[:2]) for d in lint_source(source, rules).diagnostics] == [("GIP003", "表三")], shift
        pages = [i for i, page in enumerate(_page_texts(data)) if "(一)予以公开" in page or "四、结转下年度继续办理" in page]
        spans.add(pages[-1] - pages[0] + 1)  # pages from row 三(一) to row 四
    assert 3 in spans  # some breaks put the table on three pages


@pytest.mark.parametrize("grid", [True, False])
@pytest.mark.parametrize("sub_labels", ["、", "（）"])
def test_sub_labels_numbered_the_wps_way(seeds, rules, sub_labels, grid):
    text = seeds["004"].read_text(encoding="utf-8")
    data = render_pdf(text, grid=grid, sub_labels=sub_labels)
    assert ("1、属于国家秘密" if sub_labels == "、" else "（1）属于国家秘密") in "".join(_page_texts(data))
    source = read_pdf(data, "r.pdf")
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))
    assert [(d.code, d.message) for d in lint_source(source, rules).diagnostics] == \
        [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]


def test_tables_without_borders_are_cells_not_space_aligned_lines(seeds):
    text = seeds["004"].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, grid=False), "r.pdf")
    assert "\n\t(三)不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n" in source.original
    assert "\n行政规范性文件\t4\t53\t178\n" in source.original
    assert "\n三、本年度办理结果\t(一)予以公开\t\t135\t1\t0\t0\t1\t0\t137\n" in source.original


def test_a_wrong_cell_of_a_table_without_borders_is_reported_with_its_page(seeds, rules):
    text = seeds["004"].read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t")
    data = render_pdf(text, grid=False)
    source = read_pdf(data, "r.pdf")
    line = next(i for i, l in enumerate(source.text.splitlines(), 1) if l.startswith("一、本年新收"))
    assert _page_with(data, "一、本年新收政府信息公开申请数量") == 2
    assert [(d.code, d.line, d.page) for d in lint_source(source, rules).diagnostics] == \
        [("GIP201", line, 2), ("GIP202", line, 2)]


@pytest.mark.parametrize("dx", [-30, -20, 8, 15])
def test_a_number_not_under_one_column_declines_the_table(seeds, rules, dx):
    """One number of table 三 moved sideways (over its neighbour, or between two columns): which
    column it belongs to is a guess, so the table — both its pages — is not verified (GIP003),
    never a finding from a guessed column; the other tables are read."""
    text = seeds["004"].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, grid=False, nudge=("三", 3, 4, dx)), "r.pdf")
    got, want = parse_source(source), gip_lint.parse(text)
    assert got.applications is None
    assert [(i.block, i.label, {k: c.value for k, c in i.cells.items()}) for i in got.active.items] == \
        [(i.block, i.label, {k: c.value for k, c in i.cells.items()}) for i in want.active.items]
    assert [s.heading for s in got.sections] == [s.heading for s in want.sections]
    diagnostics = lint_source(source, rules).diagnostics
    assert [(d.code, d.message[:2], d.page) for d in diagnostics] == [("GIP003", "表三", 2)]
    assert "以空格而不是制表符分隔" in diagnostics[0].message


def test_running_header_and_page_numbers_are_not_part_of_the_report(seeds, rules):
    text = seeds["002"].read_text(encoding="utf-8")
    data = render_pdf(text, running_header="政府信息公开工作年度报告（2023）")
    assert all("政府信息公开工作年度报告（2023）" in page for page in _page_texts(data))
    source = read_pdf(data, "r.pdf")
    assert "年度报告（2023）" not in source.original and "- 2 -" not in source.original
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))
    assert [d.code for d in lint_source(source, rules).diagnostics] == \
        [d.code for d in lint_source(from_text(text), rules).diagnostics]


def test_parallel_check_of_pdfs_matches_serial(tmp_path, seeds, seed_pdfs, capsys):
    for number in ("000", "001", "003"):
        (tmp_path / f"{number}.pdf").write_bytes(seed_pdfs[number])
    assert main(["check", "-j", "1", str(tmp_path)]) == 1
    serial = capsys.readouterr().out
    assert main(["check", "-j", "2", str(tmp_path)]) == 1
    assert capsys.readouterr().out == serial
    assert "001.pdf:" in serial and "GIP206" in serial


@pytest.mark.parametrize("borders", ["filled", "double"])
def test_borders_as_filled_rectangles_or_double_lines(seeds, rules, borders):
    text = seeds["003"].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, borders=borders), "r.pdf")
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))
    assert [d.code for d in lint_source(source, rules).diagnostics] == \
        [d.code for d in lint_source(from_text(text), rules).diagnostics]


def test_a_page_with_only_a_small_picture_is_not_a_scan(seeds, rules):
    text = seeds["000"].read_text(encoding="utf-8")
    data = render_pdf(text, seal_page=True)
    assert _page_texts(data)[-1] == ""
    source = read_pdf(data, "r.pdf")
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))


def test_fonts_without_unicode_are_one_gip001():
    from gip_lint.readers.pdf_document import Glyph, PdfPage
    from gip_lint.readers.pdf_reader import _refuse_garbled

    glyphs = [Glyph("报", 0, 0, 10, 10)] * 30
    _refuse_garbled([PdfPage(1, 595, 842, glyphs, [], 7, 0.0)])  # a few odd characters: read
    with pytest.raises(DecodeError, match="没有 Unicode 映射"):
        _refuse_garbled([PdfPage(1, 595, 842, glyphs, [], 40, 0.0)])


def test_a_pdf_that_only_restricts_copying_is_read(seeds):
    from reportlab.lib.pdfencrypt import StandardEncryption

    text = seeds["000"].read_text(encoding="utf-8")
    data = render_pdf(text, encrypt=StandardEncryption("", "owner", canCopy=0))  # no password to open
    assert b"/Encrypt" in data
    assert _tables(parse_source(read_pdf(data, "r.pdf"))) == _tables(gip_lint.parse(text))


def test_table_2_as_one_table_per_item_under_its_title(seeds, rules):
    text = seeds["003"].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, titles_outside=True), "r.pdf")
    assert "\n第二十条第（五）项\t\n信息内容\t本年处理决定数量\n" in source.original
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))
    assert [d.code for d in lint_source(source, rules).diagnostics] == \
        [d.code for d in lint_source(from_text(text), rules).diagnostics]


def test_a_continued_table_under_its_xubiao_line(seeds):
    text = seeds["004"].read_text(encoding="utf-8")
    data = render_pdf(text, shift=300, continued="（续表）", repeat_header=True)
    assert any(page.startswith("（续表）") for page in _page_texts(data))
    source = read_pdf(data, "r.pdf")
    assert "续表" not in source.original
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(report=reports(), shift=st.integers(0, 600), repeat_header=st.booleans(), grid=st.booleans(),
       layout=st.sampled_from([{}, {"numbers": "right", "headers": "centre"}, {"valign": "centre"},
                               {"numbers": "centre", "headers": "centre", "valign": "centre"}]))
def test_generated_reports_as_pdf_read_like_their_text(rules, report, shift, repeat_header, grid, layout):
    """With borders or without (columns from the glyphs' positions); numbers and table 二's
    headers left, right or centred; text at the top of its cells or vertically centred."""
    text = render(report).text
    source = read_pdf(render_pdf(text, shift=shift, repeat_header=repeat_header, grid=grid, **layout), "g.pdf")
    assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))
    assert [d.code for d in lint_source(source, rules).diagnostics] == \
        [d.code for d in lint_source(from_text(text), rules).diagnostics]


@pytest.mark.parametrize("number", SEEDS)
def test_labels_vertically_centred_without_borders_read_cell_by_cell(seeds, rules, number):
    """Every cell's text vertically centred: a wrapped label around its numbers (the numbers
    between its two lines), table 三's group labels beside the middle of their rows (（三）不予公开
    beside "4.", 三、本年度办理结果 one character a line over 三(一)–三(七)) — the text's model
    cell for cell, and the text's findings."""
    text = seeds[number].read_text(encoding="utf-8")
    data = render_pdf(text, grid=False, valign="centre")
    from gip_lint.readers.pdf_geometry import line_string, text_lines

    printed = [line_string(line) for page in pdf_document.read_pages(data) for line in text_lines(page.glyphs)]
    assert any(line.startswith("(三)不") and "4.保护第三方合法权益" in line for line in printed)  # its 4th row
    source = read_pdf(data, "r.pdf")
    assert "\t(三)不予公开\t1.属于国家秘密\t" in source.original
    got = parse_source(source)
    assert (_tables(got), got.problems) == (_tables(gip_lint.parse(text)), ())
    assert [(d.code, d.message, d.page) for d in lint_source(source, rules).diagnostics] == \
        [(d.code, d.message, d.page) for d in lint_source(source, rules).diagnostics if d.page]
    assert [(d.code, d.message) for d in lint_source(source, rules).diagnostics] == \
        [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]


@pytest.mark.parametrize("repeat_header", [False, True])
def test_every_page_break_position_in_a_centred_table_3_reads_the_same(seeds, repeat_header):
    """Labels centred, the page break through every row of table 三 (a group label over the break
    stands at the top of its part, as Word sets a cell it cannot centre): the text's model."""
    text = seeds["004"].read_text(encoding="utf-8")
    want = _tables(gip_lint.parse(text))
    for shift in range(0, 700, 20):
        data = render_pdf(text, shift=shift, grid=False, valign="centre", repeat_header=repeat_header)
        got = parse_source(read_pdf(data, "r.pdf"))
        assert (_tables(got), got.problems) == (want, ()), shift


def test_a_wrong_cell_of_a_centred_table_is_reported_with_its_page(seeds, rules):
    text = seeds["004"].read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t")
    data = render_pdf(text, grid=False, valign="centre")
    source = read_pdf(data, "r.pdf")
    line = next(i for i, l in enumerate(source.text.splitlines(), 1) if l.startswith("一、本年新收"))
    assert [(d.code, d.line, d.page) for d in lint_source(source, rules).diagnostics] == \
        [("GIP201", line, 2), ("GIP202", line, 2)]


@pytest.mark.parametrize("down", [4, 6])
def test_a_label_not_centred_on_its_numbers_declines_table_3(seeds, rules, down):
    """One wrapped label (2.其他法律行政法规禁止公开) moved down off the middle of its numbers: which
    row its lines are, is a guess — table 三 is not read into cells, only ever "cannot verify"
    (GIP003), never a finding the text does not have; tables 二 and 四 are read."""
    text = seeds["004"].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, grid=False, valign="centre", nudge=("三", 8, 2, 0, down)), "r.pdf")
    assert "\t2.其他法律行政法规禁止公开\t" not in source.original
    got, want = parse_source(source), gip_lint.parse(text)
    assert _tables(got)[1:3] == _tables(want)[1:3]
    diagnostics = [(d.code, d.message) for d in lint_source(source, rules).diagnostics]
    expected = [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]
    unverified = [(code, message[:2]) for code, message in diagnostics if (code, message) not in expected]
    assert unverified and set(unverified) == {("GIP003", "表三")}
    assert [d for d in expected if d not in diagnostics and not d[1].startswith("表三")] == []


def _close(a, b) -> bool:
    return all(abs(x - y) <= 0.05 for x, y in zip(a, b))


@pytest.mark.parametrize("borders", ["stroked", "filled"])
@pytest.mark.parametrize("turn", [90, 270])
def test_a_page_stored_turned_reads_as_displayed(seeds, borders, turn):
    """Pages 2 and 3 stored landscape, drawn a quarter turn round and shown upright by /Rotate:
    every glyph and every border comes out where it stands on the displayed page — the same as
    the page drawn upright.  (PDFium loses strings of CJK characters alone in a turned,
    non-embedded CID font, reportlab's; Word and WPS embed their fonts: the glyphs it gives are
    compared.)"""
    text = seeds["004"].read_text(encoding="utf-8")
    turned = pdf_document.read_pages(render_pdf(text, rotate={2: turn, 3: turn}, borders=borders))
    upright = pdf_document.read_pages(render_pdf(text, borders=borders))
    assert [(p.width, p.height) for p in turned] == [(p.width, p.height) for p in upright]
    for a, b in zip(turned, upright):
        assert a.glyphs and len(a.glyphs) >= len(b.glyphs) // 2
        for glyph in a.glyphs:
            assert any(g.char == glyph.char and _close(g[1:], glyph[1:]) for g in b.glyphs), (a.number, glyph)
        assert len(a.rules) == len(b.rules)
        for rule in a.rules:
            assert any(r.vertical == rule.vertical and _close(r[1:], rule[1:]) for r in b.rules), (a.number, rule)


@pytest.mark.parametrize("turn", [90, 270])
def test_a_landscape_table_page_reads_in_reading_order(turn):
    """A landscape page stored portrait and turned by /Rotate (as printers to PDF store it): its
    table reads row by row, left to right."""
    from reportlab.pdfgen import canvas

    from pdf_renderings import FONT, _font

    _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(842, 595))
    pdf.setPageRotation(turn)  # reportlab stores the page 595 x 842; shown 842 x 595
    pdf.transform(*((0, 1, -1, 0, 595, 0) if turn == 90 else (0, -1, 1, 0, 0, 842)))
    pdf.setFont(FONT, 10.5)
    pdf.drawString(72, 520, "2024年度表3（续）")
    rows = [("(一)予以公开", "135", "1", "137"), ("(二)部分公开", "5", "0", "5"), ("1.属于国家秘密", "0", "0", "0")]
    for r, row in enumerate(rows):
        top = 500 - 22 * r
        for c, text in enumerate(row):
            x = 72 + (0, 300, 420, 540, 660)[c]
            pdf.rect(x, top - 22, (300, 120, 120, 120)[c], 22)
            pdf.drawString(x + 3, top - 16, text)
    pdf.showPage()
    pdf.save()
    source = read_pdf(buffer.getvalue(), "landscape.pdf")
    assert source.original.rstrip("\n") == ("2024年度表3（续）\n\n(一)予以公开\t135\t1\t137\n"
                                           "(二)部分公开\t5\t0\t5\n1.属于国家秘密\t0\t0\t0")
    assert source.page(3, 1) == 1


@pytest.mark.parametrize("turn", [None, 90])
def test_borders_drawn_in_a_form_xobject(seeds, rules, turn):
    """Every page's table borders drawn in a form XObject (placed moved, so the form's matrix
    counts): the same borders as drawn on the page, and the tables read as bordered grids — the
    text's model and findings.  (Numbers right-aligned: read without the borders, table 二's would
    stand under no header of their own column; with them, each is in its merged cell.)"""
    text = seeds["004"].read_text(encoding="utf-8")
    rotate = {2: turn, 3: turn} if turn else None
    data = render_pdf(text, borders="form", numbers="right", rotate=rotate)
    assert b"/Subtype /Form" in data
    drawn = pdf_document.read_pages(data)
    upright = pdf_document.read_pages(render_pdf(text, numbers="right"))
    assert [len(p.rules) for p in drawn] == [len(p.rules) for p in upright] and drawn[1].rules
    for a, b in zip(drawn, upright):
        for rule in a.rules:
            assert any(r.vertical == rule.vertical and _close(r[1:], rule[1:]) for r in b.rules), (a.number, rule)
    if turn is None:
        from gip_lint.readers.pdf_geometry import find_grids

        assert [len(find_grids(p.rules, p.glyphs)[0]) for p in drawn] == \
            [len(find_grids(p.rules, p.glyphs)[0]) for p in upright] != [0] * len(drawn)
        source = read_pdf(data, "r.pdf")
        assert _tables(parse_source(source)) == _tables(gip_lint.parse(text))
        assert [(d.code, d.message) for d in lint_source(source, rules).diagnostics] == \
            [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]


@pytest.mark.parametrize("valign", ["top", "centre"])
@pytest.mark.parametrize("number", SEEDS)
def test_labels_centred_across_their_cells(seeds, rules, number, valign):
    """Every text centred across its cell (规章 and 行政规范性文件 start apart in one column).
    Table 二 — one column of labels, placed by their middle, its 第二十条 titles centred over
    the table at its left — reads as the text.  Table 三's labels stand in three columns, which
    centred labels do not tell: it is not read into cells, only ever "cannot verify" (GIP003),
    never a finding the text does not have."""
    text = seeds[number].read_text(encoding="utf-8")
    source = read_pdf(render_pdf(text, grid=False, labels="centre", numbers="centre", valign=valign), "r.pdf")
    assert "\n规章\t0\t" in source.original and "\t1.属于国家秘密\t" not in source.original
    got, want = parse_source(source), gip_lint.parse(text)
    assert _tables(got)[1:] == _tables(want)[1:]
    diagnostics = [(d.code, d.message) for d in lint_source(source, rules).diagnostics]
    expected = [(d.code, d.message) for d in lint_source(from_text(text), rules).diagnostics]
    unverified = {(code, message[:2]) for code, message in diagnostics if (code, message) not in expected}
    assert unverified == {("GIP003", "表三")}
    assert [d for d in expected if d not in diagnostics and not d[1].startswith("表三")] == []
