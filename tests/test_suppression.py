"""``gip-lint: ignore[CODE] 理由`` where the author works (a Word comment; an HTML comment in
Markdown and web pages), GIP010 for unused suppressions and stale baseline entries, GIP011 for
a suppression without a reason."""

from __future__ import annotations

import io
import json

import pytest

from cli_helpers import ROOT, gip_lint
from renderings import render_docx, render_html

SEED_001 = ROOT / "examples" / "reports" / "001_9df385a2314a3820.txt"  # GIP206 at 66:27, GIP504 at 77:7
BLANK = "GIP206 表三“四、结转下年度继续办理”行“总计”列为空"


def _lines(text: str, inserts: dict) -> str:
    """``text`` with a line inserted before each given 1-based line number."""
    lines = text.split("\n")
    for number in sorted(inserts, reverse=True):
        lines.insert(number - 1, inserts[number])
    return "\n".join(lines)


def _check(capsys, path, *options):
    code, out, err = gip_lint(capsys, "check", "--isolated", *options, str(path))
    return code, [line.split(": ", 1)[0].rsplit(":", 2)[-2:] + [line.split(": ", 1)[1]] for line in out.splitlines()]


def test_markdown_comment_suppresses_the_code_on_the_next_line_only(capsys, tmp_path):
    text = SEED_001.read_text(encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_text(_lines(text, {66: "<!-- gip-lint: ignore[GIP206] 本年度未统计，已说明 -->",
                                    77: "<!-- gip-lint: ignore[GIP206] 下一行没有这个问题 -->"}), encoding="utf-8")
    code, found = _check(capsys, report)
    assert code == 1
    assert [(line, column, message.split(" ", 1)[0]) for line, column, message in found] == [
        ("78", "1", "GIP010"), ("79", "7", "GIP504")]
    assert found[0][2] == "GIP010 gip-lint: ignore[GIP206] 在第 79 行没有压制任何问题，可以删除"


def test_a_suppression_without_reason_does_not_suppress(capsys, tmp_path):
    report = tmp_path / "r.md"
    report.write_text(_lines(SEED_001.read_text(encoding="utf-8"), {66: "<!-- gip-lint: ignore[GIP206] -->"}),
                      encoding="utf-8")
    _, found = _check(capsys, report, "--select", "GIP0,GIP2")
    assert [(line, column) for line, column, _ in found] == [("66", "1"), ("67", "27")]
    assert found[0][2] == "GIP011 gip-lint: ignore[GIP206] 没有写理由，不生效：请在 ] 后写明为什么不改"
    assert found[1][2].startswith(BLANK)


def test_unused_is_not_reported_for_a_code_that_is_not_selected(capsys, tmp_path):
    report = tmp_path / "r.md"
    report.write_text(_lines(SEED_001.read_text(encoding="utf-8"), {1: "<!-- gip-lint: ignore[GIP201] 理由 -->"}),
                      encoding="utf-8")
    assert _check(capsys, report, "--ignore", "GIP201,GIP206,GIP504")[1] == []
    assert [f[2].split(" ")[0] for f in _check(capsys, report, "--ignore", "GIP206,GIP504")[1]] == ["GIP010"]


def test_html_comment_suppresses_a_cell_of_a_web_page(capsys, tmp_path):
    page = render_html(SEED_001.read_text(encoding="utf-8"), "cms")
    report = tmp_path / "r.html"
    report.write_text(page.html, encoding="utf-8")
    _, found = _check(capsys, report)
    (line,) = [int(f[0]) for f in found if f[2].startswith("GIP206")]
    report.write_text(_lines(page.html, {line: "<!-- gip-lint: ignore[GIP206] 本年度未统计 -->"}), encoding="utf-8")
    _, suppressed = _check(capsys, report)
    assert [f[2].split(" ")[0] for f in suppressed] == ["GIP504"]


def _docx_with_comment(comment: str) -> bytes:
    """Seed 001 as .docx with an author's comment on its blank cell (table 三, row 四, 总计)."""
    import docx

    rendered = render_docx(SEED_001.read_text(encoding="utf-8"))
    document = docx.Document(io.BytesIO(rendered.data))
    from gip_lint.cli.commands.annotate import _anchor_runs
    from gip_lint.report.suppression import body_targets

    line, column = rendered.cells[("四", 6)]
    document.add_comment(_anchor_runs(document, body_targets(document), line, column), text=comment,
                         author="起草人", initials="QC")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("comment, codes", [
    ("gip-lint: ignore[GIP206] 本年度未统计", ["GIP504"]),
    ("gip-lint: ignore[GIP206]", ["GIP011", "GIP206", "GIP504"]),
    ("gip-lint: ignore[GIP201] 写错了代码", ["GIP010", "GIP206", "GIP504"]),
    ("请核实这一格", ["GIP206", "GIP504"]),  # an ordinary reviewer's comment changes nothing
])
def test_word_comment_on_the_cell_suppresses_that_code_there(capsys, tmp_path, comment, codes):
    report = tmp_path / "r.docx"
    report.write_bytes(_docx_with_comment(comment))
    _, out, _ = gip_lint(capsys, "check", "--isolated", "--format", "json", str(report))
    assert sorted(f["code"] for f in json.loads(out)) == codes


def test_annotate_leaves_out_what_a_word_comment_suppresses(capsys, tmp_path):
    import docx

    report = tmp_path / "r.docx"
    report.write_bytes(_docx_with_comment("gip-lint: ignore[GIP206] 本年度未统计"))
    code, _, _ = gip_lint(capsys, "annotate", "--isolated", str(report), "-o", str(tmp_path / "out.docx"))
    assert code == 1
    texts = [c.text for c in docx.Document(str(tmp_path / "out.docx")).comments]
    assert [t.split(" ")[0] for t in texts] == ["gip-lint:", "GIP504"]  # the author's comment stays


def test_baseline_reasons_are_kept_and_stale_entries_reported(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert gip_lint(capsys, "check", "--isolated", "--write-baseline", str(baseline), "r.txt", "other.txt")[0] == 0
    document = json.loads(baseline.read_text(encoding="utf-8"))
    for entry in document["findings"]:
        entry["reason"] = "已与起草单位核实"
    baseline.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    assert gip_lint(capsys, "check", "--isolated", "--baseline", str(baseline), "r.txt") == (0, "", "")

    report.write_text(SEED_001.read_text(encoding="utf-8").replace("漭河区", "漣河区"), encoding="utf-8")
    code, out, _ = gip_lint(capsys, "check", "--isolated", "--baseline", str(baseline), "r.txt")
    assert code == 1
    (line,) = out.splitlines()  # other.txt was not linted: its entries are not judged
    (key,) = [e["fingerprint"] for e in document["findings"] if (e["path"], e["code"]) == ("r.txt", "GIP504")]
    entry_line = 1 + next(n for n, text in enumerate(baseline.read_text(encoding="utf-8").split("\n")) if key in text)
    assert line.startswith(f"{baseline}:{entry_line}:1: GIP010 基线中的一项已不再出现：GIP504 r.txt：")
    assert line.endswith("（理由：已与起草单位核实）；可删除这一项，或用 --write-baseline 重新生成")

    assert gip_lint(capsys, "check", "--isolated", "--write-baseline", str(baseline), "r.txt", "other.txt")[0] == 0
    rewritten = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(rewritten) == 3 and all(e["reason"] == "已与起草单位核实" for e in rewritten)


def test_explain_documents_the_new_codes(capsys):
    for code, name in (("GIP010", "unused-suppression"), ("GIP011", "suppression-without-reason")):
        status, out, _ = gip_lint(capsys, "explain", code)
        assert status == 0 and out.startswith(f"{code} ({name}) — ") and "## 正确示例" in out


from hypothesis import given, strategies as st  # noqa: E402

_CODE = st.from_regex(r"GIP[0-9]{3}", fullmatch=True)
_REASON = st.text(alphabet=st.characters(whitelist_categories=("Lo", "Nd")), min_size=0, max_size=12)
_PROSE = st.text(alphabet=st.characters(whitelist_categories=("Lo",)), max_size=20)


@given(st.lists(st.one_of(st.tuples(st.lists(_CODE, min_size=1, max_size=3), _REASON), _PROSE), max_size=12))
def test_an_inline_comment_covers_exactly_the_next_line(items):
    from gip_lint.report.suppression import inline_suppressions

    lines, want = [], []
    for item in items:
        if isinstance(item, tuple):
            codes, reason = item
            lines.append(f"<!-- gip-lint: ignore[{', '.join(codes)}] {reason} -->")
            want.append((tuple(codes), reason, len(lines) + 1, (len(lines), 1)))
        else:
            lines.append(item)
    got = [(s.codes, s.reason, s.line, s.at) for s in inline_suppressions("\n".join(lines) + "\n")]
    assert got == want
