"""Hostile web pages (issue 18): each finishes and is reported; positions stay exact.

No timing is asserted: a subprocess ``timeout`` only guards against a hang (the standard
library's tokenizer took minutes on 1 MB of ``<a ``); bench/hostile.py prints the figures.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from cli_helpers import SEED_GIP206

from gip_lint.readers.html_reader import build_tree, read_html
from gip_lint.readers.layout import Segment

MB = 1_500_000
HOSTILE = {
    "a.html": b"<a " * (MB // 3),
    "comment.html": b"<!--" * (MB // 4),
    "cdata.html": b"<![CDATA[" * (MB // 9),
    "bang.html": b"<!" * (MB // 2),
    "endtag.html": b"</" * (MB // 2),
    "charref.html": b"&#" * (MB // 2) + b";",
    "quote.html": b'<a b="' + b"x>" * (MB // 2),
    "nesting.html": b"<div>" * (MB // 5),
    "attribute.html": b'<p title="' + b"x" * MB + b'">text</p>',
    "line.html": "<td>正文</td>".encode() * (MB // 16),
}
NOT_A_REPORT = "GIP002 不是政府信息公开工作年度报告"


@pytest.mark.parametrize("jobs", ["1", "2"])  # in-process, and in worker processes (11 files)
def test_every_hostile_page_is_linted_and_the_report_after_them_too(tmp_path, jobs):
    for name, data in HOSTILE.items():
        (tmp_path / name).write_bytes(data)
    report = tmp_path / "z-report.txt"
    report.write_bytes(SEED_GIP206.read_bytes())
    # --time-limit 0: this test is about the reader finishing (the hang guard below), not about
    # the time limit, which a busy machine could hit on a 1.5 MB page (tests/test_hostile_time.py).
    done = subprocess.run([sys.executable, "-m", "gip_lint", "check", "-j", jobs, "--time-limit", "0", "--no-summary",
                           str(tmp_path)],
                          capture_output=True, text=True, timeout=120)  # a hang guard, not a speed test
    assert done.returncode == 1 and done.stderr == ""
    lines = done.stdout.splitlines()
    where = {"attribute.html": f"1:{HOSTILE['attribute.html'].index(b'text') + 1}", "line.html": "1:5"}  # first text
    assert [line.split("：")[0] for line in lines] == sorted(
        f"{tmp_path / name}:{where.get(name, '1:1')}: {NOT_A_REPORT}" for name in HOSTILE) + [
        f"{report}:66:27: GIP206 " + lines[-1].split(" GIP206 ", 1)[1].split("：")[0]]


def _texts(node) -> list[tuple[str, int, int]]:
    out, pending = [], [node]
    while pending:
        item = pending.pop()
        if isinstance(item, Segment):
            out.append((item.text, item.line, item.column))
        else:
            pending.extend(reversed(item.children))
    return out


def test_an_unclosed_comment_hides_the_rest_as_in_browsers():
    page = "<p>一、总体情况</p>\n<p>正文</p><!-- <p>二、主动公开</p>\n<p>三</p>"
    assert read_html(page.encode(), "t.html").text == "一、总体情况\n\n正文\n\n"


def test_a_tag_left_open_at_the_end_is_dropped_and_a_stray_lt_is_text():
    assert _texts(build_tree("<p>a < b</p>\n<p>c<d e='f")) == [("a < b", 1, 4), ("\n", 2, 1), ("c", 2, 4)]


def test_text_after_a_long_attribute_and_references_keeps_its_position():
    page = '<p title="' + "x" * 100_000 + '">\n  甲&nbsp;乙&#20013;&unknown;</p>'
    assert _texts(build_tree(page)) == [("\n", 2, 1), ("  甲", 2, 1), ("\xa0", 2, 4), ("乙", 2, 10),
                                         ("中", 2, 11), ("&unknown;", 2, 19)]


def test_script_content_is_raw_text_up_to_its_end_tag():
    root = build_tree("<script>if (a<b) x='</p>'</SCRIPT ><p>正文</p>")
    script, paragraph = root.children
    assert (script.tag, _texts(script), paragraph.tag, _texts(paragraph)) == (
        "script", [("if (a<b) x='</p>'", 1, 9)], "p", [("正文", 1, 39)])


@pytest.mark.parametrize("page, attrs", [
    ("<td rowspan=2 colspan='3' hidden/>", {"rowspan": "2", "colspan": "3", "hidden": ""}),
    ('<TD STYLE="a&amp;b" x=1 x=2>', {"style": "a&b", "x": "1"}),
    ("<td a = b / >", {"a": "b"}),
])
def test_attributes_are_read_as_browsers_read_them(page, attrs):
    assert build_tree(page).children[0].attrs == attrs


def test_a_header_row_shorter_than_the_value_columns_is_not_aligned_and_does_not_crash():
    """Value cells that start beyond the end of a short header row (mutated or hand-made pages):
    the header stays where it is — never an IndexError, which made the whole page a GIP001."""
    page = ("<html><body><p>x</p><table><tr><td>信息内容</td><td>本年制发件数</td></tr>"
            "<tr><td colspan=2>规章</td><td>1</td></tr><tr><td colspan=2>行政规范性文件</td><td>2</td></tr>"
            "</table></body></html>")
    source = read_html(page.encode(), "a.html")
    assert "\n信息内容\t本年制发件数\n规章\t\t1\n行政规范性文件\t\t2\n" in source.original
