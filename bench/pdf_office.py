"""PDFs printed by a real office suite (LibreOffice from python-docx Word files), read back and
compared with the seed text they were made from, cell for cell and finding for finding.

    python bench/pdf_office.py [--out DIR] [--keep] [--variant NAME ...] [--fixtures]

Each seed report (examples/reports) is written as a disclosure office's .docx in every variant of
tests/office_renderings.py and converted with ``soffice --headless --convert-to pdf``.  For each
PDF, tables 二, 三 and 四 as gip-lint reads them are compared with ``gip_lint.parse(seed)``
(each seed also with two faults, "000f": see ``faulty``):
a cell is *right* (same value), *wrong* (another value: a bug) or *not read* (no value where the
seed has one: the table was declined).  The findings are compared with the seed's by code:
a code the seed does not have is *false* (GIP003, a declined table, is counted apart), one the
PDF lacks is *missing*; a finding of both is at the right page when the page holds the seed
line's text.  Prints one line per variant and the details of every wrong cell or false finding;
asserts nothing.  ``--fixtures`` (re)writes the PDFs kept as test fixtures in
tests/data/pdf_office/.  Needs LibreOffice (``soffice``) and a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from office_renderings import VARIANTS, cells, faulty, render_office_docx, soffice, to_pdf  # noqa: E402

import gip_lint  # noqa: E402
from gip_lint.api import parse_source  # noqa: E402
from gip_lint.engine.linter import lint_source  # noqa: E402
from gip_lint.engine.plugins import load_plugins  # noqa: E402
from gip_lint.readers.pdf_reader import read_pdf  # noqa: E402
from gip_lint.source import DecodeError, from_text  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "pdf_office"
# The PDFs kept for tests/test_reader_pdf_office.py: (seed, variant); "004f" is 004 with faults.
FIXTURE_SET = [("001", "grid"), ("002", "grid"), ("004f", "grid-centred"), ("004f", "grid-repeat"),
               ("000", "noborder"), ("000f", "noborder-centred"), ("000f", "grid-landscape")]


def page_texts(data: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return ["".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]


def seed_snippet(text: str, line: int, column: int) -> str:
    """A few characters of the seed where a finding points: its cell's text for a table row."""
    content = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in content:
        cell = next((c for c in content.split("\t") if c.strip()), "")
        return "".join(cell.split())[:8]
    return "".join(content[max(column - 1, 0):].split())[:8]


def compare(seed_text: str, data: bytes, rules) -> dict:
    want = gip_lint.parse(seed_text)
    wanted = lint_source(from_text(seed_text), rules).diagnostics
    try:
        source = read_pdf(data, "report.pdf")
    except DecodeError as error:
        return {"error": str(error), "cells": Counter(not_read=len(cells(want)))}
    got = parse_source(source)
    found = lint_source(source, rules).diagnostics
    counts, wrong = Counter(), []
    got_cells = cells(got)
    for key, value in cells(want).items():
        read = got_cells.get(key)
        if read == value:
            counts["right"] += 1
        elif read is None or read == (value[0], None):
            counts["not_read"] += 1
        else:
            counts["wrong"] += 1
            wrong.append((key, value, read))
    wrong += [(key, None, value) for key, value in got_cells.items() if key not in cells(want) and value not in (None, (None, None))]
    counts["wrong"] += len(wrong) - counts["wrong"]
    want_codes = Counter(d.code for d in wanted)
    got_codes = Counter(d.code for d in found)
    extra, missing = got_codes - want_codes, want_codes - got_codes
    texts = page_texts(data)
    misplaced = []
    for d in wanted:
        snippet = seed_snippet(seed_text, d.line, d.column)
        pages = [i + 1 for i, t in enumerate(texts) if snippet and snippet in t]
        mine = [f for f in found if f.code == d.code]
        if mine and pages and not any(f.page in pages for f in mine):
            misplaced.append((d.code, snippet, pages, [f.page for f in mine]))
    title = "".join((got.title or "").split()) == "".join((want.title or "").split())
    return {"cells": counts, "wrong": wrong, "title": title, "declined": extra.pop("GIP003", 0),
            "false": sorted(extra.elements()), "missing": sorted(missing.elements()),
            "misplaced": misplaced, "checked": sum(want_codes.values()),
            "false_detail": [(f.code, f.page, f.message[:60]) for f in found if f.code in extra]}


def build(out: Path, variants: list[str], seeds: list[Path]) -> dict:
    """(seed, variant) → PDF path: every .docx written, then one soffice run for all."""
    docx_files, keys = [], []
    for variant in variants:
        for seed in seeds:
            for number, text in _texts(seed).items():
                path = out / f"{number}-{variant}.docx"
                path.write_bytes(render_office_docx(text, VARIANTS[variant]))
                docx_files.append(path)
                keys.append((number, variant))
    return dict(zip(keys, to_pdf(docx_files, out)))


def _texts(seed: Path) -> dict:
    """"000" → the seed's text, "000f" → the seed with faults."""
    text = seed.read_text(encoding="utf-8")
    return {seed.name[:3]: text, seed.name[:3] + "f": faulty(text)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="directory for the .docx and .pdf files (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="reuse the PDFs already in --out")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    parser.add_argument("--fixtures", action="store_true", help="rewrite tests/data/pdf_office/ and stop")
    args = parser.parse_args()
    if soffice() is None:
        sys.exit("LibreOffice (soffice) is not installed")
    seeds = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    out = args.out or Path(tempfile.mkdtemp(prefix="pdf-office-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.fixtures:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        by_name = {seed.name[:3]: seed for seed in seeds}
        for number, variant in FIXTURE_SET:
            pdf = build(out, [variant], [by_name[number[:3]]])[(number, variant)]
            shutil.copyfile(pdf, FIXTURES / f"{number}-{variant}.pdf")
            print(FIXTURES / f"{number}-{variant}.pdf", pdf.stat().st_size, "bytes")
        return
    variants = args.variant or list(VARIANTS)
    if args.keep:
        pdfs = {(n, v): out / f"{n}-{v}.pdf" for v in variants for s in seeds for n in _texts(s)}
    else:
        pdfs = build(out, variants, seeds)
    rules = load_plugins().rules
    texts = {number: text for seed in seeds for number, text in _texts(seed).items()}
    total = Counter()
    details = []
    print(f"{'variant':18} files  titles  right  wrong  not-read  declined  false  missing  page-wrong")
    for variant in variants:
        counts, declined, false, missing, misplaced, titles = Counter(), 0, 0, 0, 0, 0
        for number in texts:
            result = compare(texts[number], pdfs[(number, variant)].read_bytes(), rules)
            counts.update(result["cells"])
            if "error" in result:
                details.append(f"{number}-{variant}: refused: {result['error']}")
                continue
            declined += result["declined"]
            titles += result["title"]
            false += len(result["false"])
            missing += len(result["missing"])
            misplaced += len(result["misplaced"])
            for key, value, read in result["wrong"][:12]:
                details.append(f"{number}-{variant}: wrong cell {key}: seed {value!r}, read {read!r}")
            for code, page, message in result["false_detail"]:
                details.append(f"{number}-{variant}: false {code} p.{page}: {message}")
            if result["missing"]:
                details.append(f"{number}-{variant}: missing {result['missing']}")
            for item in result["misplaced"]:
                details.append(f"{number}-{variant}: page of {item[0]} ({item[1]}) on {item[2]}, said {item[3]}")
            if result["declined"]:
                details.append(f"{number}-{variant}: {result['declined']} GIP003 (table declined)")
        total.update(counts)
        print(f"{variant:18} {len(texts):5}  {titles:6}  {counts['right']:5}  {counts['wrong']:5}  {counts['not_read']:8}"
              f"  {declined:8}  {false:5}  {missing:7}  {misplaced:10}")
    print(f"{'all':18} {len(texts) * len(variants):5}  {'':6}  {total['right']:5}  {total['wrong']:5}  {total['not_read']:8}")
    for line in details:
        print(" ", line)
    if not args.out:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
