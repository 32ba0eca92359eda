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

import os
import subprocess
import sys
import venv


class InstalledVenv:
    """A fresh virtual environment with gip-lint installed from a freshly built wheel."""

    def __init__(self, root: Path):
        self.root = root
        bindir = root / ("Scripts" if os.name == "nt" else "bin")
        self.python = str(bindir / "python")
        self.gip_lint = str(bindir / "gip-lint")

    def pip_install(self, *args: str) -> None:
        subprocess.run([self.python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
                       check=True, capture_output=True, text=True, timeout=600)

    def run(self, *args: str, cwd=None, input=None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        return subprocess.run([self.gip_lint, *args], cwd=cwd, input=input, capture_output=True,
                              text=True, timeout=120, env=env)


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> InstalledVenv:
    """Build the wheel from this checkout and install it into a new venv (no access to the source tree)."""
    base = tmp_path_factory.mktemp("installed")
    dist = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(dist), str(ROOT)], check=True, capture_output=True, text=True, timeout=600)
    wheels = list(dist.glob("gip_lint-*.whl"))
    assert len(wheels) == 1, wheels
    venv.EnvBuilder(with_pip=True, clear=True).create(base / "venv")
    env = InstalledVenv(base / "venv")
    env.pip_install(str(wheels[0]))
    return env


# Real venvs with gip-lint and plugins installed (tests/plugin_envs.py).
from plugin_envs import demo_env, gip_lint_wheel, henan_env  # noqa: E402,F401
