"""A 2019 trial-format report (data year 2020; spec §6) reads to the trial format's tables and
is clean; the same tables under a 2022 title are GIP402."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import replaced

import gip_lint
from gip_lint.testing import lint_text

REPORT = Path(__file__).parent / "rules" / "reports" / "wancheng-2020-trial-format.txt"


def test_trial_format_report_is_read_with_its_own_tables():
    report = gip_lint.parse(REPORT)
    data = report.to_json_dict()
    assert (report.organ, report.year, data["format"], data["parse_problems"]) == ("宛城区人民政府", 2020, "2019", [])
    assert data["tables"]["active"] == {
        "规章": {"本年新制作数量": 0, "本年新公开数量": 0, "对外公开总数量": 0},
        "行政规范性文件": {"本年新制作数量": 30, "本年新公开数量": 30, "对外公开总数量": 23},
        "行政许可": {"上一年项目数量": 120, "本年增/减": -3, "处理决定数量": 7975},
        "其他对外管理服务事项": {"上一年项目数量": 15, "本年增/减": 2, "处理决定数量": 310},
        "行政处罚": {"上一年项目数量": 210, "本年增/减": 5, "处理决定数量": 387},
        "行政强制": {"上一年项目数量": 30, "本年增/减": 0, "处理决定数量": 56},
        "行政事业性收费": {"上一年项目数量": 12, "本年增/减": -1},
        "政府集中采购": {"采购项目数量": 45, "采购总金额": 1234.56},
    }
    rows = data["tables"]["applications"]["rows"]
    assert "三(六)1" not in rows and rows["三(六)"] == [48, 0, 0, 0, 0, 0, 48]
    assert rows["三(七)"] == [150, 0, 0, 0, 0, 0, 150]
    assert len(rows) == 23  # the trial format's rows: 三(六) is one row
    assert data["tables"]["review_litigation"]["行政复议"] == [1, 0, 0, 0, 1]


def test_trial_format_report_has_no_findings():
    # A negative (or "+2") 本年增/减 is no GIP205; the trial format is correct for 2020 (no GIP402).
    assert [(d.code, d.line, d.column) for d in lint_text(REPORT.read_text(encoding="utf-8"))] == []


def test_trial_format_under_a_2022_title_is_gip402():
    text = REPORT.read_text(encoding="utf-8").replace("2020", "2022")
    # One finding, at the first trial-format label (本年新制作数量, line 22).
    assert [(d.code, d.line, d.column) for d in lint_text(text)] == [("GIP402", 22, 6)]


TRIAL_VARIANTS = {
    "(六) 其他处理 on its own line above its numbers": [("\t(六) 其他处理\t48", "\t(六) 其他处理\n\t\t48")],
    "(六) 其他 for (六) 其他处理": [("(六) 其他处理\t48", "(六) 其他\t48")],
    "本年增 / 减 with spaces": [("本年增/减", "本年增 / 减")],
    "本年增减 without the slash": [("本年增/减", "本年增减")],
    "第二十条第九项 without brackets": [("第二十条第（九）项", "第二十条第九项")],
    "full-width minus": [("\t-3\t", "\t－3\t")],
}


@pytest.mark.parametrize("name", sorted(TRIAL_VARIANTS))
def test_trial_format_variants_read_the_same(name):
    original = REPORT.read_text(encoding="utf-8")
    text = replaced(original, TRIAL_VARIANTS[name])
    report = gip_lint.parse(text)
    assert (report.format, report.problems) == ("2019", ())
    assert report.to_json_dict()["tables"] == gip_lint.parse(original).to_json_dict()["tables"]
    assert [(d.code, d.line) for d in lint_text(text)] == []
