"""No prose rule reads table labels as prose: GIP5xx find on a seed's tables, rendered as PDF
and web conversions print them, exactly what they find on the seed itself (nothing there).

The layouts: one cell per line; each row's labels on lines of their own, then its numbers on
one line; the same with the numbers line *before* its labels (PDF text order); cells separated
by spaces.  A table gip-lint cannot read in such a layout is GIP003 — never a prose finding,
and never a table finding made up from rows it misplaced.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gip_lint.testing import lint_text
from gip_lint.testing.strategies import reports
from gip_lint.testing.synth import Layout, render

NUMBER = re.compile(r"[\d.]+")


def relaid(text: str, layout: str) -> str:
    out = []
    for line in text.split("\n"):
        if "\t" not in line and "|" not in line:
            out.append(line)
            continue
        cells = [c.strip() for c in re.split(r"\t|\|", line) if c.strip() and not set(c.strip()) <= set("-")]
        labels = [c for c in cells if not NUMBER.fullmatch(c)]
        numbers = [c for c in cells if NUMBER.fullmatch(c)]
        if layout == "cell-per-line":
            out.extend(cells)
        elif layout == "labels-then-numbers":
            out.extend(labels + ([" ".join(numbers)] if numbers else []))
        elif layout == "numbers-then-labels":
            out.extend(([" ".join(numbers)] if numbers else []) + labels)
        else:  # spaces
            out.append(" ".join(cells))
    return "\n".join(out)


LAYOUTS = ("cell-per-line", "labels-then-numbers", "numbers-then-labels", "spaces")


def _prose_and_tables(text: str):
    return [(d.code, d.message) for d in lint_text(text, select=["GIP2", "GIP5"])]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_tables_in_conversion_layouts_give_no_prose_or_table_findings(seeds, seed, layout):
    text = seeds[seed].read_text(encoding="utf-8")
    expected = [(code, message) for code, message in _prose_and_tables(text) if code.startswith("GIP5")]
    found = _prose_and_tables(relaid(text, layout))
    # GIP206 may come and go with what a layout lets gip-lint read; nothing else may appear.
    assert [f for f in found if f[0] != "GIP206"] == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from(("seed", "markdown", "web")), st.sampled_from(LAYOUTS))
def test_valid_synthetic_reports_stay_clean_in_conversion_layouts(synth, style, layout):
    text = relaid(render(synth, Layout(style=style)).text, layout)
    found = lint_text(text, select=["GIP2", "GIP5"])
    assert [d.code for d in found if d.code != "GIP206"] == []


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_labels_then_numbers_reads_tables_three_and_four_as_the_seed(seeds, seed):
    import gip_lint

    text = seeds[seed].read_text(encoding="utf-8")
    original, variant = gip_lint.parse(text), gip_lint.parse(relaid(text, "labels-then-numbers"))

    def values(table, rows):
        return {key: [c.value if c else None for c in cells] for key, cells in rows(table).items()}

    assert values(variant.review_litigation, lambda t: t.groups) == values(original.review_litigation, lambda t: t.groups)
    # A blank cell leaves no trace in a line of numbers: its row cannot be read (seed 001's 四).
    rows = {key: cells for key, cells in values(original.applications, lambda t: t.rows).items() if None not in cells}
    assert {key: cells for key, cells in values(variant.applications, lambda t: t.rows).items() if key in rows} == rows


def test_group_labels_out_of_order_in_pdf_text_are_no_enumeration(seeds):
    """PDF text order puts a merged label where its cell's middle is: "(七) 总计" after "(四)"
    (seen in a real report's pdftotext output). Table labels are no enumerated prose points."""
    lines = relaid(seeds["000"].read_text(encoding="utf-8"), "cell-per-line").split("\n")
    total = next(i for i, line in enumerate(lines) if line.startswith("(七)"))
    moved = lines.pop(total)
    lines.insert(next(i for i, line in enumerate(lines) if line.startswith("(四)")) + 1, moved)
    text = "\n".join(lines)
    assert [d.code for d in lint_text(text, select=["GIP5"])] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from(("seed", "compact", "web")), st.integers(0, 23), st.integers(1, 3))
def test_a_header_repeated_mid_table_reads_as_the_table_without_it(synth, style, after, header_lines):
    """A page break of the source repeats table 三's header (all of it, or its first lines)
    after any data row: the same table, no finding, never a 三(七) taken from the header."""
    from gip_lint.api import parse
    from gip_lint.model.labels import APPLICATION_ROWS_2021

    rendered = render(synth, Layout(style=style))
    lines = rendered.text.split("\n")
    first_row = rendered.cells[("三", "一", 0)][0]
    header = lines[first_row - 4:first_row - 1][:header_lines]
    assert "勾稽关系" in header[0]
    row_line = rendered.cells[("三", APPLICATION_ROWS_2021[after], 0)][0]
    text = "\n".join(lines[:row_line] + header + lines[row_line:])
    original, variant = parse(rendered.text), parse(text)
    assert _values(variant) == _values(original)  # (positions below the insertion move down)
    assert [d.code for d in lint_text(text, select=["GIP0", "GIP1", "GIP2"])] == []


def _values(report):
    return {key: [c.value if c else None for c in cells] for key, cells in report.applications.rows.items()}


TYPO_ROWS = [key for key in ("三(三)1", "三(三)2", "三(三)3", "三(三)4", "三(三)5", "三(三)6", "三(三)7", "三(三)8",
                             "三(四)1", "三(四)2", "三(四)3", "三(五)1", "三(五)3", "三(五)4", "三(五)5")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from(("seed", "compact", "markdown", "web")), st.sampled_from(TYPO_ROWS), st.data())
def test_a_label_with_one_wrong_character_is_placed_between_its_neighbours(synth, style, key, data):
    from gip_lint.api import parse
    from gip_lint.testing.synth import ROW_LABELS

    rendered = render(synth, Layout(style=style))
    label = ROW_LABELS[key][1]
    at = data.draw(st.integers(2, len(label) - 1))  # a character of the words, after "N."
    wrong = data.draw(st.sampled_from("叁壹犇盖蜜").filter(lambda c: c != label[at]))
    typo = label[:at] + wrong + label[at + 1:]
    line = rendered.cells[("三", key, 0)][0] - 1
    lines = rendered.text.split("\n")
    assert label in lines[line]
    lines[line] = lines[line].replace(label, typo, 1)
    text = "\n".join(lines)
    assert _values(parse(text)) == _values(parse(rendered.text))
    assert [d.code for d in lint_text(text, select=["GIP0", "GIP1", "GIP2"])] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from(("seed", "compact", "web")), st.sampled_from(TYPO_ROWS + ["三(五)2", "三(六)3"]))
def test_a_row_number_in_a_cell_of_its_own_is_no_value(synth, style, key):
    """"4." then "保护第三方合法权益" in two cells (a numbering column): the same row, no value."""
    from gip_lint.api import parse
    from gip_lint.testing.synth import ROW_LABELS

    rendered = render(synth, Layout(style=style))
    label = ROW_LABELS[key][1]
    number, words = label.split(".", 1)
    separator = " | " if style == "web" else "\t"
    line = rendered.cells[("三", key, 0)][0] - 1
    lines = rendered.text.split("\n")
    lines[line] = lines[line].replace(label, f"{number}.{separator}{words}", 1)
    text = "\n".join(lines)
    assert _values(parse(text)) == _values(parse(rendered.text))
    assert [d.code for d in lint_text(text, select=["GIP0", "GIP1", "GIP2"])] == []
