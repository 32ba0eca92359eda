"""The pairing pre-pass reads a plain-text file's head only, and finds the same title."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from gip_lint.engine import pairing
from gip_lint.engine.linter import read_source
from gip_lint.engine.pairing import HEAD_BYTES, key_from_title, title_key

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "examples" / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "rules").rglob("*.txt"))


def full_read_key(path: Path):
    return key_from_title(read_source(str(path)).text)


def test_the_head_gives_every_bundled_report_the_key_a_full_read_gives():
    keyed = 0
    for path in REPORTS:
        assert title_key(str(path)) == full_read_key(path), path
        keyed += title_key(str(path)) is not None
    assert keyed >= 5


def test_a_long_report_is_read_only_as_far_as_its_head(tmp_path, seeds, monkeypatch):
    text = seeds["000"].read_text(encoding="utf-8")
    target = tmp_path / "long.txt"
    target.write_text(text + "\n（附）" + "这是很长的附件内容。" * 20000 + "\n", encoding="utf-8")
    assert target.stat().st_size > 20 * HEAD_BYTES
    reads = []
    monkeypatch.setattr(pairing, "read_source", lambda *args, **kwargs: reads.append(args) or read_source(*args))
    assert title_key(str(target)) == ("卧龙区人民政府", 2023)
    assert reads == []  # no full read


def test_a_file_over_the_size_limit_has_no_key_as_before(tmp_path, seeds):
    target = tmp_path / "big.txt"
    target.write_text(seeds["000"].read_text(encoding="utf-8") + "字" * HEAD_BYTES, encoding="utf-8")
    assert title_key(str(target), max_bytes=HEAD_BYTES * 2) is None
    assert title_key(str(target)) == ("卧龙区人民政府", 2023)


@settings(max_examples=40, deadline=None)
@given(blank_lines=st.integers(0, 60), padding=st.integers(0, 3 * HEAD_BYTES // 4), long_line=st.booleans(),
       encoding=st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]), newline=st.sampled_from(["\n", "\r\n"]))
def test_head_and_full_read_agree_wherever_the_title_falls(tmp_path_factory, seeds, blank_lines, padding, long_line,
                                                          encoding, newline):
    """Blank lines, a long first line pushing the title towards the head's end, other encodings."""
    text = seeds["004"].read_text(encoding="utf-8")
    first = ("说明" * (padding // 6) + "\n") if long_line else ""
    body = first + "\n" * blank_lines + text + "正文补充。" * HEAD_BYTES + "\n"
    target = tmp_path_factory.mktemp("head") / "report.txt"
    target.write_bytes(body.replace("\n", newline).encode(encoding))
    assert title_key(str(target)) == full_read_key(target)
