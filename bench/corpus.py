"""Generate a realistic corpus of reports for the benchmark.

Most reports come from :mod:`gip_lint.testing.synth` (valid random table data) printed in a
random layout (published-page shape, compact, Markdown; full-width digits and brackets,
CRLF, an inline section 六, …) with a random amount of prose, so sizes vary from about
4 KB to 20 KB.  About one in ten carries a fault (a cell off by one, the fee statement
missing, a wrong title year), and one in twenty is a real published report from
``examples/reports``.

    python bench/corpus.py OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

from gip_lint.model.labels import APPLICATION_ROWS_2021, REVIEW_GROUPS
from gip_lint.testing.synth import FILLER, Layout, random_report, render, with_cell

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "reports").glob("*.txt"))


def random_layout(rng: random.Random, year: int) -> Layout:
    return Layout(
        style=rng.choice(("seed", "seed", "compact", "markdown")),
        fullwidth_digits=rng.random() < 0.15,
        fullwidth_brackets=rng.random() < 0.3,
        label_spaces=rng.random() < 0.1,
        spaced_title=rng.random() < 0.3,
        crlf=rng.random() < 0.1,
        inline_section_six=rng.random() < 0.2,
        title_year=year + 1 if rng.random() < 0.03 else None,
        fee=rng.random() >= 0.03,
    )


def with_prose(text: str, rng: random.Random) -> str:
    """Lengthen section 一 by 0–60 lines of prose (real reports run from 4 to 20 KB)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("一、"):
            extra = [rng.choice(FILLER) * rng.randint(1, 3) for _ in range(rng.randint(0, 60))]
            lines[index + 2:index + 2] = extra
            break
    return "\n".join(lines)


def one_report(rng: random.Random) -> tuple[str, str]:
    """(file name suffix, text) of one generated report."""
    if rng.random() < 0.05 and SEEDS:
        return ".txt", rng.choice(SEEDS).read_text(encoding="utf-8")
    report = random_report(rng, small=rng.random() < 0.8)
    if rng.random() < 0.06:  # one cell off by one: GIP201–GIP204
        if rng.random() < 0.7:
            key = rng.choice(APPLICATION_ROWS_2021)
            column = rng.randrange(7)
            report = with_cell(report, "三", key, column, report.applications[key][column] + 1)
        else:
            group = rng.choice(REVIEW_GROUPS)
            report = with_cell(report, "四", group, 4, report.review[group][4] + 1)
    layout = random_layout(rng, report.year)
    text = with_prose(render(report, layout).text, rng)
    return (".md" if layout.style == "markdown" else ".txt"), text


def generate(out_dir: str, count: int, seed: int = 0) -> list[str]:
    """Write ``count`` reports into ``out_dir`` (in subdirectories of 500); return their paths."""
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        suffix, text = one_report(rng)
        directory = os.path.join(out_dir, f"{number // 500:03d}")
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, f"report_{number:05d}{suffix}")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = generate(args.out_dir, args.count, args.seed)
    size = sum(os.path.getsize(p) for p in paths)
    print(f"{len(paths)} reports, {size / 1e6:.1f} MB in {args.out_dir}")


if __name__ == "__main__":
    main()
