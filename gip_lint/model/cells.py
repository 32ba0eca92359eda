"""Read a table cell's text as a number, saying exactly how it deviates from a plain one."""

from __future__ import annotations

import re

from gip_lint.model.document import Cell, RawCell

_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_NEGATIVE = re.compile(r"^-\s*\d+(\.\d+)?$")
_WITH_UNIT = re.compile(r"^(\d+(?:\.\d+)?)\s*(件|条|个|项|次|份|人次|万元|元|篇)$")
_WITH_NOTE = re.compile(r"^(\d+(?:\.\d+)?)\s*[(（\[【].*$")
# Cells that stand for "nothing written": dashes, slashes, 无.
_PLACEHOLDER = re.compile(r"^(-+|/|\\|无|空|——|－+|—+)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(\D|$))")


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def read_cell(raw: RawCell) -> Cell:
    """Turn a raw cell into a :class:`Cell`; never raises."""
    text = _THOUSANDS.sub("", raw.text.replace(" ", ""))
    if text == "":
        return Cell(raw.raw, None, raw.line, raw.column)
    if _PLAIN.match(text):
        return Cell(raw.raw, _number(text), raw.line, raw.column)
    if _PLACEHOLDER.match(text):
        return Cell(raw.raw, None, raw.line, raw.column, "placeholder")
    if _NEGATIVE.match(text):
        return Cell(raw.raw, -_number(text.lstrip("-").strip()), raw.line, raw.column, "negative")
    match = _WITH_UNIT.match(text)
    if match:
        return Cell(raw.raw, _number(match.group(1)), raw.line, raw.column, "unit")
    match = _WITH_NOTE.match(text)
    if match:
        return Cell(raw.raw, _number(match.group(1)), raw.line, raw.column, "note")
    return Cell(raw.raw, None, raw.line, raw.column, "text")


def is_value_like(raw: RawCell) -> bool:
    """A cell that holds (or should hold) a number, as opposed to a row label."""
    text = raw.text.replace(" ", "")
    if text == "":
        return True
    if re.match(r"^\d+[.、]\D", text) and not re.match(r"^\d+\.\d", text):
        return False  # "1.属于国家秘密": an enumerated label
    cell = read_cell(raw)
    return cell.problem != "text"
