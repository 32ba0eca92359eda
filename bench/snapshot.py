"""Snapshot of what gip-lint reads and reports, to prove a refactoring changed nothing.

Writes one file: for every report of a fixed corpus — the real example reports (the seed
reports), the rule-test reports and N generated reports (bench/corpus.py, fixed seed) — the model as
``show --format json-lines`` gives it and the diagnostics as ``check --format json-lines``
gives them, paths made relative.  Run it before and after a change and compare:

    python bench/snapshot.py before.jsonl      # on the old code
    python bench/snapshot.py after.jsonl       # on the new code
    cmp before.jsonl after.jsonl && echo identical

Options: ``--generated N`` (default 2000), ``--python PY`` (the interpreter whose gip_lint
runs; default this one).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXED = [ROOT / "examples" / "reports", ROOT / "tests" / "rules" / "reports"]  # examples = the seed reports


def run(python: str, args: list[str], cwd: Path) -> str:
    result = subprocess.run([python, "-m", "gip_lint", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"gip-lint {' '.join(args)} exited {result.returncode}:\n{result.stderr[-2000:]}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--generated", type=int, default=2000)
    parser.add_argument("--python", default=sys.executable)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for index, folder in enumerate(FIXED):
            if folder.is_dir():
                target = corpus / f"fixed{index}"
                target.mkdir()
                for file in sorted(folder.iterdir()):
                    if file.is_file():
                        (target / file.name).write_bytes(file.read_bytes())
        subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(corpus / "generated"),
                        str(options.generated), "--seed", "7"], check=True, capture_output=True)
        # Relative paths from inside the corpus, so two checkouts give identical lines.
        common = ["--isolated", "-j", "2", "."]
        model = run(options.python, ["show", "--format", "json-lines", "."], corpus)
        found = run(options.python, ["check", "--format", "json-lines", "--exit-zero", *common], corpus)
    Path(options.out).write_text(model + found, encoding="utf-8")
    print(f"{options.out}: {model.count(chr(10))} reports, {found.count(chr(10))} diagnostics")


if __name__ == "__main__":
    main()
