"""Layouts seen in real reports beyond the five seeds read to the same model, with no findings."""

from __future__ import annotations

import pytest
from cli_helpers import replaced

import gip_lint
from gip_lint.testing import lint_text

VARIANTS = {
    "total row written 合计": [("(七) 总计", "(七) 合计")],
    "table 四 value row after a label": [("2\t0\t1\t7\t10\t1\t0\t1\t3\t5", "数量\t2\t0\t1\t7\t10\t1\t0\t1\t3\t5")],
    "Markdown headings with emphasis": [("一、总体情况", "## **一、总体情况**"),
                                        ("六、其他需要报告的事项", "## 六、其他需要报告的事项")],
    "a space instead of 、 after the numeral": [("二、主动公开政府信息情况", "二 主动公开政府信息情况")],
    "full-width brackets and digits in labels": [("(三) 不予公开\t1.属于国家秘密", "（三）不予公开\t１．属于国家秘密")],
    "title broken over two lines": [("二七区人民政府 2023 年政府信息公开工作年度报告", "二七区人民政府\n2023年政府信息公开工作年度报告")],
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_reads_like_the_seed(seeds, name):
    text = replaced(seeds["004"].read_text(encoding="utf-8"), VARIANTS[name])
    original = gip_lint.parse(seeds["004"])
    variant = gip_lint.parse(text)
    assert variant.to_json_dict()["tables"] == original.to_json_dict()["tables"]
    assert (variant.organ, variant.year, [s.number for s in variant.sections]) == ("二七区人民政府", 2023, [1, 2, 3, 4, 5, 6])
    assert variant.problems == ()
    codes = [d.code for d in lint_text(text) if d.code != "GIP103"]
    assert codes == []


def test_unrecognised_heading_style_is_gip003_not_six_missing_sections(seeds):
    text = seeds["004"].read_text(encoding="utf-8")
    from gip_lint.model.labels import CHINESE_NUMERALS, SECTION_TITLES

    for number, title in SECTION_TITLES.items():
        text = text.replace(f"{CHINESE_NUMERALS[number - 1]}、{title}", f"第{number}部分 {title}")
    found = [(d.code, d.line, d.column) for d in lint_text(text)]
    assert found == [("GIP003", 1, 1)]
