"""The document model's fast constructors make exactly what the attrs classes make."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gip_lint.model.document import Cell, CellProblem, RawCell, make_cell, make_raw_cell

_TEXT = st.text(max_size=8)
_INT = st.integers(min_value=1, max_value=10_000)
_VALUE = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False))
_PROBLEM = st.sampled_from([None, *CellProblem])


@given(text=_TEXT, raw=_TEXT, line=_INT, column=_INT)
def test_make_raw_cell_is_the_attrs_constructor(text, raw, line, column):
    fast, slow = make_raw_cell(text, raw, line, column), RawCell(text, raw, line, column)
    assert type(fast) is RawCell
    assert fast == slow and hash(fast) == hash(slow)
    assert attrs.asdict(fast) == {"text": text, "raw": raw, "line": line, "column": column}


@given(raw=_TEXT, value=_VALUE, line=_INT, column=_INT, problem=_PROBLEM)
def test_make_cell_is_the_attrs_constructor(raw, value, line, column, problem):
    fast, slow = make_cell(raw, value, line, column, problem), Cell(raw, value, line, column, problem)
    assert type(fast) is Cell
    assert fast == slow and hash(fast) == hash(slow)
    assert attrs.asdict(fast) == attrs.asdict(slow)
    assert make_cell(raw, value, line, column) == Cell(raw, value, line, column)


def test_the_fast_constructors_set_every_field():
    # A field added to RawCell or Cell must be added to its fast constructor too.
    assert [f.name for f in attrs.fields(RawCell)] == ["text", "raw", "line", "column"]
    assert [f.name for f in attrs.fields(Cell)] == ["raw", "value", "line", "column", "problem"]


@pytest.mark.parametrize("made", [make_raw_cell("a", "a", 1, 1), make_cell("1", 1, 1, 1)])
def test_what_the_fast_constructors_make_stays_frozen(made):
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.line = 2


def test_chinese_numerals_both_ways():
    from hypothesis import given, strategies as st

    from gip_lint.model.numerals import chinese_digits, chinese_numeral, numeral_value, year_value

    @given(st.integers(min_value=1, max_value=99))
    def round_trip(number):
        assert numeral_value(chinese_numeral(number)) == number

    round_trip()
    assert [numeral_value(t) for t in ("一", "十", "十一", "二十", "三十一", "7")] == [1, 10, 11, 20, 31, 7]
    assert [numeral_value(t) for t in ("", "百", "十十", "一二", "十一二")] == [None] * 5
    assert [year_value(t) for t in ("2024", "二〇二四", "二零二四", "二○二四", "二〇二")] == [2024] * 4 + [None]
    assert chinese_digits(2024) == "二〇二四" and chinese_numeral(105) == "一百零五"


def test_the_enums_are_their_strings_in_comparisons_formatting_and_json():
    import json
    import pickle

    from gip_lint.model.document import ReportFormat

    for member, text in ((CellProblem.TEXT, "text"), (ReportFormat.V2019, "2019")):
        assert member == text and hash(member) == hash(text)
        assert (str(member), f"{member}", json.dumps(member)) == (text, text, f'"{text}"')
        assert pickle.loads(pickle.dumps(member)) is member
    assert [p.value for p in CellProblem] == ["text", "negative", "decimal", "unit", "note", "placeholder"]
    assert {"2021": 1}[ReportFormat.V2021] == 1
