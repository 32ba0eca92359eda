"""show --format json-lines / csv: a corpus becomes a stream of objects or one wide table."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from gip_lint.cli.main import main
from gip_lint.report.corpus_table import ACTIVE_CELLS, APPLICATION_KEYS, header
from gip_lint.engine.plugins import load_plugins


def _show(capsys, *args):
    code = main(["show", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def corpus(tmp_path, seeds):
    nested = tmp_path / "province" / "city"
    nested.mkdir(parents=True)
    for number, path in seeds.items():
        shutil.copy(path, (nested if number in ("003", "004") else tmp_path) / path.name)
    (tmp_path / "notes.bin").write_bytes(b"\xd0\xcf\x11\xe0")  # no reader knows the extension: not walked (.pdf, .xls are)
    return tmp_path


def test_json_lines_streams_the_show_json_object_of_every_report(capsys, corpus):
    code, out, err = _show(capsys, "--format", "json-lines", str(corpus))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 5
    for line in lines:
        streamed = json.loads(line)
        single = _show(capsys, "--format", "json", streamed["path"])[1]
        assert streamed == json.loads(single)
    assert [json.loads(line)["path"].rsplit("/", 1)[1][:3] for line in lines] == ["000", "001", "002", "003", "004"]


def _table(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_wide_row_per_report_with_values_by_canonical_key(capsys, corpus, seeds):
    code, out, err = _show(capsys, "--format", "csv", str(corpus))
    assert (code, err) == (0, "")
    rows = _table(out)
    assert len(rows) == 5
    seed = next(row for row in rows if row["path"].endswith(seeds["001"].name))
    assert seed["organ"] and seed["year"] == "2022" and seed["format"] == "2021"
    assert seed["三(七)/总计"] == "29"
    assert seed["一/商业企业"] == "2"
    assert seed["四/总计"] == ""  # the blank cell GIP206 reports: empty, never 0
    assert seed["行政复议/结果维持"] == "1"
    assert seed["行政诉讼/未经复议直接起诉/总计"] == "3"
    assert seed["行政规范性文件/本年制发件数"] == "2"
    assert seed["行政事业性收费/本年收费金额（单位：万元）"] == "2157.5799"
    assert seed["三(六)/总计"] == ""  # the 2019 format's single row: absent in a 2021 report
    assert seed["findings_GIP206"] == "1"
    assert seed["findings_GIP201"] == "0"
    assert all(row["findings_GIP206"] == "0" for row in rows if row is not seed)


def test_csv_header_is_fixed_and_documented(capsys, seeds):
    out = _show(capsys, "--format", "csv", str(seeds["000"]))[1]
    columns = next(csv.reader(io.StringIO(out)))
    codes = [rule.code for rule in load_plugins().rules]
    assert columns == header(codes)
    assert columns[:4] == ["path", "organ", "year", "format"]
    assert "三(一)/自然人" in columns and "三(三)8/其他" in columns and "四/总计" in columns
    assert "行政诉讼/复议后起诉/尚未审结" in columns
    assert len(columns) == 4 + len(ACTIVE_CELLS) + 7 * len(APPLICATION_KEYS) + 15 + len(codes)
    assert columns[-len(codes):] == [f"findings_{code}" for code in codes]


def test_csv_and_json_lines_do_not_depend_on_jobs(capsys, corpus, seeds):
    for copy in ("a", "b"):  # 15 files: enough for worker processes
        (corpus / copy).mkdir()
        for path in seeds.values():
            shutil.copy(path, corpus / copy / path.name)
    for form in ("csv", "json-lines"):
        assert _show(capsys, "--format", form, "-j", "1", str(corpus)) == \
            _show(capsys, "--format", form, "-j", "2", str(corpus))


def test_unreadable_file_is_reported_and_the_others_still_come(capsys, corpus):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    code, out, err = _show(capsys, "--format", "csv", str(corpus))
    assert code == 1
    assert len(_table(out)) == 5
    assert err.startswith(f"{corpus / 'broken.txt'}:") and " GIP001 " in err
