"""PDF reading speed: ms per page of the reader, and a cold ``gip-lint check`` of a PDF next to
``pdftotext -layout`` of the same file, in the same run.

    python bench/pdf.py [FILE.pdf] [--repeat N]

Default file: ../shared/corpus/pdf/huaian-gov-2024.pdf (a 6-page WPS report).  Prints figures;
asserts nothing.  ``pdftotext`` (poppler-utils) is optional: without it its line is skipped.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf" / "huaian-gov-2024.pdf"


def _best(command: list[str], repeat: int) -> float:
    """Median CPU time (user + system, ms) of the command: on a shared, loaded machine the wall
    clock mostly measures waiting for a core; the wall-clock median is printed too."""
    import resource

    times, walls = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"  ({' '.join(command[-2:])}: wall {statistics.median(walls) * 1000:.0f} ms)")
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    data = Path(args.file).read_bytes()

    from gip_lint.readers.pdf_document import read_pages
    from gip_lint.readers.pdf_reader import read_pdf

    read_pdf(data, args.file)  # warm: imports, pdfium loaded
    pages = len(read_pages(data))
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        read_pdf(data, args.file)
        times.append(time.perf_counter() - started)
    warm = statistics.median(times) * 1000
    print(f"file: {args.file} ({pages} pages, {len(data) / 1024:.0f} KiB)")
    print(f"reader (warm, in process, wall): {warm:.1f} ms = {warm / pages:.1f} ms/page")
    print("cold runs, CPU time (user + system):")
    check = _best([sys.executable, "-m", "gip_lint", "check", args.file], args.repeat)
    print(f"cold gip-lint check:        {check:.0f} ms")
    import tempfile

    with tempfile.TemporaryDirectory() as directory:  # the same report as text: what PDF adds
        text = Path(directory) / "report.txt"
        text.write_text(read_pdf(data, args.file).original, encoding="utf-8")
        plain = _best([sys.executable, "-m", "gip_lint", "check", str(text)], args.repeat)
    print(f"cold check of its text:     {plain:.0f} ms   (the PDF adds {check - plain:.0f} ms)")
    if shutil.which("pdftotext"):
        poppler = _best(["pdftotext", "-layout", args.file, "-"], args.repeat)
        print(f"pdftotext -layout:          {poppler:.0f} ms   (check / pdftotext = {check / poppler:.1f}x)")
    else:
        print("pdftotext -layout:          not installed (poppler-utils)")


if __name__ == "__main__":
    main()
