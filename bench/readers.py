"""How long reading and linting a report takes per kind of file (prints figures; no asserts).

    python bench/readers.py            # the five seeds as .txt, three web-page styles, .docx
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from renderings import render_docx, render_html  # noqa: E402

from gip_lint.engine.linter import lint_source  # noqa: E402
from gip_lint.engine.plugins import load_plugins  # noqa: E402
from gip_lint.readers import reader_for  # noqa: E402


def best_of(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rules = load_plugins().rules
    seeds = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    kinds: dict[str, list[tuple[str, bytes]]] = {"txt": [], "html word (GBK)": [], "html cms": [],
                                                  "html flat (GBK)": [], "docx": []}
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        kinds["txt"].append(("r.txt", text.encode("utf-8")))
        kinds["html word (GBK)"].append(("r.html", render_html(text, "word").data))
        kinds["html cms"].append(("r.html", render_html(text, "cms").data))
        kinds["html flat (GBK)"].append(("r.html", render_html(text, "flat").data))
        kinds["docx"].append(("r.docx", render_docx(text).data))
    print(f"{'kind':<18}{'size (KB)':>10}{'read (ms)':>11}{'read+lint (ms)':>16}")
    for kind, files in kinds.items():
        reads, lints, sizes = [], [], []
        for name, data in files:
            reader = reader_for(name)
            reads.append(best_of(lambda: reader.read(data, name)) * 1000)
            lints.append(best_of(lambda: lint_source(reader.read(data, name), rules)) * 1000)
            sizes.append(len(data) / 1024)
        print(f"{kind:<18}{statistics.mean(sizes):>10.1f}{statistics.mean(reads):>11.1f}{statistics.mean(lints):>16.1f}")
    big = render_html(seeds[4].read_text(encoding="utf-8"), "cms").data
    page = big.replace(b"</body>", b"<p>" + "\u653f\u52a1\u516c\u5f00".encode() * 50 + b"</p>" * 1 + b"</body>") * 1
    rows = b"".join(b"<tr>" + b"<td>1</td>" * 10 + b"</tr>" for _ in range(20000))
    stress = page.replace(b"</body>", b"<table>" + rows + b"</table></body>")
    reader = reader_for("x.html")
    print(f"html with a 20,000-row table ({len(stress) / 1024 / 1024:.1f} MB): "
          f"read {best_of(lambda: reader.read(stress, 'x.html'), 1):.2f} s")


if __name__ == "__main__":
    main()
