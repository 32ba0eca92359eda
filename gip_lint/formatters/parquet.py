"""Parquet files for notebooks: ``check --format parquet`` (one row per finding) and
``show --format parquet`` (one row per report, the columns of ``show --format csv``).

Both need ``--output-file`` (Parquet is binary) and pyarrow (``pip install
'gip-lint[corpus]'``); without either, the run stops before linting with exit 2.  Each file
carries its schema's version in the file metadata (``gip_lint.schema_version``), with
``gip_lint.kind`` (``findings`` or ``reports``) and the gip-lint version that wrote it.
The schema is documented in README.md ("Parquet").

Report rows are written in row groups as they come (memory stays flat over a corpus).
Types: counts are int64, money amounts (``本年收费金额``, ``采购总金额``) float64, a blank
or missing cell null — never 0.  A count cell whose value is not a whole number (which a
rule reports) is null here; ``show --format json`` keeps what the report says.
"""

from __future__ import annotations

from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.rule import Diagnostic

SCHEMA_VERSION = "2"
# Version 2 added ``page`` (a PDF's page, else null) and ``suggestion`` (the value a finding names
# for its cell, as text; else null).
FINDING_COLUMNS = ("path", "line", "column", "page", "code", "severity", "message", "suggestion", "rule", "plugin",
                   "anchor", "fingerprint")
_MONEY = ("本年收费金额", "采购总金额")
_ROWS_PER_GROUP = 1000


class MissingPyarrow(Exception):
    """pyarrow is not installed: a usage error (exit 2) with the install command."""


def require_pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingPyarrow("--format parquet 需要 pyarrow：pip install 'gip-lint[corpus]'") from None
    return pyarrow


def _metadata(kind: str) -> dict:
    from gip_lint import __version__

    return {"gip_lint.schema_version": SCHEMA_VERSION, "gip_lint.kind": kind, "gip_lint.version": __version__}


def findings_schema():
    pa = require_pyarrow()
    types = {"line": pa.int64(), "column": pa.int64(), "page": pa.int64()}
    return pa.schema([(name, types.get(name, pa.string())) for name in FINDING_COLUMNS],
                     metadata=_metadata("findings"))


def write_findings(diagnostics: Sequence[Diagnostic], context: FormatContext, path: str) -> None:
    """One row per diagnostic, in the order given (path, position, code)."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    columns = {name: [] for name in FINDING_COLUMNS}
    for diag in diagnostics:
        for name in FINDING_COLUMNS[:-1]:
            if name == "suggestion":
                columns[name].append(None if diag.suggestion is None else str(diag.suggestion.value))
            else:
                columns[name].append(getattr(diag, name))
        columns["fingerprint"].append(context.fingerprint(diag))
    pq.write_table(pa.table(columns, schema=findings_schema()), path)


def _render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    raise MissingPyarrow("--format parquet 需要 --output-file FILE（Parquet 是二进制格式）")


PARQUET = Formatter("parquet", "Parquet 文件，每个问题一行（需要 --output-file 和 pyarrow）", _render, machine=True)


def report_schema(header: Sequence[str]):
    """``show --format parquet``: the CSV header's columns, typed."""
    pa = require_pyarrow()
    fields = []
    for name in header:
        if name in ("path", "organ", "format"):
            kind = pa.string()
        elif name == "year" or name.startswith("findings_") or not any(m in name for m in _MONEY):
            kind = pa.int64()
        else:
            kind = pa.float64()
        fields.append(pa.field(name, kind, nullable=name != "path"))
    return pa.schema(fields, metadata=_metadata("reports"))


def _typed(value, kind: str):
    if value == "" or value is None:
        return None
    if kind == "int64":
        if isinstance(value, bool):
            return None
        if isinstance(value, float):
            return int(value) if value.is_integer() else None
        return value if isinstance(value, int) else None
    if kind == "double":
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return str(value)


class ReportWriter:
    """``writerow(row)`` like :func:`csv.writer`'s, for rows of :func:`gip_lint.report.corpus_table.row`."""

    def __init__(self, path: str, header: Sequence[str]):
        import pyarrow.parquet as pq

        self.schema = report_schema(header)
        self._kinds = [str(field.type) for field in self.schema]
        self._rows: list = []
        self._writer = pq.ParquetWriter(path, self.schema)

    def writerow(self, row: Sequence) -> None:
        self._rows.append([_typed(value, kind) for value, kind in zip(row, self._kinds)])
        if len(self._rows) >= _ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            columns = list(zip(*self._rows))
            self._writer.write_table(pa.table([list(c) for c in columns], schema=self.schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
