"""``--format html``: the review page, rendered by a real headless Chromium; the DOM it built
shows every finding of ``check --format json`` and highlights its cell."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from lxml import html as lxml_html

from cli_helpers import ROOT, SEED_004, copy_report, gip_lint
from renderings import render_docx

SEEDS = ROOT / "examples" / "reports"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A folder: a clean seed, seed 001 (a blank cell, a prose finding), a wrong cell in a text
    report and in a Word report; the page and the JSON findings of the same run."""
    folder = tmp_path_factory.mktemp("page") / "reports"
    folder.mkdir()
    shutil.copy(SEEDS / "000_ebeabda19deaf4a2.txt", folder / "000.txt")
    shutil.copy(SEEDS / "001_9df385a2314a3820.txt", folder / "001.txt")
    wrong = copy_report(SEED_004, folder / "004-wrong.txt", (("\t\t223\t", "\t\t224\t"),))
    (folder / "004-wrong.docx").write_bytes(render_docx(wrong.read_text(encoding="utf-8")).data)
    return folder


def _page_and_findings(capsys, folder, page):
    _, out, _ = gip_lint(capsys, "check", "--isolated", "--format", "json", str(folder))
    code, out2, err = gip_lint(capsys, "check", "--isolated", "--format", "html", "--output-file", str(page),
                               str(folder))
    assert (code, out2, err) == (1, "", "")
    return json.loads(out)


def test_page_is_self_contained(capsys, tmp_path, run):
    page = tmp_path / "review.html"
    findings = _page_and_findings(capsys, run, page)
    text = page.read_text(encoding="utf-8")
    assert len(findings) == 6
    assert "http://" not in text and "https://" not in text and "<script" not in text and "<link" not in text
    tree = lxml_html.fromstring(text)
    assert len(tree.xpath('//section[@class="report"]')) == 4
    assert len(tree.xpath('//table[@class="summary"]//tr')) == 1 + 4


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")
def test_chromium_shows_each_finding_and_highlights_its_cell(capsys, tmp_path, run):
    page = tmp_path / "review.html"
    findings = _page_and_findings(capsys, run, page)
    profile = tmp_path / "profile"
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}"]
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    shot = tmp_path / "review.png"
    done = subprocess.run([*common, "--window-size=1400,2000", f"--screenshot={shot}", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and shot.stat().st_size > 10_000

    tree = lxml_html.fromstring(dom.stdout)
    shown = tree.xpath('//li[contains(@class, "finding")]')
    assert len(shown) == len(findings)
    sections = {s.get("data-file"): s for s in tree.xpath('//section[@class="report"]')}
    assert len(sections) == 4
    in_cells = {"GIP201", "GIP202", "GIP206"}
    for finding in findings:
        section = sections[finding["path"]]
        (item,) = [li for li in section.xpath('.//li[contains(@class, "finding")]')
                   if li.get("data-code") == finding["code"]
                   and li.xpath('./span[@class="message"]')[0].text_content() == finding["message"]
                   and li.xpath('./span[@class="where"]')[0].text_content() == f"{finding['line']}:{finding['column']}"]
        if finding["code"] not in in_cells:
            assert item.get("data-cell") == ""
            continue
        (link,) = item.xpath("./a")
        (cell,) = section.xpath(f'.//td[@id="{link.get("href")[1:]}"]')
        assert finding["code"] in cell.get("data-codes").split()
        assert cell.get("class") == ("blank" if finding["code"] == "GIP206" else "wrong")
    # The blank cell is blank in the page too; the wrong cell holds the wrong value.
    assert [c.text_content() for c in tree.xpath('//td[@class="blank"]')] == [""]
    assert sorted(c.text_content() for c in tree.xpath('//td[@class="wrong"]')) == ["224", "224"]
