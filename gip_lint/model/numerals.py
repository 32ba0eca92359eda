"""Chinese numerals, both ways: the one place that knows 一 … 九十九, 〇/零, and years in digits.

Reports number their headings (一、… 十、), sub-headings （一）, enumerations (一是 … 十二是),
write dates in Chinese (二〇二四年一月十八日), and Word renders list numbers in Chinese.
"""

from __future__ import annotations

from typing import Optional

DIGITS = "〇一二三四五六七八九"
_DIGIT_VALUES = {c: i for i, c in enumerate(DIGITS)} | {"零": 0, "○": 0}


def numeral_value(text: str) -> Optional[int]:
    """一 → 1, 十 → 10, 十一 → 11, 二十 → 20, 三十一 → 31; Arabic digits as themselves.

    None for anything else (a numeral over 99, a stray character).
    """
    if text.isdigit():
        return int(text)
    tens, ten, units = text.partition("十")
    if not ten:
        return _DIGIT_VALUES.get(text) if len(text) == 1 else None
    tens_value = _DIGIT_VALUES.get(tens, -1) if tens else 1
    units_value = _DIGIT_VALUES.get(units, -1) if units else 0
    if tens_value < 1 or units_value < 0 or len(units) > 1:
        return None
    return tens_value * 10 + units_value


def year_value(text: str) -> Optional[int]:
    """A year written in digits or digit by digit in Chinese ("二〇二四"); None unless four digits."""
    if text.isdigit():
        return int(text)
    digits = [_DIGIT_VALUES[c] for c in text if c in _DIGIT_VALUES]
    return int("".join(map(str, digits))) if len(digits) == 4 else None


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (as Word counts its list items)."""
    if number <= 0:
        return str(number)
    if number < 10:
        return DIGITS[number]
    if number < 20:
        return "十" + (DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return DIGITS[number // 10] + "十" + (DIGITS[number % 10] if number % 10 else "")
    if number < 1000:
        rest = number % 100
        if not rest:
            tail = ""
        elif rest < 10:
            tail = "零" + chinese_numeral(rest)
        else:
            tail = ("一" if rest < 20 else "") + chinese_numeral(rest)
        return DIGITS[number // 100] + "百" + tail
    return str(number)


def chinese_digits(number: int) -> str:
    """2024 → 二〇二四: digit by digit, as years are written."""
    return "".join(DIGITS[int(d)] for d in str(number))
