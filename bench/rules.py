"""What each built-in rule costs per report, warm, printed as figures (issue 9).

    python bench/rules.py [DIR] [--rounds N]     # CPU µs per report per rule (median of N rounds)
    python bench/rules.py [DIR] --instructions   # instructions per report per rule (callgrind)
    python bench/rules.py [DIR] --workload N     # no figures: N rounds of lint_source over DIR

DIR defaults to a 300-report corpus from ``bench/corpus.py`` (seed 0) made in a temporary
directory.  The reports are read and parsed once (the models are kept).

Times: every round runs every rule over every model in the order a lint runs them (report by
report, rules in registration order, so a value one rule works out for the next is used as in
a real run), and each rule's check is timed in CPU time of the process
(``time.process_time``: waiting for a core shared with other jobs is not counted; a reading
costs ≈1 µs, the floor of the smallest rules).  Printed: the median over the rounds of each
rule's µs per report, the rules' total, and the warm parse (grammar → model) for scale.
They still vary by tens of percent on a busy machine.

Instructions (needs valgrind; about two minutes for 100 reports): the script runs itself under
callgrind, which dumps its counters at each marker between segments; printed are the
instructions per report of a warm ``lint_source`` (parse + rules + diagnostics), of the parse
alone, of all rules in lint order, and of each rule run alone over every report (alone, a rule
also pays for what it would share with the rules before it in a lint: per-report values,
table 三's identities).  Deterministic to within a fraction of a percent: use these for
before/after decisions.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

MARKER = "os_getppid"  # the C function callgrind dumps before: os.getppid() marks a segment


def corpus_paths(directory: str | None, scratch: str) -> list[str]:
    if directory is None:
        import corpus  # bench/corpus.py

        return corpus.generate(scratch, 300)
    suffixes = {".txt", ".md"}
    return sorted(str(p) for p in Path(directory).rglob("*") if p.suffix in suffixes)


def read(paths: list[str]):
    from gip_lint.engine.linter import read_source
    from gip_lint.engine.plugins import load_plugins

    rules = [rule for rule in load_plugins().rules if rule.check is not None]
    sources = [read_source(path) for path in paths]
    return rules, [s for s in sources if hasattr(s, "text")]  # GIP001 diagnostics left out


def run_round(rules, reports, context, totals: dict | None = None) -> None:
    clock = time.process_time
    for report in reports:
        for rule in rules:
            start = clock() if totals is not None else 0.0
            for _ in rule.check(report, context) or ():
                pass
            if totals is not None:
                totals[rule.code] += clock() - start


def times(paths: list[str], rounds: int) -> None:
    from gip_lint.api import parse_source
    from gip_lint.rule import Context

    rules, sources = read(paths)
    reports = [parse_source(source) for source in sources]  # warm-up: parser built, caches filled
    start = time.process_time()
    reports = [parse_source(source) for source in sources]
    parse_us = (time.process_time() - start) / len(sources) * 1e6
    reports = [r for r in reports if r.is_report]
    context = Context()
    run_round(rules, reports, context)  # warm-up: regular expressions compiled
    samples: dict[str, list[float]] = {rule.code: [] for rule in rules}
    for _ in range(rounds):
        totals = dict.fromkeys(samples, 0.0)
        run_round(rules, reports, context, totals)
        for code, seconds in totals.items():
            samples[code].append(seconds / len(reports) * 1e6)

    medians = {code: statistics.median(values) for code, values in samples.items()}
    round_totals = [sum(values[i] for values in samples.values()) for i in range(rounds)]
    print(f"{len(reports)} reports ({len(sources)} read), {rounds} rounds; CPU µs per report, median of rounds")
    print("| rule | name | µs/report |")
    print("|---|---|---:|")
    names = {rule.code: rule.name for rule in rules}
    for code in sorted(medians, key=medians.get, reverse=True):
        print(f"| {code} | {names[code]} | {medians[code]:.1f} |")
    print(f"| all rules | (median of round totals) | {statistics.median(round_totals):.1f} |")
    print(f"| parse | grammar → model, warm, for scale | {parse_us:.1f} |")


def segments(paths: list[str]) -> None:
    """Run under callgrind: print the segment names, marking each start with os.getppid()."""
    from gip_lint.api import parse_source
    from gip_lint.engine.linter import lint_source
    from gip_lint.rule import Context

    rules, sources = read(paths)
    for source in sources:
        lint_source(source, rules)  # warm-up
    names = []

    def segment(name: str) -> None:
        names.append(name)
        os.getppid()

    segment("lint")
    for source in sources:
        lint_source(source, rules)
    segment("parse")
    reports = [parse_source(source) for source in sources]
    reports = [r for r in reports if r.is_report]
    context = Context()
    segment("rules")
    run_round(rules, reports, context)
    for rule in rules:
        segment(rule.code + " " + rule.name)
        run_round([rule], reports, context)
    segment("end")
    print(len(sources), len(reports))
    print("\n".join(names))


def instructions(directory: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--dump-before={MARKER}", f"--callgrind-out-file={out}",
             sys.executable, __file__, directory, "--segments"],
            capture_output=True, text=True, check=True)
        lines = done.stdout.splitlines()
        sources, reports = map(int, lines[0].split())
        names = lines[1:]
        dumps = sorted((p for p in os.listdir(scratch) if re.fullmatch(r"callgrind\.out\.\d+", p)),
                       key=lambda p: int(p.rsplit(".", 1)[1]))
        counts = []
        for dump in dumps:
            text = Path(scratch, dump).read_text(encoding="utf-8", errors="replace")
            counts.append(int(re.search(r"^totals:\s*(\d+)", text, re.M).group(1)))
    if len(counts) != len(names):
        sys.exit(f"expected {len(names)} callgrind dumps, found {len(counts)}: is {MARKER} in this Python's symbols?")
    # Dump i is written when segment i starts: it holds what ran before, i.e. segment i - 1.
    per = dict(zip(names[:-1], counts[1:]))
    print(f"{sources} reports ({reports} reports understood); instructions per report (callgrind)")
    print("| segment | instructions/report |")
    print("|---|---:|")
    print(f"| warm lint_source: parse + rules + diagnostics | {per.pop('lint') / sources:,.0f} |")
    print(f"| parse (grammar → model) | {per.pop('parse') / sources:,.0f} |")
    print(f"| all rules, in lint order | {per.pop('rules') / reports:,.0f} |")
    for name, count in sorted(per.items(), key=lambda item: -item[1]):
        print(f"| {name} (alone) | {count / reports:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description="per-rule cost, warm")
    parser.add_argument("directory", nargs="?", help="reports to use (default: a 300-report bench corpus)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--instructions", action="store_true", help="count instructions with callgrind instead")
    parser.add_argument("--segments", action="store_true", help=argparse.SUPPRESS)  # the run under callgrind
    parser.add_argument("--workload", type=int, metavar="N", help="only run N rounds of lint_source")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        paths = corpus_paths(args.directory, scratch)
        if args.instructions:
            instructions(os.path.dirname(paths[0]) if args.directory is None else args.directory)
        elif args.segments:
            segments(paths)
        elif args.workload is not None:
            from gip_lint.engine.linter import lint_source

            rules, sources = read(paths)
            for _ in range(args.workload):
                for source in sources:
                    lint_source(source, rules)
        else:
            times(paths, args.rounds)


if __name__ == "__main__":
    main()
