"""Run the gip-lint command in-process and capture what it prints."""

from __future__ import annotations

import shutil
from pathlib import Path

from gip_lint.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SEED_CLEAN = ROOT / "examples" / "reports" / "000_ebeabda19deaf4a2.txt"  # no findings
# Seed 001 with its organ-name typo (GIP504 at 77:7) corrected: exactly one finding, GIP206 at 66:27.
SEED_GIP206 = ROOT / "tests" / "rules" / "reports" / "seed-001-one-gip206.txt"
SEED_004 = ROOT / "examples" / "reports" / "004_0e77ab618706c3e0.txt"


def gip_lint(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def replaced(text: str, replacements) -> str:
    """``text`` with each (old, new) replacement applied in turn; each ``old`` must occur."""
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def copy_report(source: Path, target: Path, replace: tuple = ()) -> Path:
    """Copy a seed report to ``target``, applying (old, new) replacements (each must occur)."""
    text = replaced(source.read_text(encoding="utf-8"), replace)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def copy_seed(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
