"""Table 二 (主动公开政府信息情况, spec §2): data rows by block, label and column."""

from __future__ import annotations

import re

from gip_lint.model.cells import read_cell
from gip_lint.model.document import (
    ActiveItem,
    ActiveTable,
    ParseProblem,
    Row,
)
from gip_lint.model.labels import (
    ACTIVE_COLUMN_PATTERNS,
    ACTIVE_ROW_PATTERNS,
    first_match,
    squash,
)
from gip_lint.model.tables import blank_after

_NOTE = re.compile(r"\(.*\)$")
_BLOCK_TITLE = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")  # brackets are often left out


def build_active(rows: list[Row], problems: list[ParseProblem]) -> ActiveTable:
    items: list[ActiveItem] = []
    blocks: list[str] = []
    block = ""
    header: dict[int, str] = {}
    for row in rows:
        if not row.cells:
            continue
        first = squash(row.cells[0].text)
        title = _BLOCK_TITLE.search(first)
        if title:
            block = f"第二十条第（{title.group(1)}）项"
            blocks.append(block)
            header = {}
            continue
        if first.startswith("信息内容") or (not first and any(first_match(squash(c.text), ACTIVE_COLUMN_PATTERNS) for c in row.cells)):
            header = {}
            for index, cell in enumerate(row.cells[1:], start=1):
                name = first_match(squash(cell.text), ACTIVE_COLUMN_PATTERNS) if cell.text else None
                if name:
                    header[index] = name
                elif cell.text:
                    header[index] = squash(cell.text)
            continue
        # A note after the label ("规章(设区的市…提供)", "其他对外管理服务事项(指行政许可以外的…)")
        # names other rows: match the label without it.
        label = first_match(_NOTE.sub("", first) or first, ACTIVE_ROW_PATTERNS) or squash(row.cells[0].text)
        values = row.cells[1:]
        if not label or not any(c.text for c in values) and not header:
            continue
        if not header:
            problems.append(ParseProblem(f"表二“{label}”行之前没有“信息内容”表头行，无法确定各数字所属的列",
                                         row.line, row.cells[0].column, f"table:二:row:{label}"))
            continue
        cells = {name: (read_cell(row.cells[index]) if index < len(row.cells) else blank_after(row))
                 for index, name in header.items()}
        items.append(ActiveItem(block=block, label=label, cells=cells, line=row.line, column=row.cells[0].column))
    first_row = rows[0]
    return ActiveTable(items=tuple(items), blocks=tuple(blocks), line=first_row.line,
                       column=first_row.cells[0].column if first_row.cells else 1)


