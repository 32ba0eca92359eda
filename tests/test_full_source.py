"""``--format full`` shows, for a Word file or a web page, the text the position refers to: the
row gip-lint read there, with the caret under the cell (not an unrelated line, not nothing)."""

from __future__ import annotations

import pytest
from cli_helpers import SEED_004, gip_lint
from renderings import render_docx, render_html

from gip_lint.formatters.full import _display

BROKEN_CELL = ("四、结转下年度继续办理\t\t2\t0", "四、结转下年度继续办理\t\t3\t0")
ROW = "四、结转下年度继续办理\t\t3\t0\t0\t0\t0\t0\t2"


def _broken_text() -> str:
    text = SEED_004.read_text(encoding="utf-8")
    assert BROKEN_CELL[0] in text
    return text.replace(*BROKEN_CELL)


@pytest.mark.parametrize("name, make", [
    ("a.docx", lambda text: render_docx(text).data),
    ("a.html", lambda text: render_html(text, "word").data),
    ("b.html", lambda text: render_html(text, "cms").data),
])
def test_full_shows_the_row_of_the_cell(tmp_path, capsys, name, make):
    path = tmp_path / name
    path.write_bytes(make(_broken_text()))
    code, out, _ = gip_lint(capsys, "check", "--isolated", "--format", "full", "--select", "GIP201", str(path))
    head, shown, caret = out.splitlines()
    assert code == 1 and head.startswith(f"{path}:") and " GIP201 " in head
    line = int(head[len(str(path)) + 1:].split(":")[0])
    gutter = f"{line:>5} | "
    assert shown.startswith(gutter)
    assert shown[len(gutter):].split() == ROW.split()  # the row as gip-lint read it
    # the caret stands under the 3 the user changed
    text = shown[len(gutter):]
    assert caret.index("^") - len(gutter) == _display(text)[1][text.index("3")]


def test_full_of_a_text_file_is_its_own_line(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(_broken_text(), encoding="utf-8")
    code, out, _ = gip_lint(capsys, "check", "--isolated", "--format", "full", "--select", "GIP201", str(path))
    assert code == 1 and out.splitlines()[1].rstrip() == "   75 | " + _display(ROW)[0]
