"""Parquet output read back with pyarrow: the same values as the JSON and CSV outputs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import SEED_GIP206, gip_lint

pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "examples" / "reports"


def test_show_parquet_has_the_csv_columns_typed_and_the_json_values(capsys, tmp_path):
    target = tmp_path / "reports.parquet"
    code, out, err = gip_lint(capsys, "show", "-j", "1", "--format", "parquet", "--output-file", str(target),
                              str(SEED_DIR))
    assert (code, out) == (0, "")
    table = pq.read_table(target)
    metadata = table.schema.metadata
    assert metadata[b"gip_lint.schema_version"] == b"2" and metadata[b"gip_lint.kind"] == b"reports"

    csv_text = gip_lint(capsys, "show", "-j", "1", "--format", "csv", str(SEED_DIR))[1]
    header, *csv_rows = list(csv.reader(io.StringIO(csv_text)))
    assert table.column_names == header
    assert str(table.schema.field("year").type) == "int64"
    assert str(table.schema.field("三(一)/自然人").type) == "int64"
    assert str(table.schema.field("行政事业性收费/本年收费金额（单位：万元）").type) == "double"
    assert str(table.schema.field("findings_GIP206").type) == "int64"
    rows = table.to_pylist()
    assert len(rows) == len(csv_rows) == 5
    for row, fields in zip(rows, csv_rows):
        for name, field in zip(header, fields):
            value = row[name]
            if field == "":
                assert value is None, name
            elif isinstance(value, float):
                assert value == float(field), name
            else:
                assert str(value) == field, name

    objects = [json.loads(line) for line in
               gip_lint(capsys, "show", "-j", "1", "--format", "json-lines", str(SEED_DIR))[1].splitlines()]
    for row, data in zip(rows, objects):
        assert (row["path"], row["organ"], row["year"], row["format"]) == \
               (data["path"], data["organ"], data["year"], data["format"])
        applications = data["tables"]["applications"]["rows"]
        assert [row[f"三(一)/{c}"] for c in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                                              "其他", "总计")] == applications["三(一)"]
        assert row["行政事业性收费/本年收费金额（单位：万元）"] == \
            data["tables"]["active"]["行政事业性收费"]["本年收费金额（单位：万元）"]
    first = rows[0]
    assert (first["organ"], first["year"], first["三(一)/总计"]) == ("卧龙区人民政府", 2023, 91)


def test_a_blank_cell_is_null_not_zero(capsys, tmp_path):
    target = tmp_path / "one.parquet"
    gip_lint(capsys, "show", "--format", "parquet", "--output-file", str(target), str(SEED_GIP206))
    [row] = pq.read_table(target).to_pylist()
    data = json.loads(gip_lint(capsys, "show", "--format", "json", str(SEED_GIP206))[1])
    assert data["tables"]["applications"]["rows"]["四"][6] is None  # the blank 总计 GIP206 reports
    assert row["四/总计"] is None
    assert row["findings_GIP206"] == 1


def test_check_parquet_is_one_row_per_finding_equal_to_json(capsys, tmp_path, seeds):
    target = tmp_path / "findings.parquet"
    paths = [str(p) for p in sorted(seeds.values())] + [str(SEED_GIP206)]
    code, out, _ = gip_lint(capsys, "check", "-j", "1", "--format", "parquet", "--output-file", str(target), *paths)
    assert (code, out) == (1, "")
    table = pq.read_table(target)
    assert table.schema.metadata[b"gip_lint.kind"] == b"findings"
    assert table.schema.metadata[b"gip_lint.schema_version"] == b"2"
    assert str(table.schema.field("line").type) == "int64"
    expected = json.loads(gip_lint(capsys, "check", "-j", "1", "--format", "json", *paths)[1])
    rows = table.to_pylist()
    assert len(rows) == len(expected) > 1
    for row, data in zip(rows, expected):
        suggested = data.pop("suggestion", None)
        assert {key: row[key] for key in data} == data
        assert row["suggestion"] == (None if suggested is None else str(suggested["value"]))
        assert row["page"] is None  # text reports have no pages
        assert row["rule"] and row["plugin"] == "builtin" and row["anchor"]
    assert (rows[-1]["path"], rows[-1]["line"], rows[-1]["column"], rows[-1]["code"]) == \
           (str(SEED_GIP206), 66, 27, "GIP206")


def test_a_clean_run_writes_an_empty_table_with_the_schema(capsys, tmp_path, seeds):
    target = tmp_path / "none.parquet"
    assert gip_lint(capsys, "check", "--format", "parquet", "--output-file", str(target), str(seeds["000"]))[0] == 0
    table = pq.read_table(target)
    assert table.num_rows == 0 and table.column_names[:5] == ["path", "line", "column", "page", "code"]


@pytest.mark.parametrize("command", ["check", "show"])
def test_parquet_without_an_output_file_is_a_usage_error(capsys, command):
    code, out, err = gip_lint(capsys, command, "--format", "parquet", str(SEED_GIP206))
    assert (code, out) == (2, "")
    assert "--format parquet 需要 --output-file FILE" in err


BLOCK_PYARROW = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError("No module named 'pyarrow'")
sys.meta_path.insert(0, Block())
from gip_lint.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["check", "show"])
def test_parquet_without_pyarrow_says_how_to_install_it(tmp_path, command):
    target = tmp_path / "out.parquet"
    result = subprocess.run([sys.executable, "-c", BLOCK_PYARROW, command, "--format", "parquet",
                             "--output-file", str(target), str(SEED_GIP206)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'gip-lint[corpus]'" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_show_output_file_holds_what_stdout_would(capsys, tmp_path):
    target = tmp_path / "reports.csv"
    printed = gip_lint(capsys, "show", "-j", "1", "--format", "csv", str(SEED_DIR))[1]
    code, out, _ = gip_lint(capsys, "show", "-j", "1", "--format", "csv", "--output-file", str(target), str(SEED_DIR))
    assert (code, out) == (0, "")
    assert target.read_bytes().decode("utf-8") == printed and printed.count("\r\n") == 6


def test_findings_carry_the_page_and_the_suggested_value(tmp_path):
    from gip_lint.formatters.base import FormatContext
    from gip_lint.formatters.parquet import write_findings
    from gip_lint.rule import Diagnostic, Suggestion

    found = [Diagnostic(path="r.pdf", line=40, column=12, code="GIP202", message="m", page=4,
                        suggestion=Suggestion(value=3, text="4")),
             Diagnostic(path="r.txt", line=7, column=1, code="GIP301", message="n")]
    target = tmp_path / "f.parquet"
    write_findings(found, FormatContext(root=str(tmp_path)), str(target))
    table = pq.read_table(target)
    assert str(table.schema.field("page").type) == "int64"
    assert [(r["path"], r["page"], r["suggestion"]) for r in table.to_pylist()] == \
           [("r.pdf", 4, "3"), ("r.txt", None, None)]
