"""The parser never gives up on a text (issue 18): mutated real reports, no internal error.

The mutations are those of the fuzzing that found the crash: full-width digits, pipe and TAB
rows mixed, negative numbers, control characters, swapped blocks, truncation, GB18030.
Every run of every rule must end in ordinary diagnostics: no GIP999, no GIP003 "内部错误" (the
whole report unchecked) nor "读取出错" (one table unchecked by a defect, the rest checked).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gip_lint.engine.linter import lint_source
from gip_lint.engine.plugins import load_plugins
from gip_lint.source import DecodeError, from_bytes, from_text

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "examples" / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "rules" / "reports").glob("*.txt"))
TEXTS = [path.read_text(encoding="utf-8") for path in REPORTS]
RULES = load_plugins().rules
FULL_WIDTH = str.maketrans("0123456789-|", "０１２３４５６７８９－｜")


def _cells(line: str, change) -> str:
    return "\t".join(change(cell) for cell in line.split("\t"))


def _mutate(lines: list[str], op: str, at: int, other: int, size: int, char: str) -> list[str]:
    if not lines:
        return lines
    i, j = at % len(lines), other % len(lines)
    line = lines[i]
    if op == "full-width":
        lines[i] = line.translate(FULL_WIDTH)
    elif op == "full-width-all":
        lines = [text.translate(FULL_WIDTH) for text in lines]
    elif op == "pipes":  # a run of TAB rows rewritten as pipe rows, among the others
        for k in range(i, min(len(lines), i + size)):
            lines[k] = "| " + " | ".join(lines[k].split("\t")) + " |"
    elif op == "lone-pipe":
        lines.insert(i, char if char in ("|", "||", " | ", "|\t|") else "|")
    elif op == "separator":
        lines.insert(i, "|" + "---|" * size)
    elif op == "negate":
        lines[i] = _cells(line, lambda cell: "-" + cell if cell.strip().isdigit() else cell)
    elif op == "negate-full-width":
        lines[i] = _cells(line, lambda cell: "－" + cell.translate(FULL_WIDTH) if cell.strip().isdigit() else cell)
    elif op == "blank-cells":
        lines[i] = _cells(line, lambda cell: "" if cell.strip().isdigit() else cell)
    elif op == "swap-cells":
        cells = line.split("\t")
        a, b = size % len(cells), other % len(cells)
        cells[a], cells[b] = cells[b], cells[a]
        lines[i] = "\t".join(cells)
    elif op == "control":
        position = other % (len(line) + 1)
        lines[i] = line[:position] + char + line[position:]
    elif op == "swap-blocks":
        first, second = lines[i:i + size], lines[j:j + size]
        lines[i:i + size] = second
        lines[j:j + len(first)] = first
    elif op == "truncate":
        lines = lines[:i] + [line[:other % (len(line) + 1)]]
    elif op == "duplicate":
        lines[i:i] = lines[i:i + size]
    elif op == "delete":
        del lines[i:i + size]
    return lines


MUTATION = st.tuples(
    st.sampled_from(["full-width", "full-width-all", "pipes", "lone-pipe", "separator", "negate",
                     "negate-full-width", "blank-cells", "swap-cells", "control", "swap-blocks", "truncate",
                     "duplicate", "delete"]),
    st.integers(0, 10_000), st.integers(0, 10_000), st.integers(1, 40),
    st.sampled_from(["\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\u200b",
                     "|", "||", " | ", "|\t|", "\t", "\r"]))


def _internal_errors(source) -> list:
    result = lint_source(source, RULES)
    return [d for d in result.diagnostics
            if d.code == "GIP999" or (d.code == "GIP003" and ("内部错误" in d.message or "读取出错" in d.message))]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(range(len(TEXTS))), st.lists(MUTATION, min_size=1, max_size=8),
       st.sampled_from(["utf-8", "gb18030"]))
def test_mutated_reports_end_in_no_internal_error(report, mutations, encoding):
    lines = TEXTS[report].split("\n")
    for mutation in mutations:
        lines = _mutate(lines, *mutation)
    text = "\n".join(lines)
    try:
        source = from_bytes(text.encode(encoding, errors="replace"), "r.txt")
    except DecodeError:  # control characters enough to look binary: GIP001, not a parse
        return
    assert _internal_errors(source) == []


def _codes(text: str) -> list:
    return [(d.line, d.code, d.message) for d in lint_source(from_text(text, "r.txt"), RULES).diagnostics]


def test_a_lone_pipe_line_in_a_table_is_no_row_and_the_report_is_checked():
    # The fuzzed crash: a line "|" is a pipe row whose outer pipes are all it has, a row of no
    # cells; table 四's reader took its first row's first cell (IndexError, GIP003 内部错误).
    text = (ROOT / "tests" / "rules" / "reports" / "seed-001-one-gip206.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("行政复议\t"))  # table 四's first row
    mutated = "\n".join(lines[:row] + ["|"] + lines[row:])
    shifted = [(line + (line > row), code, message) for line, code, message in _codes(text)]
    assert shifted == [(66, "GIP206", shifted[0][2])] and _codes(mutated) == shifted  # table 三 is above


def test_a_table_whose_reading_fails_is_one_gip003_and_the_rest_is_checked(monkeypatch):
    import gip_lint.model.build as build

    def broken(rows, problems):
        raise IndexError("tuple index out of range")

    monkeypatch.setattr(build, "build_review", broken)
    text = (ROOT / "tests" / "rules" / "reports" / "seed-001-one-gip206.txt").read_text(encoding="utf-8")
    found = [(line, code) for line, code, _ in _codes(text)]
    messages = [message for _, code, message in _codes(text) if code == "GIP003"]
    assert found == [(66, "GIP206"), (70, "GIP003")]
    assert messages == ["表四读取出错，未参与核对（IndexError: tuple index out of range；这是 gip-lint 的缺陷，请报告），"
                        "报告的其余部分已检查"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(range(len(TEXTS))), st.floats(0.05, 1.0), st.sampled_from(["utf-8", "gb18030"]))
def test_a_report_cut_off_at_any_byte_is_read_in_its_encoding_and_checked(report, fraction, encoding):
    data = TEXTS[report].encode(encoding)
    cut = data[:max(1, int(len(data) * fraction))]
    source = from_bytes(cut, "r.txt")  # never DecodeError: at most the cut character is lost
    assert source.encoding == encoding
    assert TEXTS[report].startswith(source.original) and len(cut) - len(source.original.encode(encoding)) < 4
    assert _internal_errors(source) == []
