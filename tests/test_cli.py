"""The command line as a user runs it: output lines, exit codes, bad input, never a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from gip_lint.cli.main import main

SEED_001_LINE = ("66:27: GIP206 表三“四、结转下年度继续办理”行“总计”列为空，无法核对："
                 "行合计（A2）；本列第一项加第二项等于第三项加第四项（A1）（没有发生应填 0）")
# Seed 001's second real finding: the organ's place name mistyped in section 五.
SEED_001_TYPO = "77:7: GIP504 “漭河区”疑为“漣河区”之误（标题中的机关为“漣河回族区人民政府”）"


def seed_001_lines(path) -> str:
    return f"{path}:{SEED_001_LINE}\n{path}:{SEED_001_TYPO}\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_seed_directory_prints_flake8_lines_and_exits_1(capsys, seeds):
    code, out, err = run(capsys, "check", str(seeds["000"].parent))
    assert code == 1
    assert out == seed_001_lines(seeds["001"])
    assert err == ""


def test_clean_report_exits_0(capsys, seeds):
    assert run(capsys, "check", str(seeds["004"])) == (0, "", "")


@pytest.mark.parametrize("args, expected", [
    (("--fail-on", "error"), 0),  # GIP206 is a warning
    (("--fail-on", "warning"), 1),
    (("--exit-zero",), 0),
    (("--ignore", "GIP206,GIP504"), 0),
    (("--ignore", "GIP2,GIP5"), 0),
    (("--select", "GIP2", "--ignore", "GIP201"), 1),
    (("--select", "GIP1,GIP3"), 0),
])
def test_selection_and_fail_on(capsys, seeds, args, expected):
    code, out, _ = run(capsys, "check", *args, str(seeds["001"]))
    assert code == expected


def test_json_format(capsys, seeds):
    code, out, _ = run(capsys, "check", "--format", "json", str(seeds["001"]))
    assert code == 1
    found = json.loads(out)
    assert len(found) == 2 and all(len(d.pop("fingerprint")) == 32 for d in found)  # the baseline fingerprint
    assert found == [{"path": str(seeds["001"]), "line": 66, "column": 27, "code": "GIP206",
                      "severity": "warning", "message": SEED_001_LINE.split(" GIP206 ", 1)[1]},
                     {"path": str(seeds["001"]), "line": 77, "column": 7, "code": "GIP504",
                      "severity": "warning", "message": SEED_001_TYPO.split(" GIP504 ", 1)[1]}]


@pytest.mark.parametrize("args, needle", [
    (("check", "--select", "GIP777", "x.txt"), "GIP777"),
    (("check", "--format", "nonsense", "x.txt"), "nonsense"),
    (("check",), "文件"),
    (("explain", "GIP777"), "GIP777"),
    (("check", "--no-such-option", "x.txt"), "no-such-option"),
    ((), ""),
])
def test_usage_errors_exit_2(capsys, args, needle):
    with pytest.raises(SystemExit) if "--no-such-option" in args else _nothing():
        code, _, err = run(capsys, *args)
        assert code == 2
        assert needle in err
    if "--no-such-option" in args:
        assert needle in capsys.readouterr().err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_stdin(capsys, seeds, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seeds["001"].read_bytes())))
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "report.txt")
    assert (code, out) == (1, seed_001_lines("report.txt"))


def test_gb18030_file_gives_the_same_diagnostics(capsys, seeds, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(seeds["001"].read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    code, out, _ = run(capsys, "check", str(path))
    assert (code, out) == (1, seed_001_lines(path))


def test_utf16_with_bom_is_read(capsys, seeds, tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(seeds["001"].read_text(encoding="utf-8").encode("utf-16"))
    assert run(capsys, "check", str(path))[:2] == (1, seed_001_lines(path))


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
    (b"\x80\x81\xfe\xff\xfd" * 50, "无法解码"),
    (b"\xff\xfe" + bytes(range(1, 255)) * 4, "UTF-16"),
])
def test_undecodable_files_are_gip001(capsys, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert code == 1 and err == ""
    assert out.startswith(f"{path}:1:1: GIP001 ") and message in out


def test_missing_and_oversized_files_are_gip001_and_others_still_linted(capsys, seeds, tmp_path):
    missing = tmp_path / "missing.txt"
    code, out, _ = run(capsys, "check", "--max-file-size", "1000", str(missing), str(seeds["000"]), str(seeds["001"]))
    by_path = {line.split(":1:1: ")[0]: line.split(":1:1: ")[1] for line in out.splitlines()}
    assert code == 1 and len(by_path) == 3
    assert by_path[str(missing)].startswith("GIP001 无法读取文件")
    assert by_path[str(seeds["000"])].startswith("GIP001 文件过大：6874 字节")
    assert by_path[str(seeds["001"])].startswith("GIP001 文件过大")


@pytest.mark.parametrize("text", ["", "\n\n", "会议通知\n\n请各单位于下周一参加会议。\n"])
def test_text_that_is_not_a_report_is_gip002(capsys, tmp_path, text):
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert (code, out.split(" ", 2)[:2]) == (1, [f"{path}:1:1:", "GIP002"])


def test_unreadable_table_row_is_gip003_not_a_report_error(capsys, seeds, tmp_path):
    text = seeds["000"].read_text(encoding="utf-8").replace(
        "⇥(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t0\t0\t0\t0\t0\t0\t0\t".replace("⇥", "\t"),
        "\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t0\t0\t0\t0\t0\t")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines() == [f"{path}:44:34: GIP003 表三“三(二)”行的数字无法与七个申请人列对齐（找到 5 个数字），未参与核对"]


def test_linting_never_modifies_the_files(capsys, seeds):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds.values()}
    run(capsys, "check", str(seeds["000"].parent))
    run(capsys, "show", *map(str, seeds.values()))
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds.values()} == before


def test_show_text_and_json(capsys, seeds):
    code, out, _ = run(capsys, "show", str(seeds["001"]))
    assert code == 0
    assert "机关：漣河回族区人民政府" in out and "年份：2022" in out and "格式：2021" in out
    assert "（空）" in out  # the blank 总计 of row 四
    code, out, _ = run(capsys, "show", "--format", "json", str(seeds["001"]))
    assert json.loads(out)["tables"]["applications"]["rows"]["四"][6] is None


def test_show_unreadable_file(capsys, tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes(b"\x00\x01\x02")
    code, out, err = run(capsys, "show", str(path))
    assert code == 1 and out == "" and f"{path}:1:1: GIP001" in err


def test_rules_and_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for code_ in ("GIP001", "GIP101", "GIP201", "GIP206", "GIP301", "GIP401", "GIP402", "GIP999"):
        assert code_ in out
    code, out, _ = run(capsys, "explain", "gip301")
    assert code == 0
    assert out.startswith("GIP301 (fee-statement) — 第六部分没有说明本年度信息处理费的收取情况。")
    assert "## 错误示例" in out and "## 正确示例" in out


def test_every_rule_is_documented(capsys):
    from gip_lint.testing import installed_rules

    for rule in installed_rules():
        assert rule.summary and "错误示例" in rule.explanation and "正确示例" in rule.explanation, rule.code


def test_console_script_runs_without_traceback(seeds):
    result = subprocess.run([sys.executable, "-m", "gip_lint", "check", str(seeds["001"])],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == seed_001_lines(seeds["001"])
    assert "Traceback" not in result.stderr


def test_findings_at_one_position_come_out_in_the_same_order_in_every_run(seeds, tmp_path):
    # Rows 1-5 of 三(三) deleted: five GIP105 at the table's position, differing only in message.
    # Their order must not depend on Python's per-process string hashing (PYTHONHASHSEED).
    lines = seeds["000"].read_text(encoding="utf-8").split("\n")
    labels = ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及", "4.保护第三方合法权益", "5.属于三类内部事务信息")
    kept = [line for line in lines if not any(label in line for label in labels)]
    assert len(lines) - len(kept) == 5
    report = tmp_path / "report.txt"
    report.write_text("\n".join(kept), encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        done = subprocess.run([sys.executable, "-m", "gip_lint", "check", "--isolated", str(report)],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 1, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
    gip105 = [line for line in outputs.pop().splitlines() if " GIP105 " in line]
    assert len(gip105) == 5 and len({line.split(" GIP105 ")[0] for line in gip105}) == 1
    # In the order the rule reports them: the format's row order.
    assert [next(label for label in labels if label in line) for line in gip105] == list(labels)


def test_a_report_that_lost_its_line_breaks_is_gip002_saying_so(capsys, seeds, tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text(seeds["000"].read_text(encoding="utf-8").replace("\n", " "), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", str(flat))
    assert code == 1
    assert out.startswith(f"{flat}:1:1: GIP002 ") and "换行可能在转换或复制时丢失了" in out
    prose = tmp_path / "prose.txt"  # short text of another kind: no such guess
    prose.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--isolated", str(prose))
    assert " GIP002 " in out and "换行" not in out
