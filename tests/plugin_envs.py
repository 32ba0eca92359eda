"""Real virtual environments with gip-lint and plugins pip-installed, shared per test session.

Imported by conftest.py.  gip-lint is installed from a wheel built from a copy of this
checkout (non-editable: it proves the wheel works), plugins from their own source trees,
exactly as a user would.  Each venv is made once per session; tests never change one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import venv
from pathlib import Path
from typing import Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent
HENAN = ROOT / "plugins" / "gip-lint-henan"
_BUILD_LEFTOVERS = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__",
                                          ".pytest_cache", ".hypothesis", "*.lark-cache", ".venv")


class Venv:
    """A virtual environment and the commands installed into it."""

    def __init__(self, root: Path):
        self.root = root
        self.bin = root / ("Scripts" if os.name == "nt" else "bin")
        self.python = str(self.bin / "python")

    @classmethod
    def create(cls, root: Path) -> "Venv":
        """A new venv with setuptools and wheel, to build plugins without build isolation.

        Made without pip (ensurepip takes seconds); the test runner's pip installs into it.
        """
        venv.EnvBuilder(with_pip=False, clear=True).create(root)
        env = cls(root)
        env.pip_install("setuptools>=64", "wheel")
        return env

    def pip_install(self, *args: str) -> None:
        result = subprocess.run([sys.executable, "-m", "pip", "--python", self.python, "install", "-q",
                                 "--disable-pip-version-check", *args], capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr

    def env(self, **extra: str) -> dict:
        """The environment a user of this venv has (nothing of the test runner's leaks in)."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        env["PATH"] = str(self.bin) + os.pathsep + env.get("PATH", "")
        return {**env, **extra}

    def run(self, command: str, *args: str, cwd=None, input: Optional[str] = None,
            timeout: int = 120) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / command), *args], cwd=cwd, input=input, capture_output=True,
                              text=True, timeout=timeout, env=self.env())

    def gip_lint(self, *args: str, cwd=None) -> subprocess.CompletedProcess:
        return self.run("gip-lint", *args, cwd=cwd)


def source_copy(source: Path, target: Path) -> Path:
    """Copy a source tree without build leftovers, so a stale build/ never gets into a wheel."""
    shutil.copytree(source, target, ignore=_BUILD_LEFTOVERS)
    return target


@pytest.fixture(scope="session")
def gip_lint_wheel(tmp_path_factory) -> Path:
    """A wheel of gip-lint built from this checkout."""
    base = tmp_path_factory.mktemp("gip-lint-wheel")
    source = source_copy(ROOT, base / "src")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(base / "dist"),
                             str(source)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (wheel,) = (base / "dist").glob("gip_lint-*.whl")
    return wheel


@pytest.fixture(scope="session")
def henan_env(tmp_path_factory, gip_lint_wheel) -> Venv:
    """gip-lint and gip-lint-henan (with its test extra) installed in a fresh venv."""
    base = tmp_path_factory.mktemp("henan-env")
    env = Venv.create(base / "venv")
    env.pip_install(str(gip_lint_wheel))
    henan = source_copy(HENAN, base / "gip-lint-henan")
    env.pip_install("--no-build-isolation", f"{henan}[test]")
    return env


# --- small plugin distributions, one job each, for the isolation tests ---------------------------

_RULE_HEADER = '''
from gip_lint.hookspecs import hookimpl
from gip_lint.rule import Finding, rule
'''

_DOC = '''"""{summary}

    ## 错误示例
    ……
    ## 正确示例
    ……
    """'''

DEMO_PLUGINS = {
    # A good plugin: a rule (info, so it never changes the exit status), a reader for gzip-
    # compressed reports and a `count` output format.
    "counting": _RULE_HEADER + '''
import gzip

@rule("XB101", "title-seen", severity="info")
def title_seen(report, context):
    ''' + _DOC.format(summary="报告标题。") + '''
    if report.title_position is not None:
        yield Finding(report.title_position.line, report.title_position.column, "标题：" + report.title)

def read_gzip(data, path):
    from gip_lint.source import from_bytes
    return from_bytes(gzip.decompress(data), path)

def render_count(diagnostics, context):
    from collections import Counter
    counts = Counter(d.code for d in diagnostics)
    return "".join(f"{code} {n}\\n" for code, n in sorted(counts.items())) + f"total {len(diagnostics)}\\n"

@hookimpl
def gip_lint_rules():
    return [title_seen]

@hookimpl
def gip_lint_readers():
    from gip_lint.readers import Reader
    return [Reader(name="gzip", extensions=(".gz",), read=read_gzip)]

@hookimpl
def gip_lint_formatters():
    from gip_lint.formatters import Formatter
    return [Formatter("count", "每个代码的数量", render_count)]
''',
    # Fails to import.
    "broken_import": '''
import gip_lint_no_such_module
''',
    # Registers something that is not a rule next to a good one: the whole plugin is dropped.
    "malformed": _RULE_HEADER + '''
@rule("XM101", "fine", severity="error")
def fine(report, context):
    ''' + _DOC.format(summary="总会报告。") + '''
    yield Finding(1, 1, "不应出现：插件 malformed 应整个被拒绝")

@hookimpl
def gip_lint_rules():
    return [fine, "XM102 is a string, not a rule"]
''',
    # Reuses a code another plugin (counting) has.
    "reuser": _RULE_HEADER + '''
@rule("XB101", "copy", severity="error")
def copy(report, context):
    ''' + _DOC.format(summary="复用别人的代码。") + '''
    yield Finding(1, 1, "不应出现：插件 reuser 复用了 XB101")

@hookimpl
def gip_lint_rules():
    return [copy]
''',
    # Uses gip-lint's own prefix.
    "squatter": _RULE_HEADER + '''
@rule("GIP901", "squat", severity="error")
def squat(report, context):
    ''' + _DOC.format(summary="占用 GIP 前缀。") + '''
    yield Finding(1, 1, "不应出现：插件 squatter 使用了 GIP 前缀")

@hookimpl
def gip_lint_rules():
    return [squat]
''',
}


def write_plugin_distribution(directory: Path, name: str, source: str, version: str = "1.2.3") -> Path:
    """A minimal plugin distribution: pyproject.toml with the entry point, and one module."""
    dist = directory / f"gip-lint-{name.replace('_', '-')}"
    dist.mkdir(parents=True)
    module = f"gip_lint_{name}"
    (dist / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    (dist / "pyproject.toml").write_text(textwrap.dedent(f'''
        [build-system]
        requires = ["setuptools>=64"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "gip-lint-{name.replace('_', '-')}"
        version = "{version}"

        [project.entry-points.gip_lint]
        {name} = "{module}"

        [tool.setuptools]
        py-modules = ["{module}"]
        '''), encoding="utf-8")
    return dist


@pytest.fixture(scope="session")
def demo_env(tmp_path_factory, gip_lint_wheel) -> Venv:
    """gip-lint with one good and four faulty plugins pip-installed next to it."""
    base = tmp_path_factory.mktemp("demo-env")
    env = Venv.create(base / "venv")
    env.pip_install(str(gip_lint_wheel))
    dists = [write_plugin_distribution(base / "dists", name, source) for name, source in DEMO_PLUGINS.items()]
    env.pip_install("--no-deps", "--no-build-isolation", *map(str, dists))
    return env
