"""SECURITY.md's promise on untrusted folders: their code runs only when a configuration file
there names a plugin, and not even then with ``--no-local-plugins`` or ``--isolated``."""

from __future__ import annotations

import subprocess
import sys

import pytest
from cli_helpers import SEED_GIP206

PLUGIN = '''
import pathlib
pathlib.Path(__file__).with_name("ran.txt").write_text("the folder's code ran")
'''


def _untrusted(tmp_path):
    folder = tmp_path / "downloaded"
    folder.mkdir()
    (folder / "evil.py").write_text(PLUGIN, encoding="utf-8")
    (folder / ".gip-lint.toml").write_text('plugins = ["evil.py"]\n', encoding="utf-8")
    (folder / "report.txt").write_bytes(SEED_GIP206.read_bytes())
    return folder


def _check(folder, *options):
    return subprocess.run([sys.executable, "-m", "gip_lint", "check", "-j", "1", *options, str(folder / "report.txt")],
                          capture_output=True, text=True, timeout=120, cwd=folder.parent)


@pytest.mark.parametrize("option", ["--no-local-plugins", "--isolated"])
def test_a_folders_plugin_is_not_run_with_no_local_plugins_or_isolated(tmp_path, option):
    folder = _untrusted(tmp_path)
    done = _check(folder, option)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.startswith(f"{folder / 'report.txt'}:66:27: GIP206 ") and done.stdout.count("\n") == 1
    assert not (folder / "ran.txt").exists()


def test_without_them_the_plugin_a_configuration_names_is_run(tmp_path):
    folder = _untrusted(tmp_path)
    done = _check(folder)
    assert done.returncode == 1 and done.stdout.startswith(f"{folder / 'report.txt'}:66:27: GIP206 ")
    assert (folder / "ran.txt").read_text() == "the folder's code ran"


def test_a_plugin_named_on_the_command_line_still_loads_with_no_local_plugins(tmp_path):
    folder = _untrusted(tmp_path)
    (folder / ".gip-lint.toml").unlink()
    done = _check(folder, "--no-local-plugins", "--plugin", str(folder / "evil.py"))
    assert done.returncode == 1 and (folder / "ran.txt").exists()
