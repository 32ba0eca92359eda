"""What each built-in rule costs per report, warm, printed as figures (issue 9).

    python bench/rules.py [DIR] [--rounds N]       # per-rule table: median µs per report
    python bench/rules.py [DIR] --workload N       # no timing: N rounds of parse + all rules
    python bench/rules.py [DIR] --workload N --rules-only   # parse once, N rounds of the rules

DIR defaults to a 300-report corpus from ``bench/corpus.py`` (seed 0) made in a temporary
directory.  The reports are read and parsed once (the models are kept); then every round
runs every rule over every model in the order a lint runs them (report by report, rules in
registration order, so a result one rule caches for the next is used as in a real run), and
the time of each rule's check is summed per round.  Printed: the median over the rounds of
each rule's µs per report, the rules' total, and the parse (grammar → model, warm) µs per
report for scale.

Wall time on a shared machine varies by tens of percent; for before/after decisions count
instructions of the fixed ``--workload`` instead, e.g. the difference between
``--workload 2`` and ``--workload 1`` under
``valgrind --tool=callgrind --callgrind-out-file=/dev/null`` is one warm round.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def corpus_paths(directory: str | None, scratch: str) -> list[str]:
    if directory is None:
        import corpus  # bench/corpus.py

        return corpus.generate(scratch, 300)
    suffixes = {".txt", ".md"}
    return sorted(str(p) for p in Path(directory).rglob("*") if p.suffix in suffixes)


def load(paths: list[str]):
    from gip_lint.api import parse_source
    from gip_lint.linter import read_source
    from gip_lint.plugins import load_plugins

    rules = [rule for rule in load_plugins().rules if rule.check is not None]
    sources = [read_source(path) for path in paths]
    sources = [s for s in sources if hasattr(s, "text")]  # GIP001 diagnostics left out
    reports = [parse_source(source) for source in sources]  # warm-up: parser built, caches filled
    start = time.perf_counter()
    reports = [parse_source(source) for source in sources]
    parse_us = (time.perf_counter() - start) / len(sources) * 1e6
    return rules, sources, [r for r in reports if r.is_report], parse_us


def run_round(rules, reports, context, totals: dict | None) -> None:
    clock = time.perf_counter
    for report in reports:
        for rule in rules:
            start = clock()
            for _ in rule.check(report, context) or ():
                pass
            if totals is not None:
                totals[rule.code] += clock() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="per-rule cost, warm")
    parser.add_argument("directory", nargs="?", help="reports to use (default: a 300-report bench corpus)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--workload", type=int, metavar="N",
                        help="only run N rounds of parse + all rules (for instruction counts)")
    parser.add_argument("--rules-only", action="store_true", help="with --workload: parse once, time only the rules")
    args = parser.parse_args()

    from gip_lint.rule import Context

    with tempfile.TemporaryDirectory() as scratch:
        paths = corpus_paths(args.directory, scratch)
        if args.workload is not None and args.rules_only:
            rules, _, reports, _ = load(paths)
            for _ in range(args.workload):
                run_round(rules, reports, Context(), None)
            return
        if args.workload is not None:
            from gip_lint.linter import lint_source, read_source
            from gip_lint.plugins import load_plugins

            rules = load_plugins().rules
            sources = [read_source(path) for path in paths]
            for _ in range(args.workload):
                for source in sources:
                    lint_source(source, rules)
            return
        rules, sources, reports, parse_us = load(paths)

    context = Context()
    run_round(rules, reports, context, None)  # warm-up: regular expressions compiled
    samples: dict[str, list[float]] = {rule.code: [] for rule in rules}
    for _ in range(args.rounds):
        totals = dict.fromkeys(samples, 0.0)
        run_round(rules, reports, context, totals)
        for code, seconds in totals.items():
            samples[code].append(seconds / len(reports) * 1e6)

    medians = {code: statistics.median(values) for code, values in samples.items()}
    round_totals = [sum(values[i] for values in samples.values()) for i in range(args.rounds)]
    print(f"{len(reports)} reports ({len(sources)} read), {args.rounds} rounds; µs per report, median of rounds")
    print("| rule | name | µs/report |")
    print("|---|---|---:|")
    names = {rule.code: rule.name for rule in rules}
    for code in sorted(medians, key=medians.get, reverse=True):
        print(f"| {code} | {names[code]} | {medians[code]:.1f} |")
    print(f"| all rules | (median of round totals) | {statistics.median(round_totals):.1f} |")
    print(f"| parse | grammar → model, warm, for scale | {parse_us:.1f} |")


if __name__ == "__main__":
    main()
