"""Property tests of the rules: valid reports are clean, one fault gives exactly its diagnostics."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gip_lint.model.labels import APPLICATION_ROWS_2021, OUTCOME_ROWS, REVIEW_GROUPS
from gip_lint.testing import lint_text
from gip_lint.testing.strategies import layouts, reports
from gip_lint.testing.synth import Layout, render, with_cell

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILTIN = ["GIP0", "GIP1", "GIP2", "GIP3", "GIP4"]


def identities_of(table: str, key: str) -> set[str]:
    """The identities (as codes) a cell of this row takes part in."""
    if table == "四":
        return {"GIP204"}
    codes = {"GIP202"}
    if key in ("一", "二", "三(七)", "四"):
        codes.add("GIP201")
    if key in OUTCOME_ROWS["2021"] or key == "三(七)":
        codes.add("GIP203")
    return codes


@PROPERTY
@given(reports(), layouts())
def test_valid_reports_are_clean(synth, layout):
    assert lint_text(render(synth, layout).text, select=BUILTIN) == []


@PROPERTY
@given(reports(), layouts(), st.data())
def test_one_wrong_cell_fires_exactly_its_identities_at_that_cell(synth, layout, data):
    table = data.draw(st.sampled_from(("三", "四")))
    if table == "三":
        key = data.draw(st.sampled_from(APPLICATION_ROWS_2021))
        column = data.draw(st.integers(0, 6))
        old = synth.applications[key][column]
    else:
        key = data.draw(st.sampled_from(REVIEW_GROUPS))
        column = data.draw(st.integers(0, 4))
        old = synth.review[key][column]
    new = data.draw(st.integers(0, 500).filter(lambda v: v != old))
    rendered = render(with_cell(synth, table, key, column, new), layout)
    found = lint_text(rendered.text, select=BUILTIN)
    assert sorted(d.code for d in found) == sorted(identities_of(table, key))
    line, col = rendered.cells[(table, key, column)]
    total_col = rendered.cells[(table, key, 4)][1] if table == "四" else col
    assert {(d.line, d.column) for d in found} == {(line, total_col)}


SECTION_NAMES = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}


@PROPERTY
@given(reports(), st.integers(1, 6))
def test_deleting_a_section_fires_exactly_its_code(synth, number):
    order = tuple(n for n in range(1, 7) if n != number)
    rendered = render(synth, Layout(order=order))
    found = lint_text(rendered.text, select=BUILTIN)
    if number == 6:
        assert [d.code for d in found] == ["GIP302"]
    else:
        assert [d.code for d in found] == ["GIP101"]
        # reported where the section should have begun: the next section's heading
        assert found[0].line == rendered.headings[number + 1]
        # the tables of a deleted section 二/三/四 go with it, but only GIP101 is reported


@PROPERTY
@given(reports(), st.integers(1, 5))
def test_swapping_two_sections_fires_exactly_one_order_diagnostic(synth, first):
    order = list(range(1, 7))
    order[first - 1], order[first] = order[first], order[first - 1]
    rendered = render(synth, Layout(order=tuple(order)))
    found = lint_text(rendered.text, select=BUILTIN)
    assert [(d.code, d.line) for d in found] == [("GIP102", rendered.headings[first])]


@PROPERTY
@given(reports(), st.booleans())
def test_removing_the_fee_sentence_fires_gip301(synth, inline):
    rendered = render(synth, Layout(fee=False, inline_section_six=inline))
    found = lint_text(rendered.text, select=BUILTIN)
    assert [(d.code, d.line) for d in found] == [("GIP301", rendered.headings[6])]


@PROPERTY
@given(reports(), st.integers(-3, 3).filter(bool), st.booleans())
def test_changing_the_title_year_fires_gip401(synth, shift, spaced):
    rendered = render(synth, Layout(title_year=synth.year + shift, spaced_title=spaced))
    found = lint_text(rendered.text, select=BUILTIN)
    assert [(d.code, d.line) for d in found] == [("GIP401", rendered.title_line)]
    assert str(synth.year + shift) in found[0].message and str(synth.year) in found[0].message


@PROPERTY
@given(st.one_of(st.text(max_size=12), st.sampled_from(["", " ", "-", "--", "/", "\\", "无", "空", "——", "－", "—", "0", "1.5"])))
def test_a_blank_cell_has_no_value(text):
    """GIP206 asks ``is_blank`` only of cells without a value (Cell's contract): hold the model to it."""
    from gip_lint.model.cells import read_cell
    from gip_lint.model.document import RawCell, Row
    from gip_lint.model.tables import blank_after
    from gip_lint.source import normalise

    raw = text.strip()
    cell = read_cell(RawCell(normalise(raw).strip(), raw, 1, 1))
    assert cell.value is None or not cell.is_blank
    assert blank_after(Row((RawCell(normalise(raw), raw, 1, 1),), 1)).value is None
