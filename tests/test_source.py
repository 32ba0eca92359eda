"""Decoding and normalisation keep every character where it was, so positions stay true."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gip_lint
from gip_lint.source import _TRANSLATION, DecodeError, decode, from_text, normalise


def test_normalise_is_one_character_for_one():
    text = "（一）１２３\u3000\u00a0“三安全一稳定”，ａｂ"
    folded = normalise(text)
    assert len(folded) == len(text)
    assert folded == '(一)123  "三安全一稳定",ab'


# Every character the table folds, those around them, and any other text.
_FOLDED_OR_NEAR = st.sampled_from(sorted({chr(c + d) for c in _TRANSLATION for d in (-1, 0, 1) if c + d >= 0}))


@settings(max_examples=300)
@given(text=st.lists(st.one_of(_FOLDED_OR_NEAR, st.characters()), max_size=60).map("".join))
def test_normalise_folds_exactly_what_the_translation_table_says(text):
    # normalise() finds the characters to fold with a regex: the same result as str.translate.
    assert normalise(text) == text.translate(_TRANSLATION)


def test_no_replacement_is_folded_again():
    # normalise() replaces one character after another: safe only while this holds.
    assert all(ord(replacement) not in _TRANSLATION and replacement.isprintable()
               for replacement in _TRANSLATION.values())


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends(seeds, newline):
    text = seeds["001"].read_text(encoding="utf-8").replace("\n", newline)
    cell = gip_lint.parse(text).applications.rows["四"][6]
    assert (cell.line, cell.column, cell.value) == (66, 27, None)


def test_fullwidth_digits_are_read_and_keep_their_column(seeds):
    text = seeds["000"].read_text(encoding="utf-8").replace(
        "一、本年新收政府信息公开申请数量\t\t196\t", "一、本年新收政府信息公开申请数量\t\t１９６\t")
    cell = gip_lint.parse(text).applications.rows["一"][0]
    assert (cell.line, cell.column, cell.value, cell.raw) == (41, 19, 196, "１９６")


def test_bom_is_dropped_and_gb18030_detected():
    assert decode("\ufeff报告".encode("utf-8")) == ("报告", "utf-8-sig")
    assert decode("政府信息公开".encode("gb18030")) == ("政府信息公开", "gb18030")
    with pytest.raises(DecodeError):
        decode(b"\x00\x01binary")
    assert from_text("\ufeff一、总体情况").text == "一、总体情况\n"


def test_markdown_pipe_table(seeds):
    text = seeds["004"].read_text(encoding="utf-8")
    lines = []
    for line in text.split("\n"):
        lines.append("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line)
    report = gip_lint.parse("\n".join(lines))
    assert [c.value for c in report.applications.rows["三(七)"]] == [222, 4, 0, 0, 3, 0, 229]
    assert [c.value for c in report.review_litigation.groups["行政复议"]] == [2, 0, 1, 7, 10]


@pytest.mark.parametrize("data, needle", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "旧版 Word（.doc）或 WPS"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
])
def test_other_publication_formats_are_named_with_what_to_do(data, needle):
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert needle in str(caught.value) and ("转换" in str(caught.value) or "docx" in str(caught.value))
