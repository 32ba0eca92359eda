"""Word's automatic list numbers ("一、", "（一）", "1.") that a paragraph's text does not contain.

A heading typed as "总体情况" with the numbering "一、" applied by Word reads "一、总体情况" on
screen; python-docx gives only "总体情况".  This module renders the number the way Word does:
the paragraph's ``numPr`` (direct or from its style) names a list and a level; the list's
abstract definition gives each level's start, format and text pattern ("%1、"); counters run
per abstract list, and a level's counter restarts when a higher level advances.
"""

from __future__ import annotations

from typing import Optional

from gip_lint.model.numerals import chinese_digits, chinese_numeral

# Word's list numbers in Chinese are the model's numerals (one implementation for both ways).
chinese = chinese_numeral


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else str(number)


def format_number(number: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting", "ideographTraditional"):
        return chinese(number)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return chinese_digits(number)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(number))
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + number - 1) if 1 <= number <= 20 else str(number)
    if fmt in ("bullet", "none"):
        return ""
    return str(number)


class Numbering:
    """Renders list numbers for the paragraphs of one document, in reading order."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self.lists: dict[str, str] = {}  # numId → abstractNumId
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}  # abstract → ilvl → (start, fmt, text, suffix)
        self.overrides: dict[str, dict[int, int]] = {}  # numId → ilvl → start
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: no automatic numbers
            return
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl")))] = (
                    _int(_val(lvl, "w:start", qn), 1), _val(lvl, "w:numFmt", qn) or "decimal",
                    _val(lvl, "w:lvlText", qn) or "", _val(lvl, "w:suff", qn) or "tab")
            self.levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            self.lists[num_id] = _val(num, "w:abstractNumId", qn) or ""
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride", qn)
                if start is not None:
                    self.overrides.setdefault(num_id, {})[_int(override.get(qn("w:ilvl")))] = _int(start, 1)

    def prefix(self, p_element, style_element) -> str:
        """The number Word shows before this paragraph ("" when it has none)."""
        num_id, level = self._num_pr(p_element, style_element)
        if num_id is None or num_id == "0" or num_id not in self.lists:
            return ""
        abstract = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        start = self.overrides.get(num_id, {}).get(level)
        if start is not None and (num_id, level) not in self.started:
            counters[level] = start - 1
        self.started.add((num_id, level))
        counters[level] = counters.get(level, levels[level][0] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        _, fmt, pattern, suffix = levels[level]
        if fmt == "bullet":
            return ""
        text = pattern
        for k in range(9):
            if f"%{k + 1}" in text:
                value = counters.get(k, levels.get(k, (1, "decimal", "", ""))[0])
                text = text.replace(f"%{k + 1}", format_number(value, levels.get(k, (1, fmt))[1]))
        return text + ("" if suffix == "nothing" or not text else " ")

    def _num_pr(self, p_element, style_element) -> tuple[Optional[str], int]:
        qn = self._qn
        for owner in (p_element, style_element):
            if owner is None:
                continue
            ppr = owner.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is not None:
                num_id = _val(num_pr, "w:numId", qn)
                if num_id is not None:
                    return num_id, _int(_val(num_pr, "w:ilvl", qn), 0)
        return None, 0


def _val(element, tag: str, qn) -> Optional[str]:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _int(text, default: int = 0) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default
