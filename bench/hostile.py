"""Hostile input: time against size for each pattern, and peak memory (prints figures; no asserts).

    python bench/hostile.py               # times, 10 KB … 10 MB of each pattern, read + lint
    python bench/hostile.py --memory      # peak RSS of `gip-lint check` on huge files and tables
    python bench/hostile.py --max 1000000 # only sizes up to 1 MB

Linear code shows times growing ten-fold from one size to the next; the standard library's
HTMLParser (the reader before issue 18) took 85 s on 100 KB of ``<a ``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from gip_lint.engine.linter import lint_source
from gip_lint.engine.plugins import load_plugins
from gip_lint.readers.html_reader import read_html
from gip_lint.source import from_text

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)

# name → a function of the size giving the page (about that many bytes)
HTML_PATTERNS = {
    "<a  repeated": lambda n: b"<a " * (n // 3),
    "<!-- unclosed": lambda n: b"<!--" * (n // 4),
    "<![CDATA[": lambda n: b"<![CDATA[" * (n // 9),
    "<!": lambda n: b"<!" * (n // 2),
    "</": lambda n: b"</" * (n // 2),
    "&# repeated": lambda n: b"&#" * (n // 2) + b";",
    "<a b=\" unclosed": lambda n: b"<p>x</p>" * (n // 16) + b'<a b="' + b"x>" * (n // 4),
    "<div> nesting": lambda n: b"<div>" * (n // 5),
    "long attribute": lambda n: b'<p title="' + b"x" * n + b'">text</p>',
    "huge single line": lambda n: ("<td>一、总体情况</td>" * (n // 40)).encode(),
}


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def times(max_size: int) -> None:
    rules = load_plugins().rules
    sizes = [s for s in SIZES if s <= max_size]
    print(f"{'pattern':<20}" + "".join(f"{s // 1000:>10} KB" for s in sizes) + "   (read + lint, seconds)")
    for name, make in HTML_PATTERNS.items():
        row = []
        for size in sizes:
            data = make(size)
            row.append(_timed(lambda: lint_source(read_html(data, "h.html"), rules)))
        print(f"{name:<20}" + "".join(f"{t:>13.3f}" for t in row), flush=True)
    for name, make in {"text: one line": lambda n: "一、总体情况" * (n // 18),
                       "text: | rows": lambda n: "| 1 | 2 | 3 |\n" * (n // 14)}.items():
        row = []
        for size in sizes:
            text = make(size)
            row.append(_timed(lambda: lint_source(from_text(text, "t.txt"), rules)))
        print(f"{name:<20}" + "".join(f"{t:>13.3f}" for t in row), flush=True)


def _table(rows: int, columns: int):
    yield "二〇二三年XX区政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n"
    for r in range(rows):
        yield "\t".join(str(r + c) for c in range(columns)) + "\n"


def _repeated(line: str, megabytes: int):
    count = megabytes * 1_000_000 // len(line.encode())
    for _ in range(count // 1000):
        yield line * 1000


# Written piece by piece: the bench process stays small, and so does what its child inherits
# (Linux keeps a process's peak RSS across fork and exec).
MEMORY_CASES = {
    "20 MB text": lambda: _repeated("正文" * 50 + "\n", 20),
    "20 MB HTML": lambda: _repeated("<p>" + "正文" * 50 + "</p>\n", 20),
    "100 MB text": lambda: _repeated("正文" * 50 + "\n", 100),
    "100 MB HTML": lambda: _repeated("<p>" + "正文" * 50 + "</p>\n", 100),
    "10,000-column table": lambda: _table(20, 10_000),
    "200,000-row table": lambda: _table(200_000, 6),
    "20 MB of table rows": lambda: _table(480_000, 6),
}


def _peak_rss_mb(path: str, *options: str) -> tuple[float, str]:
    """Peak RSS of `gip-lint check path` in a child process, and its first line of output."""
    script = ("import resource, sys\nfrom gip_lint.cli.main import main\n"
              "code = main(['check', *sys.argv[1:]])\n"
              "sys.stderr.write('%d %d\\n' % (code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n")
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:  # not a pipe: the output stays out of this process
        done = subprocess.run([sys.executable, "-c", script, path, *options], stdout=out, stderr=subprocess.PIPE,
                              text=True)
        out.seek(0)
        first = out.readline().rstrip("\n")
    code, kb = done.stderr.split()[-2:]
    return int(kb) / 1024, f"exit {code}: {first[len(path) + 1:][:60]}"


def memory() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in MEMORY_CASES.items():
            suffix = ".html" if "HTML" in name else ".txt"
            path = os.path.join(tmp, "case" + suffix)
            with open(path, "w", encoding="utf-8") as handle:
                handle.writelines(make())
            size = os.path.getsize(path) / 1e6
            runs = [()] if size < 21 else [(), ("--max-file-size", "200000000", "--time-limit", "0")]
            for options in runs:
                rss, outcome = _peak_rss_mb(path, *options)
                print(f"{name:<20}{size:>7.1f} MB  {' '.join(options) or 'defaults':<42} peak RSS {rss:>6.0f} MB"
                      f"  {outcome}", flush=True)
            os.remove(path)


if __name__ == "__main__":
    if "--memory" in sys.argv:
        memory()
    else:
        limit = int(sys.argv[sys.argv.index("--max") + 1]) if "--max" in sys.argv else SIZES[-1]
        times(limit)
