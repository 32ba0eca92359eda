"""A row whose label is missing or unreadable under a merged label, in a web page or a Word
file (where the label above spans the row by rowspan/vMerge): GIP003 on the row's own line —
the line where its own cells are, which a wrong number in the same row is reported on too."""

from __future__ import annotations

import pytest
from cli_helpers import SEED_CLEAN
from renderings import render_docx, render_html

from gip_lint.testing import lint_file

ROW = "\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1"
RENDER = {"a.html": lambda text: render_html(text, "flat").data, "a.docx": lambda text: render_docx(text, "flat").data}


def _lint(tmp_path, name, row):
    text = SEED_CLEAN.read_text(encoding="utf-8")
    assert ROW in text
    path = tmp_path / name
    path.write_bytes(RENDER[name](text.replace(ROW, row)))
    return [(d.code, d.line, d.column) for d in lint_file(path, select=["GIP0", "GIP2", "GIP5"])]


@pytest.mark.parametrize("name", sorted(RENDER))
@pytest.mark.parametrize("label", ["", "？？？"])
def test_an_unplaced_row_is_gip003_on_its_own_line(tmp_path, name, label):
    # Where the row's own cells are: a wrong total of the intact row is reported there.
    reference = _lint(tmp_path, name, ROW[:-1] + "2")
    reference = [r for r in reference if r[0] != "GIP501"]  # (the prose's 不予公开 1 against the row's 2)
    assert [code for code, *_ in reference] == ["GIP202", "GIP203"]
    total_line = reference[0][1]  # the row's last cell
    found = _lint(tmp_path, name, f"\t\t{label}\t1\t0\t0\t0\t0\t0\t1")
    assert [code for code, *_ in found] == ["GIP003"]
    line = found[0][1]
    if name.endswith(".docx"):  # a Word table row is one position line
        assert line == total_line
    else:  # one <TD> a line: among the row's own eight cells, not at the rowspan label above
        assert total_line - 7 <= line <= total_line
