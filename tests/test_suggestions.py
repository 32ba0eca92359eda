"""A finding that names the fix: the value of its one culprit cell, in every output that can carry it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from cli_helpers import SEED_004, copy_report, gip_lint
from renderings import render_html

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# Table 三, 自然人 of row 四 raised from 2 to 3: A1 and A2 broken, sharing that one cell (75:14).
BROKEN_CELL = ("四、结转下年度继续办理\t\t2\t0", "四、结转下年度继续办理\t\t3\t0")
# ... and the row's 商业企业 too: two cells could explain the broken row total.
SECOND_CELL = ("四、结转下年度继续办理\t\t3\t0", "四、结转下年度继续办理\t\t3\t1")


def test_json_and_json_lines_carry_the_value(tmp_path, capsys):
    report = copy_report(SEED_004, tmp_path / "a.txt", [BROKEN_CELL])
    code, out, _ = gip_lint(capsys, "check", "--format", "json", "--select", "GIP2", str(report))
    found = json.loads(out)
    assert code == 1
    assert [(d["code"], d["line"], d["column"], d["suggestion"]) for d in found] == [
        ("GIP201", 75, 14, {"value": 2}), ("GIP202", 75, 14, {"value": 2})]
    assert all(d["message"].endswith("应为 2）") for d in found)
    code, out, _ = gip_lint(capsys, "check", "--format", "json-lines", "--select", "GIP2", str(report))
    assert [json.loads(line)["suggestion"] for line in out.splitlines()] == [{"value": 2}, {"value": 2}]


def test_sarif_fix_replaces_the_cell_text(tmp_path, capsys):
    report = copy_report(SEED_004, tmp_path / "a.txt", [BROKEN_CELL])
    code, out, _ = gip_lint(capsys, "check", "--format", "sarif", "--select", "GIP2", str(report))
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == 2
    fix = results[0]["fixes"][0]
    change = fix["artifactChanges"][0]
    assert change["artifactLocation"] == results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 75, "startColumn": 14, "endLine": 75,
                                                         "endColumn": 15},
                                       "insertedContent": {"text": "2"}}]
    # Applying the fix gives back the report with no arithmetic finding.
    lines = report.read_text(encoding="utf-8").split("\n")
    line = lines[74]
    lines[74] = line[:13] + "2" + line[14:]
    report.write_text("\n".join(lines), encoding="utf-8")
    assert gip_lint(capsys, "check", "--select", "GIP2", str(report))[:2] == (0, "")


def test_no_value_when_two_cells_could_explain_the_break(tmp_path, capsys):
    report = copy_report(SEED_004, tmp_path / "a.txt", [BROKEN_CELL, SECOND_CELL])
    code, out, _ = gip_lint(capsys, "check", "--format", "json", "--select", "GIP2", str(report))
    found = json.loads(out)
    assert sorted(d["code"] for d in found) == ["GIP201", "GIP201", "GIP202"]
    assert all("suggestion" not in d and "应为 " not in d["message"].split("表中为")[-1] for d in found)


def test_a_web_page_gets_the_value_but_no_sarif_fix(tmp_path, capsys):
    text = SEED_004.read_text(encoding="utf-8").replace(*BROKEN_CELL)
    page = tmp_path / "a.html"
    page.write_bytes(render_html(text, "cms").data)
    found = json.loads(gip_lint(capsys, "check", "--format", "json", "--select", "GIP2", str(page))[1])
    assert [(d["code"], d["suggestion"]) for d in found] == [("GIP201", {"value": 2}), ("GIP202", {"value": 2})]
    log = json.loads(gip_lint(capsys, "check", "--format", "sarif", "--select", "GIP2", str(page))[1])
    assert [("fixes" in r) for r in log["runs"][0]["results"]] == [False, False]
