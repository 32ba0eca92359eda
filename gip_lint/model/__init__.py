"""The typed document model of a report (attrs classes) and how it is built from parsed blocks."""

from gip_lint.model.document import (  # noqa: F401  (re-exported)
    ActiveItem,
    ActiveTable,
    ApplicationsTable,
    Cell,
    CellProblem,
    ParseProblem,
    Position,
    Report,
    ReportFormat,
    ReviewLitigationTable,
    Section,
    TextLine,
)
