"""Print what the prose and year-over-year rules cost: per report, and pairing over a repository.

    python bench/prose_yoy.py [N]   # N organs × 2 years (default 200)

Builds N organs' 2022 and 2023 reports from the bundled seeds in a temporary directory, then
times ``gip-lint check`` over it with and without the GIP5 rules (in process, best of three
runs each, after a warm-up run).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(directory: Path, organs: int) -> None:
    seeds = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    last_year = (ROOT / "tests" / "rules" / "reports" / "wolong-2022.txt").read_text(encoding="utf-8")
    this_year = seeds[0].read_text(encoding="utf-8")
    for index in range(organs):
        name = f"卧龙{index}区"  # a distinct organ per pair
        (directory / f"{index:05d}-2022.txt").write_text(last_year.replace("卧龙区", name), encoding="utf-8")
        (directory / f"{index:05d}-2023.txt").write_text(this_year.replace("卧龙区", name), encoding="utf-8")


def timed(args: list[str], repeat: int = 3) -> float:
    """The best of ``repeat`` runs (seconds)."""
    return min(_once(args) for _ in range(repeat))


def _once(args: list[str]) -> float:
    import contextlib
    import io

    from gip_lint.cli.main import main

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        main(args)
    return time.perf_counter() - start


def main() -> None:
    organs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        build(directory, organs)
        files = organs * 2
        timed(["check", str(ROOT / "examples" / "reports")])  # warm up: imports, grammar cache
        without = timed(["check", "--ignore", "GIP5", str(directory)])
        prose = timed(["check", "--ignore", "GIP506,GIP507,GIP508", str(directory)])
        everything = timed(["check", str(directory)])
        print(f"{files} reports ({organs} pairs)")
        print(f"  without GIP5xx:        {without:6.2f} s  ({1000 * without / files:.1f} ms/report)")
        print(f"  with GIP501-505:       {prose:6.2f} s  (+{1000 * (prose - without) / files:.1f} ms/report)")
        print(f"  with GIP501-508+pairs: {everything:6.2f} s  (+{1000 * (everything - prose) / organs:.1f} ms/pair)")


if __name__ == "__main__":
    main()
