"""The formats for people who review in Excel: ``--format xlsx`` read back with openpyxl, and
``show --format csv --bom``."""

from __future__ import annotations

import json
import shutil

from cli_helpers import ROOT, SEED_004, copy_report, gip_lint

SEEDS = ROOT / "examples" / "reports"


def _corpus(folder):
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    copy_report(SEED_004, folder / "004-wrong.txt", (("\t\t223\t", "\t\t224\t"),))
    return folder


def test_xlsx_has_a_row_per_finding_and_a_row_per_report(capsys, tmp_path):
    from openpyxl import load_workbook

    folder = _corpus(tmp_path / "reports")
    _, out, _ = gip_lint(capsys, "check", "--isolated", "--format", "json", str(folder))
    findings = json.loads(out)
    workbook = tmp_path / "结果.xlsx"
    code, out, err = gip_lint(capsys, "check", "--isolated", "--format", "xlsx", "--output-file", str(workbook),
                              str(folder))
    assert (code, out, err) == (1, "", "")
    book = load_workbook(workbook)
    assert book.sheetnames == ["问题", "报告"]
    sheet = book["问题"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("文件", "机关", "年度", "页", "行", "列", "代码", "规则", "严重程度", "问题", "建议值")
    assert len(rows) - 1 == len(findings) == 4
    got = [(r[0].rsplit("/", 1)[-1], r[4], r[5], r[6], r[9]) for r in rows[1:]]
    want = [(f["path"].rsplit("/", 1)[-1], f["line"], f["column"], f["code"], f["message"]) for f in findings]
    assert got == want
    wrong = [r for r in rows[1:] if r[0].endswith("004-wrong.txt")]
    assert [(r[1], r[2], r[6], r[7], r[8]) for r in wrong] == [
        ("二七区人民政府", 2023, "GIP201", "applications-balance", "错误"),
        ("二七区人民政府", 2023, "GIP202", "applications-row-total", "错误")]
    # Widths by display cells: the message column is as wide as the widest message (capped).
    from wcwidth import wcswidth

    assert sheet.column_dimensions["B"].width == wcswidth("漣河回族区人民政府") + 2 == 20
    assert sheet.column_dimensions["J"].width == min(max(wcswidth(f["message"]) for f in findings) + 2, 80)

    reports = list(book["报告"].iter_rows(values_only=True))
    assert reports[0] == ("文件", "机关", "年度", "文件格式", "报告格式", "错误", "警告", "提示", "合计")
    assert len(reports) - 1 == 6  # the five seeds and the changed copy, clean ones too
    totals = {r[0].rsplit("/", 1)[-1]: r[5:] for r in reports[1:]}
    assert totals["004-wrong.txt"] == (2, 0, 0, 2)
    assert totals["001_9df385a2314a3820.txt"] == (0, 2, 0, 2)
    assert totals["000_ebeabda19deaf4a2.txt"] == (0, 0, 0, 0)
    assert sum(r[8] for r in reports[1:]) == len(findings)


def test_xlsx_needs_an_output_file(capsys, tmp_path):
    code, out, err = gip_lint(capsys, "check", "--isolated", "--format", "xlsx", str(SEED_004))
    assert (code, out) == (2, "")
    assert "请用 --output-file 指定" in err


def test_xlsx_without_openpyxl_says_what_to_install(capsys, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    code, _, err = gip_lint(capsys, "check", "--isolated", "--format", "xlsx", "--output-file",
                            str(tmp_path / "o.xlsx"), str(SEED_004))
    assert code == 2
    assert "--format xlsx 需要 openpyxl：pip install openpyxl" in err


def test_show_csv_bom_for_excel(capsysbinary, tmp_path):
    from gip_lint.cli.main import main

    assert main(["show", "--format", "csv", "--bom", str(SEED_004)]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbfpath,organ,")
    assert "二七区人民政府" in data.decode("utf-8-sig")
    assert main(["show", "--format", "csv", str(SEED_004)]) == 0
    assert capsysbinary.readouterr().out.startswith(b"path,organ,")
