"""The wheel, installed into a fresh venv, works away from the source tree (grammar shipped inside)."""

from __future__ import annotations

import json
import zipfile


def test_wheel_ships_the_grammar(gip_lint_wheel):
    names = zipfile.ZipFile(gip_lint_wheel).namelist()
    assert "gip_lint/grammars/report.lark" in names


def test_installed_tool_checks_the_seeds_from_another_directory(installed, seeds, tmp_path):
    result = installed.gip_lint("check", str(seeds["001"].parent), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{seeds['001']}:66:27: GIP206 表三“四、结转下年度继续办理”行“总计”列为空，无法核对："
        "行合计（A2）；本列第一项加第二项等于第三项加第四项（A1）（没有发生应填 0）",
        f"{seeds['001']}:77:7: GIP504 “漭河区”疑为“漣河区”之误（标题中的机关为“漣河回族区人民政府”）"]
    assert "Traceback" not in result.stderr


def test_installed_show_json(installed, seeds, tmp_path):
    result = installed.gip_lint("show", "--format", "json", str(seeds["004"]), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["organ"] == "二七区人民政府" and data["year"] == 2023
    assert data["tables"]["applications"]["rows"]["三(七)"] == [222, 4, 0, 0, 3, 0, 229]


def test_installed_tool_uses_the_pregenerated_parser(installed, seeds, tmp_path):
    """The parser compiled ahead of time is used: no Lark import, no grammar analysis, no cache."""
    import subprocess

    cache = tmp_path / "cache"
    probe = ("import sys; from gip_lint.cli.main import main; code = main(['check', sys.argv[1]]); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('lark', 'tabulate')), code)")
    result = subprocess.run([installed.python, "-c", probe, str(seeds["000"])], capture_output=True, text=True,
                            env=installed.env(GIP_LINT_CACHE_DIR=str(cache)), cwd=tmp_path, timeout=60)
    assert result.stdout.splitlines()[-1] == "[] 0", result.stderr
    assert not cache.exists()


def test_installed_tool_reads_web_pages_and_word_documents(installed, seeds, tmp_path):
    """python-docx comes with the normal install: no extra to discover."""
    from renderings import render_docx, render_html

    text = seeds["001"].read_text(encoding="utf-8")
    (tmp_path / "r.htm").write_bytes(render_html(text, "word").data)
    (tmp_path / "r.docx").write_bytes(render_docx(text).data)
    result = installed.gip_lint("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = [line.split(" ")[:2] for line in result.stdout.splitlines()]
    # Seed 001's blank 总计 (GIP206) and its organ-name typo (GIP504), in each file.
    assert [(path.rsplit("/", 1)[1].split(":")[0], code) for path, code in found] == \
        [("r.docx", "GIP206"), ("r.docx", "GIP504"), ("r.htm", "GIP206"), ("r.htm", "GIP504")]
    assert found[0][0] == f"{tmp_path / 'r.docx'}:52:10:" and found[2][0] == f"{tmp_path / 'r.htm'}:380:1:"


def test_wheel_holds_every_module_of_the_source_tree(gip_lint_wheel):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    names = set(zipfile.ZipFile(gip_lint_wheel).namelist())
    source = {str(p.relative_to(root)) for p in (root / "gip_lint").rglob("*.py")}
    assert source - names == set()  # a new subpackage must be listed in pyproject's packages
