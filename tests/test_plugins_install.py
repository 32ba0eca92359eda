"""Plugins pip-installed next to gip-lint in a real venv: isolation of faulty ones, hooks, CLI.

The demo venv (tests/plugin_envs.py) holds one good plugin (`counting`: rule XB101, a gzip
reader, a `count` format) and four faulty ones: `broken_import` (fails to import),
`malformed` (returns a non-rule), `reuser` (reuses counting's XB101), `squatter` (GIP prefix).
"""

from __future__ import annotations

import gzip
import json

FAULTY = {
    "broken_import": "无法加载：ModuleNotFoundError: No module named 'gip_lint_no_such_module'",
    "malformed": "规则无效，未加载该插件：'XM102 is a string, not a rule' 不是 gip_lint.rule.Rule",
    "reuser": "规则无效，未加载该插件：代码 XB101 已被插件 counting 使用",
    "squatter": "规则无效，未加载该插件：代码前缀 GIP 是 gip-lint 保留的（GIP901）",
}


def _plugin_errors(stderr: str) -> dict[str, str]:
    errors = {}
    for line in stderr.splitlines():
        assert line.startswith("gip-lint: 插件 "), line
        name, _, message = line[len("gip-lint: 插件 "):].partition("：")
        errors[name] = message
    return errors


def test_faulty_plugins_are_reported_by_name_and_the_run_goes_on(demo_env, seeds, tmp_path):
    result = demo_env.gip_lint("check", str(seeds["000"]), cwd=tmp_path)
    assert _plugin_errors(result.stderr) == FAULTY
    # The good plugin's rule ran (info), the faulty ones' did not; seed 000 is clean: exit 0.
    assert result.stdout.splitlines() == [f"{seeds['000']}:3:1: XB101 标题：卧龙区人民政府 2023 年政府信息公开工作年度报告"]
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


def test_built_in_findings_and_exit_status_unaffected_by_faulty_plugins(demo_env, seeds, tmp_path):
    result = demo_env.gip_lint("check", "--ignore", "XB", str(seeds["001"]), cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["GIP206", "GIP504"]
    assert result.stdout.startswith(f"{seeds['001']}:66:27: GIP206 ")
    assert set(_plugin_errors(result.stderr)) == set(FAULTY)


def test_require_plugins(demo_env, seeds, tmp_path):
    ok = demo_env.gip_lint("check", "--require-plugins", "counting,gip-lint-counting", str(seeds["000"]), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    for name in ("malformed", "broken_import", "gip-lint-henan"):
        result = demo_env.gip_lint("check", "--require-plugins", f"counting,{name}", str(seeds["000"]), cwd=tmp_path)
        assert result.returncode == 2, name
        assert result.stdout == ""
        assert f"gip-lint: 错误：要求的插件没有加载：{name}" in result.stderr


def test_rules_lists_only_accepted_plugins_with_versions(demo_env, tmp_path):
    result = demo_env.gip_lint("rules", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    rules = {r["code"]: r for r in json.loads(result.stdout)}
    assert (rules["XB101"]["plugin"], rules["XB101"]["plugin_version"]) == ("counting", "1.2.3")
    assert rules["GIP201"]["plugin"] == "builtin"
    assert not {"XM101", "GIP901"} & set(rules)
    assert set(_plugin_errors(result.stderr)) == set(FAULTY)


def test_version_lists_installed_plugins_from_metadata_without_importing_them(demo_env, tmp_path):
    result = demo_env.gip_lint("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    # broken_import is listed without its import error: --version imports no plugin (cold start);
    # `gip-lint rules` (above) and every check report the faulty ones.
    assert result.stdout.splitlines() == ["gip-lint 0.1.0", "  plugin builtin 0.1.0"] + [
        f"  plugin {name} 1.2.3" for name in sorted({"counting", *FAULTY})]


def test_plugin_reader_and_formatter(demo_env, seeds, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "001.txt.gz").write_bytes(gzip.compress(seeds["001"].read_bytes()))
    result = demo_env.gip_lint("check", "--format", "count", str(reports), cwd=tmp_path)
    assert result.stdout == "GIP206 1\nGIP504 1\nXB101 1\ntotal 3\n"
    assert result.returncode == 1
    default = demo_env.gip_lint("check", str(reports / "001.txt.gz"), cwd=tmp_path)
    assert f"{reports / '001.txt.gz'}:66:27: GIP206 " in default.stdout  # positions in the decompressed text


def test_unknown_format_lists_plugin_formats(demo_env, seeds, tmp_path):
    result = demo_env.gip_lint("check", "--format", "nope", str(seeds["000"]), cwd=tmp_path)
    assert result.returncode == 2
    assert "可用：count, default, full," in result.stderr
