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


# --- a real installation, as a user gets it ---------------------------------------------------------

from plugin_envs import demo_env, gip_lint_wheel, henan_env  # noqa: E402,F401


@pytest.fixture(scope="session")
def installed(tmp_path_factory, gip_lint_wheel) -> "Venv":
    """A fresh venv with only gip-lint installed from its wheel (no access to the source tree)."""
    from plugin_envs import Venv

    env = Venv.create(tmp_path_factory.mktemp("installed") / "venv")
    env.pip_install(str(gip_lint_wheel))
    return env
