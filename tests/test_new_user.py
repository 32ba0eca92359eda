"""What a new user does first, run as written: the README's install command in a fresh
virtual environment, the licence metadata of the wheel, Chinese help and tables."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile

import pytest

from cli_helpers import SEED_004, gip_lint
from plugin_envs import ROOT, source_copy


def test_readme_install_from_a_clone_works_in_a_fresh_venv(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "pip install . ./plugins/gip-lint-henan"
    assert command in readme and command in (ROOT / "plugins/gip-lint-henan/README.md").read_text(encoding="utf-8")
    assert "pip install gip-lint" not in readme
    clone = source_copy(ROOT, tmp_path / "gip-lint")
    venv.EnvBuilder(with_pip=True, clear=True).create(tmp_path / "venv")
    bin_dir = tmp_path / "venv" / "bin"
    done = subprocess.run([str(bin_dir / "pip"), "install", "-q", "--disable-pip-version-check", ".",
                           "./plugins/gip-lint-henan"], cwd=clone, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    rules = subprocess.run([str(bin_dir / "gip-lint"), "rules"], capture_output=True, text=True, timeout=120)
    assert rules.returncode == 0 and "HA103" in rules.stdout and "GIP201" in rules.stdout


def test_wheel_licence_is_an_spdx_expression_with_both_licence_files(gip_lint_wheel):
    with zipfile.ZipFile(gip_lint_wheel) as wheel:
        (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        text = wheel.read(metadata).decode("utf-8")
        names = wheel.namelist()
    assert "License-Expression: MIT AND MPL-2.0" in text.splitlines()
    assert {"License-File: LICENSE", "License-File: LICENSES/MPL-2.0.txt"} <= set(text.splitlines())
    assert any(n.endswith("licenses/LICENSES/MPL-2.0.txt") for n in names)
    header = (ROOT / "gip_lint" / "parsing" / "_report_parser.py").read_text(encoding="utf-8")
    assert "Mozilla Public License, v. 2.0" in header


def test_building_gives_no_licence_deprecation_warning(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path / "dist"),
                           str(source_copy(ROOT, tmp_path / "src"))], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert "project.license` as a TOML table is deprecated" not in done.stdout + done.stderr
    assert "License classifiers are deprecated" not in done.stdout + done.stderr


def _exits(capsys, *argv) -> tuple[int, str, str]:
    """argparse ends usage errors and --help with SystemExit: its code and what was printed."""
    from gip_lint.cli.main import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as exit:
        main(list(argv))
    captured = capsys.readouterr()
    return exit.value.code, captured.out, captured.err


def test_argparse_speaks_chinese(capsys):
    import argparse

    code, out, err = _exits(capsys, "chek")
    assert code == 2
    assert err.startswith("用法：gip-lint ")
    assert "gip-lint: 错误：参数 {check,annotate,show,rules,explain,lsp}：无效的选项值：'chek'" in err
    code, out, err = _exits(capsys, "check", "--bogus", str(SEED_004))
    assert (code, err.splitlines()[-1]) == (2, "gip-lint: 错误：无法识别的参数：--bogus")
    code, out, err = _exits(capsys, "check", "--help")
    assert code == 0
    for english in ("usage:", "positional arguments", "options:", "show this help message"):
        assert english not in out
    assert out.startswith("用法：gip-lint check") and "位置参数" in out and "显示本帮助并退出" in out
    assert ".txt .md .text .markdown .html .htm .shtml .xhtml .docx" in " ".join(out.split())
    assert argparse._("usage: ") == "usage: "  # given back after the command


def test_plugin_missing_on_the_command_line_exits_2(capsys, tmp_path):
    code, out, err = gip_lint(capsys, "check", "--isolated", "--plugin", str(tmp_path / "missing.py"), str(SEED_004))
    assert (code, out) == (2, "")
    assert f"gip-lint: 错误：--plugin 指定的插件文件不存在：{tmp_path / 'missing.py'}" in err
    config = tmp_path / "gip.toml"
    config.write_text(f'plugins = ["{tmp_path / "missing.py"}"]\n', encoding="utf-8")
    code, out, err = gip_lint(capsys, "check", "--config", str(config), str(SEED_004))
    assert (code, out) == (2, "") and "插件文件不存在" in err


def test_config_file_written_like_a_pyproject(capsys, tmp_path):
    config = tmp_path / "other.toml"
    config.write_text('[tool.gip-lint]\nselect = ["GIP2"]\nignore = ["GIP202"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(SEED_004.read_text(encoding="utf-8").replace("\t\t223\t", "\t\t224\t"), encoding="utf-8")
    code, out, err = gip_lint(capsys, "check", "--config", str(config), str(report))
    assert (code, err) == (1, "")
    assert [line.split(" ")[1] for line in out.splitlines()] == ["GIP201"]


def test_show_tables_align_chinese_by_display_width(capsys):
    from wcwidth import wcswidth

    code, out, _ = gip_lint(capsys, "show", str(SEED_004))
    assert code == 0
    lines = out.split("表三 收到和处理政府信息公开申请情况：\n", 1)[1].split("\n\n", 1)[0].splitlines()
    header, rule, rows = lines[0], lines[1], lines[2:]
    from gip_lint import parse

    assert len(rows) == len(parse(SEED_004).applications.rows) > 20
    assert {wcswidth(line) for line in [rule, *rows]} == {wcswidth(rule)}  # every row as wide as the rule
    labels = [line.split("  ")[0] for line in rows]
    from gip_lint.model.labels import APPLICATION_ROW_NAMES

    assert set(labels) <= set(APPLICATION_ROW_NAMES.values())  # whole labels, none cut mid-word


def test_rules_table_aligns_by_display_width(capsys):
    from wcwidth import wcswidth

    code, out, _ = gip_lint(capsys, "rules")
    assert code == 0
    header, rule, *rows = out.splitlines()
    starts = {wcswidth(header[:header.index("说明")])}
    for line in rows:
        summary = line.split("  ")[-1].strip()
        starts.add(wcswidth(line[:line.rindex(summary)]))
    assert len(starts) == 1 and len(rows) >= 30  # every summary starts under its header, in display cells
