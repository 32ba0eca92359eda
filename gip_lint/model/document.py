"""The document model: what gip-lint understood of a report.

Frozen, slotted attrs classes: rules read them and can never change them by accident.  Every
value that came from the report carries the line and column where its text starts (1-based,
in the file the user opened), so a diagnostic can point at it.
"""

from __future__ import annotations

from typing import Optional, Union

import attrs

from gip_lint.model.identities import Identity, broken, cell_table, evaluated, settled_blanks
from gip_lint.model.prose import without_table_lines
from gip_lint.model.derived import derived, kept, pickled_without_derived
from gip_lint.model.enums import CellProblem, ReportFormat
from gip_lint.model.labels import (
    APPLICANT_TOTAL,
    APPLICATION_ROWS,
    OUTCOME_ROWS,
    REVIEW_COLUMNS,
    REVIEW_TOTAL,
)

Number = Union[int, float]


@attrs.frozen
class Position:
    line: int
    column: int


# --- the blocks of the text, as the grammar saw them -------------------------------------------


@attrs.frozen
class TextLine:
    """A heading, sub-heading or paragraph line (``text`` normalised, ``raw`` as written)."""

    kind: str  # "heading" | "subheading" | "paragraph"
    text: str
    raw: str
    line: int
    column: int


@attrs.frozen
class RawCell:
    """One cell of a table row as it stands in the text."""

    text: str  # normalised and stripped
    raw: str  # as written, stripped
    line: int
    column: int


@attrs.frozen
class Row:
    cells: tuple[RawCell, ...]
    line: int


@attrs.frozen
class TableBlock:
    rows: tuple[Row, ...]
    line: int


Block = Union[TextLine, TableBlock]


# --- cells and tables ----------------------------------------------------------------------------


@attrs.frozen
class Cell:
    """A table cell understood as a number.

    ``value`` is None for a blank cell (blank is *missing*, never 0; a placeholder such as "-"
    is blank too: :attr:`CellProblem.PLACEHOLDER`) and for a cell whose text is not a number;
    ``problem`` then says why (:attr:`CellProblem.TEXT`), or flags a usable number that is not
    written as a plain one (``NEGATIVE``, ``UNIT``, ``NOTE``).
    """

    raw: str
    value: Optional[Number]
    line: int
    column: int
    problem: Optional[CellProblem] = None

    @property
    def is_blank(self) -> bool:
        return self.raw == "" or self.problem is CellProblem.PLACEHOLDER

    @property
    def count(self) -> Optional[int]:
        """The value when it is a whole number, else None (blank, text or a decimal)."""
        return self.value if type(self.value) is int else None


@attrs.frozen
class ParseProblem:
    """A part of the report that gip-lint could not read (reported as GIP003)."""

    message: str
    line: int
    column: int
    anchor: str  # stable key for baselines, e.g. "table:三:row:三(三)2"


@attrs.frozen
class ApplicationsTable:
    """Table 三: canonical row key → seven cells (None where the row has no such cell).

    ``rows_format`` is the format whose rows the table is read against: 2019 when the report is
    in the 2019 trial format or its 三(六) is that format's single row, else 2021.  ``problems``
    are what could not be read of this table (also in ``Report.problems``).
    """

    rows: dict[str, tuple[Optional[Cell], ...]]
    row_positions: dict[str, Position]
    line: int
    column: int
    columns_found: bool  # the seven applicant columns were recognised in the header
    rows_format: ReportFormat = ReportFormat.V2021
    problems: tuple[ParseProblem, ...] = ()

    def cell(self, key: str, column: int) -> Optional[Cell]:
        """Row ``key``'s cell in column ``column`` (an index of ``APPLICANT_COLUMNS``)."""
        cells = self.rows.get(key)
        return cells[column] if cells is not None and column < len(cells) else None

    def total(self, key: str) -> Optional[Cell]:
        """Row ``key``'s 总计 cell."""
        return self.cell(key, APPLICANT_TOTAL)

    @property
    def single_other_row(self) -> bool:
        """三(六) is one row (the 2019 trial format's), without the 2021 format's 1—3."""
        return "三(六)" in self.rows and "三(六)1" not in self.rows

    def expected_rows(self) -> tuple[str, ...]:
        """The rows the table's format has, in order."""
        return APPLICATION_ROWS[self.rows_format]

    def outcome_rows(self) -> tuple[str, ...]:
        """The outcome rows whose sum is 三(七) (A3), in the table's format."""
        return OUTCOME_ROWS[self.rows_format]

    def group_rows(self, group: str) -> Optional[tuple[str, ...]]:
        """The rows of outcome group ``group`` ("三(三)": 三(三)1 … 三(三)8; "三(一)": itself), or
        None when one of them was not read (GIP003): the group's sum is then unknown."""
        if group in self.rows:
            return (group,)
        keys = tuple(key for key in OUTCOME_ROWS[ReportFormat.V2021] if key.startswith(group))
        return keys if keys and all(key in self.rows for key in keys) else None

    def group_total(self, group: str) -> Optional[int]:
        """Σ 总计 of outcome group ``group``'s rows, when each is a whole number (no blank)."""
        keys = self.group_rows(group)
        if keys is None:
            return None
        total = 0
        for key in keys:
            cell = self.total(key)
            if cell is None or cell.count is None:
                return None
            total += cell.count
        return total


@attrs.frozen
class ReviewLitigationTable:
    """Table 四: group key (行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉) → five cells."""

    groups: dict[str, tuple[Optional[Cell], ...]]
    line: int
    column: int
    problems: tuple[ParseProblem, ...] = ()

    def cell(self, group: str, column: Union[int, str]) -> Optional[Cell]:
        """Group ``group``'s cell in ``column`` (an index of ``REVIEW_COLUMNS``, or its name)."""
        cells = self.groups.get(group)
        index = REVIEW_COLUMNS.index(column) if isinstance(column, str) else column
        return cells[index] if cells is not None and index < len(cells) else None

    def total(self, group: str) -> Optional[Cell]:
        """Group ``group``'s 总计 cell."""
        return self.cell(group, REVIEW_TOTAL)


@attrs.frozen
class ActiveItem:
    """One data row of table 二: its block (第二十条第（一）项 …), label and cells by column."""

    block: str
    label: str
    cells: dict[str, Cell]
    line: int
    column: int


@attrs.frozen
class ActiveTable:
    """Table 二: the data rows in order, and the block titles found."""

    items: tuple[ActiveItem, ...]
    blocks: tuple[str, ...]
    line: int
    column: int
    problems: tuple[ParseProblem, ...] = ()

    def value(self, label: str, column: str) -> Optional[Number]:
        for item in self.items:
            if item.label == label and column in item.cells:
                return item.cells[column].value
        return None

    def cell(self, label: str, column: str) -> Optional[Cell]:
        for item in self.items:
            if item.label == label and column in item.cells:
                return item.cells[column]
        return None


# --- fast constructors for the two classes every report makes hundreds of -----------------------
#
# attrs' __init__ for a frozen class sets each field through object.__setattr__ looked up on
# the instance; a report makes ~380 RawCells and ~200 Cells, and that costs ~7 % of a warm
# lint.  These build the very same instances (equal, hashable, frozen afterwards) by setting
# the slots through their descriptors.  tests/test_model.py checks they set every field.

_new = object.__new__
_RAW_TEXT, _RAW_RAW, _RAW_LINE, _RAW_COLUMN = (RawCell.__dict__[name].__set__
                                               for name in ("text", "raw", "line", "column"))
_CELL_RAW, _CELL_VALUE, _CELL_LINE, _CELL_COLUMN, _CELL_PROBLEM = (
    Cell.__dict__[name].__set__ for name in ("raw", "value", "line", "column", "problem"))


def make_raw_cell(text: str, raw: str, line: int, column: int) -> RawCell:
    """``RawCell(text, raw, line, column)``, faster."""
    cell = _new(RawCell)
    _RAW_TEXT(cell, text)
    _RAW_RAW(cell, raw)
    _RAW_LINE(cell, line)
    _RAW_COLUMN(cell, column)
    return cell


def make_cell(raw: str, value: Optional[Number], line: int, column: int,
              problem: Optional[CellProblem] = None) -> Cell:
    """``Cell(raw, value, line, column, problem)``, faster."""
    made = _new(Cell)
    _CELL_RAW(made, raw)
    _CELL_VALUE(made, value)
    _CELL_LINE(made, line)
    _CELL_COLUMN(made, column)
    _CELL_PROBLEM(made, problem)
    return made


# --- sections and the report ---------------------------------------------------------------------


@pickled_without_derived
@attrs.frozen
class Section:
    """One of the six sections.

    ``number`` is canonical (1 … 6) whatever the heading's numeral; ``standard`` tells whether
    the heading's wording is the national one.  ``blocks`` are everything up to the next section.
    """

    number: int
    heading: str  # as written, stripped
    numeral: Optional[str]  # the numeral the heading used (一 … 十), None when absent
    standard: bool
    line: int
    column: int
    end_line: int
    blocks: tuple[Block, ...]
    inline_text: str = ""  # text written on the heading line after the heading itself
    _prose: Optional[tuple] = kept()

    @property
    def paragraphs(self) -> tuple[TextLine, ...]:
        return tuple(b for b in self.blocks if isinstance(b, TextLine))

    @derived
    def prose(self) -> tuple[TextLine, ...]:
        """The paragraphs, without the lines of a table written as text lines (PDF and web
        conversions), which are no prose."""
        return without_table_lines(self.paragraphs)

    @property
    def text(self) -> str:
        """All prose of the section, one line per block (tables left out)."""
        parts = [self.inline_text] if self.inline_text else []
        parts += [b.text for b in self.blocks if isinstance(b, TextLine)]
        return "\n".join(parts)


@pickled_without_derived
@attrs.frozen
class Report:
    """Everything gip-lint understood of one report.

    ``format`` is a :class:`ReportFormat` or None (unknown); ``year`` is the data year named in the
    title.  A table gip-lint did not find is None; ``problems`` lists what could not be read.
    """

    path: str
    title: Optional[str]
    title_position: Optional[Position]
    organ: Optional[str]
    year: Optional[int]
    format: Optional[ReportFormat]
    format_evidence: tuple  # ((ReportFormat, marker, Position), ...) per spec §6
    sections: tuple[Section, ...]
    active: Optional[ActiveTable]
    applications: Optional[ApplicationsTable]
    review_litigation: Optional[ReviewLitigationTable]
    blocks: tuple[Block, ...]
    problems: tuple[ParseProblem, ...]
    is_report: bool
    encoding: str = "utf-8"
    kind: str = "text"
    line_count: int = 0
    # What could not be read of each table ("二", "三", "四"), also of one not found at all.
    table_problems: dict[str, tuple[ParseProblem, ...]] = attrs.field(factory=dict)
    _prose: Optional[tuple] = kept()
    _table_cells: Optional[dict] = kept()
    _identities: Optional[tuple] = kept()
    _broken_identities: Optional[tuple] = kept()
    _settled_blanks: Optional[frozenset] = kept()

    @property
    def end_line(self) -> int:
        """The line just after the report's last non-blank line (where a missing ending belongs)."""
        if not self.blocks:
            return 1
        last = self.blocks[-1]
        return (last.rows[-1].line if isinstance(last, TableBlock) else last.line) + 1

    # --- worked out once, when a rule first asks (see derived) ---

    @derived
    def prose(self) -> tuple[tuple[int, TextLine], ...]:
        """(section number, paragraph) for the prose (``Section.prose``) of sections 一 to 四."""
        return tuple((section.number, paragraph) for section in self.sections
                     if section.number in (1, 2, 3, 4) for paragraph in section.prose)

    @derived
    def table_cells(self) -> dict:
        """Every cell of tables 三 and 四 by name ``(table, row key or group, column index)``."""
        return cell_table(self)

    @derived
    def identities(self) -> tuple[Identity, ...]:
        """Every identity A1–A4 the tables hold, evaluated (:mod:`gip_lint.model.identities`)."""
        return evaluated(self)

    @derived
    def broken_identities(self) -> tuple[Identity, ...]:
        """The identities that no completion of their blank cells satisfies."""
        return broken(self)

    @derived
    def settled_blanks(self) -> frozenset:
        """The blank cells whose every identity is broken whatever they hold."""
        return settled_blanks(self)

    def problems_of(self, table: str) -> tuple[ParseProblem, ...]:
        """What could not be read of table ``table`` ("二", "三" or "四")."""
        return self.table_problems.get(table, ())

    def unreadable(self, table: str) -> bool:
        """Whether gip-lint could not read table ``table``, or a part of it (reported as GIP003)."""
        return bool(self.table_problems.get(table))

    def section(self, number: int) -> Optional[Section]:
        for section in self.sections:
            if section.number == number:
                return section
        return None

    def to_json_dict(self) -> dict:
        """The stable data-extraction object printed by ``gip-lint show --format json``."""
        from gip_lint.model.export import report_to_json

        return report_to_json(self)
