"""Parse time per seed report and import time, printed as figures (issue: the document model).

    python bench/parse_seeds.py [REPEATS]

Warm: the median of REPEATS in-process parses of each bundled seed (read → grammar → model,
no rules), after one warm-up parse.  Import: wall time of a fresh interpreter importing the
parsing API, beside a bare ``python -c pass``, median of 15 runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "reports").glob("*.txt"))


def parse_times(repeats: int) -> list[tuple[str, int, float]]:
    from gip_lint.api import parse_source
    from gip_lint.source import from_bytes

    rows = []
    for path in SEEDS:
        data = path.read_bytes()
        parse_source(from_bytes(data, str(path)))  # warm-up
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            parse_source(from_bytes(data, str(path)))
            samples.append(time.perf_counter() - start)
        rows.append((path.name, len(data), statistics.median(samples) * 1000))
    return rows


def wall_ms(code: str, runs: int = 15) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print(f"# gip-lint parse figures ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
    print("| seed | bytes | parse ms (median) |")
    print("|---|---|---|")
    for name, size, ms in parse_times(repeats):
        print(f"| {name} | {size} | {ms:.2f} |")
    bare = wall_ms("pass")
    api = wall_ms("import gip_lint.api; gip_lint.api.parse_source")
    print()
    print(f"python -c pass: {bare:.0f} ms; import gip_lint.api: {api:.0f} ms (+{api - bare:.0f} ms)")


if __name__ == "__main__":
    main()
