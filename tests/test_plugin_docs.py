"""The code in docs/plugin-authors.md runs and does what the page says it does."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "plugin-authors.md"
HENAN = ROOT / "plugins" / "gip-lint-henan"


def _blocks(language: str, containing: str) -> list[str]:
    found = re.findall(rf"```{language}\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    return [block for block in found if containing in block]


@pytest.fixture
def henan_importable(monkeypatch):
    monkeypatch.syspath_prepend(str(HENAN))


def test_the_rule_example_is_a_rule_that_finds_what_it_says(seeds):
    from gip_lint.rule import Rule
    from gip_lint.testing import check_plugin, lint_text

    [block] = _blocks("python", "@rule(")
    namespace: dict = {}
    exec(compile(block, str(PAGE), "exec"), namespace)
    rules = [value for value in namespace.values() if isinstance(value, Rule)]
    assert [rule.code for rule in rules] == ["HA102"]
    plugin = types.SimpleNamespace(__name__="example", gip_lint_rules=lambda: rules)
    check_plugin(plugin)
    found = {number: [(d.code, d.line, d.column) for d in lint_text(seeds[number].read_text(encoding="utf-8"),
                                                                    plugins=[plugin])]
             for number in ("000", "001")}
    # Seed 000 reports on 基层政务公开标准化规范化 in section 一; seed 001 does not.
    assert found == {"000": [], "001": [("HA102", 5, 1)]}


def test_the_hooks_example_registers_the_henan_rules(henan_importable):
    from gip_lint import hookimpl

    [block] = _blocks("python", "@hookimpl")
    namespace: dict = {}
    exec(compile(block, str(PAGE), "exec"), namespace)
    assert namespace["hookimpl"] is hookimpl
    assert [rule.code for rule in namespace["gip_lint_rules"]()] == ["HA101", "HA102", "HA103"]


def test_the_testing_example_passes_as_a_test_module_of_the_henan_plugin(henan_importable):
    [block] = _blocks("python", "check_case")
    namespace: dict = {"__file__": str(HENAN / "tests" / "test_from_the_docs.py"), "__name__": "from_the_docs"}
    exec(compile(block, str(PAGE), "exec"), namespace)
    namespace["test_plugin_is_valid"]()
    namespace["test_by_hand"]()
    cases = namespace["test_rule_case"].pytestmark[0].args[1]
    assert len(cases) > 10  # every case of tests/cases/*.yml
    for param in cases:
        namespace["test_rule_case"](*param.values)


def test_the_case_file_example_is_cases_of_the_henan_plugin():
    [block] = _blocks("yaml", "cases:")
    shown = yaml.safe_load(block)
    real = yaml.safe_load((HENAN / "tests" / "cases" / "HA101.yml").read_text(encoding="utf-8"))
    assert shown["rule"] == real["rule"] == "HA101" and len(shown["cases"]) == 2
    assert all(case in real["cases"] for case in shown["cases"])
