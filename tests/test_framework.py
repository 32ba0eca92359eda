"""The rule framework: selection by code prefix, the rule decorator, a crashing rule isolated."""

from __future__ import annotations

import types

import pytest

import gip_lint.builtin
from gip_lint.hookspecs import hookimpl
from gip_lint.engine.linter import Selection
from gip_lint.rule import Finding, rule, validate_rule
from gip_lint.testing import lint_text


@pytest.mark.parametrize("select, ignore, code, expected", [
    ((), (), "GIP201", True),
    (("GIP2",), (), "GIP201", True),
    (("GIP2",), (), "GIP301", False),
    (("GIP2",), ("GIP201",), "GIP201", False),
    (("GIP201",), ("GIP2",), "GIP201", True),  # the more specific prefix wins
    (("GIP2",), ("GIP2",), "GIP202", False),  # on a tie, ignore wins
    ((), ("GIP",), "HA101", True),
])
def test_selection(select, ignore, code, expected):
    assert Selection(select=select, ignore=ignore)(code) is expected


def _plugin(*rules):
    module = types.ModuleType("demo_plugin")

    @hookimpl
    def gip_lint_rules():
        return list(rules)

    module.gip_lint_rules = gip_lint_rules
    return module


@rule("TST101", "always-crashes", severity="error")
def crashing(report, context):
    """A rule with a bug.

    ## 错误示例
    -
    ## 正确示例
    -
    """
    raise KeyError("三(八)")


def test_a_crashing_rule_is_gip999_and_the_others_still_run(seeds):
    text = seeds["001"].read_text(encoding="utf-8")
    found = lint_text(text, plugins=[gip_lint.builtin, _plugin(crashing)])
    codes = [(d.code, d.line, d.column) for d in found]
    assert ("GIP206", 66, 27) in codes  # the built-in rules still ran
    crash = [d for d in found if d.code == "GIP999"]
    assert len(crash) == 1
    assert "TST101" in crash[0].message and "always-crashes" in crash[0].message
    assert "demo_plugin" in crash[0].message and "KeyError" in crash[0].message


def test_rule_decorator_validates():
    with pytest.raises(ValueError):
        rule("gip1", "bad-code")
    with pytest.raises(ValueError):
        rule("TST102", "bad-severity", severity="fatal")
    with pytest.raises(ValueError):
        rule("TST103", "no-doc")(lambda report, context: [])
    assert validate_rule(object()) != []
    assert validate_rule(crashing) == []


def test_findings_carry_the_rule_severity_and_can_override_it(seeds):
    @rule("TST104", "info-finding", severity="error")
    def info(report, context):
        """Always reports one finding, downgraded to info.

        ## 错误示例
        -
        ## 正确示例
        -
        """
        yield Finding(1, 1, "提示", anchor="t", severity="info")

    found = lint_text(seeds["000"].read_text(encoding="utf-8"), plugins=[_plugin(info)])
    assert [(d.code, d.severity, d.plugin) for d in found] == [("TST104", "info", "demo_plugin")]
