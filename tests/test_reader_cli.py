"""The real command line on web pages and Word documents, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from renderings import render_docx, render_html

GIP_LINT = [sys.executable, "-m", "gip_lint"]


def run(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(GIP_LINT + list(args), capture_output=True, text=True, timeout=120, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def published(seeds, tmp_path_factory):
    """Seeds 001 and 004 as .txt, .html (GBK Word export, UTF-8 CMS page) and .docx in nested folders."""
    root = tmp_path_factory.mktemp("published")
    for number in ("001", "004"):
        text = seeds[number].read_text(encoding="utf-8")
        (root / "txt").mkdir(exist_ok=True)
        (root / "txt" / f"{number}.txt").write_text(text, encoding="utf-8")
        (root / "web" / "gbk").mkdir(parents=True, exist_ok=True)
        (root / "web" / "gbk" / f"{number}.htm").write_bytes(render_html(text, "word").data)
        (root / "web" / f"{number}.html").write_bytes(render_html(text, "cms").data)
        (root / "word").mkdir(exist_ok=True)
        (root / "word" / f"{number}.docx").write_bytes(render_docx(text).data)
    (root / "web" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a report: not picked up
    return root


def test_check_a_directory_lints_every_supported_kind_recursively(published):
    result = run("check", str(published))
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    # Seed 001's findings (GIP206 blank 总计, GIP504 organ typo) in every kind of file, with the
    # same messages; seed 004 is clean in all.
    files = [str(published / "txt" / "001.txt"), str(published / "web" / "001.html"),
             str(published / "web" / "gbk" / "001.htm"), str(published / "word" / "001.docx")]
    assert [line.split(":")[0] for line in lines] == [f for f in files for _ in range(2)]
    codes_and_messages = [line.split(": ", 1)[1] for line in lines]
    assert codes_and_messages[0::2] == [codes_and_messages[0]] * 4 and codes_and_messages[0].startswith("GIP206 ")
    assert codes_and_messages[1::2] == [codes_and_messages[1]] * 4 and codes_and_messages[1].startswith("GIP504 ")
    assert lines[0].startswith(files[0] + ":66:27: GIP206 ")


@pytest.mark.parametrize("name", ["web/004.html", "web/gbk/004.htm", "word/004.docx"])
def test_show_json_is_the_same_model_for_every_kind(published, name):
    want = json.loads(run("show", "--format", "json", str(published / "txt" / "004.txt")).stdout)
    result = run("show", "--format", "json", str(published / name))
    assert result.returncode == 0 and result.stderr == ""
    got = json.loads(result.stdout)
    for key in ("title", "organ", "year", "format", "tables", "parse_problems"):
        assert got[key] == want[key], key
    assert [(s["number"], s["heading"]) for s in got["sections"]] == [(s["number"], s["heading"]) for s in want["sections"]]


def test_show_gives_section_lines_in_the_page(published):
    page = (published / "web" / "004.html").read_text(encoding="utf-8").splitlines()
    data = json.loads(run("show", "--format", "json", str(published / "web" / "004.html")).stdout)
    for section in data["sections"]:
        assert section["heading"] in page[section["line"] - 1]


@pytest.mark.parametrize("name", ["web/001.html", "word/001.docx"])
def test_show_text_is_the_same_for_every_kind(published, name):
    want = run("show", str(published / "txt" / "001.txt")).stdout
    got = run("show", str(published / name))
    assert got.returncode == 0
    head = [line for line in want.splitlines()[1:6]]  # 标题 机关 年份 格式 是否年度报告
    assert got.stdout.splitlines()[1:6] == head and "漣河回族区人民政府" in head[1]
    assert got.stdout.split("表二", 1)[1] == want.split("表二", 1)[1]


def test_json_output_and_stdin_free_positions_for_html(published):
    result = run("check", "--format", "json", str(published / "web" / "gbk" / "001.htm"))
    (finding,) = [f for f in json.loads(result.stdout) if f["code"] == "GIP206"]
    page = (published / "web" / "gbk" / "001.htm").read_bytes().decode("gb18030").splitlines()
    assert finding["code"] == "GIP206"
    assert page[finding["line"] - 1][finding["column"] - 1:].startswith("<td")


def test_linting_text_never_imports_the_html_or_word_readers(seeds):
    code = ("import sys; from gip_lint.cli.main import main; main(['check', sys.argv[1]]); "
            "print(sorted(m for m in ('docx', 'lxml', 'gip_lint.readers.html_reader', 'gip_lint.readers.docx_reader')"
            " if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code, str(seeds["004"])], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", ["web/gbk/001.htm", "word/001.docx"])
def test_stdin_is_read_by_the_reader_of_the_stdin_filename(published, name):
    data = (published / name).read_bytes()
    by_path = run("check", str(published / name)).stdout
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    piped = subprocess.run(GIP_LINT + ["check", "-", "--stdin-filename", name], input=data, capture_output=True,
                           timeout=120, env=env)
    assert piped.returncode == 1
    assert piped.stdout.decode("utf-8") == by_path.replace(str(published / name), name)
