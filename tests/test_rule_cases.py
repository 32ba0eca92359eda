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


def _one_case(tmp_path, body: str):
    from gip_lint.testing import load_cases

    file = tmp_path / "GIP301.yml"
    file.write_text("rule: GIP301\ncases:\n" + body, encoding="utf-8")
    (case,) = load_cases(file)
    return case


def test_a_case_whose_text_was_not_read_fails(tmp_path):
    # Not a report at all: GIP301 cannot fire, so without the parse check this case "passes".
    case = _one_case(tmp_path, "  - name: prose only\n    text: \"今天天气很好。\\n\"\n    expect: []\n")
    with pytest.raises(AssertionError, match=r"case GIP301:prose only: the text was not fully read.*\n  GIP002 1:1"):
        check_case(case)


def test_a_case_marked_unreadable_may_lint_such_a_text(tmp_path):
    case = _one_case(tmp_path, "  - name: prose only\n    text: \"今天天气很好。\\n\"\n"
                               "    unreadable: true\n    expect: []\n")
    check_case(case)


def test_a_case_carries_plugin_options(tmp_path):
    from gip_lint.rule import rule

    seen = []

    @rule("DM201", name="sees-options", severity="info")
    def sees_options(report, context):
        """Records the options it was given.

        ## 错误示例
        无
        ## 正确示例
        无
        """
        seen.append(context.options)
        return ()

    case = _one_case(tmp_path, f"  - name: with options\n    file: {CASES.parent / 'reports' / 'seed-001-one-gip206.txt'}\n"
                               "    select: [DM201]\n    options: {demo: {strict: true}}\n    expect: []\n")
    check_case(case, plugins=[sees_options])
    assert seen == [{"demo": {"strict": True}}]
