"""The editor set-ups documented in docs/editors.md, tested against real ``gip-lint check`` output.

The Vim lines and the VS Code problem matcher are read out of the document itself, so the
test checks exactly what users copy.  Where Vim or Node.js is installed, the real program reads
the output too (Vim's quickfix list; JavaScript's RegExp, which VS Code uses).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "editors.md"
# Seed 001 with its organ-name typo (GIP504) corrected: exactly one finding, GIP206 at 66:27.
SEED_001 = ROOT / "tests" / "rules" / "reports" / "seed-001-one-gip206.txt"
BIN = Path(sys.executable).parent  # where pip put the gip-lint script
TIMEOUT = 60


def doc_blocks(language: str) -> list[str]:
    return [body for lang, body in re.findall(r"```(\w+)\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
            if lang == language]


def vim_setting(name: str) -> str:
    """The value of ``set NAME=…`` in the documented Vim block, with Vim's ``\\ `` escapes undone."""
    (block,) = [b for b in doc_blocks("vim") if "errorformat" in b]
    (value,) = re.findall(rf"^set {name}=(\S+(?:\\ \S+)*)$", block, re.M)
    return value.replace("\\ ", " ")


def problem_matcher() -> dict:
    (block,) = [b for b in doc_blocks("json") if "problemMatcher" in b]
    (task,) = json.loads(block)["tasks"]
    return task["problemMatcher"]


def errorformat_regex(efm: str) -> re.Pattern:
    """Vim's translation of an errorformat into a regex, for the items the documented one uses.

    As in Vim's quickfix.c: ``%f`` followed by a literal is a drive letter and the shortest
    name that lets the rest match; ``%l``/``%c`` digits; ``%m`` the rest of the line.
    """
    pattern, i = "^", 0
    while i < len(efm):
        if efm[i] == "%":
            item = efm[i + 1]
            pattern += {"f": r"(?P<file>(?:[A-Za-z]:)?.+?)", "l": r"(?P<line>\d+)",
                        "c": r"(?P<col>\d+)", "m": r"(?P<message>.+)"}[item]  # KeyError: unsupported item
            i += 2
        else:
            pattern += re.escape(efm[i])
            i += 1
    return re.compile(pattern + "$")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """A folder with the clean-but-one seed and a broken copy at a path with a space and Chinese."""
    folder = tmp_path_factory.mktemp("editors")
    (folder / "年报 目录").mkdir()
    shutil.copy(SEED_001, folder / "001.txt")
    lines = SEED_001.read_text(encoding="utf-8").split("\n")
    assert "\t\t7\t1\t" in lines[43]
    lines[43] = lines[43].replace("\t\t7\t1\t", "\t\t9\t1\t", 1)  # table 三 (一) 自然人: 7 → 9
    (folder / "年报 目录" / "报告 一.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


# What gip-lint check reports for the two files: (file, line, column, code).
EXPECTED = [
    ("001.txt", 66, 27, "GIP206"),
    ("年报 目录/报告 一.txt", 44, 21, "GIP202"),
    ("年报 目录/报告 一.txt", 44, 21, "GIP203"),
    ("年报 目录/报告 一.txt", 66, 27, "GIP206"),
]


@pytest.fixture(scope="module")
def check_output(reports) -> list[str]:
    """The lines ``gip-lint check`` prints for the two files, run from their folder."""
    done = subprocess.run([str(BIN / "gip-lint"), "check", "001.txt", "年报 目录"], cwd=reports,
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)
    assert done.returncode == 1, done.stderr
    return done.stdout.splitlines()


def test_documented_errorformat_reads_check_output(check_output):
    efm = vim_setting("errorformat")
    assert efm == "%f:%l:%c: %m"
    pattern = errorformat_regex(efm)
    lines = check_output
    matches = [pattern.match(line) for line in lines]
    assert all(matches), lines
    assert [(m["file"], int(m["line"]), int(m["col"]), m["message"].split()[0]) for m in matches] == EXPECTED
    # A Windows path keeps its drive letter; a message with colons does not confuse the file name.
    m = pattern.match(r"C:\年报\报告.txt:3:5: GIP101 缺少：一、总体情况: 第 1:2 行")
    assert (m["file"], m["line"], m["col"]) == (r"C:\年报\报告.txt", "3", "5")


def test_documented_problem_matcher_reads_check_output(check_output):
    matcher = problem_matcher()
    pattern = matcher["pattern"]
    regex = re.compile(pattern["regexp"])
    lines = check_output
    fields = []
    for line in lines:
        m = regex.match(line)
        assert m, line
        fields.append((m[pattern["file"]], int(m[pattern["line"]]), int(m[pattern["column"]]), m[pattern["code"]]))
        assert line.endswith(m[pattern["message"]])
        assert m[pattern["message"]] and not m[pattern["message"]].startswith("GIP")
    assert fields == EXPECTED
    m = regex.match(r"C:\年报\报告.txt:3:5: GIP101 缺少：一、总体情况")
    assert m[pattern["file"]] == r"C:\年报\报告.txt"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_problem_matcher_regex_in_javascript(check_output):
    """VS Code applies the regexp with JavaScript's RegExp: run it there too."""
    pattern = problem_matcher()["pattern"]
    script = ("const [re, lines] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(lines.map(l => { const m = new RegExp(re).exec(l); return m && [...m]; })));")
    lines = check_output
    done = subprocess.run(["node", "-e", script], input=json.dumps([pattern["regexp"], lines]),
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    groups = json.loads(done.stdout)
    assert [(g[pattern["file"]], int(g[pattern["line"]]), int(g[pattern["column"]]), g[pattern["code"]])
            for g in groups] == EXPECTED


VIM_PROBE = """
silent make!
let g:out = []
for g:i in range(1, len(getqflist()))
  execute 'silent cc ' . g:i
  let g:before = strpart(getline('.'), 0, col('.') - 1)
  call add(g:out, {'file': expand('%'), 'lnum': line('.'), 'charcol': strchars(g:before) + 1,
        \\ 'char': strcharpart(getline('.'), strchars(g:before), 1), 'text': getqflist()[g:i - 1].text})
endfor
call writefile([json_encode(g:out)], 'quickfix.json')
qa!
"""


def _vim_with_eval() -> bool:
    if shutil.which("vim") is None:
        return False
    version = subprocess.run(["vim", "--version"], capture_output=True, text=True, timeout=TIMEOUT)
    return "+eval" in version.stdout  # vim-tiny cannot run the documented function


@pytest.mark.skipif(not _vim_with_eval(), reason="no Vim with +eval installed")
def test_vim_make_jumps_to_the_cell(reports):
    """The documented Vim block, sourced by real Vim: :make, then :cc lands on each cell."""
    (block,) = [b for b in doc_blocks("vim") if "errorformat" in b]
    (reports / "giplint.vim").write_text(block, encoding="utf-8")
    (reports / "probe.vim").write_text("source giplint.vim\n" + VIM_PROBE, encoding="utf-8")
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    subprocess.run(["vim", "-u", "NONE", "-i", "NONE", "-N", "-es", "--cmd", "set encoding=utf-8",
                    "-S", "probe.vim", "年报 目录/报告 一.txt"],
                   cwd=reports, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    items = json.loads((reports / "quickfix.json").read_text(encoding="utf-8"))
    # 44:21 is the cell "9" (byte 49 of its line); 66:27 is the empty cell after the line's
    # last TAB, where Vim's cursor stops on that TAB (character 26).
    assert [(i["file"], i["lnum"], i["charcol"], i["char"], i["text"].split()[0]) for i in items] == [
        ("年报 目录/报告 一.txt", 44, 21, "9", "GIP202"),
        ("年报 目录/报告 一.txt", 44, 21, "9", "GIP203"),
        ("年报 目录/报告 一.txt", 66, 26, "\t", "GIP206"),
    ]
