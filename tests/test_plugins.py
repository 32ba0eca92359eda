"""Plugin loading rules and the testing kit, in-process (the pip-installed cases: test_plugins_install.py)."""

from __future__ import annotations

import gzip
import textwrap
import types

import pytest

from gip_lint.engine.plugins import PluginInfo, PluginSet, load_plugins, missing_required, plugin_rule_problems
from gip_lint.rule import Finding, rule
from gip_lint.testing import check_case, check_plugin, lint_file, lint_text, load_cases, plugin_problems


def _rule(code: str, severity: str = "warning", doc: str = "总结。\n\n## 错误示例\n坏\n## 正确示例\n好"):
    def check(report, context):
        yield Finding(report.sections[0].line, 1, f"{code} 发现", anchor="x")

    check.__doc__ = doc
    return rule(code, f"name-{code.lower()}", severity=severity)(check)


@pytest.mark.parametrize("codes, owners, problem", [
    (["HA101", "HA102"], {}, None),
    (["HA101", "HB101"], {}, "一个插件的代码应使用同一个前缀，却用了 HA、HB"),
    (["GIP901"], {}, "代码前缀 GIP 是 gip-lint 保留的（GIP901）"),
    (["HA101", "HA101"], {}, "代码 HA101 重复注册"),
    (["HA101"], {"codes": {"HA101": "henan"}, "prefixes": {"HA": "henan"}}, "代码 HA101 已被插件 henan 使用"),
    (["HA105"], {"prefixes": {"HA": "henan"}}, "代码 HA105 的前缀 HA 已被插件 henan 使用"),
])
def test_plugin_code_rules(codes, owners, problem):
    problems = plugin_rule_problems("other", [_rule(code) for code in codes], owners.get("prefixes", {}),
                                    owners.get("codes", {}))
    assert problems == ([problem] if problem else [])


def test_malformed_rules_are_named():
    from gip_lint.rule import Rule

    bad = Rule(code="ha1", name="x", summary="", severity="fatal", explanation="", check=None)
    assert plugin_rule_problems("p", [bad, 42], {}) == [
        "代码 'ha1' 不合规（应为 1–4 个大写字母加 3 位数字）", "ha1 的严重程度 'fatal' 无效", "ha1 没有摘要",
        "42 不是 gip_lint.rule.Rule"]


def _write(path, source: str) -> str:
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return str(path)


GOOD = '''
    import gzip
    from gip_lint.hookspecs import hookimpl
    from gip_lint.rule import Finding, rule

    @rule("LC101", "first-section", severity="info")
    def first_section(report, context):
        """第一部分的位置。

        ## 错误示例
        无
        ## 正确示例
        无
        """
        yield Finding(report.sections[0].line, report.sections[0].column, "第一部分")

    @hookimpl
    def gip_lint_rules():
        return [first_section]

    @hookimpl
    def gip_lint_readers():
        from gip_lint.readers import Reader
        from gip_lint.source import from_bytes
        return [Reader("gzip", (".gz",), lambda data, path: from_bytes(gzip.decompress(data), path)), "not a reader"]
'''

RULES_HOOK_RAISES = '''
    from gip_lint.hookspecs import hookimpl

    @hookimpl
    def gip_lint_rules():
        raise RuntimeError("boom")

    @hookimpl
    def gip_lint_formatters():
        raise AssertionError("never called: the plugin was dropped")
'''

READER_OF_REJECTED = '''
    from gip_lint.hookspecs import hookimpl
    from gip_lint.readers import Reader

    @hookimpl
    def gip_lint_rules():
        return ["junk"]

    @hookimpl
    def gip_lint_readers():
        return [Reader("stolen", (".txt",), lambda data, path: None)]
'''


def test_local_plugins_load_one_by_one_and_failures_stay_local(tmp_path):
    good = _write(tmp_path / "good.py", GOOD)
    missing = str(tmp_path / "missing.py")
    syntax = _write(tmp_path / "syntax.py", "def broken(:\n")
    raises = _write(tmp_path / "raises.py", RULES_HOOK_RAISES)
    rejected = _write(tmp_path / "rejected.py", READER_OF_REJECTED)
    plugins = load_plugins(local_plugins=[good, missing, syntax, raises, rejected])

    errors = {error.plugin: error.message for error in plugins.errors}
    assert set(errors) == {f"local:{path}" for path in (good, missing, syntax, raises, rejected)}
    assert errors[f"local:{missing}"].startswith("无法加载：FileNotFoundError")
    assert errors[f"local:{syntax}"].startswith("无法加载：SyntaxError")
    assert errors[f"local:{raises}"] == "gip_lint_rules 出错：RuntimeError: boom"
    assert errors[f"local:{rejected}"] == "规则无效，未加载该插件：'junk' 不是 gip_lint.rule.Rule"
    assert errors[f"local:{good}"].startswith("gip_lint_readers 返回了无效的对象：'not a reader'")

    assert [info.name for info in plugins.plugins] == ["builtin", f"local:{good}"]
    assert plugins.rule("LC101").plugin == f"local:{good}"
    assert plugins.rule("GIP301").plugin == "builtin"
    # The good plugin's valid reader is used, first; nothing of the rejected plugin is.
    assert [reader.name for reader in plugins.readers] == ["gzip", "text", "html", "docx", "pdf"]


def test_missing_required_accepts_entry_point_and_distribution_names():
    plugins = PluginSet(rules=(), readers=(), formatters=(), default_config={}, errors=(),
                        plugins=(PluginInfo("henan", "0.1.0", "gip-lint-henan"),))
    assert missing_required(plugins, ["henan", "gip_lint_henan", "GIP-LINT-HENAN", "hubei"]) == ["hubei"]


# --- the testing kit with a plugin ------------------------------------------------------------------

plugin = types.SimpleNamespace(__name__="demo", gip_lint_rules=lambda: [_rule("DM101")])


def test_lint_text_with_a_plugin_runs_only_its_rules(seeds):
    found = lint_text(seeds["001"].read_text(encoding="utf-8"), plugins=[plugin])
    assert [(d.code, d.line, d.column, d.plugin) for d in found] == [("DM101", 5, 1, "demo")]


def test_check_case_with_a_plugin(tmp_path, seeds):
    cases = tmp_path / "DM101.yml"
    cases.write_text(textwrap.dedent(f"""
        rule: DM101
        cases:
          - name: found at section one
            file: {seeds['000']}
            expect: [{{code: DM101, line: 5, column: 1}}]
          - name: wrongly expected clean
            text: "{seeds['000'].read_text(encoding='utf-8').splitlines()[2]}\\n\\n一、总体情况\\n内容。\\n"
            expect: []
        """), encoding="utf-8")
    right, wrong = load_cases(cases)
    check_case(right, plugins=[plugin])
    with pytest.raises(AssertionError, match=r"case DM101:wrongly expected clean: expected \[\], got:\n  DM101 3:1"):
        check_case(wrong, plugins=[plugin])


def test_lint_file_uses_the_plugins_reader(tmp_path, seeds):
    local = {}
    exec(compile(textwrap.dedent(GOOD), "good", "exec"), local)
    good = types.SimpleNamespace(__name__="good", gip_lint_rules=local["gip_lint_rules"],
                                 gip_lint_readers=lambda: local["gip_lint_readers"]()[:1])
    archived = tmp_path / "report.txt.gz"
    archived.write_bytes(gzip.compress(seeds["001"].read_bytes()))
    assert [(d.code, d.line) for d in lint_file(archived, plugins=[good])] == [("LC101", 5)]


def test_check_plugin_wants_examples_in_the_documentation():
    check_plugin(plugin)
    undocumented = types.SimpleNamespace(__name__="bad", gip_lint_rules=lambda: [_rule("BD101", doc="只有总结。"),
                                                                                _rule("GIP777")])
    assert plugin_problems(undocumented) == ["一个插件的代码应使用同一个前缀，却用了 BD、GIP",
                                             "代码前缀 GIP 是 gip-lint 保留的（GIP777）",
                                             "BD101 的文档缺少“## 错误示例”", "BD101 的文档缺少“## 正确示例”"]
    with pytest.raises(AssertionError, match="BD101 的文档缺少"):
        check_plugin(undocumented)


def test_gip_lint_hookimpl_is_the_hookspecs_marker():
    # hookspecs.py and docs/plugin-authors.md tell plugin authors to use gip_lint.hookimpl.
    import gip_lint
    from gip_lint.hookspecs import hookimpl

    assert gip_lint.hookimpl is hookimpl
    with pytest.raises(AttributeError):
        gip_lint.no_such_name


TAKES_OVER_TXT = '''
    from gip_lint.hookspecs import hookimpl

    @hookimpl
    def gip_lint_readers():
        from gip_lint.readers import Reader
        from gip_lint.source import from_text

        return [Reader("short", (".txt",), lambda data, path: from_text("只读第一行\\\\n", path))]
'''


def test_a_plugin_reader_takes_over_an_extension_gip_lint_reads(tmp_path, seeds, capsys):
    # hookspecs.gip_lint_readers: readers of later-registered plugins win an extension, the
    # built-in ones included.  The same reader in check, the language server and the testing kit.
    from gip_lint.cli.main import main
    from gip_lint.config.settings import Settings
    from gip_lint.engine.setup import NullResolver, setup_for
    from gip_lint.lsp.documents import lint_buffer

    plugin = _write(tmp_path / "short.py", TAKES_OVER_TXT)
    report = tmp_path / "report.txt"
    report.write_bytes(seeds["001"].read_bytes())
    assert main(["check", "--isolated", "--plugin", plugin, str(report)]) == 1
    assert capsys.readouterr().out == (f"{report}:1:1: GIP002 不是政府信息公开工作年度报告："
                                       "找不到“一、总体情况”等六个部分的标题，也找不到统计表\n")

    plugins = load_plugins(local_plugins=[plugin])
    setup = setup_for(NullResolver(Settings(), plugins), str(report))
    placed = lint_buffer(report.read_text(encoding="utf-8"), str(report), setup)
    assert [(p.diagnostic.code, p.diagnostic.line) for p in placed] == [("GIP002", 1)]

    local = {}
    exec(compile(textwrap.dedent(TAKES_OVER_TXT), "short", "exec"), local)
    short = types.SimpleNamespace(__name__="short", gip_lint_rules=lambda: [], gip_lint_readers=local["gip_lint_readers"])
    assert [d.code for d in lint_file(report, plugins=[short])] == ["GIP002"]
