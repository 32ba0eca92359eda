"""Every rule's passing and failing cases, written as data in tests/rules/cases/*.yml.

The runner is the testing kit's (gip_lint.testing), the same one plugin authors use.
"""

from pathlib import Path

import pytest

from gip_lint.testing import case_params, check_case

CASES = Path(__file__).parent / "rules" / "cases"


@pytest.mark.parametrize("case", case_params(CASES))
def test_rule_case(case):
    check_case(case)


def test_every_builtin_rule_has_failing_and_passing_cases():
    from gip_lint.testing import installed_rules, load_cases

    builtin = [rule.code for rule in installed_rules() if rule.plugin == "builtin"]
    for code in builtin:
        file = CASES / f"{code}.yml"
        assert file.exists(), f"{code} has no case file"
        cases = load_cases(file)
        assert any(code in [e[0] for e in case.expect] for case in cases), f"{code}: no failing case"
        assert any(not case.expect for case in cases), f"{code}: no passing case"
