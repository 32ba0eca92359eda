"""Read a table cell's text as a number, saying exactly how it deviates from a plain one."""

from __future__ import annotations

import functools
import re

from gip_lint.model.document import Cell, CellProblem, RawCell, make_cell

#: A cell written as a plain number, nothing else ("12", "3.5").
PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_NEGATIVE = re.compile(r"^-\s*\d+(\.\d+)?$")
# "+2": the 2019 trial format's 本年增/减 column writes increases with their sign.
_PLUS = re.compile(r"^\+\s*(\d+(\.\d+)?)$")
_WITH_UNIT = re.compile(r"^(\d+(?:\.\d+)?)\s*(件|条|个|项|次|份|人次|万元|元|篇)$")
_WITH_NOTE = re.compile(r"^(\d+(?:\.\d+)?)\s*[(（\[【].*$")
# Cells that stand for "nothing written": dashes, slashes, 无.
_PLACEHOLDER = re.compile(r"^(-+|/|\\|无|空|——|－+|—+)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(\D|$))")
_ENUMERATED = re.compile(r"^\d+[.、]\D")
_DECIMAL = re.compile(r"^\d+\.\d")


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def read_cell(raw: RawCell) -> Cell:
    """Turn a raw cell into a :class:`Cell`; never raises."""
    value, problem = _reading(raw.text)
    return make_cell(raw.raw, value, raw.line, raw.column, problem)


def read_cells(raws) -> list[Cell]:
    """:func:`read_cell` of each raw cell, in one call (table 三 reads some 175 cells a report)."""
    made = []
    for raw in raws:
        value, problem = _reading(raw.text)
        made.append(make_cell(raw.raw, value, raw.line, raw.column, problem))
    return made


@functools.lru_cache(maxsize=4096)  # cell texts ("0", "1", "") repeat endlessly; bounded: memory stays flat
def _reading(text: str) -> tuple:
    """(value, problem) of a cell's text."""
    text = _THOUSANDS.sub("", text.replace(" ", ""))
    if text == "":
        return None, None
    if PLAIN_NUMBER.match(text):
        return _number(text), None
    if _PLACEHOLDER.match(text):
        return None, CellProblem.PLACEHOLDER
    match = _PLUS.match(text)
    if match:
        return _number(match.group(1)), None
    if _NEGATIVE.match(text):
        return -_number(text.lstrip("-").strip()), CellProblem.NEGATIVE
    match = _WITH_UNIT.match(text)
    if match:
        return _number(match.group(1)), CellProblem.UNIT
    match = _WITH_NOTE.match(text)
    if match:
        return _number(match.group(1)), CellProblem.NOTE
    return None, CellProblem.TEXT


def is_value_like(raw: RawCell) -> bool:
    """A cell that holds (or should hold) a number, as opposed to a row label."""
    return is_value_text(raw.text)


@functools.lru_cache(maxsize=4096)  # asked of every cell of every row, often twice: labels and numbers repeat
def is_value_text(text: str) -> bool:
    """:func:`is_value_like` of a cell's text."""
    squeezed = text.replace(" ", "")
    if squeezed == "":
        return True
    if _ENUMERATED.match(squeezed) and not _DECIMAL.match(squeezed):
        return False  # "1.属于国家秘密": an enumerated label
    return _reading(text)[1] is not CellProblem.TEXT  # read_cell(raw).problem, without making the Cell
