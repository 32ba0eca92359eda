"""-j N: the same diagnostics in the same order as -j 1; a dying worker costs one file only."""

from __future__ import annotations

import os
import random
import shutil

import attrs
import pytest

from gip_lint.engine import parallel
from gip_lint.engine import progress
from gip_lint.engine import runner
from gip_lint.cli.main import main
from gip_lint.engine.plugins import load_plugins
from gip_lint.rule import Finding, rule
from gip_lint.config.settings import Settings
from gip_lint.testing.synth import Layout, random_report, render, with_cell

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="worker processes need fork (Linux)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds) -> str:
    """30 reports: the five seeds, 20 valid synthetic ones, 5 with one wrong cell each."""
    root = tmp_path_factory.mktemp("corpus")
    for path in seeds.values():
        shutil.copy(path, root / path.name)
    rng = random.Random(9)
    for number in range(25):
        report = random_report(rng)
        if number % 5 == 0:
            report = with_cell(report, "三", "三(一)", 0, report.applications["三(一)"][0] + 1)
        style = ("seed", "compact", "markdown")[number % 3]
        (root / f"synth_{number:02d}.txt").write_text(render(report, Layout(style=style)).text, encoding="utf-8")
    return str(root)


def _check(capsys, *args):
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_two_jobs_print_exactly_what_one_job_prints(capsys, corpus):
    one = _check(capsys, "-j", "1", "--no-summary", corpus)
    two = _check(capsys, "-j", "2", "--no-summary", corpus)
    assert one == two
    assert one[0] == 1
    lines = one[1].splitlines()
    assert any(line.startswith(os.path.join(corpus, "001_")) and ":66:27: GIP206 " in line for line in lines)
    faulty = {line.split(":")[0] for line in lines if " GIP20" in line and "synth_" in line}
    assert faulty == {os.path.join(corpus, f"synth_{n:02d}.txt") for n in (0, 5, 10, 15, 20)}


def test_results_come_back_in_file_order_without_reports(corpus):
    plugins = load_plugins()
    files = runner.files_to_lint([corpus], plugins)
    results = list(runner.run([corpus], Settings(), plugins, jobs=2, progress=False))
    assert [r.path for r in results] == files == sorted(files)
    assert all(r.report is None for r in results)  # nothing accumulates over a corpus


def test_summary_counts_files_reports_and_codes(capsys, corpus, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = _check(capsys, "-j", "2", "--summary", corpus, str(tmp_path / "empty.txt"))
    assert err.splitlines()[0] == "gip-lint：读取了 31 个文件，其中 30 份识别为年度报告；共 %d 个问题。" % len(out.splitlines())
    assert "  GIP206  1" in err.splitlines()
    assert "  GIP002  1" in err.splitlines()  # the empty file is not a report


def test_summary_is_automatic_for_20_files_and_can_be_turned_off(capsys, corpus, seeds):
    assert _check(capsys, corpus)[2].startswith("gip-lint：读取了 30 个文件")
    assert _check(capsys, "--no-summary", corpus)[2] == ""
    assert _check(capsys, str(seeds["001"]), str(seeds["002"]))[2] == ""


@rule("TST901", "kills-its-process")
def _kills_worker(report, context):
    """Exit the process when the title names 自杀机关 (a defect that no try/except can catch)."""
    if report.organ and "自杀机关" in report.organ:
        os._exit(3)
    return [Finding(1, 1, "seen")] if report.organ == "never" else []


def test_a_dying_worker_loses_only_its_file(corpus, tmp_path):
    for name in os.listdir(corpus):
        shutil.copy(os.path.join(corpus, name), tmp_path / name)
    text = render(random_report(random.Random(3))).text
    title = next(line for line in text.splitlines() if "年度报告" in line)
    (tmp_path / "synth_07.txt").write_text(text.replace(title, "自杀机关2023年政府信息公开工作年度报告"),
                                           encoding="utf-8")
    base = load_plugins()
    plugins = attrs.evolve(base, rules=base.rules + (_kills_worker,))
    results = list(runner.run([str(tmp_path)], Settings(), plugins, jobs=2, progress=False))
    assert len(results) == 30
    by_name = {os.path.basename(r.path): r for r in results}
    crashed = by_name["synth_07.txt"].diagnostics
    assert [(d.code, d.line, d.column) for d in crashed] == [("GIP999", 1, 1)]
    assert "工作进程意外退出" in crashed[0].message
    assert ("GIP206", 66, 27) in [(d.code, d.line, d.column) for d in by_name["001_9df385a2314a3820.txt"].diagnostics]
    assert {d.code for d in by_name["synth_05.txt"].diagnostics} == {"GIP202", "GIP203"}
    others = [r for name, r in by_name.items() if name not in ("synth_07.txt", "001_9df385a2314a3820.txt")
              and name[6:8] not in ("00", "05", "10", "15", "20")]
    # Valid synthetic reports: nothing but year-over-year findings (random organs and years pair up).
    assert others and all(d.code.startswith("GIP50") for r in others for d in r.diagnostics)


def test_a_task_that_raises_becomes_its_crash_result():
    def task(path):
        if path == "b":
            raise RuntimeError("boom")
        return path.upper()

    paths = list("abcdefghij")
    results = list(parallel.map_files(task, paths, 2, lambda path, message: f"crash {path}: {message}"))
    assert results == ["A", "crash b: RuntimeError: boom", *(p.upper() for p in paths[2:])]


def test_one_file_never_starts_a_worker(capsys, seeds, monkeypatch):
    def no_pool(jobs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(parallel, "_executor", no_pool)
    assert _check(capsys, "-j", "4", str(seeds["004"])) == (0, "", "")


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_jobs_must_be_a_positive_integer(capsys, seeds, value):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "-j", value, str(seeds["004"])])
    assert exit_info.value.code == 2
    assert "应为正整数" in capsys.readouterr().err


class _Terminal:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_for_a_person_watching_a_long_run(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(500, _Terminal(True))
    assert not progress.wanted(500, _Terminal(False))  # a pipe or a file
    assert not progress.wanted(10, _Terminal(True))  # over before a bar would help
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(500, _Terminal(True))  # CI logs


def test_progress_bar_passes_items_through_and_draws_on_stderr(capsys):
    assert list(progress.track(iter(range(60)), 60, enabled=True)) == list(range(60))
    out, err = capsys.readouterr()
    assert out == "" and "gip-lint:" in err and "/60 " in err
    assert list(progress.track(iter(range(3)), 3, enabled=False)) == [0, 1, 2]
    assert capsys.readouterr() == ("", "")


def test_a_bad_configuration_file_fails_the_run_with_workers_too(capsys, seeds, tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    for number in range(9):  # enough files for worker processes
        shutil.copy(seeds["004"], sub / f"r{number}.txt")
    (sub / ".gip-lint.toml").write_text('select = ["XYZ999"]\n', encoding="utf-8")
    for jobs in ("1", "2"):
        code, out, err = _check(capsys, "-j", jobs, str(tmp_path))
        assert (code, out) == (2, "")
        assert "XYZ999" in err and "Traceback" not in err


def test_year_over_year_pairs_are_found_and_checked_in_workers(capsys, tmp_path):
    rng = random.Random(11)
    for year in (2022, 2023):
        report = attrs.evolve(random_report(rng), organ="测试区人民政府", year=year)
        (tmp_path / f"pair_{year}.txt").write_text(render(report).text, encoding="utf-8")
    for number in range(8):  # enough files for worker processes
        report = attrs.evolve(random_report(rng), organ=f"第{number}区人民政府", year=2023)
        (tmp_path / f"other_{number}.txt").write_text(render(report).text, encoding="utf-8")
    one = _check(capsys, "-j", "1", str(tmp_path))
    two = _check(capsys, "-j", "2", str(tmp_path))
    assert one == two
    year_over_year = [line for line in one[1].splitlines() if " GIP50" in line]
    assert year_over_year and all(line.startswith(str(tmp_path / "pair_2023.txt")) for line in year_over_year)
