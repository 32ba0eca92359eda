"""Table 三 (收到和处理政府信息公开申请情况, spec §3): rows by canonical key × seven columns."""

from __future__ import annotations

import functools
import re
from typing import Optional

from gip_lint.model.cells import is_value_text
from gip_lint.model.document import (
    ApplicationsTable,
    Cell,
    ParseProblem,
    Position,
    RawCell,
    Row,
)
from gip_lint.model.labels import (
    APPLICANT_COLUMNS,
    APPLICATION_ROW_NAMES,
    APPLICATION_ROWS_2021,
    GROUP_PATTERNS,
    OTHER_SUBROW,
    ROW_PATTERNS,
    first_match,
    squash,
)
from gip_lint.model.tables import ENUMERATED_LABEL, Aligner, split_row

_APPLICATION_HEADER = re.compile(r"勾稽关系|申请人情况|自然人|法人或其他组织|商业企业|科研机构")


def _row_key(labels: list[RawCell], group: Optional[str], previous: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(row key, outcome group in force) for a row's label cells."""
    return _row_key_of_texts(tuple(c.text for c in labels), group, previous)


# Every report spells the same few dozen labels: the answer for a spelling is worked out once.
@functools.lru_cache(maxsize=2048)  # bounded: memory stays flat over a corpus
def _row_key_of_texts(label_texts: tuple[str, ...], group: Optional[str],
                      previous: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    texts = [squash(text) for text in label_texts]
    new_group = group
    for text in texts:
        found = first_match(text, GROUP_PATTERNS)
        if found:
            new_group = found
    # The most specific label (the last one) decides; whole label text as a fallback.
    for text in (texts[-1], "".join(texts)) if texts else ():
        key = first_match(text, ROW_PATTERNS)
        if key:
            return key, (key[:4] if key.startswith("三(") and key != "三(七)" else new_group)
        if OTHER_SUBROW.match(text) and (new_group == "三(六)" or (previous or "").startswith("三(六)")):
            return "三(六)3", "三(六)"
    last_group = first_match(texts[-1], GROUP_PATTERNS) if texts else None
    if last_group in ("三(一)", "三(二)", "三(六)"):
        return last_group, last_group
    return None, new_group


def _labels_for_applications(row: Row) -> tuple[list[RawCell], int]:
    """Like :func:`split_row`, but a trailing text cell that is no row label is a (bad) value.

    "2.重复申请<TAB>无数据<TAB>0…": 无数据 stands where 自然人's number should be (GIP205).
    """
    labels, value_start = split_row(row)
    while len(labels) > 1 and not _is_row_label(labels[-1]) and any(_is_row_label(c) for c in labels[:-1]):
        value_start = row.cells.index(labels[-1])
        labels = labels[:-1]
    return labels, value_start


def _is_row_label(cell: RawCell) -> bool:
    return _is_row_label_text(cell.text)


@functools.lru_cache(maxsize=2048)
def _is_row_label_text(text: str) -> bool:
    text = squash(text)
    return bool(first_match(text, ROW_PATTERNS) or first_match(text, GROUP_PATTERNS) or OTHER_SUBROW.match(text)
                or re.search(r"本年度办理结果|^\(?[一二三四五六七]\)", text))


# A label that starts a row of its own ("2.", "(三)", "四、") is no continuation of the line before.


def _continue_label(held: list[RawCell], labels: list[RawCell]) -> list[RawCell]:
    """The label cells of a row whose label began on the line before (``held``)."""
    if not labels:
        return held
    last, first = held[-1], labels[0]
    # One cell, positioned where the continuation stands (on the line with the numbers).
    merged = RawCell(last.text + first.text, last.raw + first.raw, first.line, first.column)
    return held[:-1] + [merged] + labels[1:]


def _keep(keyed: list, key: str, row: Row, labels: list[RawCell], aligner: Aligner,
          value_start: Optional[int] = None) -> None:
    """Record a keyed row (its values start after its labels) and learn its grid."""
    if value_start is None:
        value_start = row.cells.index(labels[-1]) + 1 if labels and labels[-1] in row.cells else 0
    label_cell = labels[-1] if labels else row.cells[0]
    start = aligner.direct(row, value_start)
    keyed.append((key, row, value_start, Position(label_cell.line, label_cell.column), start))
    if start is not None:
        aligner.learn(start, value_start, len(row.cells))


def build_applications(rows: list[Row], problems: list[ParseProblem]) -> ApplicationsTable:
    aligner = Aligner(len(APPLICANT_COLUMNS))
    header_text = ""
    # key, row, value start, label position, where the values start if the row shows it plainly
    keyed: list[tuple[str, Row, int, Position, Optional[int]]] = []
    group: Optional[str] = None
    previous: Optional[str] = None
    held: Optional[tuple[Row, list[RawCell], Optional[str]]] = None  # a label-only line, see below
    unplaced: list = []  # (index in keyed, row, labels, value start) of rows whose label names no row
    numbers_first = False
    between = None  # (first part of a label, its numbers row, where they start): see below
    for row in rows:
        labels, value_start = _labels_for_applications(row)
        has_value = any(c.text and is_value_text(c.text) for c in row.cells[value_start:])
        # Header lines: those naming the columns, and after them any line without numbers or a
        # row label (the rest of a header cell broken over lines: "商业 | 科研 |" / "企业 | 机构 |";
        # a bare "其他" or "总计" there is the applicant column, not the row 三(六)3 or 三(七)).
        naming_columns = not has_value and _APPLICATION_HEADER.search(squash("".join(c.text for c in row.cells)))
        if not keyed and not has_value and (naming_columns or (
                header_text and not any(_is_row_label(c) and squash(c.text) not in ("其他", "总计") for c in labels))):
            header_text += "|" + "|".join(squash(c.text) for c in row.cells if c.text)
            continue
        if naming_columns:  # the header again, after a page break of the source: never a row ("总计")
            continue
        group_before = group
        key, group = _row_key(labels, group, previous)
        # PDF extraction breaks a long label over lines: the first part on a line of its own
        # (no value cells), the rest in front of the numbers.  The numbers belong to the held
        # label when their own label names no row and the two parts together name one.
        # Numbers with no label before any label took them: this text may put each row's numbers
        # *before* its label (PDF text order), so no later label-less numbers are given to the
        # label above them either — which label they belong to would be a guess (GIP003).
        if held is None and key is None and has_value and not labels and between is None:
            numbers_first = True
        # A label broken around its numbers ("5.要求行政机关确认或重新出" / numbers / "具已获取信息",
        # a label cell's text centred on its numbers): the rest after the numbers completes it.
        if between is not None:
            first_part, numbers_row, numbers_start = between
            between = None
            if labels and not has_value and not ENUMERATED_LABEL.match(squash(labels[0].text)):
                joined = _continue_label(first_part, labels)
                found_key, found_group = _row_key(joined, group_before, previous)
                if found_key is not None:
                    _keep(keyed, found_key, numbers_row, joined, aligner, numbers_start)
                    previous, group = found_key, found_group
                    continue
            unplaced.append((len(keyed), numbers_row, [], numbers_start))
        if (held is not None and held[2] is None and key is None and has_value and not labels
                and not numbers_first):
            between = (held[1], row, value_start)
            held = None
            continue
        if held is not None and labels and not has_value and len(row.cells) - value_start < aligner.width \
                and not ENUMERATED_LABEL.match(squash(labels[0].text)) and key in (None, held[2]):
            # A label wrapped over three lines or more: its middle part, on a line of its own too.
            joined = _continue_label(held[1], labels)
            combined_key = _row_key(joined, group_before, previous)[0]
            if combined_key is not None and held[2] in (None, combined_key):
                held = (row, joined, combined_key)
                continue
        if held is not None:
            held_row, held_labels, held_key = held
            held = None
            combined = (None, group)
            if (key is None and has_value and not (labels and ENUMERATED_LABEL.match(squash(labels[0].text)))
                    and not (numbers_first and not labels)):
                joined_labels = _continue_label(held_labels, labels)
                combined = _row_key(joined_labels, group_before, previous)
            if combined[0] is not None and (held_key is None or combined[0] == held_key):
                key, group = combined
                labels = joined_labels
            elif key is not None and key == held_key and has_value:
                labels = _continue_label(held_labels, labels)  # both parts name the same row: one label
            elif held_key is not None:
                _keep(keyed, held_key, held_row, held_labels, aligner)
                previous = held_key
        if labels and not has_value and len(row.cells) - value_start < aligner.width:
            held = (row, labels, key)  # too few cells to be a (blank) row of numbers
            continue
        if key is None:
            if has_value:
                unplaced.append((len(keyed), row, labels, value_start))
            continue
        if key == "三(六)" and previous and previous.startswith("三(六)"):
            if has_value:  # numbers too: the 2019 single row beside the sub-rows
                problems.append(_mixed_six(row, labels[-1] if labels else row.cells[0]))
            continue  # a group label on its own line after its sub-rows: nothing to read
        _keep(keyed, key, row, labels, aligner, value_start)
        previous = key
    if between is not None:
        unplaced.append((len(keyed), between[1], [], between[2]))
    if held is not None and held[2] is not None:
        _keep(keyed, held[2], held[0], held[1], aligner)
    keyed = _placed_by_position(keyed, unplaced, aligner, problems)
    # "(六) 其他处理" on a line of its own (perhaps padded with blank cells) above its
    # sub-rows is the group's label, not the 2019 format's one-row 三(六) left blank.
    if any(key.startswith("三(六)") and key != "三(六)" for key, *_ in keyed):
        keyed = [entry for entry in keyed
                 if entry[0] != "三(六)" or any(c.text for c in entry[1].cells[entry[2]:])]
        # With numbers as well, it is the 2019 trial format's one row beside the 2021 sub-rows:
        # which of them counts is not for gip-lint to guess.
        for key, row, value_start, position, _ in keyed:
            if key != "三(六)":
                continue
            unread = split_row(row)[0][1:]  # "(六)其他处理 | ？？ | 0 …": a sub-row whose own label is unreadable
            if unread:
                label = "".join(c.text for c in unread)
                problems.append(ParseProblem(f"表三中的一行无法识别（{label}）：不是格式规定的任何一行，未参与核对",
                                             row.line, unread[0].column, f"table:三:line:{label}"))
            else:
                problems.append(_mixed_six(row, position))
        keyed = [entry for entry in keyed if entry[0] != "三(六)"]

    table_rows: dict[str, tuple[Optional[Cell], ...]] = {}
    positions: dict[str, Position] = {}
    for key, row, value_start, position, start in keyed:
        if start is None:  # not plain from the row itself: by the grids the table's rows taught
            start = aligner.by_grid(row, value_start)
        if start is None:
            problems.append(ParseProblem(
                f"表三“{key}”行的数字无法与七个申请人列对齐（找到 "
                f"{sum(1 for c in row.cells[value_start:] if c.text)} 个数字），未参与核对",
                row.line, row.cells[value_start].column if value_start < len(row.cells) else 1,
                f"table:三:row:{key}"))
            continue
        if key in table_rows:
            problems.append(ParseProblem(f"表三“{key}”行出现了两次，只采用第一次", row.line,
                                         position.column, f"table:三:row:{key}:duplicate"))
            continue
        table_rows[key] = aligner.cells(row, start)
        positions[key] = position

    columns_found = all(_column_named(label, header_text) for label in APPLICANT_COLUMNS[:-2]) and "总计" in header_text
    first = rows[0]
    if not columns_found and header_text:
        missing = [c for c in APPLICANT_COLUMNS if not _column_named(c, header_text)]
        problems.append(ParseProblem(
            "表三表头中找不到这些列：" + "、".join(missing) + "；按格式规定的列序读取数字",
            first.line, first.cells[0].column if first.cells else 1, "table:三:columns"))
    return ApplicationsTable(rows=table_rows, row_positions=positions, line=first.line,
                             column=first.cells[0].column if first.cells else 1,
                             columns_found=columns_found)


def _mixed_six(row: Row, at) -> ParseProblem:
    return ParseProblem("表三既有 2019 年试行格式的单行“(六)其他处理”，又有 2021 年格式的 1—3 细项（格式混用）："
                        "单行的数字未参与核对", row.line, at.column, "table:三:row:三(六):mixed")


def _placed_by_position(keyed: list, unplaced: list, aligner: Aligner, problems: list[ParseProblem]) -> list:
    """Rows whose label names no row, placed where their neighbours leave exactly one row of
    the format free — when their label is that row's, misspelt ("保护第叁方合法权盖"), and any
    number it starts with is that row's.  A missing or unlike label is never guessed: GIP003
    at the row's own line."""
    if not unplaced:
        return keyed
    order = APPLICATION_ROWS_2021
    found = {entry[0] for entry in keyed}
    placed = []
    for at, row, labels, value_start in unplaced:
        before = next((keyed[i][0] for i in range(at - 1, -1, -1) if keyed[i][0] in order), None)
        after = next((keyed[i][0] for i in range(at, len(keyed)) if keyed[i][0] in order), None)
        low = order.index(before) + 1 if before else 0
        high = order.index(after) if after else len(order)
        free = [key for key in order[low:high] if key not in found]
        label = "".join(c.text for c in labels)
        # (its own label cell as written: a misspelt one was taken for a bad value after the group's)
        own_labels, own_start = split_row(row)
        if len(free) == 1 and own_labels and _misspelt(squash(own_labels[-1].text), free[0]):
            placed.append((at, free[0], row, own_labels, own_start))
            found.add(free[0])
            continue
        # At the row's own cells: its last label cell, or with none its first number — never a
        # group label that a merged cell repeats from the rows above.
        own = labels[-1] if labels else next((c for c in row.cells[value_start:] if c.text), row.cells[0])
        problems.append(ParseProblem(
            f"表三中的一行无法识别（{label or '（无标签）'}）：不是格式规定的任何一行，未参与核对",
            row.line, own.column, f"table:三:line:{label or '（无标签）'}"))
    result = list(keyed)
    for at, key, row, labels, value_start in reversed(placed):
        entries: list = []
        _keep(entries, key, row, labels, aligner, value_start)
        result.insert(at, entries[0])
    return result


# "4." "4、" (a sub-row), "(一)" (an outcome group), "一、" (a part of the table).
_NUMBERED = re.compile(r"^(?:(?P<digit>\d+)[.、]?|\((?P<group>[一二三四五六七])\)|(?P<part>[一二三四])、)")


def _misspelt(label: str, key: str) -> bool:
    """Whether ``label`` (a row's own label cell) reads as the label of row ``key`` with a few
    characters wrong, its numbering (if any) that row's."""
    import difflib

    name = APPLICATION_ROW_NAMES[key]
    own = name.split(".", 1)[1] if "." in name else name.split(")", 1)[-1].split("、", 1)[-1]
    number = _NUMBERED.match(label)
    if number:
        expected = {"digit": key[-1] if key[-1].isdigit() else None,
                    "group": key[2] if key.startswith("三(") and not key[-1].isdigit() else None,
                    "part": key if key in ("一", "二", "四") else None}
        kind = next(k for k, v in number.groupdict().items() if v is not None)
        if number.group(kind) != expected[kind]:
            return False
    text, own = (label[number.end():] if number else label), squash(own)
    # A typo keeps the label's length; a label cut short (its rest on another line) is no typo.
    return (len(text) >= 4 and abs(len(text) - len(own)) <= 2
            and difflib.SequenceMatcher(None, text, own).ratio() >= 0.7)


def _column_named(label: str, header_text: str) -> bool:
    """The header names the column, whole or in two cells broken over lines (商业 … 企业)."""
    if label in header_text:
        return True
    cells = header_text.split("|")
    return any(label[:i] in cells and label[i:] in cells for i in range(1, len(label)))
