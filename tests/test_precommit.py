"""The real pre-commit, run on a throw-away repository of reports, with this checkout as the hook repo.

pre-commit builds the hook's environment itself (a virtualenv, ``pip install`` of this
checkout), as it does for a user; ``PRE_COMMIT_HOME`` is a temporary directory shared by
the runs, so the environment is built once for try-repo and once for the Henan config.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plugin_envs import ROOT, source_copy

# The real published PDF of ../shared/corpus (beside the clone, as in CI); left out where absent.
PDF = ROOT.parent / "shared" / "corpus" / "pdf" / "huaian-gov-2024.pdf"

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                            cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_IDENTITY}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """This checkout as a git repository with everything committed (pre-commit clones commits)."""
    repo = source_copy(ROOT, tmp_path_factory.mktemp("hook-repo") / "gip-lint")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _reports_repo(directory: Path, files: dict[str, str | bytes]) -> Path:
    directory.mkdir()
    _git(directory, "init", "-q")
    for name, text in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            (directory / name).write_bytes(text)
        else:
            (directory / name).write_text(text, encoding="utf-8")
    (directory / "notes.py").write_text("print('not a report')\n", encoding="utf-8")  # not matched by `files`
    _git(directory, "add", "-A")
    return directory


def _pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True, text=True,
                          env={**env, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"},
                          timeout=600)


def _broken(seed_text: str) -> str:
    return seed_text.replace("2023年，卧龙区人民政府未收取任何政府信息公开信息处理费。", "无。")


def test_hook_definition_matches_the_design():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # --force-exclude: pre-commit names every file, and the user's `exclude` must still apply.
    assert (hook["id"], hook["entry"], hook["language"], hook["require_serial"]) == (
        "gip-lint", "gip-lint check --force-exclude", "python", True)
    import re

    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("a.txt", "b/c.md", "d.html", "e.htm", "f.docx", "g.pdf"))
    assert not any(files.search(name) for name in ("a.py", "b.txt.bak", "c.pdf~", "d.docx~"))


def test_try_repo_passes_a_clean_report_and_fails_a_broken_one(hook_repo, pre_commit_home, seeds, tmp_path):
    seed = seeds["000"].read_text(encoding="utf-8")
    files = {"reports/卧龙区2023.txt": seed}
    if PDF.exists():  # a real published PDF, read in the hook's own environment (its PDF library)
        files["reports/淮安市2024.pdf"] = PDF.read_bytes()
    clean = _reports_repo(tmp_path / "clean", files)
    result = _pre_commit(clean, pre_commit_home, "try-repo", str(hook_repo), "gip-lint", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gip-lint" in result.stdout and "Passed" in result.stdout

    broken = _reports_repo(tmp_path / "broken", {**files, "reports/有错.txt": _broken(seed)})
    result = _pre_commit(broken, pre_commit_home, "try-repo", str(hook_repo), "gip-lint", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "reports/有错.txt:80:1: GIP301 第六部分没有说明信息处理费的收取情况" in result.stdout
    assert "卧龙区2023.txt:" not in result.stdout and "淮安市2024.pdf:" not in result.stdout


def _samples() -> list:
    """Every sample .pre-commit-config.yaml of the README and docs/pre-commit.md: (where, text)."""
    import re

    found = []
    for doc in ("README.md", "docs/pre-commit.md"):
        for index, block in enumerate(re.findall(r"```yaml\n(.*?)```", (ROOT / doc).read_text(encoding="utf-8"), re.S)):
            if "repos:" in block:
                found.append(pytest.param(block, id=f"{doc}#{index}"))
    return found


def test_the_documents_have_samples():
    assert len(_samples()) == 3


@pytest.mark.parametrize("sample", _samples())
def test_every_sample_config_works_as_written(hook_repo, pre_commit_home, seeds, tmp_path, sample):
    # As written, with the path of a clone where the samples say /path/to/gip-lint.
    repo = _reports_repo(tmp_path / "reports", {"reports/卧龙区2023.txt": seeds["000"].read_text(encoding="utf-8")})
    (repo / ".pre-commit-config.yaml").write_text(sample.replace("/path/to/gip-lint", str(hook_repo)),
                                                 encoding="utf-8")
    _git(repo, "add", "-A")
    result = _pre_commit(repo, pre_commit_home, "run", "--all-files")
    if "gip-lint-henan" in sample:
        assert result.returncode == 1, result.stdout + result.stderr
        # Seed 000 is clean for gip-lint's own rules; the Henan plugin finds the missing contact.
        assert "reports/卧龙区2023.txt:3:1: HA103 报告没有写明政府信息公开工作机构和联系方式" in result.stdout
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "gip-lint" in result.stdout and "Passed" in result.stdout
