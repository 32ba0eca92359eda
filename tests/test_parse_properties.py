"""Property tests of the reader, grammar and model: generated reports parse back exactly."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gip_lint
from gip_lint.testing.strategies import layouts, reports
from gip_lint.testing.synth import expected_tables, render

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_same_model(report, synth):
    data = report.to_json_dict()
    assert data["tables"] == expected_tables(synth)
    assert (data["organ"], data["year"], data["format"]) == (synth.organ, synth.year, "2021")
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]
    assert data["parse_problems"] == []


@PROPERTY
@given(reports(), layouts())
def test_rendered_reports_parse_back_to_the_same_model(synth, layout):
    rendered = render(synth, layout)
    _assert_same_model(gip_lint.parse(rendered.text), synth)


@PROPERTY
@given(reports(), layouts())
def test_cells_point_at_their_text(synth, layout):
    rendered = render(synth, layout)
    report = gip_lint.parse(rendered.text)
    for (table, key, column), (line, col) in rendered.cells.items():
        if table == "三":
            cell = report.applications.rows[key][column]
        elif table == "四":
            cell = report.review_litigation.groups[key][column]
        else:
            cell = report.active.cell(key, column)
        assert (cell.line, cell.column) == (line, col), (table, key, column)


@PROPERTY
@given(reports(), layouts(), st.sampled_from(("gb18030", "utf-8-sig", "utf-8")))
def test_encodings_decode_to_the_same_model(synth, layout, encoding):
    data = render(synth, layout).text.encode(encoding)
    _assert_same_model(gip_lint.parse(data), synth)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    # parse() takes a one-line str naming an existing file as its path (documented): hypothesis
    # once drew "pyproject.toml", which exists where the tests run.
    assume(not os.path.isfile(text))
    report = gip_lint.parse(text)
    assert report.path == "<string>"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["一、总体情况", "三、收到和处理政府信息公开申请情况", "\t", "一、本年新收政府信息公开申请数量",
                                 "(七) 总计", "1", "0", "|", " ", "\n", "(三) 不予公开", "行政复议", "结果维持", "信息内容",
                                 "第二十条第（一）项", "2023年", "-", "四、结转下年度继续办理"]), max_size=80))
def test_report_shaped_noise_never_raises(parts):
    from gip_lint.testing import lint_text

    diagnostics = lint_text("".join(parts))
    assert all(d.code != "GIP999" for d in diagnostics)
