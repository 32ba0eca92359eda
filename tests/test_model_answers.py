"""The model answers the rules' questions: table accessors, each table's reading problems, the
identities A1–A4 as declared, and per-report values cached on the (picklable) report."""

from __future__ import annotations

import pickle
from pathlib import Path

import gip_lint
from gip_lint.cli.main import main
from gip_lint.model.document import ReportFormat
from gip_lint.model.identities import DECLARED, OUTCOMES
from gip_lint.model.labels import OUTCOME_ROWS

TRIAL = Path(__file__).parent / "rules" / "reports" / "wancheng-2020-trial-format.txt"


def test_table_accessors_answer_from_the_seed(seeds):
    report = gip_lint.parse(seeds["004"])
    table, review = report.applications, report.review_litigation
    assert (table.cell("一", 0).value, table.total("一").value, table.total("三(七)").value) == (223, 230, 229)
    assert table.cell("一", 7) is None and table.cell("三(六)", 0) is None
    # 三(三) is the sum of its eight sub-rows (4 + 1 + 2 + 7 + 1), 三(一) its own row.
    assert (table.group_total("三(三)"), table.group_total("三(一)"), table.group_total("三(六)")) == (15, 137, 11)
    assert table.group_rows("三(四)") == ("三(四)1", "三(四)2", "三(四)3")
    assert (table.rows_format, table.outcome_rows()) == (ReportFormat.V2021, OUTCOME_ROWS["2021"])
    assert len(table.expected_rows()) == 25 and not table.single_other_row
    assert (review.total("行政复议").value, review.cell("行政复议", "结果维持").value) == (
        review.cell("行政复议", 4).value, review.cell("行政复议", 0).value)
    assert review.cell("行政复议", 5) is None and review.cell("没有这一组", 0) is None


def test_a_group_with_a_blank_or_unread_row_has_no_exact_total(seeds):
    lines = seeds["004"].read_text(encoding="utf-8").split("\n")
    assert lines[60].endswith("\t7\t0\t0\t0\t0\t0\t7")  # 三(三)7
    lines[60] = lines[60][:-1]  # its 总计 left blank
    blank = gip_lint.parse("\n".join(lines))
    assert blank.applications.total("三(三)7").is_blank and blank.applications.group_total("三(三)") is None
    assert blank.applications.group_total("三(一)") == 137


def test_the_trial_format_table_is_read_against_its_own_rows():
    table = gip_lint.parse(TRIAL).applications
    assert table.rows_format is ReportFormat.V2019 and table.single_other_row
    assert table.outcome_rows() == OUTCOME_ROWS["2019"] and "三(六)" in table.expected_rows()
    assert table.group_rows("三(六)") == ("三(六)",)


def test_each_table_carries_its_own_reading_problems(seeds):
    text = seeds["004"].read_text(encoding="utf-8").replace("\t\t3.危及“三安全一稳定”\t0\t0", "\t\t3.危及“三安全一稳定”\t\t0")
    import re

    a, b = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    report = gip_lint.parse(text[:a] + re.sub(r"\t+", " ", text[a:b]) + text[b:])
    assert [p.anchor for p in report.applications.problems] == ["table:三:row:三(三)3"]
    assert report.problems_of("三") == report.applications.problems == report.problems
    assert report.unreadable("三") and not report.unreadable("四") and not report.unreadable("二")
    assert report.review_litigation.problems == () and report.active.problems == ()


def test_a_table_not_read_at_all_still_has_its_problems_on_the_report(seeds):
    import re

    text = seeds["004"].read_text(encoding="utf-8")
    a, b = text.index("第二十条第（一）项"), text.index("三、收到和处理")
    report = gip_lint.parse(text[:a] + re.sub(r"\t+", " ", text[a:b]) + text[b:])
    assert report.active is None and report.unreadable("二")
    assert [p.anchor for p in report.problems_of("二")] == ["table:二:spaced"]


def test_identities_are_the_declared_ones(seeds):
    report = gip_lint.parse(seeds["004"])
    by_kind: dict = {}
    for identity in report.identities:
        by_kind.setdefault(identity.kind, []).append(identity)
    assert {kind: len(found) for kind, found in by_kind.items()} == {"A1": 7, "A3": 7, "A2": 25, "A4": 3}
    assert all(identity.state == "holds" for identity in report.identities)
    a1 = by_kind["A1"][2]
    assert (a1.left, a1.right, a1.total) == ((("三", "一", 2), ("三", "二", 2)),
                                             (("三", "三(七)", 2), ("三", "四", 2)), ("三", "三(七)", 2))
    a3 = by_kind["A3"][0]
    assert [key for _, key, _ in a3.right] == list(OUTCOME_ROWS["2021"]) and DECLARED["A3"].right == OUTCOMES
    a4 = by_kind["A4"][0]
    assert (a4.left, [c for *_, c in a4.right]) == ((("四", "行政复议", 4),), [0, 1, 2, 3])
    assert report.broken_identities == () and report.settled_blanks == frozenset()


def test_explain_prints_each_identity_as_declared(capsys):
    for code, kind in (("GIP201", "A1"), ("GIP202", "A2"), ("GIP203", "A3"), ("GIP204", "A4")):
        assert main(["explain", code]) == 0
        out = capsys.readouterr().out
        assert f"勾稽关系 {DECLARED[kind].statement()}\n" in out and "{identity}" not in out
    assert DECLARED["A4"].statement() == "A4（表四每一组）：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"


def test_cached_values_survive_pickling_by_being_worked_out_again(seeds):
    text = seeds["004"].read_text(encoding="utf-8").replace("四、结转下年度继续办理\t\t2\t0", "四、结转下年度继续办理\t\t3\t0")
    report = gip_lint.parse(text)
    worked_out = (report.prose, report.identities, report.broken_identities, report.settled_blanks,
                  report.table_cells, [s.prose for s in report.sections])
    assert [i.kind for i in report.broken_identities] == ["A1", "A2"]
    copy = pickle.loads(pickle.dumps(report))
    assert copy == report and copy is not report
    assert (copy.prose, copy.identities, copy.broken_identities, copy.settled_blanks,
            copy.table_cells, [s.prose for s in copy.sections]) == worked_out
    # A value is worked out once: the same object on every later access.
    assert report.identities is report.identities and report.prose is report.prose


def test_kept_values_stay_out_of_equality_repr_and_the_pickle(seeds):
    report, again = gip_lint.parse(seeds["002"]), gip_lint.parse(seeds["002"])
    report.identities, report.prose
    assert report == again and repr(report) == repr(again)
    state = report.__getstate__()
    assert state["_identities"] is None and state["_prose"] is None and state["title"] == report.title
    assert len(pickle.dumps(report)) == len(pickle.dumps(again))
    # Nothing can set a kept value from outside: the model stays frozen.
    import attrs
    import pytest

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.prose = ()
