"""The Henan rules' cases (tests/cases/*.yml), run with gip-lint's testing kit."""

from pathlib import Path

import pytest

import gip_lint_henan
from gip_lint.testing import case_params, check_case, check_plugin, lint_text

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case", case_params(CASES))
def test_rule_case(case):
    check_case(case, plugins=[gip_lint_henan])


def test_plugin_is_valid():
    check_plugin(gip_lint_henan)


def test_every_rule_has_failing_and_passing_cases():
    from gip_lint.testing import load_cases

    for rule in gip_lint_henan.gip_lint_rules():
        cases = load_cases(CASES / f"{rule.code}.yml")
        assert any(rule.code in [e[0] for e in case.expect] for case in cases), rule.code
        assert any(not case.expect for case in cases), rule.code


def test_message_names_the_amount():
    text = (CASES / "../../../../examples/reports/001_9df385a2314a3820.txt").resolve().read_text(encoding="utf-8")
    found = lint_text(text.replace("为0元", "为0.012万元"), plugins=[gip_lint_henan], select=["HA101"])
    assert [d.message for d in found] == [
        "信息处理费金额“0.012万元”以万元为单位（河南省要求以元为单位、保留两位小数，如“120.00元”）"]
