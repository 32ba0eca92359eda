"""Configuration files: discovery, precedence, per-file application, and clear errors (exit 2)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from cli_helpers import SEED_GIP206, copy_seed, gip_lint

from gip_lint.config.files import ConfigError, Resolver, find_config_file, read_config_file
from gip_lint.config.settings import Settings

GIP206_LINE = "66:27: GIP206"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project directory holding the report with one GIP206 (warning), as the cwd."""
    copy_seed(SEED_GIP206, tmp_path / "reports" / "r.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- discovery ---------------------------------------------------------------------------------


def test_pyproject_table_applies(project, capsys):
    write(project / "pyproject.toml", """
        [project]
        name = "x"
        [tool.gip-lint]
        ignore = ["GIP206"]
    """)
    assert gip_lint(capsys, "check", "reports") == (0, "", "")


def test_pyproject_without_the_table_is_passed_over(project, capsys):
    write(project / "reports" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(project / "pyproject.toml", "[tool.gip-lint]\nignore = ['GIP206']\n")
    assert find_config_file(str(project / "reports")) == str(project / "pyproject.toml")
    assert gip_lint(capsys, "check", "reports")[0] == 0


def test_closest_file_wins_and_files_do_not_inherit(project, capsys):
    write(project / "pyproject.toml", "[tool.gip-lint]\nignore = ['GIP206']\n")
    write(project / "reports" / ".gip-lint.toml", "fail-on = 'error'\n")
    code, out, _ = gip_lint(capsys, "check", "reports")
    # The closer .gip-lint.toml applies alone: GIP206 is reported again, but only warns.
    assert GIP206_LINE in out and code == 0


def test_dedicated_file_beats_pyproject_in_the_same_directory(project, capsys):
    write(project / "pyproject.toml", "[tool.gip-lint]\nignore = ['GIP206']\n")
    write(project / ".gip-lint.toml", "select = ['GIP2']\n")
    code, out, _ = gip_lint(capsys, "check", "reports")
    assert GIP206_LINE in out and code == 1


def test_each_file_gets_its_closest_configuration(project, capsys):
    copy_seed(SEED_GIP206, project / "drafts" / "d.txt")
    write(project / "drafts" / ".gip-lint.toml", "ignore = ['GIP206']\n")
    code, out, _ = gip_lint(capsys, "check", ".")
    assert out.startswith(f"./reports/r.txt:{GIP206_LINE}") and len(out.splitlines()) == 1 and code == 1


def test_isolated_and_explicit_config(project, capsys):
    write(project / "pyproject.toml", "[tool.gip-lint]\nignore = ['GIP206']\n")
    write(project / "other.toml", "fail-on = 'error'\n")
    assert gip_lint(capsys, "check", "--isolated", "reports")[0] == 1
    code, out, _ = gip_lint(capsys, "check", "--config", "other.toml", "reports")
    assert GIP206_LINE in out and code == 0


# -- precedence --------------------------------------------------------------------------------


def test_command_line_overrides_the_file(project, capsys):
    write(project / ".gip-lint.toml", "select = ['GIP1']\nfail-on = 'error'\n")
    assert gip_lint(capsys, "check", "reports") == (0, "", "")
    code, out, _ = gip_lint(capsys, "check", "--select", "GIP2", "--fail-on", "warning", "reports")
    assert GIP206_LINE in out and code == 1


def test_ignore_accumulates_across_layers(project, capsys):
    write(project / ".gip-lint.toml", "ignore = ['GIP206']\n")
    settings = Resolver(Settings(ignore=("GIP301",), source={"ignore": "命令行"})).settings_for("reports/r.txt")
    assert settings.ignore == ("GIP206", "GIP301")
    assert settings.source["ignore"].endswith(".gip-lint.toml + 命令行")


def test_severity_override_from_file_and_command_line(project, capsys):
    write(project / ".gip-lint.toml", "severity = { GIP206 = 'error' }\nformat = 'json'\n")
    code, out, _ = gip_lint(capsys, "check", "--fail-on", "error", "reports")
    assert '"severity": "error"' in out and code == 1
    code, out, _ = gip_lint(capsys, "check", "--fail-on", "error", "--severity", "GIP206=info", "reports")
    assert '"severity": "info"' in out and code == 0


def test_format_from_the_file(project, capsys):
    write(project / ".gip-lint.toml", "format = 'github'\n")
    out = gip_lint(capsys, "check", "reports")[1]
    assert out.startswith("::warning file=reports/r.txt,line=66,col=27,")


# -- per-file ignores, exclude -----------------------------------------------------------------


def test_per_file_ignores_match_relative_to_the_config_file(project, capsys):
    copy_seed(SEED_GIP206, project / "reports" / "old" / "2019.txt")
    write(project / ".gip-lint.toml", """
        [per-file-ignores]
        "reports/old/*" = ["GIP2"]
    """)
    code, out, _ = gip_lint(capsys, "check", "reports")
    assert out.splitlines() == [line for line in out.splitlines() if line.startswith("reports/r.txt:")]
    assert GIP206_LINE in out and code == 1


def test_per_file_ignores_beat_an_explicit_select(project, capsys):
    write(project / ".gip-lint.toml", "select = ['GIP206']\nper-file-ignores = { 'r.txt' = ['GIP2'] }\n")
    assert gip_lint(capsys, "check", "reports") == (0, "", "")


def test_per_file_ignores_on_the_command_line(project, capsys):
    assert gip_lint(capsys, "check", "--per-file-ignores", "reports/*:GIP206", "reports") == (0, "", "")


def test_exclude_prunes_directories_but_not_files_named_explicitly(project, capsys):
    copy_seed(SEED_GIP206, project / "reports" / "archive" / "a.txt")
    write(project / ".gip-lint.toml", "exclude = ['archive', 'reports/r.txt']\n")
    assert gip_lint(capsys, "check", ".") == (0, "", "")
    assert GIP206_LINE in gip_lint(capsys, "check", "reports/r.txt")[1]
    assert gip_lint(capsys, "check", "--force-exclude", "reports/r.txt") == (0, "", "")
    assert gip_lint(capsys, "check", "--isolated", "--exclude", "archive,r.txt", ".") == (0, "", "")


# -- local plugins -----------------------------------------------------------------------------

def test_local_plugin_rules_and_options(project, capsys):
    write(project / "rules" / "henan.py", """
        from gip_lint.hookspecs import hookimpl
        from gip_lint.rule import Finding, rule

        @rule("HA101", "organ-named", severity="warning")
        def organ_named(report, context):
            '''The title names the organ required by the province.'''
            if context.options.get("required-organ") not in (report.title or ""):
                yield Finding(1, 1, "标题中没有" + context.options["required-organ"], anchor="title:organ")

        @hookimpl
        def gip_lint_rules():
            return [organ_named]

        @hookimpl
        def gip_lint_default_config():
            return {"required-organ": "人民政府"}
    """)
    write(project / ".gip-lint.toml", """
        plugins = ["rules/henan.py"]
        select = ["HA"]
        required-organ = "河南省"
    """)
    code, out, err = gip_lint(capsys, "check", "reports")
    assert out == "reports/r.txt:1:1: HA101 标题中没有河南省\n" and err == "" and code == 1
    write(project / ".gip-lint.toml", 'plugins = ["rules/henan.py"]\nselect = ["HA"]\n')
    assert gip_lint(capsys, "check", "reports") == (0, "", "")  # the plugin's default applies
    write(project / ".gip-lint.toml", 'plugins = ["rules/henan.py"]\nrequired-organ = 3\n')
    code, _, err = gip_lint(capsys, "check", "reports")
    assert code == 2 and "required-organ 应为 str" in err


# -- errors: exit 2, naming the file and the key -----------------------------------------------


@pytest.mark.parametrize("content, expected", [
    ("selec = ['GIP2']\n", "未知的配置项 selec（是否想写 select？）"),
    ("select = 'GIP2'\n", "select 应为代码列表"),
    ("ignore = ['GIP777']\n", "ignore 中有未知的规则代码或前缀 GIP777"),
    ("per-file-ignores = { 'a/*' = ['XX1'] }\n", 'per-file-ignores."a/*" 中有未知的规则代码或前缀 XX1'),
    ("severity = { GIP206 = 'fatal' }\n", "severity.GIP206 应为 info | warning | error"),
    ("severity = { GIP2 = 'error' }\n", "severity 中有未知的规则代码 GIP2"),
    ("fail-on = 'never'\n", "fail-on 应为 info | warning | error"),
    ("format = 'xml'\n", "format 的值 'xml' 不是已知的输出格式"),
    ("max-file-size = -1\n", "max-file-size 应为正整数"),
    ("plugins = ['missing.py']\n", "plugins 中的插件文件不存在：missing.py"),
    ("select = [\"GIP2\"\n", "TOML 格式错误"),
])
def test_bad_configuration_is_exit_2_with_file_and_key(project, capsys, content, expected):
    config = write(project / ".gip-lint.toml", content)
    code, out, err = gip_lint(capsys, "check", "reports")
    assert code == 2 and out == ""
    assert err.startswith(f"gip-lint: 错误：{config}") and expected in err, err
    assert "Traceback" not in err


def test_bad_pyproject_names_the_table(project, capsys):
    write(project / "pyproject.toml", "[tool.gip-lint]\nfail_on = 'error'\n")
    code, _, err = gip_lint(capsys, "check", "reports")
    assert code == 2
    assert f"{project / 'pyproject.toml'} [tool.gip-lint]：未知的配置项 fail_on（是否想写 fail-on？）" in err


def test_malformed_toml_message_has_its_position(project, capsys):
    write(project / ".gip-lint.toml", "select = ['GIP2']\nignore = GIP2\n")
    code, _, err = gip_lint(capsys, "check", "reports")
    assert code == 2 and "(at line 2, column 10)" in err


def test_unknown_code_on_the_command_line(project, capsys):
    code, _, err = gip_lint(capsys, "check", "--ignore", "GIP77", "reports")
    assert code == 2 and "--ignore 中有未知的规则代码或前缀 GIP77" in err


def test_bad_command_line_pairs(project, capsys):
    code, _, err = gip_lint(capsys, "check", "--severity", "GIP206", "reports")
    assert code == 2 and "CODE=LEVEL" in err


def test_read_config_file_returns_none_without_table(tmp_path):
    assert read_config_file(str(write(tmp_path / "pyproject.toml", "[tool.other]\nx = 1\n"))) is None
    with pytest.raises(ConfigError):
        read_config_file(str(write(tmp_path / ".gip-lint.toml", "[[x]]\n= 1")))


# -- --show-settings ---------------------------------------------------------------------------


def test_show_settings_names_each_source(project, capsys):
    config = write(project / "pyproject.toml", """
        [tool.gip-lint]
        select = ["GIP2"]
        ignore = ["GIP206"]
        per-file-ignores = { "reports/*" = ["GIP205"] }
    """)
    code, out, _ = gip_lint(capsys, "check", "--show-settings", "--ignore", "GIP301", "reports/r.txt")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    where = f"{config} [tool.gip-lint]"
    assert lines["配置文件"].split()[1] == str(config)
    assert lines["select"].endswith(f'["GIP2"]    # {where}')
    assert lines["ignore"].endswith(f'["GIP206", "GIP301"]    # {where} + 命令行')
    assert lines["fail-on"].endswith('"warning"    # 默认值')
    assert lines["（此文件忽略）"].split()[1] == '["GIP205"]'


# -- standard input: the configuration of --stdin-filename applies (a real process) -------------


def test_stdin_uses_the_configuration_of_its_filename(project):
    import subprocess
    import sys

    write(project / "drafts" / ".gip-lint.toml", "ignore = ['GIP206']\nexclude = ['skip.txt']\n")
    report = SEED_GIP206.read_bytes()

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "gip_lint", "check", *args], input=report,
                              capture_output=True, cwd=project, timeout=60)
        return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")

    assert run("--stdin-filename", "drafts/x.txt", "-") == (0, "", "")
    code, out, _ = run("--stdin-filename", "reports/x.txt", "-")
    assert code == 1 and out.startswith(f"reports/x.txt:{GIP206_LINE}")
    code, out, _ = run("--stdin-filename", "reports/x.txt", "--per-file-ignores", "reports/x.txt:GIP2", "-")
    assert (code, out) == (0, "")
    assert run("--isolated", "--stdin-filename", "drafts/skip.txt", "--exclude", "skip.txt", "--force-exclude", "-") == (0, "", "")


# -- the documented sample is a working configuration ------------------------------------------


def test_the_documented_sample_pyproject_works(project, capsys):
    import re

    from cli_helpers import ROOT

    samples = {re.search(r"```toml\n(.*?)```", (ROOT / name).read_text(encoding="utf-8"), re.S).group(1)
               for name in ("README.md", "docs/configuration.md")}
    assert len(samples) == 1  # README and docs show the same sample
    write(project / "pyproject.toml", samples.pop())
    write(project / "tools" / "henan_rules.py", """
        from gip_lint.hookspecs import hookimpl
        from gip_lint.rule import rule

        @rule("HA101", "stub", severity="warning")
        def stub(report, context):
            '''A stub provincial rule.'''
            return ()

        @hookimpl
        def gip_lint_rules():
            return [stub]
    """)
    code, out, err = gip_lint(capsys, "check", "--show-settings", "reports/r.txt")
    assert code == 0 and err == ""
    assert '"GIP206": "error"' in out and '"reports/2019/*": ["GIP402"]' in out
    code, out, _ = gip_lint(capsys, "check", "reports")
    assert code == 1 and out.startswith("reports/r.txt:66:27: GIP206") and "   66 | " in out


def test_a_broken_local_plugin_is_named_when_its_codes_are_unknown(project, capsys):
    write(project / "rules" / "broken.py", "raise RuntimeError('boom')\n")
    write(project / ".gip-lint.toml", 'plugins = ["rules/broken.py"]\nselect = ["HA101"]\n')
    code, out, err = gip_lint(capsys, "check", "reports")
    assert code == 2 and out == ""
    assert "select 中有未知的规则代码或前缀 HA101" in err and "RuntimeError: boom" in err


def test_require_plugins_in_the_configuration(project, capsys):
    write(project / ".gip-lint.toml", 'require-plugins = ["gip-lint-nowhere"]\n')
    code, out, err = gip_lint(capsys, "check", "reports")
    assert code == 2 and out == "" and "要求的插件没有加载：gip-lint-nowhere" in err
    # The built-in plugin answers to its entry-point name: the check runs as usual.
    write(project / ".gip-lint.toml", 'require-plugins = ["builtin"]\n')
    code, out, err = gip_lint(capsys, "check", "reports")
    assert code == 1 and out.startswith("reports/r.txt:66:27: GIP206")
    # The command line adds to the file's list.
    code, out, err = gip_lint(capsys, "check", "--require-plugins", "other-plugin", "reports")
    assert code == 2 and "other-plugin" in err
    code, out, _ = gip_lint(capsys, "check", "--show-settings", "reports/r.txt")
    assert 'require-plugins' in out and '"builtin"' in out
    write(project / ".gip-lint.toml", 'require-plugins = "builtin"\n')
    code, out, err = gip_lint(capsys, "check", "reports")
    assert code == 2 and "require-plugins 应为字符串列表" in err
