"""The per-file time limit (issue 18): a file that overruns is one GIP001, the run goes on.

A local plugin's rule hangs on one report – in Python (interrupted by SIGALRM, with -j 1 and in
a worker) or where no signal handler runs (SIGALRM blocked, as in C code that never checks
for signals: the worker is killed and replaced).  The subprocess ``timeout`` is a hang guard,
not a speed test; the limits (3 s, 2.5 s) leave the other reports room on a loaded machine (a
worker's first report also compiles what the rules use).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from cli_helpers import SEED_GIP206

from gip_lint.cli.main import main

PLUGIN = '''
    import signal
    import time
    from gip_lint.hookspecs import hookimpl
    from gip_lint.rule import rule

    @rule("HS101", "hangs", severity="info")
    def hangs(report, context):
        """在标题含“卡住”的报告上不再返回。

        ## 错误示例
        卡住
        ## 正确示例
        无
        """
        if "卡住" in (report.title or ""):
            {hang}
        return ()

    @hookimpl
    def gip_lint_rules():
        return [hangs]
'''
GIP206 = "GIP206 表三“四、结转下年度继续办理”行“总计”列为空，无法核对：行合计（A2）；本列第一项加第二项等于第三项加第四项（A1）（没有发生应填 0）"
HANGS = {
    "python": "while True:\n            pass",
    # Stuck where no Python signal handler runs (as in C code that never checks for signals).
    "c": "signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\n        time.sleep(3600)",
}


def _folder(tmp_path, hang: str, reports: int) -> tuple[list, str]:
    plugin = tmp_path / "hang_plugin.py"
    plugin.write_text(textwrap.dedent(PLUGIN).replace("{hang}", HANGS[hang]), encoding="utf-8")
    text = SEED_GIP206.read_text(encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    paths = []
    for index in range(reports):
        path = folder / f"r{index}.txt"
        path.write_text(text.replace("漣河回族区人民政府2022年", "卡住县人民政府2022年", 1) if index == 1 else text,
                        encoding="utf-8")
        paths.append(path)
    return paths, str(plugin)


@pytest.mark.parametrize("hang, jobs", [("python", 1), ("python", 2), ("c", 2)])
def test_a_file_over_the_time_limit_is_gip001_and_the_others_are_linted(tmp_path, hang, jobs):
    paths, plugin = _folder(tmp_path, hang, reports=9)  # 9 files: -j 2 uses worker processes
    done = subprocess.run([sys.executable, "-m", "gip_lint", "check", "--plugin", plugin, "--time-limit", "3",
                           "-j", str(jobs), "--no-summary", str(tmp_path / "reports")],
                          capture_output=True, text=True, timeout=180)
    assert done.stderr == "" and done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{paths[0]}:66:27: {GIP206}",
        f"{paths[1]}:1:1: GIP001 读取/检查用时超过 3 秒，文件未被检查完（可用 --time-limit 调整）"] + [
        f"{path}:66:27: {GIP206}" for path in paths[2:]]


def test_no_time_limit_is_zero_and_a_bad_value_is_a_usage_error(tmp_path, capsys):
    paths, plugin = _folder(tmp_path, "python", reports=1)
    assert main(["check", "--time-limit", "0", str(paths[0])]) == 1
    assert capsys.readouterr().out == f"{paths[0]}:66:27: {GIP206}\n"
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--time-limit", "-1", str(paths[0])])
    assert exit_.value.code == 2 and "应为不小于 0 的秒数：-1" in capsys.readouterr().err


def test_the_time_limit_is_read_from_the_configuration(tmp_path):
    paths, plugin = _folder(tmp_path, "python", reports=2)
    (tmp_path / ".gip-lint.toml").write_text(f'time-limit = 2.5\nplugins = ["{plugin}"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "gip_lint", "check", "-j", "1", str(tmp_path / "reports")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 1
    assert f"{paths[1]}:1:1: GIP001 读取/检查用时超过 2.5 秒" in done.stdout
    assert f"{paths[0]}:66:27: {GIP206}\n" in done.stdout


@pytest.mark.parametrize("value", ["-1", '"20s"', "true"])
def test_a_bad_time_limit_in_a_configuration_is_exit_2_naming_the_file_and_key(tmp_path, capsys, value):
    paths, _ = _folder(tmp_path, "python", reports=1)
    config = tmp_path / ".gip-lint.toml"
    config.write_text(f"time-limit = {value}\n", encoding="utf-8")
    assert main(["check", str(paths[0])]) == 2
    assert f"{config}：time-limit 应为不小于 0 的秒数（0 表示不限）" in capsys.readouterr().err
