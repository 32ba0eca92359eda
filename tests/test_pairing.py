"""Year over year as a user runs it: reports of one organ for consecutive years paired
automatically in one run, or the predecessor named with ``--previous``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gip_lint.cli.main import main
from gip_lint.engine.pairing import predecessors, title_key

REPORTS = Path(__file__).parent / "rules" / "reports"
# Seed 000 (卧龙区, 2023): 二 = 0 in every column.
CARRIED_IN = "一、本年新收政府信息公开申请数量\t\t150\t0\t0\t0\t0\t0\t150\t"


def last_year_carrying_one() -> str:
    """卧龙区's 2022 report, consistent in itself, carrying 1 application into 2023."""
    text = (REPORTS / "wolong-2022.txt").read_text(encoding="utf-8")
    text = text.replace(CARRIED_IN, "一、本年新收政府信息公开申请数量\t\t151\t0\t0\t0\t0\t0\t151\t")
    text = text.replace("四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0", "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1")
    return text.replace("全区共受理依申请公开 150 项", "全区共受理依申请公开 151 项")


@pytest.fixture
def repository(tmp_path, seeds) -> Path:
    """A report repository: 卧龙区 2022 and 2023, and another organ's 2023 report."""
    (tmp_path / "wolong-2022.txt").write_text(last_year_carrying_one(), encoding="utf-8")
    shutil.copy(seeds["000"], tmp_path / "wolong-2023.txt")
    shutil.copy(seeds["004"], tmp_path / "erqi-2023.txt")
    return tmp_path


def expected_lines(path) -> list[str]:
    return [f"{path}:42:19: GIP506 表三“二、上年结转政府信息公开申请数量”自然人列为 0，"
            "但2022年度报告的“四、结转下年度继续办理”为 1",
            f"{path}:42:31: GIP506 表三“二、上年结转政府信息公开申请数量”总计列为 0，"
            "但2022年度报告的“四、结转下年度继续办理”为 1"]


def test_reports_of_one_organ_are_paired_automatically(capsys, repository):
    code = main(["check", str(repository)])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    # Only the later year's report is reported on; the other organ's report is not paired.
    assert out.splitlines() == expected_lines(repository / "wolong-2023.txt")


def test_pairing_in_a_real_process(repository):
    result = subprocess.run([sys.executable, "-m", "gip_lint", "check", "--select", "GIP506", "."],
                            cwd=repository, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == expected_lines("./wolong-2023.txt")


def test_year_over_year_rules_not_selected_means_no_pairing_findings(capsys, repository):
    assert main(["check", "--select", "GIP2", str(repository)]) == 0
    assert capsys.readouterr().out == ""


def test_two_candidates_for_last_year_pair_with_neither(capsys, repository):
    """Which of two 2022 reports of the organ is last year's is unclear: none is used."""
    shutil.copy(repository / "wolong-2022.txt", repository / "wolong-2022-copy.txt")
    assert main(["check", "--select", "GIP506", str(repository)]) == 0
    assert capsys.readouterr().out == ""


def test_previous_names_last_years_report(capsys, repository):
    this_year = repository / "wolong-2023.txt"
    code = main(["check", "--previous", str(repository / "wolong-2022.txt"), str(this_year)])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert out.splitlines() == expected_lines(this_year)


def test_previous_from_stdin(capsys, repository, monkeypatch):
    import io

    data = (repository / "wolong-2023.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(["check", "--previous", str(repository / "wolong-2022.txt"), "--stdin-filename", "r.txt", "-"])
    assert code == 1
    assert capsys.readouterr().out.splitlines() == expected_lines("r.txt")


def test_previous_of_another_year_is_named_and_not_compared(capsys, repository):
    two_back = repository / "wolong-2021.txt"
    two_back.write_text(last_year_carrying_one().replace("2022", "2021"), encoding="utf-8")
    code = main(["check", "--previous", str(two_back), str(repository / "wolong-2023.txt")])
    out, err = capsys.readouterr()
    assert (code, out) == (0, "")
    assert "2021 年" in err and "2022 年" in err


@pytest.mark.parametrize("args, needle", [
    (("--previous", "{dir}/missing.txt", "{dir}/wolong-2023.txt"), "无法读取"),
    (("--previous", "{dir}/wolong-2022.txt", "{dir}/wolong-2023.txt", "{dir}/erqi-2023.txt"), "一份报告"),
    (("--previous", "{dir}/wolong-2022.txt", "{dir}"), "一份报告"),
    (("--previous", "{dir}/note.txt", "{dir}/wolong-2023.txt"), "不是政府信息公开工作年度报告"),
])
def test_previous_usage_errors_exit_2(capsys, repository, args, needle):
    (repository / "note.txt").write_text("会议通知\n\n请各单位参加会议。\n", encoding="utf-8")
    code = main(["check", *(a.format(dir=repository) for a in args)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert needle in err


def test_pairs_come_from_the_titles(repository):
    from gip_lint.engine.linter import Selection
    from gip_lint.testing import installed_rules

    files = [str(repository / name) for name in ("erqi-2023.txt", "wolong-2022.txt", "wolong-2023.txt")]
    found = predecessors(files, installed_rules(), Selection())
    assert found.paths == {str(repository / "wolong-2023.txt"): str(repository / "wolong-2022.txt")}
    assert found.report_for(files[2]).year == 2022 and found.report_for(files[0]) is None
    assert title_key(str(repository / "wolong-2022.txt")) == ("卧龙区人民政府", 2022)
    # Nothing is read when no year-over-year rule is selected.
    assert len(predecessors(files, installed_rules(), Selection(select=("GIP2",)))) == 0


def test_pairing_under_a_configuration_file(capsys, repository, monkeypatch):
    """With a configuration file (the per-file resolver path), pairs are found and its ignore holds."""
    (repository / ".gip-lint.toml").write_text('ignore = ["GIP506"]\n', encoding="utf-8")
    monkeypatch.chdir(repository)
    assert main(["check", "."]) == 0 and capsys.readouterr().out == ""
    (repository / ".gip-lint.toml").write_text('ignore = ["GIP2"]\n', encoding="utf-8")
    assert main(["check", "."]) == 1
    assert capsys.readouterr().out.splitlines() == expected_lines("./wolong-2023.txt")
    assert main(["check", "--previous", "wolong-2022.txt", "wolong-2023.txt"]) == 1
    assert capsys.readouterr().out.splitlines() == expected_lines("wolong-2023.txt")


def test_a_chain_of_years_pairs_each_with_the_year_before(repository):
    from gip_lint.engine.linter import Selection
    from gip_lint.testing import installed_rules

    (repository / "wolong-2021.txt").write_text(last_year_carrying_one().replace("2022", "2021"), encoding="utf-8")
    files = sorted(str(p) for p in repository.glob("*.txt"))
    found = predecessors(files, installed_rules(), Selection())
    assert found.paths == {str(repository / "wolong-2023.txt"): str(repository / "wolong-2022.txt"),
                           str(repository / "wolong-2022.txt"): str(repository / "wolong-2021.txt")}


def test_uses_previous_is_a_field_of_the_rule_and_the_old_marker_still_sets_it():
    from gip_lint.engine.pairing import uses_previous, year_over_year_rules
    from gip_lint.rule import rule

    doc = "Compares.\n\n## 错误示例\n无\n## 正确示例\n无\n"

    def check(report, context):
        return ()

    check.__doc__ = doc
    new = rule("DM301", "new-style", uses_previous=True)(check)

    def old_check(report, context):
        return ()

    old_check.__doc__ = doc
    old = rule("DM302", "old-style")(uses_previous(old_check))

    def plain_check(report, context):
        return ()

    plain_check.__doc__ = doc
    plain = rule("DM303", "plain")(plain_check)
    assert (new.uses_previous, old.uses_previous, plain.uses_previous) == (True, True, False)
    assert [r.code for r in year_over_year_rules([new, old, plain])] == ["DM301", "DM302"]
