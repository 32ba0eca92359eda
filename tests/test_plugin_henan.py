"""The Henan plugin (plugins/gip-lint-henan) pip-installed next to gip-lint in a fresh venv."""

from __future__ import annotations

import json

from plugin_envs import HENAN

# What the Henan rules find on the five seeds (all real published Henan reports).  None of
# them names its 政府信息公开工作机构 with contact details (HA103); 洛阳瀍河, 南阳高新区 and
# 郑州二七 do not report on 基层政务公开标准化规范化 in section 一 (HA102; 南阳高新区 only
# plans it in section 五).  No seed states a fee amount other than 0元 (HA101 silent).
HENAN_FINDINGS = {
    "000": [(3, 1, "HA103")],
    "001": [(3, 1, "HA103"), (5, 1, "HA102"), (66, 27, "GIP206"), (77, 7, "GIP504")],
    "002": [(3, 1, "HA103"), (5, 1, "HA102")],
    "003": [(3, 1, "HA103")],
    "004": [(3, 1, "HA103"), (5, 1, "HA102")],
}


def _findings(stdout: str) -> dict[str, list[tuple[int, int, str]]]:
    found: dict[str, list] = {}
    for line in stdout.splitlines():
        path, row, column, rest = line.split(":", 3)
        found.setdefault(path.rsplit("/", 1)[1][:3], []).append((int(row), int(column), rest.split()[0]))
    return found


def test_rules_lists_the_henan_rules_with_plugin_and_version(henan_env, tmp_path):
    result = henan_env.gip_lint("rules", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[2:]}
    assert rows["HA101"][1:5] == ["fee-amount-in-yuan", "error", "henan", "0.1.0"]
    assert rows["HA102"][1:5] == ["basic-level-standardisation", "warning", "henan", "0.1.0"]
    assert rows["HA103"][1:5] == ["disclosure-office-contact", "warning", "henan", "0.1.0"]
    assert rows["GIP301"][3] == "builtin"


def test_version_lists_the_plugin(henan_env, tmp_path):
    result = henan_env.gip_lint("--version", cwd=tmp_path)
    assert result.stdout.splitlines() == ["gip-lint 0.1.0", "  plugin builtin 0.1.0", "  plugin henan 0.1.0"]


def test_explain_prints_the_plugin_rule_documentation(henan_env, tmp_path):
    result = henan_env.gip_lint("explain", "HA101", cwd=tmp_path)
    assert result.returncode == 0
    assert "信息处理费金额应以“元”为单位并保留两位小数" in result.stdout
    assert "0.012万元" in result.stdout and "120.00元" in result.stdout


def test_henan_rules_run_on_the_seeds(henan_env, seeds, tmp_path):
    result = henan_env.gip_lint("check", "--require-plugins", "gip-lint-henan", str(seeds["000"].parent), cwd=tmp_path)
    assert result.stderr == ""
    assert result.returncode == 1
    assert _findings(result.stdout) == HENAN_FINDINGS
    assert (f"{seeds['002']}:5:1: HA102 “一、总体情况”没有说明基层政务公开标准化规范化工作"
            "（第 78 行在其他部分提到，应在总体情况中说明本年度的工作）") in result.stdout.splitlines()


def test_henan_rules_selectable_and_ignorable(henan_env, seeds, tmp_path):
    directory = str(seeds["000"].parent)
    only_ha102 = henan_env.gip_lint("check", "--select", "HA102", directory, cwd=tmp_path)
    assert _findings(only_ha102.stdout) == {"001": [(5, 1, "HA102")], "002": [(5, 1, "HA102")],
                                            "004": [(5, 1, "HA102")]}
    without_henan = henan_env.gip_lint("check", "--ignore", "HA", directory, cwd=tmp_path)
    assert _findings(without_henan.stdout) == {"001": [(66, 27, "GIP206"), (77, 7, "GIP504")]}
    ignore_one = henan_env.gip_lint("check", "--select", "HA", "--ignore", "HA103", directory, cwd=tmp_path)
    assert _findings(ignore_one.stdout) == {"001": [(5, 1, "HA102")], "002": [(5, 1, "HA102")],
                                            "004": [(5, 1, "HA102")]}
    clean = henan_env.gip_lint("check", "--select", "HA", "--ignore", "HA102,HA103", directory, cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_json_output_names_the_codes(henan_env, seeds, tmp_path):
    result = henan_env.gip_lint("check", "--format", "json", "--select", "HA", str(seeds["004"]), cwd=tmp_path)
    assert [(d["code"], d["line"], d["severity"]) for d in json.loads(result.stdout)] == [
        ("HA103", 3, "warning"), ("HA102", 5, "warning")]


def test_the_plugins_own_tests_pass_against_the_installed_packages(henan_env, tmp_path):
    # The plugin author's workflow: pytest on the plugin's tests, gip_lint.testing from the wheel.
    result = henan_env.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", str(HENAN / "tests"),
                           cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "failed" not in result.stdout


def _reports(tmp_path, seeds, config_name: str, config: str):
    directory = tmp_path / "reports"
    directory.mkdir()
    for number, path in seeds.items():
        (directory / f"{number}.txt").write_bytes(path.read_bytes())
    (tmp_path / config_name).write_text(config, encoding="utf-8")
    return directory


def test_henan_rules_selectable_and_ignorable_by_config_file(henan_env, seeds, tmp_path):
    directory = _reports(tmp_path, seeds, ".gip-lint.toml", 'ignore = ["HA103"]\n')
    result = henan_env.gip_lint("check", str(directory), cwd=tmp_path)
    assert result.stderr == ""
    assert _findings(result.stdout) == {"001": [(5, 1, "HA102"), (66, 27, "GIP206"), (77, 7, "GIP504")],
                                        "002": [(5, 1, "HA102")], "004": [(5, 1, "HA102")]}


def test_henan_rules_selected_in_pyproject(henan_env, seeds, tmp_path):
    directory = _reports(tmp_path, seeds, "pyproject.toml",
                         '[tool.gip-lint]\nselect = ["HA"]\n\n[tool.gip-lint.severity]\nHA102 = "error"\n')
    result = henan_env.gip_lint("check", "--format", "json", "--fail-on", "error", "--ignore", "HA103",
                                str(directory), cwd=tmp_path)
    assert result.returncode == 1  # HA102 made an error by the configuration
    assert [(d["path"].rsplit("/", 1)[1], d["code"], d["severity"]) for d in json.loads(result.stdout)] == [
        ("001.txt", "HA102", "error"), ("002.txt", "HA102", "error"), ("004.txt", "HA102", "error")]
