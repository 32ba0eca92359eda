"""Output formats, --statistics, --count, --exit-zero, --output-file, and the formatter hook."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
from cli_helpers import SEED_004, SEED_GIP206, copy_report, copy_seed, gip_lint

from gip_lint.report.baseline import fingerprint
from gip_lint.formatters.full import source_block
from gip_lint.formatters.github import escape_data, escape_property
from gip_lint.formatters.statistics import display_width
from gip_lint.rule import Diagnostic

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# Table 三, 自然人 column of 四 raised by one: GIP201 and GIP202 at 75:14 (errors).
BROKEN_CELL = ("四、结转下年度继续办理\t\t2\t0", "四、结转下年度继续办理\t\t3\t0")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git work tree with two reports: r/a.txt (two errors at 75:14), r/b.txt (a GIP206 warning)."""
    (tmp_path / ".git").mkdir()
    copy_report(SEED_004, tmp_path / "r" / "a.txt", [BROKEN_CELL])
    copy_seed(SEED_GIP206, tmp_path / "r" / "b.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_default_is_the_flake8_line(repo, capsys):
    code, out, err = gip_lint(capsys, "check", "r")
    assert code == 1 and err == ""
    assert [line.split(" ", 2)[:2] for line in out.splitlines()] == [
        ["r/a.txt:75:14:", "GIP201"], ["r/a.txt:75:14:", "GIP202"], ["r/b.txt:66:27:", "GIP206"]]


def test_full_puts_a_caret_under_the_cell(repo, capsys):
    code, out, _ = gip_lint(capsys, "check", "--show-source", "r/a.txt")
    lines = out.splitlines()
    assert lines[0].startswith("r/a.txt:75:14: GIP201 ") and code == 1
    assert lines[1].rstrip() == "   75 | 四、结转下年度继续办理      3   0   0   0   0   0   2"
    caret = lines[2].index("^")
    # The caret stands under the 3 the user changed: display width counts CJK as two columns.
    assert lines[2].rstrip() == "      | " + " " * 28 + "^"
    assert display_width(lines[1][:lines[1].index("3")]) == caret
    assert lines[3].startswith("r/a.txt:75:14: GIP202 ")
    assert gip_lint(capsys, "check", "--format", "full", "r/a.txt")[1] == out


def test_full_caret_width_rules():
    assert source_block("表三\tx", 7, 4) == "    7 | 表三    x\n      |         ^\n"
    assert source_block("ab", 1, 3) == "    1 | ab\n      |   ^\n"  # just past the end
    assert source_block("", 1, 1) == ""


def test_json_and_json_lines_agree(repo, capsys):
    code, out, _ = gip_lint(capsys, "check", "--format", "json", "r")
    array = json.loads(out)
    assert code == 1 and [d["code"] for d in array] == ["GIP201", "GIP202", "GIP206"]
    # The broken 自然人 cell of row 四 has one right value: the findings name it.
    assert set(array[0]) == {"path", "line", "column", "code", "severity", "message", "fingerprint", "suggestion"}
    assert set(array[2]) == {"path", "line", "column", "code", "severity", "message", "fingerprint"}
    lines = gip_lint(capsys, "check", "--format", "json-lines", "r")[1].splitlines()
    assert [json.loads(line) for line in lines] == array


def _sarif(capsys, *args) -> dict:
    code, out, err = gip_lint(capsys, "check", "--format", "sarif", *args)
    assert err == ""
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def test_sarif_validates_and_carries_what_code_scanning_needs(repo, capsys):
    log = _sarif(capsys, "--severity", "GIP202=info", "r")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    codes = [rule["id"] for rule in rules]
    assert {"GIP001", "GIP101", "GIP201", "GIP206", "GIP402", "GIP999"} <= set(codes)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    gip201 = rules[codes.index("GIP201")]
    assert "## 错误示例" in gip201["help"]["markdown"]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("GIP201", "error"), ("GIP202", "note"),
                                                            ("GIP206", "warning")]
    first = results[0]
    assert codes[first["ruleIndex"]] == "GIP201"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "r/a.txt"
    assert location["region"] == {"startLine": 75, "startColumn": 14}
    assert first["message"]["text"].startswith("表三“自然人”列不平衡")
    diagnostic = Diagnostic(path="r/a.txt", line=1, column=1, code="GIP201", message=first["message"]["text"],
                            anchor="table:三:row:四:col:自然人:A1")
    assert first["partialFingerprints"] == {"gipLintFingerprint/v1": fingerprint(diagnostic, str(repo))}


def test_sarif_uris_are_relative_to_the_repository_root(repo, capsys, monkeypatch):
    (repo / "r" / "中文 目录").mkdir()
    copy_seed(SEED_GIP206, repo / "r" / "中文 目录" / "c.txt")
    monkeypatch.chdir(repo / "r")
    results = _sarif(capsys, ".")["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["r/a.txt", "r/a.txt", "r/b.txt", "r/%E4%B8%AD%E6%96%87%20%E7%9B%AE%E5%BD%95/c.txt"]


def test_sarif_with_no_findings_is_still_a_valid_log(repo, capsys):
    log = _sarif(capsys, "--select", "GIP1", "r")
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"]


# The workflow command syntax: ::level key=value,key=value::message, with %, CR, LF escaped in the
# message and additionally : and , in property values.
WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:\r\n]*)(?:,[a-z]+=[^,:\r\n]*)*)::([^\r\n]*)$")


def _unescape(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def test_github_workflow_commands(repo, capsys):
    code, out, _ = gip_lint(capsys, "check", "--format", "github", "--severity", "GIP202=info", "r")
    parsed = []
    for line in out.splitlines():
        match = WORKFLOW_COMMAND.match(line)
        assert match, line
        properties = dict(pair.split("=", 1) for pair in match.group(2).split(","))
        parsed.append((match.group(1), {k: _unescape(v) for k, v in properties.items()}, _unescape(match.group(3))))
    assert code == 1 and len(parsed) == 3
    level, properties, message = parsed[0]
    assert level == "error"
    assert properties == {"file": "r/a.txt", "line": "75", "col": "14", "title": "GIP201 applications-balance"}
    assert message.startswith("GIP201 表三“自然人”列不平衡")
    assert [p[0] for p in parsed] == ["error", "notice", "warning"]


def test_github_escaping():
    assert escape_data("100%\r\nok: a, b") == "100%25%0D%0Aok: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_statistics_and_count_follow_human_output(repo, capsys):
    code, out, err = gip_lint(capsys, "check", "--statistics", "--count", "r")
    lines = out.splitlines()
    assert lines[3].split()[:3] == ["1", "GIP201", "error"]
    assert lines[4].split()[:3] == ["1", "GIP202", "error"]
    assert lines[5].split()[:3] == ["1", "GIP206", "warning"]
    assert lines[6] == "3" and len(lines) == 7 and err == ""


def test_statistics_go_to_stderr_with_machine_formats(repo, capsys):
    code, out, err = gip_lint(capsys, "check", "--format", "json", "--count", "--statistics", "r")
    assert len(json.loads(out)) == 3
    assert err.splitlines()[-1] == "3" and "GIP206" in err


def test_output_file_gets_the_format_and_stdout_the_summary(repo, capsys):
    code, out, err = gip_lint(capsys, "check", "--format", "sarif", "--output-file", "out.sarif", "--count", "r")
    assert code == 1 and out == "3\n" and err == ""
    log = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert len(log["runs"][0]["results"]) == 3


def test_output_file_that_cannot_be_written(repo, capsys):
    code, out, err = gip_lint(capsys, "check", "--output-file", "missing/dir/out.txt", "r")
    assert code == 2 and "无法写入输出文件 missing/dir/out.txt" in err


def test_exit_zero(repo, capsys):
    code, out, _ = gip_lint(capsys, "check", "--exit-zero", "r")
    assert code == 0 and len(out.splitlines()) == 3


def test_unknown_format(repo, capsys):
    code, _, err = gip_lint(capsys, "check", "--format", "xml", "r")
    assert code == 2 and "未知的输出格式：xml" in err and "sarif" in err


def test_a_plugin_adds_a_format(repo, capsys):
    (repo / "csv_format.py").write_text(textwrap.dedent('''
        from gip_lint.formatters import Formatter
        from gip_lint.hookspecs import hookimpl

        def render(diagnostics, context):
            return "".join(f"{context.relative_path(d.path)},{d.line},{d.code}\\n" for d in diagnostics)

        @hookimpl
        def gip_lint_formatters():
            return [Formatter("csv", "comma-separated", render, machine=True)]
    '''), encoding="utf-8")
    code, out, err = gip_lint(capsys, "check", "--plugin", "csv_format.py", "--format", "csv", "--count", "r")
    assert out == "r/a.txt,75,GIP201\nr/a.txt,75,GIP202\nr/b.txt,66,GIP206\n"
    assert err == "3\n" and code == 1
