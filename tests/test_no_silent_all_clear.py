"""A folder of files gip-lint cannot read reports each of them; a run with nothing to check
exits 2 — never a silent exit 0."""

from __future__ import annotations

import shutil

import pytest

from cli_helpers import SEED_CLEAN, SEED_GIP206, gip_lint

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # the header .doc, .wps, .et and .xls share


@pytest.mark.parametrize("name, data, advice", [
    ("报告.doc", OLE, "另存为 .docx"),
    ("报告.wps", OLE, "另存为 .docx"),
    ("报表.et", OLE, "WPS 表格（.et）"),
    ("报表.xls", OLE, "Excel 表格（.xls）"),
    ("扫描件.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "图片中的文字无法检查"),
    ("扫描件.PNG", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "图片中的文字无法检查"),
])
def test_each_unreadable_file_in_a_folder_is_reported_with_what_to_do(capsys, tmp_path, name, data, advice):
    shutil.copy(SEED_CLEAN, tmp_path / "clean.txt")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "style.css").write_text("p {}", encoding="utf-8")  # not a report format: not listed
    code, out, _ = gip_lint(capsys, "check", "--isolated", str(tmp_path))
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith(f"{tmp_path / name}:1:1: GIP001 ")
    assert advice in line


def test_images_of_a_saved_web_page_are_not_reported(capsys, tmp_path):
    shutil.copy(SEED_CLEAN, tmp_path / "report.txt")
    (tmp_path / "page.html").write_text("<html><body><p>通知</p></body></html>", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "report_files").mkdir()
    (tmp_path / "report_files" / "image001.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    code, out, _ = gip_lint(capsys, "check", "--isolated", str(tmp_path))
    assert [line.split(" ")[:2] for line in out.splitlines()] == [[f"{tmp_path / 'page.html'}:1:16:", "GIP002"]]
    assert code == 1


def test_a_folder_without_any_report_file_exits_2(capsys, tmp_path):
    (tmp_path / "notes.css").write_text("p {}", encoding="utf-8")
    code, out, err = gip_lint(capsys, "check", "--isolated", str(tmp_path))
    assert (code, out) == (2, "")
    assert f"没有找到可检查的报告文件：{tmp_path}" in err


def test_everything_excluded_for_pre_commit_is_still_a_clean_run(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "drafts" / "r.txt"
    report.parent.mkdir()
    shutil.copy(SEED_GIP206, report)  # one finding, were it linted
    assert gip_lint(capsys, "check", "--isolated", str(report))[0] == 1
    code, out, err = gip_lint(capsys, "check", "--isolated", "--force-exclude", "--exclude", "drafts", str(report))
    assert (code, out, err) == (0, "", "")


def test_supported_extensions_do_not_list_the_unreadable_ones():
    from gip_lint.readers import UNSUPPORTED_READER, supported_extensions

    assert not set(UNSUPPORTED_READER.extensions) & set(supported_extensions())
    assert ".pdf" not in UNSUPPORTED_READER.extensions  # read by the PDF reader
