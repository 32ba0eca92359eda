"""Property tests of blank cells as unknown non-negative counts (GIP201–GIP206) and of the
values the arithmetic findings suggest.

The oracle is written here, apart from the rules: an identity is broken iff no completion of
its blanks by non-negative integers makes its two sides equal, found by search over the sums
the blanks of each side can take (any sum from 0 up to every known number of the identity is
enough: a blank never needs to exceed the other side).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gip_lint.model.labels import APPLICATION_ROWS_2021, OUTCOME_ROWS, REVIEW_GROUPS
from gip_lint.testing import lint_text
from gip_lint.testing.strategies import reports
from gip_lint.testing.synth import Layout, render, with_cell

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODES = {"A1": "GIP201", "A2": "GIP202", "A3": "GIP203", "A4": "GIP204"}
STYLES = st.sampled_from(("seed", "compact", "markdown", "web"))


def identities(synth) -> list[tuple[str, list, list]]:
    """(code, left cells, right cells) of every identity, cells named (table, key, column)."""
    found = []
    outcomes = OUTCOME_ROWS["2021"]
    for c in range(7):
        found.append(("GIP201", [("三", "一", c), ("三", "二", c)], [("三", "三(七)", c), ("三", "四", c)]))
        found.append(("GIP203", [("三", "三(七)", c)], [("三", k, c) for k in outcomes]))
    for key in APPLICATION_ROWS_2021:
        found.append(("GIP202", [("三", key, 6)], [("三", key, c) for c in range(6)]))
    for group in REVIEW_GROUPS:
        found.append(("GIP204", [("四", group, 4)], [("四", group, c) for c in range(4)]))
    return found


def value(synth, name):
    table, key, column = name
    return (synth.applications if table == "三" else synth.review)[key][column]


def satisfiable(synth, left, right) -> bool:
    known = [value(synth, n) for n in left + right if value(synth, n) is not None]
    bound = sum(known) + 1

    def sums(side):
        fixed = sum(value(synth, n) for n in side if value(synth, n) is not None)
        blank = any(value(synth, n) is None for n in side)
        return {fixed + extra for extra in (range(bound) if blank else (0,))}

    return bool(sums(left) & sums(right))


def changed(synth, faults):
    for (table, key, column), new in faults:
        synth = with_cell(synth, table, key, column, new)
    return synth


def blankable(style):
    """Cells a layout can show blank unambiguously.  In the published pages' shapes ("seed",
    "web") padding cells stand before and after the numbers, so a blank first or last number
    of a row could be either padding or the cell (which one is GIP003's or GIP206's call, not
    this property's): those layouts blank inner cells only."""
    if style in ("compact", "markdown"):
        return CELL
    return st.one_of(
        st.tuples(st.just("三"), st.sampled_from(APPLICATION_ROWS_2021), st.integers(1, 5)),
        st.tuples(st.just("四"), st.sampled_from(REVIEW_GROUPS), st.integers(1, 3)),
    )


CELL = st.one_of(
    st.tuples(st.just("三"), st.sampled_from(APPLICATION_ROWS_2021), st.integers(0, 6)),
    st.tuples(st.just("四"), st.sampled_from(REVIEW_GROUPS), st.integers(0, 4)),
)


@PROPERTY
@given(reports(), STYLES, st.lists(st.tuples(CELL, st.integers(0, 30)), max_size=2), st.data())
def test_a_finding_is_reported_iff_no_completion_of_the_blanks_satisfies_the_identity(synth, style, faults, data):
    blanks = data.draw(st.lists(blankable(style), min_size=1, max_size=4, unique=True))
    synth = changed(synth, faults)
    synth = changed(synth, [(name, None) for name in blanks])
    rendered = render(synth, Layout(style=style))
    found = lint_text(rendered.text, select=["GIP201", "GIP202", "GIP203", "GIP204"])
    expected = sorted(code for code, left, right in identities(synth) if not satisfiable(synth, left, right))
    assert sorted(d.code for d in found) == expected
    known_positions = {rendered.cells[n] for n in rendered.cells
                       if n[0] in "三四" and value(synth, n) is not None}
    for d in found:
        assert (d.line, d.column) in known_positions  # a known cell: a blank is never blamed
    if not faults:  # the true values complete the blanks: nothing is proven wrong
        assert found == []


@PROPERTY
@given(reports(), STYLES, st.data())
def test_blanks_of_a_valid_report_are_one_gip206_per_row(synth, style, data):
    blanks = data.draw(st.lists(blankable(style), min_size=1, max_size=4, unique=True))
    synth = changed(synth, [(name, None) for name in blanks])
    rendered = render(synth, Layout(style=style))
    found = lint_text(rendered.text, select=["GIP2"])
    rows = {}
    for name in blanks:
        rows.setdefault(name[:2], []).append(rendered.cells[name])
    assert sorted(d.code for d in found) == ["GIP206"] * len(rows)
    expected = {min(cells) for cells in rows.values()}
    if style == "markdown":  # an empty "|  |" cell is placed at either of its two spaces
        assert {d.line for d in found} == {line for line, _ in expected}
        assert all(any(line == d.line and column <= d.column <= column + 1 for line, column in expected)
                   for d in found)
    else:
        assert {(d.line, d.column) for d in found} == expected


@PROPERTY
@given(reports(), STYLES, st.lists(st.tuples(CELL, st.integers(0, 30)), min_size=1, max_size=3), st.data())
def test_a_suggestion_always_restores_a_changed_cell(synth, style, faults, data):
    blanks = data.draw(st.lists(blankable(style), max_size=2, unique=True))
    original = synth
    synth = changed(synth, faults)
    synth = changed(synth, [(name, None) for name in blanks if name not in dict(faults)])
    rendered = render(synth, Layout(style=style))
    at = {position: name for name, position in rendered.cells.items()}
    for d in lint_text(rendered.text, select=["GIP2"]):
        if d.suggestion is None:
            continue
        name = at[(d.line, d.column)]
        assert value(synth, name) != value(original, name)  # a cell that was changed
        assert d.suggestion.value == value(original, name)  # back to what it was
        assert f"应为 {d.suggestion.value}" in d.message


@PROPERTY
@given(reports(), STYLES, st.data())
def test_one_wrong_cell_of_table_three_is_named_with_its_value(synth, style, data):
    key = data.draw(st.sampled_from(APPLICATION_ROWS_2021))
    column = data.draw(st.integers(0, 6))
    old = synth.applications[key][column]
    new = data.draw(st.integers(0, 500).filter(lambda v: v != old))
    rendered = render(with_cell(synth, "三", key, column, new), Layout(style=style))
    found = lint_text(rendered.text, select=["GIP2"])
    assert len(found) >= 2 and {d.suggestion.value for d in found} == {old}
    assert {(d.line, d.column) for d in found} == {rendered.cells[("三", key, column)]}


@PROPERTY
@given(reports(), STYLES, st.sampled_from(REVIEW_GROUPS), st.integers(0, 4), st.integers(0, 500))
def test_a_lone_broken_identity_names_no_value(synth, style, group, column, new):
    """One wrong number of table 四 breaks only its group's total: any of five cells could be it."""
    rendered = render(with_cell(synth, "四", group, column, new), Layout(style=style))
    found = lint_text(rendered.text, select=["GIP2"])
    assert [d.code for d in found] == ([] if new == synth.review[group][column] else ["GIP204"])
    assert all(d.suggestion is None and "若只有这一个数填错" not in d.message for d in found)


# --- the prose against a row with blanks (GIP501) -----------------------------------------------

SEED = Path(__file__).parent.parent / "examples" / "reports" / "000_ebeabda19deaf4a2.txt"
DISCLOSED_ROW = "(一) 予以公开\t91\t0\t0\t0\t0\t0\t91"  # 三(二) is all 0: 予以公开 may only be 91
DISCLOSED_PROSE = "其中予以公开 91 项"


@settings(max_examples=60, deadline=None)
@given(st.sets(st.integers(0, 6)), st.integers(0, 200))
def test_prose_contradicts_a_row_with_blanks_iff_no_completion_gives_its_number(blank_columns, stated):
    text = SEED.read_text(encoding="utf-8")
    values = ["91", "0", "0", "0", "0", "0", "91"]
    cells = ["" if index in blank_columns else value for index, value in enumerate(values)]
    text = text.replace(DISCLOSED_ROW, "(一) 予以公开\t" + "\t".join(cells)).replace(
        DISCLOSED_PROSE, f"其中予以公开 {stated} 项")
    found = [d for d in lint_text(text, select=["GIP501"]) if "予以公开" in d.message]
    # The row's total is its 总计 cell; a blank 总计 is the sum of the six columns, each blank
    # one any count ≥ 0: a stated number is possible iff it is the total, or at least the
    # known columns' sum when the total is blank.
    if 6 in blank_columns:
        possible = stated >= sum(int(values[c]) for c in range(6) if c not in blank_columns)
    else:
        possible = stated == 91
    assert len(found) == (0 if possible else 1)


@PROPERTY
@given(reports(), STYLES, st.data())
def test_one_wrong_cell_with_blank_rows_elsewhere_is_still_named_with_its_value(synth, style, data):
    """Blanks in rows whose identities do not cross the wrong cell change nothing about it."""
    key = data.draw(st.sampled_from(APPLICATION_ROWS_2021[2:-2]))  # an outcome row
    column = data.draw(st.integers(1, 5))
    other = data.draw(st.sampled_from([k for k in OUTCOME_ROWS["2021"] if k != key]))
    blank_column = data.draw(st.sampled_from([c for c in range(1, 6) if c != column]))
    old = synth.applications[key][column]
    new = data.draw(st.integers(0, 500).filter(lambda v: v != old))
    synth = with_cell(with_cell(synth, "三", key, column, new), "三", other, blank_column, None)
    rendered = render(synth, Layout(style=style))
    found = lint_text(rendered.text, select=["GIP2"])
    wrong = [d for d in found if d.code != "GIP206"]
    # A2 of its row and A3 of its column (an outcome row takes no part in A1).
    assert sorted(d.code for d in wrong) == ["GIP202", "GIP203"]
    assert {(d.line, d.column) for d in wrong} == {rendered.cells[("三", key, column)]}
    assert {d.suggestion.value for d in wrong} == {old}
    blanks = [d for d in found if d.code == "GIP206"]
    blank_line, blank_at = rendered.cells[("三", other, blank_column)]
    # (an empty Markdown cell "|  |" is placed at either of its two spaces)
    assert [(d.line, d.column - (style == "markdown" and d.column == blank_at + 1)) for d in blanks] == [
        (blank_line, blank_at)]
