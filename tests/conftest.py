"""Shared fixtures: the bundled seed reports (real published reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
SEEDS = {path.name[:3]: path for path in sorted(EXAMPLES.glob("*.txt"))}


@pytest.fixture(scope="session")
def seeds() -> dict[str, Path]:
    """Seed number ("000" … "004") → path of the bundled real report."""
    assert len(SEEDS) == 5, "examples/reports must hold the five seed reports"
    return SEEDS
