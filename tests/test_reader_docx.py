"""Word documents: the seeds written with python-docx (merged cells included) read back to the
text model; positions are paragraph/row numbers and cells; damaged archives are GIP001."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gip_lint
from gip_lint.api import parse_source
from gip_lint.cli.main import main
from gip_lint.engine.linter import lint_source
from gip_lint.engine.plugins import load_plugins
from gip_lint.readers.docx_reader import read_docx
from gip_lint.source import DecodeError, from_text
from renderings import render_docx
from test_reader_html import comparable

LAYOUTS = ("template", "flat")


@pytest.fixture(scope="module")
def rules():
    return load_plugins().rules


@pytest.fixture(scope="module")
def seed_docx(seeds):
    """One template-layout .docx per seed (python-docx is slow enough to share them)."""
    return {number: render_docx(path.read_text(encoding="utf-8")) for number, path in seeds.items()}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_document_gives_the_text_model_cell_by_cell(seeds, seed_docx, number, layout):
    text = seeds[number].read_text(encoding="utf-8")
    want = gip_lint.parse(text)
    document = seed_docx[number] if layout == "template" else render_docx(text, layout)
    got = parse_source(read_docx(document.data, "report.docx"))
    assert got.kind == "docx"
    assert comparable(got) == comparable(want)
    for key, cells in want.applications.rows.items():
        assert [c.value for c in got.applications.rows[key]] == [c.value for c in cells], key
    for group, cells in want.review_litigation.groups.items():
        assert [c.value for c in got.review_litigation.groups[group]] == [c.value for c in cells], group
    assert got.problems == ()


def _body_numbers(data: bytes) -> dict:
    """What a user counts in Word: paragraph or table-row number → text of its first cell/paragraph."""
    import docx
    from docx.oxml.ns import qn

    numbers, count = {}, 0
    for child in docx.Document(io.BytesIO(data)).element.body:
        if child.tag == qn("w:p"):
            count += 1
            numbers[count] = "".join(t.text or "" for t in child.iter(qn("w:t")))
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                count += 1
                numbers[count] = [("".join(t.text or "" for t in tc.iter(qn("w:t")))) for tc in tr.iter(qn("w:tc"))]
    return numbers


def test_a_wrong_cell_is_reported_at_its_row_and_grid_column(seeds, rules):
    text = seeds["004"].read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t")
    document = render_docx(text)
    diagnostics = lint_source(read_docx(document.data, "r.docx"), rules).diagnostics
    row, column = document.cells[("一", 0)]
    assert column == 4  # the label spans the three label columns of the template
    assert _body_numbers(document.data)[row][:2] == ["一、本年新收政府信息公开申请数量", "224"]
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("GIP201", row, 4), ("GIP202", row, 4)]


def test_seed_001_blank_total_is_reported_at_its_cell(seeds, seed_docx, rules):
    document = seed_docx["001"]
    diagnostics = lint_source(read_docx(document.data, "r.docx"), rules).diagnostics
    (diagnostic,) = [d for d in diagnostics if d.code == "GIP206"]
    row, column = document.cells[("四", 6)]
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("GIP206", row, 10)
    assert column == 10
    text_diagnostics = lint_source(from_text(seeds["001"].read_text(encoding="utf-8")), rules).diagnostics
    assert [(d.code, d.message) for d in text_diagnostics] == [(d.code, d.message) for d in diagnostics]


def test_a_prose_finding_points_at_the_paragraph_and_character(seeds, rules):
    text = seeds["000"].read_text(encoding="utf-8").replace("卧龙区人民政府 2023 年", "卧龙区人民政府 2022 年", 1)
    document = render_docx(text)
    (diagnostic,) = lint_source(read_docx(document.data, "r.docx"), rules).diagnostics
    title = _body_numbers(document.data)[1]
    assert title.startswith("卧龙区人民政府 2022 年")
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("GIP401", 1, title.index("2022") + 1)


def test_merged_cells_and_paragraph_numbers():
    import docx

    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "合并"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "横向"
    table.cell(1, 1).text = "1"
    table.cell(2, 2).text = "2"
    document.add_paragraph("之后")
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_docx(buffer.getvalue(), "m.docx")
    assert source.text == "标题\n\n合并\t横向\t\n\t1\t\n\t\t2\n\n之后\n\n"
    # line 3 of the text is the table's first row: paragraph/row number 3 (the empty ¶ counts).
    assert [source.origin(3, 1), source.origin(3, 4), source.origin(4, 1), source.origin(4, 2),
            source.origin(5, 3), source.origin(7, 2)] == [(3, 1), (3, 2), (4, 1), (4, 2), (5, 3), (6, 2)]


# --- damaged and hostile archives: GIP001, exit 1, no traceback, bounded memory -------------------------


def _zip(members: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zeros(size: int):
    return b"\0" * size


BAD = {
    "bomb": lambda good: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": _zeros(60 * 1024 * 1024)}),
    "ratio": lambda good: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": _zeros(4 * 1024 * 1024)}),
    "truncated": lambda good: good[: len(good) // 2],
    "missing-part": lambda good: _zip({"[Content_Types].xml": b"<Types/>", "word/other.xml": b"<x/>"}),
    "malformed-xml": lambda good: _replace(good, "word/document.xml", b"<w:document><w:body><w:p>"),
    "not-a-zip": lambda good: b"PK\x03\x04 this is not really an archive" * 10,
    "old-doc": lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    "empty": lambda good: b"",
}


def _replace(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip({info.filename: (content if info.filename == name else source.read(info)) for info in source.infolist()})


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_archives_are_gip001_with_exit_1(capsys, tmp_path, seed_docx, kind):
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(BAD[kind](seed_docx["002"].data))
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.startswith(f"{path}:1:1: GIP001 ") and out.count("\n") == 1, out
    assert "Traceback" not in out + err
    with pytest.raises(DecodeError):
        read_docx(path.read_bytes(), str(path))


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = BAD["bomb"](b"")
    assert len(bomb) < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(DecodeError, match="压缩炸弹"):
            read_docx(bomb, "bomb.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


# --- Word's automatic numbering ---------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHINESE_LIST = f"""<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>"""


def _numbered(paragraph, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


def test_automatic_list_numbers_are_part_of_the_text(seeds, rules):
    """Headings whose "一、" Word numbers automatically are still sections 一 … 六."""
    import docx
    from docx.oxml import parse_xml

    text = seeds["004"].read_text(encoding="utf-8")
    document = docx.Document(io.BytesIO(render_docx(text).data))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(CHINESE_LIST))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    headings = subheadings = 0
    for paragraph in document.paragraphs:
        heading = re.match(r"^[一二三四五六]、", paragraph.text)
        sub = re.match(r"^（[一二三四五]）", paragraph.text)
        if heading or sub:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = paragraph.text[(heading or sub).end():]
            _numbered(paragraph, 0 if heading else 1)
            headings += bool(heading)
            subheadings += bool(sub)
    assert headings == 6 and subheadings >= 5
    buffer = io.BytesIO()
    document.save(buffer)
    got = parse_source(read_docx(buffer.getvalue(), "n.docx"))
    assert "一、总体情况" not in "".join(p.text for p in document.paragraphs)  # only Word's numbering has it
    assert comparable(got) == comparable(gip_lint.parse(text))
    assert lint_source(read_docx(buffer.getvalue(), "n.docx"), rules).diagnostics == ()


def test_list_number_formats():
    from gip_lint.readers.word_numbering import chinese, format_number

    assert [chinese(n) for n in (1, 6, 10, 11, 20, 21, 99, 105, 110)] == \
        ["一", "六", "十", "十一", "二十", "二十一", "九十九", "一百零五", "一百一十"]
    assert [format_number(3, f) for f in ("decimal", "upperRoman", "lowerLetter", "decimalFullWidth", "bullet")] == \
        ["3", "III", "c", "３", ""]


def test_tracked_insertions_and_smart_tags_are_read_deletions_are_not():
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("本年度")
    for xml in (f'<w:ins xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:t>未收取</w:t></w:r></w:ins>',
                f'<w:del xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:delText>收取</w:delText></w:r></w:del>',
                f'<w:smartTag xmlns:w="{W}" w:uri="u" w:element="e"><w:r><w:t>信息处理费</w:t></w:r></w:smartTag>',
                f'<w:r xmlns:w="{W}"><w:tab/><w:t>。</w:t></w:r>'):
        paragraph._p.append(parse_xml(xml))
    cell = document.add_table(rows=1, cols=2).cell(0, 1)
    cell.paragraphs[0]._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="3" w:author="a"><w:r><w:t>12</w:t></w:r></w:ins>'))
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_docx(buffer.getvalue(), "t.docx").text == "本年度未收取信息处理费 。\n\n\t12\n\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_document_xml_never_raises_anything_but_gip001(seed_docx, data):
    """Bytes of word/document.xml replaced at random: a model or a DecodeError (GIP001), nothing else."""
    good = seed_docx["002"].data
    xml = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml")
    start = data.draw(st.integers(0, len(xml) - 1))
    junk = data.draw(st.binary(max_size=12) | st.sampled_from([b'w:val="x"', b"<w:tc>", b"</w:tr>", b'gridSpan w:val="-3"']))
    damaged = _replace(good, "word/document.xml", xml[:start] + junk + xml[start + data.draw(st.integers(0, 30)):])
    try:
        parse_source(read_docx(damaged, "d.docx"))
    except DecodeError:
        pass


def test_a_title_in_two_paragraphs_keeps_its_organ():
    import docx

    document = docx.Document()
    for text in ("XX市生态环境局", "2023年政府信息公开工作年度报告", "一、总体情况", "正文"):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    report = parse_source(read_docx(buffer.getvalue(), "t.docx"))
    assert (report.title, report.organ, report.year) == ("XX市生态环境局2023年政府信息公开工作年度报告", "XX市生态环境局", 2023)
    assert report.title_position.line == 1


@pytest.mark.parametrize("xml", [b'<?xml version="1.0"?><w:documentX xmlns:w="' + W.encode() + b'"><w:body/></w:documentX>',
                                 b'<?xml version="1.0"?><w:document xmlns:w="' + W.encode() + b'"/>'])
def test_a_document_part_without_a_body_is_gip001(seed_docx, xml):
    with pytest.raises(DecodeError):
        read_docx(_replace(seed_docx["002"].data, "word/document.xml", xml), "b.docx")
