"""The model's closed sets of values, as str-valued enums."""

from __future__ import annotations

import enum


class _StrValued(str, enum.Enum):
    """A str-valued enum that prints, formats and serialises as its value (like 3.11's StrEnum,
    which 3.10 lacks): JSON output and comparisons with the strings stay as they were."""

    __str__ = str.__str__
    __format__ = str.__format__


class CellProblem(_StrValued):
    """Why a cell is not a plain number (``Cell.problem``)."""

    TEXT = "text"  # not a number at all: no value
    NEGATIVE = "negative"  # "-3": the value, but a count is never negative
    DECIMAL = "decimal"  # a decimal where a count belongs (rules tell; cells never carry it)
    UNIT = "unit"  # "22件": the number, with a unit after it
    NOTE = "note"  # "22（其中修订16件）": the number, with a note after it
    PLACEHOLDER = "placeholder"  # "-", "/", "无": nothing written, a blank


class ReportFormat(_StrValued):
    """The format version of a report (spec §6)."""

    V2021 = "2021"  # 国办公开办函〔2021〕30号
    V2019 = "2019"  # the trial format of 国办公开办函〔2019〕60号
