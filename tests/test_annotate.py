"""``gip-lint annotate``: a reviewed copy of a Word report, one comment per finding, read back
with python-docx; the original's bytes and the document's own content unchanged."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from lxml import etree

from cli_helpers import ROOT, SEED_004, gip_lint
from renderings import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEED_001 = ROOT / "examples" / "reports" / "001_9df385a2314a3820.txt"


def _positions_of_comments(data: bytes) -> dict:
    """comment id → (line, column) of what it is anchored on, counted as the docx reader counts
    (paragraphs and table rows of the body in order; a cell by its grid column, a paragraph as 1)."""
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(W + "body")
    where, number = {}, 0
    for child in body:
        if child.tag == W + "p":
            number += 1
            for start in child.iter(W + "commentRangeStart"):
                where[int(start.get(W + "id"))] = (number, 1)
        elif child.tag == W + "tbl":
            for tr in child.iter(W + "tr"):
                number += 1
                column = 1
                for tc in tr.findall(W + "tc"):
                    span = tc.find(f"{W}tcPr/{W}gridSpan")
                    for start in tc.iter(W + "commentRangeStart"):
                        where[int(start.get(W + "id"))] = (number, column)
                    column += int(span.get(W + "val")) if span is not None else 1
    return where


def _without_comments(data: bytes) -> bytes:
    """document.xml with the comment anchors, references and empty anchor runs taken out."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    for element in list(root.iter(W + "commentRangeStart", W + "commentRangeEnd")):
        element.getparent().remove(element)
    for run in list(root.iter(W + "r")):
        if len(run) == 0 or run.find(W + "commentReference") is not None:
            run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annotate")
    wrong_cell = folder / "wrong-cell.docx"  # GIP201 and GIP202 on one filled cell of table 三
    wrong_cell.write_bytes(render_docx(SEED_004.read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t")).data)
    blank = folder / "blank-and-prose.docx"  # GIP206 on a blank cell, GIP504 in a paragraph
    blank.write_bytes(render_docx(SEED_001.read_text(encoding="utf-8")).data)
    return {"wrong-cell": wrong_cell, "blank-and-prose": blank}


@pytest.mark.parametrize("name, codes", [("wrong-cell", ["GIP201", "GIP202"]),
                                         ("blank-and-prose", ["GIP206", "GIP504"])])
def test_one_comment_per_finding_on_its_cell_or_paragraph(capsys, tmp_path, reports, name, codes):
    import docx

    report = reports[name]
    before = hashlib.sha256(report.read_bytes()).hexdigest()
    _, out, _ = gip_lint(capsys, "check", "--isolated", "--format", "json", str(report))
    findings = json.loads(out)
    assert sorted(f["code"] for f in findings) == codes
    reviewed = tmp_path / "reviewed.docx"
    code, _, err = gip_lint(capsys, "annotate", "--isolated", str(report), "-o", str(reviewed))
    assert code == 1
    assert f"{len(findings)} 个问题已作为批注写入" in err
    assert hashlib.sha256(report.read_bytes()).hexdigest() == before  # the original is only read

    data = reviewed.read_bytes()
    comments = list(docx.Document(io.BytesIO(data)).comments)
    assert len(comments) == len(findings)
    anchors = _positions_of_comments(data)
    got = sorted((anchors[c.comment_id], c.author, c.initials, c.text) for c in comments)
    want = sorted(((f["line"], f["column"] if _in_table(f) else 1), "gip-lint", "GL", f"{f['code']} {f['message']}"
                   + (f"\n建议值：{f['suggestion']['value']}" if "suggestion" in f else "")) for f in findings)
    assert got == want
    assert _without_comments(data) == _without_comments(report.read_bytes())


def _in_table(finding) -> bool:
    return finding["code"] in ("GIP201", "GIP202", "GIP206")


def test_the_blank_cell_gets_an_anchor_run(capsys, tmp_path, reports):
    import docx

    reviewed = tmp_path / "reviewed.docx"
    gip_lint(capsys, "annotate", "--isolated", str(reports["blank-and-prose"]), "-o", str(reviewed))
    document = docx.Document(str(reviewed))
    anchored = [tc for tc in document.element.body.iter(W + "tc") if tc.find(f".//{W}commentRangeStart") is not None]
    assert len(anchored) == 1
    assert "".join(t.text or "" for t in anchored[0].iter(W + "t")) == ""  # still blank: only an anchor


def test_a_clean_report_gives_a_copy_without_comments(capsys, tmp_path):
    import docx

    report = tmp_path / "clean.docx"
    report.write_bytes(render_docx((ROOT / "examples" / "reports" / "000_ebeabda19deaf4a2.txt").read_text("utf-8")).data)
    code, _, _ = gip_lint(capsys, "annotate", "--isolated", str(report), "-o", str(tmp_path / "out.docx"))
    assert code == 0
    assert len(docx.Document(str(tmp_path / "out.docx")).comments) == 0


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf"])
def test_other_formats_are_refused_with_the_formats_it_can_annotate(capsys, tmp_path, suffix):
    report = tmp_path / f"report{suffix}"
    report.write_bytes(SEED_004.read_bytes())
    code, out, err = gip_lint(capsys, "annotate", str(report), "-o", str(tmp_path / "out.docx"))
    assert (code, out) == (2, "")
    assert "annotate 只能给 Word 文档（.docx）加批注" in err
    assert not (tmp_path / "out.docx").exists()


def test_the_output_may_not_be_the_original(capsys, reports):
    report = reports["wrong-cell"]
    before = report.read_bytes()
    code, _, err = gip_lint(capsys, "annotate", "--isolated", str(report), "-o", str(report))
    assert code == 2 and "不能是被检查的原文件" in err
    assert report.read_bytes() == before


def test_an_unreadable_docx_writes_no_copy(capsys, tmp_path):
    report = tmp_path / "broken.docx"
    report.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = gip_lint(capsys, "annotate", "--isolated", str(report), "-o", str(tmp_path / "out.docx"))
    assert code == 2
    assert "GIP001" in err and "没有生成审阅副本" in err
    assert not (tmp_path / "out.docx").exists()


def test_comment_text_carries_the_suggestion_when_a_diagnostic_has_one():
    from gip_lint.cli.commands.annotate import comment_text
    from gip_lint.rule import Diagnostic

    plain = Diagnostic(path="r.docx", line=3, column=4, code="GIP201", message="合计不符")
    assert comment_text(plain) == "GIP201 合计不符"

    from gip_lint.rule import Suggestion

    named = Diagnostic(path="r.docx", line=3, column=4, code="GIP201", message="合计不符",
                       suggestion=Suggestion(value=223, text="224"))
    assert comment_text(named) == "GIP201 合计不符\n建议值：223"


def test_the_reviewed_copy_is_still_the_same_report(capsys, tmp_path, reports):
    report = reports["blank-and-prose"]
    reviewed = tmp_path / "reviewed.docx"
    gip_lint(capsys, "annotate", "--isolated", str(report), "-o", str(reviewed))

    def findings(path):
        out = gip_lint(capsys, "check", "--isolated", "--format", "json", str(path))[1]
        return [(f["line"], f["column"], f["code"], f["message"]) for f in json.loads(out)]

    assert findings(reviewed) == findings(report) != []


def test_a_plugin_that_fails_to_load_is_named_as_check_names_it(capsys, tmp_path):
    report = tmp_path / "clean.docx"
    report.write_bytes(render_docx((ROOT / "examples" / "reports" / "000_ebeabda19deaf4a2.txt").read_text("utf-8")).data)
    (tmp_path / "broken.py").write_text("raise ImportError('缺少依赖')\n", encoding="utf-8")
    (tmp_path / ".gip-lint.toml").write_text('plugins = ["broken.py"]\n', encoding="utf-8")
    said = f"gip-lint: 插件 local:{tmp_path / 'broken.py'}：无法加载：ImportError: 缺少依赖\n"
    code, _, err = gip_lint(capsys, "check", str(tmp_path / "clean.docx"))
    assert code == 0 and err == said
    code, _, err = gip_lint(capsys, "annotate", str(report), "-o", str(tmp_path / "out.docx"))
    assert code == 0 and err.startswith(said) and err.count("插件") == 1
