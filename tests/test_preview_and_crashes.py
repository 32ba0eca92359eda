"""``--preview`` (and the ``preview`` configuration key) runs preview rules, and only then (a
preview rule selected by its exact code without it is warned about, as ruff does);
``--exit-zero`` never hides a crashing rule (GIP999) unless GIP999 itself is ignored."""

from __future__ import annotations

import textwrap

from cli_helpers import SEED_CLEAN, copy_seed, gip_lint

from gip_lint.rule import Finding, rule
from gip_lint.testing import lint_text

PLUGIN = '''
    from gip_lint.hookspecs import hookimpl
    from gip_lint.rule import Finding, rule

    @rule("XPR001", "first-section-preview", severity="warning", preview=True)
    def first_section_preview(report, context):
        """预览：第一部分标题（测试用）。

        ## 错误示例
        无
        ## 正确示例
        无
        """
        yield Finding(report.sections[0].line, report.sections[0].column, "第一部分（预览规则）")

    @rule("XPR901", "always-crashes", severity="warning")
    def always_crashes(report, context):
        """总是出错（测试用）。

        ## 错误示例
        无
        ## 正确示例
        无
        """
        raise ZeroDivisionError("boom")

    @hookimpl
    def gip_lint_rules():
        return [first_section_preview, always_crashes]
'''


def _setup(tmp_path, monkeypatch, config: str = ""):
    (tmp_path / "plug.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    copy_seed(SEED_CLEAN, tmp_path / "a.txt")
    if config:
        (tmp_path / ".gip-lint.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_a_preview_rule_runs_only_with_preview(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch)
    code, out, _ = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR", "a.txt")
    assert (code, out) == (0, "")  # selected by name, still not run
    code, out, _ = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR", "--preview", "a.txt")
    assert code == 1 and out.splitlines() == ["a.txt:5:1: XPR001 第一部分（预览规则）"]


PREVIEW_WARNING = "gip-lint: 警告：XPR001 是预览规则，未加 --preview 不会运行\n"


def test_a_preview_rule_selected_by_its_code_without_preview_is_warned_about_once(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch)
    copy_seed(SEED_CLEAN, tmp_path / "b.txt")
    # Two files, two ways of naming it: still one warning, and the exit code of a clean run.
    code, out, err = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR001,XPR901",
                              "--extend-select", "XPR001", "--ignore", "GIP999", "a.txt", "b.txt")
    assert (code, out, err) == (0, "", PREVIEW_WARNING)
    # Not when preview is on (it runs), nor for a prefix that covers it among others.
    code, out, err = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR001", "--preview", "a.txt")
    assert (code, out, err) == (1, "a.txt:5:1: XPR001 第一部分（预览规则）\n", "")
    code, out, err = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR", "--ignore", "GIP999",
                              "a.txt")
    assert (code, out, err) == (0, "", "")
    # Nor when the same code is ignored: it would not run with preview either.
    code, out, err = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR001", "--ignore", "XPR001",
                              "a.txt")
    assert (code, out, err) == (0, "", "")


def test_a_preview_rule_selected_in_the_configuration_is_warned_about(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch, 'plugins = ["plug.py"]\nselect = ["GIP2", "XPR001"]\n')
    code, out, err = gip_lint(capsys, "check", "a.txt")
    assert (code, out, err) == (0, "", PREVIEW_WARNING)
    with open(tmp_path / ".gip-lint.toml", "a", encoding="utf-8") as config:
        config.write("preview = true\n")
    code, out, err = gip_lint(capsys, "check", "a.txt")
    assert (code, out, err) == (1, "a.txt:5:1: XPR001 第一部分（预览规则）\n", "")


def test_the_preview_configuration_key(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch, 'plugins = ["plug.py"]\nselect = ["XPR"]\npreview = true\n')
    code, out, _ = gip_lint(capsys, "check", "a.txt")
    assert code == 1 and [line.split(" ")[1] for line in out.splitlines()] == ["XPR001"]
    (tmp_path / ".gip-lint.toml").write_text('preview = "yes"\n', encoding="utf-8")
    code, _, err = gip_lint(capsys, "check", "a.txt")
    assert code == 2 and "preview 应为 true 或 false" in err


def test_exit_zero_does_not_hide_a_crashing_rule(tmp_path, monkeypatch, capsys):
    _setup(tmp_path, monkeypatch)
    code, out, _ = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR9,GIP999", "--exit-zero", "a.txt")
    assert code == 1 and [line.split(" ")[1] for line in out.splitlines()] == ["GIP999"]
    code, out, _ = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR9,GIP999", "--ignore", "GIP999",
                            "--exit-zero", "a.txt")
    assert (code, out) == (0, "")
    # Without a crash, --exit-zero still exits 0 over findings.
    code, out, _ = gip_lint(capsys, "check", "--plugin", "plug.py", "--select", "XPR", "--preview", "--exit-zero",
                            "a.txt")
    assert code == 0 and out.count("XPR001") == 1


def test_the_testing_kit_runs_preview_rules_on_request():
    @rule("XPR002", "preview-kit", severity="info", preview=True)
    def preview_kit(report, context):
        """预览（测试用）。

        ## 错误示例
        无
        ## 正确示例
        无
        """
        yield Finding(1, 1, "预览")

    text = SEED_CLEAN.read_text(encoding="utf-8")
    assert lint_text(text, plugins=[preview_kit]) == []
    assert [d.code for d in lint_text(text, plugins=[preview_kit], preview=True)] == ["XPR002"]
