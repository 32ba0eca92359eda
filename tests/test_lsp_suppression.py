"""The language server applies the suppressions ``gip-lint check`` applies: a
``<!-- gip-lint: ignore[CODE] 理由 -->`` in the editor's buffer hides the finding on the next
line, a marker without a reason is GIP011, one that suppresses nothing GIP010 — through a real
``gip-lint lsp`` subprocess, and the same buffer saved and checked gives the same answer."""

from __future__ import annotations

from cli_helpers import gip_lint
from test_lsp import GIP206_MESSAGE, SEED_001, LspClient, at

import pytest

REASON = "当年没有结转的申请，按原表留空"


@pytest.fixture
def lsp():
    client = LspClient("--isolated")
    client.initialize()
    yield client
    client.close()


def _with_line(before: int, line: str) -> str:
    """The seed (one finding: GIP206 at 66:27) with ``line`` inserted as line ``before``."""
    lines = SEED_001.read_text(encoding="utf-8").split("\n")
    lines.insert(before - 1, line)
    return "\n".join(lines)


def test_a_suppressed_finding_is_not_shown_and_without_the_marker_it_is(lsp, tmp_path):
    # Never written to disk: the suppression is read from the buffer, not the file.
    uri = (tmp_path / "年报.md").as_uri()
    lsp.open(uri, _with_line(66, f"<!-- gip-lint: ignore[GIP206] {REASON} -->"), version=1)
    assert lsp.diagnostics(uri, version=1) == []

    # The marker deleted in the editor: the finding is back, on its cell (66:27, LSP 65:26).
    plain = SEED_001.read_text(encoding="utf-8")
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": plain}]})
    published = lsp.diagnostics(uri, version=2)
    assert [at(d) for d in published] == [("GIP206", (65, 26), (66, 0))]
    assert published[0]["message"] == GIP206_MESSAGE


def test_a_marker_without_reason_and_an_unused_one_are_reported_as_check_reports_them(lsp, tmp_path):
    marker = "<!-- gip-lint: ignore[GIP206] -->"
    uri = (tmp_path / "a.md").as_uri()
    lsp.open(uri, _with_line(66, marker), version=1)
    published = lsp.diagnostics(uri, version=1)
    assert [at(d) for d in published] == [
        ("GIP011", (65, 0), (65, len(marker))),  # the marker's line: no TAB ends it
        ("GIP206", (66, 26), (67, 0)),  # not suppressed, one line down
    ]
    assert published[0]["message"] == "gip-lint: ignore[GIP206] 没有写理由，不生效：请在 ] 后写明为什么不改"

    unused = f"<!-- gip-lint: ignore[GIP202] {REASON} -->"
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": _with_line(66, unused)}]})
    published = lsp.diagnostics(uri, version=2)
    assert [at(d) for d in published] == [("GIP010", (65, 0), (65, len(unused))), ("GIP206", (66, 26), (67, 0))]
    assert published[0]["message"] == "gip-lint: ignore[GIP202] 在第 67 行没有压制任何问题，可以删除"


def test_the_editor_and_check_agree_on_the_saved_buffer(lsp, tmp_path, monkeypatch, capsys):
    text = _with_line(66, f"<!-- gip-lint: ignore[GIP206] {REASON} -->")
    path = tmp_path / "b.md"
    path.write_text(text, encoding="utf-8")
    lsp.open(path.as_uri(), text, version=1)
    assert lsp.diagnostics(path.as_uri(), version=1) == []
    monkeypatch.chdir(tmp_path)
    assert gip_lint(capsys, "check", "--isolated", "b.md")[:2] == (0, "")
    path.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = gip_lint(capsys, "check", "--isolated", "b.md")
    assert (code, out) == (1, f"b.md:66:27: GIP206 {GIP206_MESSAGE}\n")


def test_a_text_buffer_has_no_inline_suppressions(lsp, tmp_path):
    # As for check: the comment syntax is Markdown's and HTML's; in a .txt it is just a line.
    uri = (tmp_path / "c.txt").as_uri()
    lsp.open(uri, _with_line(66, f"<!-- gip-lint: ignore[GIP206] {REASON} -->"), version=1)
    assert [at(d) for d in lsp.diagnostics(uri, version=1)] == [("GIP206", (66, 26), (67, 0))]


def test_a_web_page_buffer_honours_its_comment_as_check_does(lsp, tmp_path, monkeypatch, capsys):
    from renderings import render_html

    html = render_html(SEED_001.read_text(encoding="utf-8"), "cms").html
    path = tmp_path / "r.html"
    path.write_text(html, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = gip_lint(capsys, "check", "--isolated", "r.html")
    (finding,) = out.splitlines()  # the blank cell, at its place in the page's markup
    _, line, column, rest = finding.split(":", 3)
    assert rest.startswith(" GIP206 ")
    lsp.open(path.as_uri(), html, version=1)
    (shown,) = lsp.diagnostics(path.as_uri(), version=1)
    assert (shown["code"], shown["range"]["start"]) == ("GIP206", {"line": int(line) - 1, "character": int(column) - 1})

    lines = html.split("\n")
    lines.insert(int(line) - 1, f"<!-- gip-lint: ignore[GIP206] {REASON} -->")
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2},
                                          "contentChanges": [{"text": "\n".join(lines)}]})
    assert lsp.diagnostics(path.as_uri(), version=2) == []
