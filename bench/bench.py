"""Measure gip-lint on this machine and print the figures (a Markdown table for the README).

    python bench/bench.py            # everything (about 3 minutes on 2 cores)
    python bench/bench.py --quick    # no 10,000-report memory run
    python bench/bench.py --cold     # only the cold-start figures (about a minute)
    python bench/bench.py --cold --instructions   # and their instruction counts (valgrind)

Figures:
- warm: median (and 90th percentile) milliseconds per report for parse + every built-in rule,
  in-process after a warm-up, and MB/s over the sample;
- cold: ``gip-lint check`` on one report, process start to exit, beside ``gip-lint --version``,
  ``python -c pass`` and, when flake8 is installed, flake8 on a Python file of the same size
  (issue 9's target is relative to flake8 on the same machine).  The commands run in
  interleaved rounds (A B C D, A B C D, …: 30 by default) so that the machine's drift hits
  them all alike; each gets the median and minimum of its wall time and of its CPU time
  (user + system, less disturbed by other jobs than wall time), and the ratio gip-lint / flake8
  of the medians;
- ``--instructions`` (needs valgrind): the same commands' instruction counts under callgrind,
  which repeat to within 0.1 % on a busy machine where wall times vary by ±40 %;
- throughput: ``gip-lint check`` over 1,000 reports with ``-j 1`` and ``-j N`` (N = cores);
- memory: peak RSS of ``gip-lint check -j 1`` over 1,000 and 10,000 reports (flat = nothing
  accumulates from file to file).

The corpus comes from ``bench/corpus.py`` (synthetic reports in varied layouts and sizes,
some with faults, a few real ones).  Timings on a busy machine are noisy: the load average
is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/corpus.py)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def spawn(argv: list[str], cwd: Optional[str] = None) -> tuple[float, float, int, int]:
    """Run argv with stdout/stderr to /dev/null; (wall s, cpu s, peak RSS KB, exit status)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(argv, stdout=null, stderr=null, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode


def interleaved(commands: dict[str, list[str]], rounds: int, cwd: str) -> dict[str, dict[str, float]]:
    """Run each command once per round, in turn (A B C, A B C, …) after one warm-up round.

    Returns per command the median and minimum wall and CPU (user + system) time in ms.
    Interleaving spreads the drift of a shared machine over every command alike, so their
    ratio holds even when the absolute figures do not.
    """
    for argv in commands.values():
        spawn(argv, cwd)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            wall, cpu, _, _ = spawn(argv, cwd)
            walls[name].append(wall * 1000)
            cpus[name].append(cpu * 1000)
    return {name: {"wall": statistics.median(walls[name]), "wall_min": min(walls[name]),
                   "cpu": statistics.median(cpus[name]), "cpu_min": min(cpus[name])} for name in commands}


def instructions(argv: list[str], cwd: str) -> Optional[int]:
    """Instructions executed by ``argv`` from process start to exit, counted by callgrind
    (repeatable to ≈0.1 %, unlike time on a shared machine); None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    spawn(argv, cwd)  # byte-compiled caches written, as for the timed runs
    done = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv], cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def cold(gip_lint: str, flake8: Optional[str], one: str, py_file: str, rounds: int,
         count_instructions: bool) -> list[tuple[str, str]]:
    """The cold-start rows: interleaved timings and, if asked, instruction counts.

    Every command runs in the report's directory (flake8 is slower in some working
    directories, e.g. the gip-lint repository, for reasons of its own)."""
    cwd = os.path.dirname(one)
    size = os.path.getsize(one) // 1024
    commands = {f"`gip-lint check` one report ({size} KB)": [gip_lint, "check", one],
                "`gip-lint --version`": [gip_lint, "--version"],
                "`python -c pass` (the floor)": [sys.executable, "-c", "pass"]}
    if flake8:
        commands[f"flake8 on a {size} KB Python file"] = [flake8, py_file]
    times = interleaved(commands, rounds, cwd)
    rows = [(f"cold: {name}", f"wall {t['wall']:.0f} ms median ({t['wall_min']:.0f} min), "
                              f"CPU {t['cpu']:.0f} ms median ({t['cpu_min']:.0f} min)")
            for name, t in times.items()]
    check, flake = next(iter(times.values())), times.get(list(commands)[-1]) if flake8 else None
    if flake is not None:
        rows.append((f"cold: ratio gip-lint check / flake8 ({rounds} interleaved rounds)",
                     f"wall {check['wall'] / flake['wall']:.2f}, CPU {check['cpu'] / flake['cpu']:.2f} "
                     f"(medians; issue 9 asks for < 1, ≈0.9)"))
    if count_instructions:
        counts = {name: instructions(argv, cwd) for name, argv in commands.items()}
        if None in counts.values():
            failed = ", ".join(name for name, count in counts.items() if count is None)
            rows.append(("cold: instructions", f"not counted (valgrind missing or failed: {failed})"))
        else:
            rows += [(f"cold: {name}, instructions", f"{count / 1e6:.0f} M") for name, count in counts.items()]
            if flake8:
                first, last = list(counts.values())[0], list(counts.values())[-1]
                rows.append(("cold: ratio gip-lint check / flake8, instructions", f"{first / last:.2f}"))
    return rows


SPIN = "x = 0\nfor i in range(10_000_000):\n    x += i\n"


def cpu_parallelism(jobs: int) -> float:
    """How much faster ``jobs`` CPU-bound processes finish than one after another: the
    ceiling for ``-j`` on this machine right now (shared or throttled cores give less than N)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", SPIN], check=True)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(jobs)]
    for process in processes:
        process.wait()
    together = time.perf_counter() - start
    return jobs * alone / together


def warm_pass(paths: list[str]) -> dict:
    """One pass of parse + all rules over ``paths`` in this process, each report once (as a
    corpus run sees them: the bounded caches hold other reports' lines, not this one's).

    Per report wall and CPU time (CPU time does not count the time other processes took the
    core); after 20 reports of warm-up.
    """
    from gip_lint.engine.linter import lint_source, read_source
    from gip_lint.engine.plugins import load_plugins

    plugins = load_plugins()
    sources = [read_source(p) for p in paths]
    for source in sources[:20]:
        lint_source(source, plugins.rules)  # warm-up: parser built, regexes compiled
    wall, cpu = [], []
    for source in sources[20:]:
        start, start_cpu = time.perf_counter(), time.process_time()
        lint_source(source, plugins.rules)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    size = sum(len(s.original.encode("utf-8")) for s in sources[20:])
    wall_ms = sorted(t * 1000 for t in wall)
    return {"median": statistics.median(wall_ms), "p90": wall_ms[int(len(wall_ms) * 0.9)],
            "cpu": statistics.median(cpu) * 1000, "rate": size / 1e6 / sum(wall), "reports": len(wall)}


def warm(directory: str, passes: int = 3) -> dict:
    """:func:`warm_pass` in ``passes`` fresh processes; the pass with the median wall figure."""
    results = []
    for _ in range(passes):
        done = subprocess.run([sys.executable, __file__, "--warm-pass", directory], check=True,
                              capture_output=True, text=True)
        results.append(json.loads(done.stdout))
    results.sort(key=lambda r: r["median"])
    chosen = results[len(results) // 2]
    chosen["all"] = [r["median"] for r in results]
    return chosen


def same_size_python(path: Path, size: int) -> None:
    lines, written, number = [], 0, 0
    while written < size:
        line = f"def function_{number}(a, b):\n    return a + b * {number}\n\n\n"
        lines.append(line)
        written += len(line)
        number += 1
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="gip-lint benchmark")
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-report memory run")
    parser.add_argument("--cold", action="store_true", help="only the cold-start figures")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the cold commands' instructions with callgrind (valgrind)")
    parser.add_argument("--rounds", type=int, default=30, help="interleaved rounds of the cold commands (30)")
    parser.add_argument("--gip-lint", dest="gip_lint", default=str(Path(sys.executable).parent / "gip-lint"))
    sibling = Path(sys.executable).parent / "flake8"  # the venv's own: a pyenv shim on PATH adds a shell
    parser.add_argument("--flake8",
                        default=str(sibling) if sibling.exists() else shutil.which("flake8") or str(sibling))
    parser.add_argument("--keep", help="generate the corpus here and keep it")
    parser.add_argument("--warm-pass", dest="warm_pass", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.warm_pass:  # the child process of warm()
        paths = sorted(str(p) for p in Path(args.warm_pass).rglob("*") if p.is_file())
        print(json.dumps(warm_pass(paths)))
        return

    import gip_lint

    # As pip does when installing: byte-compile gip-lint, so the cold figure is not paying for
    # compiling its sources (PYTHONDONTWRITEBYTECODE would otherwise keep it from caching them).
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(gip_lint.__file__)], check=False)

    jobs = cores()
    root = Path(args.keep or tempfile.mkdtemp(prefix="gip-lint-bench-"))
    print(f"gip-lint {gip_lint.__version__}, Python {sys.version.split()[0]} ({sysconfig.get_platform()}), "
          f"{jobs} cores, load average {os.getloadavg()[0]:.2f} at start", flush=True)
    rows: list[tuple[str, str]] = []
    try:
        thousand = corpus.generate(str(root / "1000"), 1000, seed=1)
        size = sum(os.path.getsize(p) for p in thousand)
        print(f"corpus: 1,000 reports, {size / 1e6:.1f} MB ({min(map(os.path.getsize, thousand)) // 1024}–"
              f"{max(map(os.path.getsize, thousand)) // 1024} KB)", flush=True)

        if not args.cold:
            figures = warm(str(root / "1000"))
            passes = " / ".join(f"{m:.2f}" for m in figures["all"])
            rows += [(f"warm: parse + all rules, median per report ({figures['reports']} reports, each once; "
                      "median of 3 passes in fresh processes)",
                      f"{figures['median']:.2f} ms (90th percentile {figures['p90']:.2f} ms; CPU {figures['cpu']:.2f} ms; "
                      f"the 3 passes: {passes} ms)"),
                     ("warm: throughput, one process", f"{figures['rate']:.2f} MB/s")]

        one = min(thousand, key=lambda p: abs(os.path.getsize(p) - 7000))  # the size of a typical report
        py_file = root / "same_size.py"
        same_size_python(py_file, os.path.getsize(one))
        rows += cold(args.gip_lint, args.flake8 if os.path.exists(args.flake8) else None, one, str(py_file),
                     args.rounds, args.instructions)
        print("cold start measured", flush=True)
        if args.cold:
            return _table(rows, jobs)

        # Three interleaved pairs (-j 1, -j N, -j 1, …): one run each would compare a quiet
        # minute with a busy one; the ratio is of the medians.
        ceiling = cpu_parallelism(jobs)
        runs: dict[int, list] = {1: [], jobs: []}
        for _ in range(3):
            for count in (1, jobs):
                runs[count].append(spawn([args.gip_lint, "check", "-j", str(count), "--no-summary",
                                          str(root / "1000")]))
        serial = statistics.median(r[0] for r in runs[1])
        parallel = statistics.median(r[0] for r in runs[jobs])
        rows += [("1,000 reports, `-j 1` (median of 3)", f"{serial:.2f} s ({1000 / serial:.0f} reports/s)"),
                 (f"1,000 reports, `-j {jobs}` (median of 3, interleaved with `-j 1`)",
                  f"{parallel:.2f} s ({1000 / parallel:.0f} reports/s, {serial / parallel:.2f}× `-j 1`)"),
                 (f"(ceiling: {jobs} CPU-bound Python processes run at)", f"{ceiling:.2f}× one")]
        rows.append(("peak memory, `-j 1`, 1,000 reports", f"{max(r[2] for r in runs[1]) / 1024:.0f} MB"))
        print("throughput measured", flush=True)

        if not args.quick:
            corpus.generate(str(root / "10000"), 10000, seed=2)
            big = spawn([args.gip_lint, "check", "-j", "1", "--no-summary", str(root / "10000")])
            rows.append(("peak memory, `-j 1`, 10,000 reports",
                         f"{big[2] / 1024:.0f} MB ({big[0]:.0f} s, {10000 / big[0]:.0f} reports/s)"))
            big_parallel = spawn([args.gip_lint, "check", "-j", str(jobs), "--no-summary", str(root / "10000")])
            rows.append((f"peak memory, `-j {jobs}` (main process), 10,000 reports",
                         f"{big_parallel[2] / 1024:.0f} MB ({big_parallel[0]:.0f} s)"))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    _table(rows, jobs)


def _table(rows: list[tuple[str, str]], jobs: int) -> None:
    print()
    print(f"| measure ({jobs} cores, load {os.getloadavg()[0]:.1f} at end) | figure |")
    print("|---|---|")
    for name, figure in rows:
        print(f"| {name} | {figure} |")


if __name__ == "__main__":
    main()
