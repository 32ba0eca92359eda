"""The review baseline: accepted findings stay suppressed across unrelated edits, and only those."""

from __future__ import annotations

import json

import pytest
from cli_helpers import SEED_004, SEED_CLEAN, copy_report, copy_seed, gip_lint, replaced

from gip_lint.report.baseline import fingerprint
from gip_lint.rule import Diagnostic
from gip_lint.testing import lint_text

BROKEN_CELL = ("四、结转下年度继续办理\t\t2\t0", "四、结转下年度继续办理\t\t3\t0")
INTRO = "2023 年，坚持以习近平新时代"
# Two lines added before every finding: the findings' line numbers change, nothing else does.
UNRELATED_EDIT = (INTRO, "本机关认真贯彻落实条例要求。\n\n" + INTRO)


@pytest.fixture
def accepted(tmp_path, monkeypatch, capsys):
    """r/a.txt with GIP201 + GIP202 at 75:14, r/b.txt with nothing; the baseline written."""
    (tmp_path / ".git").mkdir()
    copy_report(SEED_004, tmp_path / "r" / "a.txt", [BROKEN_CELL])
    copy_seed(SEED_CLEAN, tmp_path / "r" / "b.txt")
    monkeypatch.chdir(tmp_path)
    code, out, err = gip_lint(capsys, "check", "--write-baseline", "baseline.json", "r")
    assert (code, out) == (0, "") and "2 个问题" in err
    return tmp_path


def _edit(root, *replacements):
    copy_report(SEED_004, root / "r" / "a.txt", [BROKEN_CELL, *replacements])


def test_baseline_file_records_fingerprints_and_what_they_mean(accepted):
    document = json.loads((accepted / "baseline.json").read_text(encoding="utf-8"))
    assert document["tool"] == "gip-lint" and document["version"] == 1
    entries = document["findings"]
    assert [(e["code"], e["path"], e["anchor"], e["count"]) for e in entries] == [
        ("GIP201", "r/a.txt", "table:三:row:四:col:自然人:A1", 1),
        ("GIP202", "r/a.txt", "table:三:row:四:col:自然人:A2", 1)]
    assert all(len(e["fingerprint"]) == 32 and "line" not in e for e in entries)


def test_accepted_findings_are_suppressed(accepted, capsys):
    assert gip_lint(capsys, "check", "--baseline", "baseline.json", "r") == (0, "", "")


def test_an_unrelated_edit_keeps_them_suppressed(accepted, capsys):
    _edit(accepted, UNRELATED_EDIT)
    code, out, _ = gip_lint(capsys, "check", "r")
    assert code == 1 and out.startswith("r/a.txt:77:14: GIP201")  # the finding moved two lines down
    assert gip_lint(capsys, "check", "--baseline", "baseline.json", "r") == (0, "", "")


def test_a_changed_value_in_the_same_cell_shows_again(accepted, capsys):
    _edit(accepted, ("四、结转下年度继续办理\t\t3\t0", "四、结转下年度继续办理\t\t4\t0"))
    code, out, _ = gip_lint(capsys, "check", "--baseline", "baseline.json", "r")
    assert code == 1
    assert [line.split(" ")[:2] for line in out.splitlines()] == [["r/a.txt:75:14:", "GIP201"],
                                                                 ["r/a.txt:75:14:", "GIP202"],
                                                                 ["baseline.json:6:1:", "GIP010"],
                                                                 ["baseline.json:14:1:", "GIP010"]]
    assert "222+4=226" in out
    # The accepted findings with the old values are gone: their baseline entries are stale.
    assert "GIP010 基线中的一项已不再出现：GIP201 r/a.txt：" in out and "222+3=225" in out


def test_a_new_fault_shows_and_the_accepted_ones_do_not(accepted, capsys):
    _edit(accepted, UNRELATED_EDIT, ("行政处罚\t", "行政处罚\t1.5"))
    copy_report(SEED_CLEAN, accepted / "r" / "b.txt", [("行政规范性文件\t41\t", "行政规范性文件\t41件\t")])
    code, out, _ = gip_lint(capsys, "check", "--baseline", "baseline.json", "r")
    assert code == 1
    assert [line.split(" ")[1] for line in out.splitlines()] == ["GIP205", "GIP205"]
    assert out.splitlines()[1].startswith("r/b.txt:24:9: GIP205")


def test_the_same_finding_in_another_file_is_not_covered(accepted, capsys):
    copy_report(SEED_004, accepted / "r" / "c.txt", [BROKEN_CELL])
    code, out, _ = gip_lint(capsys, "check", "--baseline", "baseline.json", "r")
    assert code == 1 and {line.split(":")[0] for line in out.splitlines()} == {"r/c.txt"}


def test_the_baseline_fingerprint_is_the_sarif_partial_fingerprint(accepted, capsys):
    recorded = {e["fingerprint"] for e in json.loads((accepted / "baseline.json").read_text())["findings"]}
    log = json.loads(gip_lint(capsys, "check", "--format", "sarif", "r")[1])
    assert {r["partialFingerprints"]["gipLintFingerprint/v1"] for r in log["runs"][0]["results"]} == recorded


def test_the_fingerprint_ignores_the_line_but_not_the_values():
    one = Diagnostic(path="r/a.txt", line=75, column=14, code="GIP201", message="实为 1", anchor="table:三")
    assert fingerprint(one, "/p") == fingerprint(Diagnostic("r/a.txt", 80, 1, "GIP201", "实为 1", anchor="table:三"), "/p")
    assert fingerprint(one, "/p") != fingerprint(Diagnostic("r/a.txt", 75, 14, "GIP201", "实为 2", anchor="table:三"), "/p")
    assert fingerprint(one, "/p") != fingerprint(Diagnostic("r/b.txt", 75, 14, "GIP201", "实为 1", anchor="table:三"), "/p")


def test_duplicates_are_counted(tmp_path):
    from gip_lint.report.baseline import apply_baseline, load_baseline, write_baseline

    same = Diagnostic("a.txt", 1, 1, "GIP003", "无法理解", anchor="x")
    write_baseline(str(tmp_path / "b.json"), [same, same], str(tmp_path))
    accepted = load_baseline(str(tmp_path / "b.json"))
    assert apply_baseline([same, same, same], accepted, str(tmp_path)) == [same]


@pytest.mark.parametrize("content, expected", [
    (None, "无法读取基线文件"),
    ("{not json", "不是有效的 JSON"),
    ('{"tool": "ruff", "findings": []}', "不是 gip-lint 的基线"),
    ('{"tool": "gip-lint", "version": 9, "findings": []}', "版本 9 不受支持"),
])
def test_bad_baseline_files_are_exit_2(tmp_path, monkeypatch, capsys, content, expected):
    monkeypatch.chdir(tmp_path)
    copy_seed(SEED_CLEAN, tmp_path / "a.txt")
    if content is not None:
        (tmp_path / "b.json").write_text(content, encoding="utf-8")
    code, out, err = gip_lint(capsys, "check", "--baseline", "b.json", "a.txt")
    assert code == 2 and out == "" and expected in err and "Traceback" not in err


# Messages are part of the fingerprint, so no built-in message may carry a line number.
SEED_000 = SEED_CLEAN.read_text(encoding="utf-8")
MOVED = SEED_000.replace("\n一、总体情况", "\n本机关认真贯彻落实条例。\n\n一、总体情况", 1)


@pytest.mark.parametrize("code, shift, replacements", [
    ("GIP102", 2, [("五、存在的主要问题及改进情况", "六、其他需要报告的事项")]),
    ("GIP301", 2, [("2023年，卧龙区人民政府未收取任何政府信息公开信息处理费。", "无。"),
                ("二、主动公开政府信息情况", "本年度未收取信息处理费。\n\n二、主动公开政府信息情况")]),
    # The title stays on line 3; the body line quoted as the witness moves.
    ("GIP401", 0, [("卧龙区人民政府 2023 年政府信息公开工作年度报告", "卧龙区人民政府 2024 年政府信息公开工作年度报告")]),
])
def test_messages_do_not_depend_on_line_numbers(code, shift, replacements):
    def lint(text):
        found = lint_text(replaced(text, replacements), select=[code])
        assert [d.code for d in found] == [code]
        return found[0]

    before, after = lint(SEED_000), lint(MOVED)
    assert after.line == before.line + shift and after.message == before.message and after.anchor == before.anchor
