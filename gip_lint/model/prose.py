"""Which text lines of a section are prose: not the lines of a table the grammar saw as lines.

PDF and web conversions write a table as text lines (cells separated by spaces, one cell per
line); the prose rules must not read its labels and numbers as sentences.
"""

from __future__ import annotations

import re

# A line of a table as text: three numbers or more apart, a number alone (one cell per line,
# perhaps with its "|"), or a table's header words — and no sentence.
_NUMBER_TOKEN = re.compile(r"(?<![^\s|])\d+(?:\.\d+)?(?![^\s|])")
_LONE_NUMBER = re.compile(r"^\s*\|?\s*\d+(?:\.\d+)?\s*\|?\s*$")
_TABLE_WORDS = re.compile(r"勾稽关系|申请人情况|法人或其他组织|结果维持|结果纠正|尚未审结|本年制发件数|现行有效件数|"
                          r"本年处理决定数量|本年收费金额|信息内容")
_SENTENCE = re.compile(r"[。；;！？!?]")


def _table_line(text: str) -> bool:
    if _SENTENCE.search(text):
        return False
    return (_LONE_NUMBER.match(text) is not None or len(_NUMBER_TOKEN.findall(text)) >= 3
            or _TABLE_WORDS.search(text) is not None)


def without_table_lines(paragraphs: tuple) -> tuple:
    """The paragraphs, without those from a section's first table line to its last that are
    not sentences (the labels, numbers and header cells of a table the grammar saw as lines)."""
    marks = [index for index, paragraph in enumerate(paragraphs) if _table_line(paragraph.text)]
    if not marks:
        return paragraphs
    first, last = marks[0], marks[-1]
    return tuple(paragraph for index, paragraph in enumerate(paragraphs)
                 if not first <= index <= last or _SENTENCE.search(paragraph.text))
