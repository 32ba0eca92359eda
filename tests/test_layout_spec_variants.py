"""Layout variants of spec §3, §4 and §6 applied to a real seed (004): each reads to the same
tables as the seed with no findings, or -- where gip-lint cannot read it safely -- to GIP003
and nothing else."""

from __future__ import annotations

import pytest
from cli_helpers import replaced

import gip_lint
from gip_lint.testing import lint_text

T3_HEADER = (
    "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计\t\n"
    "\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n"
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n"
)

#: name → list of (old, new) replacements in seed 004's text.
SAME_TABLES = {
    # 1. labels of table 三
    "space after the enumeration": [("1.属于国家秘密", "1. 属于国家秘密"), ("2.重复申请", "2. 重复申请")],
    "ASCII quotes": [("“三安全一稳定”", '"三安全一稳定"')],
    "single curly quotes": [("“三安全一稳定”", "‘三安全一稳定’")],
    "no quotes": [("“三安全一稳定”", "三安全一稳定")],
    "， for 、 in 三(六)": [("逾期不补正、行政机关", "逾期不补正，行政机关"), ("缴纳费用、行政机关", "缴纳费用，行政机关")],
    "(六) 其他 for (六) 其他处理": [("(六) 其他处理", "(六) 其他")],
    "stray spaces inside labels": [("一、本年新收政府信息公开申请数量", "一、本年新收 政府信息公开 申请数量"),
                                   ("7.属于行政执法案卷", "7.属于 行政执法 案卷"),
                                   ("(七) 总计", "(七) 总 计")],
    "half-width/full-width bracket mix": [("(三) 不予公开", "（三) 不予公开"), ("(四) 无法提供", "(四）无法提供"),
                                          ("(七) 总计", "（七）总计")],
    "结转下一年度继续办理": [("四、结转下年度继续办理", "四、结转下一年度继续办理")],
    "上一年度结转, 结转至下年度": [("二、上年结转政府信息公开申请数量", "二、上一年度结转政府信息公开申请数量"),
                                    ("四、结转下年度继续办理", "四、结转至下年度继续办理")],
    "2019 wording 其他法律法规禁止公开": [("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开")],
    "numbering with 、": [("1.本机关不掌握", "1、本机关不掌握"), ("3.要求提供", "3、要求提供")],
    # 2. structure of table 三
    "sub-row label starting the line": [("\t\t2.重复申请", "2.重复申请"), ("\t\t5.属于三类", "5.属于三类")],
    "group label on its own line": [("\t(四) 无法提供\t1.本机关", "\t(四) 无法提供\n\t\t1.本机关"),
                                    ("\t(三) 不予公开\t1.属于", "\t(三) 不予公开\t\t\t\t\t\t\t\t\n\t\t1.属于")],
    "(六) 其他处理 on its own line": [("\t(六) 其他处理\t1.申请人", "\t(六) 其他处理\n\t\t1.申请人")],
    "(六) 其他处理 on its own padded line": [("\t(六) 其他处理\t1.申请人", "\t(六) 其他处理\t\t\t\t\t\t\t\t\n\t\t1.申请人")],
    "(一) 予以公开 above its numbers": [("\t(一) 予以公开\t135", "\t(一) 予以公开\n\t\t135")],
    "三、本年度办理结果 on a line of its own": [("三、本年度办理结果\t(一) 予以公开", "三、本年度办理结果\n\t(一) 予以公开")],
    "table 三 split by a line of prose": [("\t(四) 无法提供", "（续表）本表续。\n\t(四) 无法提供")],
    "table 二 split by a line of prose": [("第二十条第（五）项", "以下为第五项。\n第二十条第（五）项")],
    "a page number inside table 三": [("\t\t2.重复申请", "— 5 —\n\t\t2.重复申请")],
    "labels repeated in every row": [
        ("\t(二) 部分公开", "三、本年度办理结果\t(二) 部分公开"),
        ("\t\t2.其他法律", "三、本年度办理结果\t(三) 不予公开\t2.其他法律"),
        ("\t\t3.危及", "三、本年度办理结果\t(三) 不予公开\t3.危及"),
        ("\t\t2.没有现成", "三、本年度办理结果\t(四) 无法提供\t2.没有现成"),
        ("\t\t3.补正后", "三、本年度办理结果\t(四) 无法提供\t3.补正后"),
        ("\t\t2.重复申请", "三、本年度办理结果\t(五) 不予处理\t2.重复申请"),
        ("\t\t2.申请人逾期", "三、本年度办理结果\t(六) 其他处理\t2.申请人逾期"),
    ],
    "merged label cells repeated across their columns": [
        ("一、本年新收政府信息公开申请数量\t\t", "一、本年新收政府信息公开申请数量\t一、本年新收政府信息公开申请数量\t"),
        ("四、结转下年度继续办理\t\t", "四、结转下年度继续办理\t四、结转下年度继续办理\t"),
        ("3.其他\t\t", "三、本年度办理结果\t(六) 其他处理\t3.其他\t"),
        ("(七) 总计\t222", "三、本年度办理结果\t(七) 总计\t222")],
    "note cell over three header rows": [(T3_HEADER,
        "(本列数据的勾稽关系为：\t\t申请人情况\t\t\t\t\t\t总计\t\n"
        "第一项加第二项之和，\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n"
        "等于第三项加第四项之和)\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n")],
    "seven applicant columns in one header row": [(T3_HEADER,
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t\t\n"
        "\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\t\n")],
    "header without the note": [(T3_HEADER,
        "\t\t申请人情况\t\t\t\t\t\t总计\t\n"
        "\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n"
        "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n")],
    # 3. labels broken over lines by PDF extraction
    "label-only line before its numbers line": [
        ("\t(六) 其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t",
         "\t(六) 其他处理\t1.申请人无正当理由逾期不补正、\n\t\t行政机关不再处理其政府信息公开申请\t"),
        ("\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t",
         "\t\t2.申请人逾期未按收费通知要求缴纳费用、\n\t\t行政机关不再处理其政府信息公开申请\t")],
    "label continued on the next line without TABs": [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n",
         "1.申请人无正当理由逾期不补正、行政机关不再处理\t1\t0\t0\t0\t0\t0\t1\n其政府信息公开申请\n"),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n",
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理\t0\t0\t0\t0\t0\t0\t0\n其政府信息公开申请\n")],
    "label-only line without TABs before its numbers line": [
        ("\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t",
         "2.申请人逾期未按收费通知要求缴纳费用、\n行政机关不再处理其政府信息公开申请\t")],
    "label continued on the next line after TABs": [
        ("行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n",
         "行政机关不再处理\t1\t0\t0\t0\t0\t0\t1\n\t\t其政府信息公开申请\n")],
    "label broken where neither part names the row": [
        ("\t\t5.要求行政机关确认或重新出具已获取信息\t", "\t\t5.要求行政机关确认或重\n\t\t新出具已获取信息\t"),
        ("(二) 部分公开（区分处理的，只计这一情形，不计其他情形）\t", "(二) 部分公开（区分处理的，只计\n\t这一情形，不计其他情形）\t")],
    "total label on its own line above the numbers": [("(七) 总计\t222", "(七) 总计\n222")],
    "section heading broken over two lines": [("五、存在的主要问题及改进情况", "五、存在的主要问题及\n改进情况")],
    # table 二
    "table 二 block titles without brackets": [(f"第二十条第（{n}）项", f"第二十条第{n}项") for n in "一五六八"],
    "table 二 block titles repeated in every cell": [(f"第二十条第（{n}）项\t\t\t", f"第二十条第（{n}）项\t第二十条第（{n}）项\t\t")
                                                 for n in "一五六八"],
    "table 二 spaces in its labels": [("本年制发件数", "本年制发 件数"), ("信息内容", "信息 内容"), ("行政规范性文件\t", "规范性文件\t")],
    # 5. table 四
    "table 四 header 结果维持 without spaces": [("结果 维持", "结果维持"), ("结果 纠正", "结果纠正"),
                                                ("其他 结果", "其他结果"), ("尚未 审结", "尚未审结")],
    "table 四 as three labelled rows": [(
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
        "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
        "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\n"
        "2\t0\t1\t7\t10\t1\t0\t1\t3\t5\t0\t0\t0\t0\t0\n",
        "\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
        "行政复议\t\t2\t0\t1\t7\t10\n"
        "行政诉讼\t未经复议直接起诉\t1\t0\t1\t3\t5\n"
        "\t复议后起诉\t0\t0\t0\t0\t0\n")],
    "table 四 labelled rows, 行政诉讼 repeated": [(
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"
        "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n"
        "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\n"
        "2\t0\t1\t7\t10\t1\t0\t1\t3\t5\t0\t0\t0\t0\t0\n",
        "\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\n"
        "行政复议\t\t2\t0\t1\t7\t10\n"
        "行政诉讼\t未经复议直接起诉\t1\t0\t1\t3\t5\n"
        "行政诉讼\t复议后起诉\t0\t0\t0\t0\t0\n")],
}


def _edited(seeds, edits):
    return replaced(seeds["004"].read_text(encoding="utf-8"), edits)


@pytest.mark.parametrize("name", sorted(SAME_TABLES))
def test_variant_reads_like_the_seed(seeds, name):
    text = _edited(seeds, SAME_TABLES[name])
    original = gip_lint.parse(seeds["004"])
    variant = gip_lint.parse(text)
    assert [(p.message, p.line) for p in variant.problems] == []
    assert variant.to_json_dict()["tables"] == original.to_json_dict()["tables"]
    assert [s.number for s in variant.sections] == [1, 2, 3, 4, 5, 6]
    assert [(d.code, d.line, d.message) for d in lint_text(text)] == []


#: Layouts gip-lint cannot read safely: name → (edits, [(line, column)] of the GIP003s).
UNREADABLE = {
    # The part on the numbers line names no row; the rest of the label comes after the numbers.
    "label broken before the words that name the row": (
        [("\t\t5.要求行政机关确认或重新出具已获取信息\t0", "\t\t5.要求行政机关确认或重\t0"),
         ("\t(六) 其他处理", "\t\t新出具已获取信息\n\t(六) 其他处理")],
        [(70, 3)]),  # at the row's own label cell
    # A row that lost a cell: which applicant column is missing is a guess.
    "a row of table 三 with six numbers": (
        [("\t\t2.重复申请\t2\t0\t0\t0\t0\t0\t2", "\t\t2.重复申请\t2\t0\t0\t0\t0\t2")],
        [(67, 10)]),
    "table 四 with fourteen numbers": (
        [("2\t0\t1\t7\t10\t1\t0\t1\t3\t5\t0\t0\t0\t0\t0", "2\t0\t1\t7\t10\t1\t0\t1\t3\t5\t0\t0\t0\t0")],
        [(82, 1)]),
    # Table 四's fifteen numbers on three lines without their group labels: which line is
    # which group is a guess.
    "table 四 values on three unlabelled lines": (
        [("2\t0\t1\t7\t10\t1\t0\t1\t3\t5\t0\t0\t0\t0\t0", "2\t0\t1\t7\t10\n1\t0\t1\t3\t5\n0\t0\t0\t0\t0")],
        [(82, 1)]),
    # Only the numbers line of a label that PDF extraction moved after them: no label at all.
    "numbers line before its label": (
        [("\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0", "\t\t0\t0\t0\t0\t0\t0\t0\n\t\t3.要求提供公开出版物")],
        [(68, 3), (69, 1)]),  # the numbers with no label: at the first of them
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_variant_is_gip003_and_nothing_else(seeds, name):
    edits, expected = UNREADABLE[name]
    text = _edited(seeds, edits)
    assert [(d.code, d.line, d.column) for d in lint_text(text)] == [("GIP003", line, column) for line, column in expected]


# --- the same variants on every seed -----------------------------------------------------------

import re  # noqa: E402

LABEL_WORDING = (  # (pattern, replacement): no line is added or removed
    (r"“三安全一稳定”", '"三安全一稳定"'),
    (r"(逾期不补正|缴纳费用)、行政机关", r"\1，行政机关"),
    (r"\(六\) 其他处理\t", "（六）其他\t"),
    (r"(?m)^四、结转下年度继续办理\t", "四、结转下一年度继续办理\t"),
    (r"\t1\.属于国家秘密", "\t1. 属于国家秘密"),
    (r"一、本年新收政府信息公开申请数量", "一、本年新收 政府信息公开 申请数量"),
    (r"\(三\) 不予公开", "（三) 不予公开"),
    (r"其他法律行政法规禁止公开", "其他法律法规禁止公开"),
)
BROKEN_LABELS = (  # PDF extraction: a label-only line before the numbers, a TAB-less tail after them
    (r"(\t1\. ?申请人无正当理由逾期不补正、)(行政机关不再处理其政府信息公开申请\t)", r"\1\n\t\t\2"),
    (r"(2\. ?申请人逾期未按收费通知要求缴纳费用、行政机关不再处理)(其政府信息公开申请)(\t[^\n]*)\n", r"\1\3\n\2\n"),
)


def _apply(text, edits):
    for pattern, replacement in edits:
        text, count = re.subn(pattern, replacement, text)
        assert count, pattern
    return text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("edits", ["wording", "broken labels"])
def test_every_seed_reads_the_same_through_the_variants(seeds, seed, edits):
    original_text = seeds[seed].read_text(encoding="utf-8")
    applicable = [(p, r) for p, r in (LABEL_WORDING if edits == "wording" else BROKEN_LABELS) if re.search(p, original_text)]
    assert len(applicable) >= (6 if edits == "wording" else 2)
    text = _apply(original_text, applicable)
    variant, original = gip_lint.parse(text), gip_lint.parse(original_text)
    assert variant.problems == original.problems == ()
    assert variant.to_json_dict()["tables"] == original.to_json_dict()["tables"]
    found = [(d.code, d.line) for d in lint_text(text)]
    expected = [(d.code, d.line) for d in lint_text(original_text)]
    if edits == "wording":
        assert found == expected
    else:  # lines moved: the same findings
        assert sorted(code for code, _ in found) == sorted(code for code, _ in expected)


def test_a_label_only_row_does_not_take_the_numbers_of_an_unknown_numbered_row(seeds):
    # 三(三)1 written without cells, then a row whose label names nothing: which row the
    # numbers belong to is unknown, so both are GIP003 rather than 三(三)1's numbers.
    text = _edited(seeds, [("\t(三) 不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0", "\t(三) 不予公开\t1.属于国家秘密"),
                           ("\t\t2.其他法律行政法规禁止公开\t4", "\t\t2.其他禁止\t4")])
    assert [(d.code, d.line, d.column) for d in lint_text(text)] == [("GIP003", 55, 1), ("GIP003", 56, 3)]  # 56:3: its own label cell


# --- tables written with spaces instead of TABs (text extracted from PDF) ------------------------


def _spaced(text: str, start: str, end: str, separator: str = " ") -> str:
    a, b = text.index(start), text.index(end)
    return text[:a] + re.sub(r"\t+", separator, text[a:b]) + text[b:]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("separator", [" ", "   "])
def test_tables_three_and_four_written_with_spaces_read_like_the_seed(seeds, seed, separator):
    original_text = seeds[seed].read_text(encoding="utf-8")
    text = _spaced(original_text, "三、收到和处理", "五、", separator)
    original, variant = gip_lint.parse(original_text), gip_lint.parse(text)
    expected_tables = original.to_json_dict()["tables"]
    found = sorted((d.code, d.line) for d in lint_text(text))
    expected = sorted((d.code, d.line) for d in lint_text(original_text))
    if seed == "001":  # its blank 总计 cell (GIP206 at 66) leaves no trace in spaced text: row 四 is GIP003
        del expected_tables["applications"]["rows"]["四"]
        assert variant.to_json_dict()["tables"] == expected_tables
        assert [p.anchor for p in variant.problems] == ["table:三:row:四"]
        assert found == [("GIP003", 66), ("GIP504", 77)]
    else:
        assert variant.to_json_dict()["tables"] == expected_tables
        assert variant.problems == ()
        assert found == expected


def test_spaced_row_that_lost_a_blank_cell_is_gip003(seeds):
    text = seeds["004"].read_text(encoding="utf-8").replace("\t\t3.危及“三安全一稳定”\t0\t0", "\t\t3.危及“三安全一稳定”\t\t0")
    text = _spaced(text, "三、收到和处理", "四、政府信息公开行政复议")
    assert [(d.code, d.line, d.column) for d in lint_text(text)] == [("GIP003", 57, 15)]


def test_table_two_written_with_spaces_is_gip003_not_a_missing_table(seeds):
    text = _spaced(seeds["004"].read_text(encoding="utf-8"), "第二十条第（一）项", "三、收到和处理")
    report = gip_lint.parse(text)
    assert report.active is None and [p.anchor for p in report.problems] == ["table:二:spaced"]
    assert [(d.code, d.line, d.column) for d in lint_text(text)] == [("GIP003", 33, 1)]


def test_a_second_complete_table_three_after_prose_is_not_joined(seeds):
    # A copy of table 三 further on (an appendix, last year's table) starts over: the first
    # table is read alone, with no "row found twice".
    text = seeds["004"].read_text(encoding="utf-8")
    table = text[text.index("(本列数据"):text.index("四、政府信息公开行政复议")]
    variant = text.replace(table, table + "附：上年度数据。\n" + table, 1)
    assert gip_lint.parse(variant).to_json_dict()["tables"] == gip_lint.parse(text).to_json_dict()["tables"]
    assert [d.code for d in lint_text(variant)] == []
