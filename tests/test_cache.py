"""The result cache: re-runs answered from it byte for byte, and every change linted again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import SEED_GIP206, gip_lint
from gip_lint.engine import runner
from gip_lint.engine import setup as file_setup
from gip_lint.engine.cache import ResultCache

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus(tmp_path, seeds) -> Path:
    directory = tmp_path / "reports"
    directory.mkdir()
    for number, path in seeds.items():
        shutil.copy(path, directory / f"seed-{number}.txt")
    shutil.copy(SEED_GIP206, directory / "one-gip206.txt")
    return directory


@pytest.fixture
def linted(monkeypatch):
    """The paths the runner really lints (a cache hit lints nothing)."""
    calls: list[str] = []
    real = file_setup.lint_path  # every front end lints a file through FileSetup.lint

    def counting(path, *args, **kwargs):
        calls.append(os.path.basename(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(file_setup, "lint_path", counting)
    return calls


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("v*/*/*.json"))


def test_a_rerun_reads_only_the_cache_and_prints_the_same_bytes(capsys, corpus, tmp_path, linted):
    cache_dir = tmp_path / "cache"
    cold = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(corpus))
    assert sorted(linted) == sorted(os.listdir(corpus))
    assert len(entries(cache_dir)) == 6
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    linted.clear()
    warm = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(corpus))
    assert linted == []
    assert warm == cold
    assert cold[0] == 1 and f"{corpus / 'one-gip206.txt'}:66:27: GIP206 " in cold[1]
    uncached = gip_lint(capsys, "check", "-j", "1", str(corpus))
    assert uncached == cold


def test_a_changed_file_is_linted_again(capsys, corpus, tmp_path, linted):
    cache_dir = tmp_path / "cache"
    gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(corpus))
    target = corpus / "one-gip206.txt"
    # Correct the one faulty cell: the finding disappears on the next run, as without a cache.
    text = target.read_text(encoding="utf-8")
    before = gip_lint(capsys, "check", "-j", "1", "--no-cache", str(target))[1]
    assert before.startswith(f"{target}:66:27: GIP206 ")
    target.write_text(text + "\n", encoding="utf-8")
    linted.clear()
    code, out, _ = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(corpus))
    assert linted == ["one-gip206.txt"]
    assert out == gip_lint(capsys, "check", "-j", "1", str(corpus))[1]


def test_a_changed_setting_is_linted_again(capsys, corpus, tmp_path, linted):
    cache_dir = tmp_path / "cache"
    gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(corpus))
    linted.clear()
    code, out, _ = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), "--ignore", "GIP206",
                            str(corpus))
    assert sorted(linted) == sorted(os.listdir(corpus))
    assert "GIP206" not in out
    linted.clear()
    code, out, _ = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), "--severity",
                            "GIP206=info", "--format", "json", str(corpus / "one-gip206.txt"))
    assert linted == ["one-gip206.txt"]
    assert [(d["code"], d["severity"]) for d in json.loads(out)] == [("GIP206", "info")]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other-key", "wrong-type", "empty"])
def test_a_damaged_entry_is_ignored_and_rewritten(capsys, corpus, tmp_path, linted, damage):
    cache_dir = tmp_path / "cache"
    target = corpus / "one-gip206.txt"
    cold = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(target))
    [entry] = entries(cache_dir)
    good = entry.read_text(encoding="utf-8")
    if damage == "truncate":
        entry.write_text(good[: len(good) // 2], encoding="utf-8")
    elif damage == "garbage":
        entry.write_bytes(b"\xff\xfe not json")
    elif damage == "other-key":  # a well-formed entry filed under the wrong name
        entry.write_text(good.replace(entry.stem, "0" * 64), encoding="utf-8")
    elif damage == "wrong-type":  # the checksum recomputed, the body still wrong
        data = json.loads(good)
        rows = json.loads(data["diagnostics"])
        rows[0][0] = "66"
        from gip_lint.engine.cache import _checksum

        data["diagnostics"] = json.dumps(rows)
        data["sum"] = _checksum(data["diagnostics"])
        entry.write_text(json.dumps(data), encoding="utf-8")
    else:
        entry.write_text("", encoding="utf-8")
    linted.clear()
    again = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(target))
    assert linted == ["one-gip206.txt"]
    assert again == cold
    assert entry.read_text(encoding="utf-8") == good  # rewritten whole


def test_an_edited_entry_with_a_stale_checksum_is_not_trusted(capsys, tmp_path, linted):
    target = tmp_path / "one-gip206.txt"
    shutil.copy(SEED_GIP206, target)
    cache_dir = tmp_path / "cache"
    cold = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(target))
    [entry] = entries(cache_dir)
    entry.write_text(entry.read_text(encoding="utf-8").replace("GIP206", "GIP207"), encoding="utf-8")
    linted.clear()
    assert gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(target)) == cold
    assert linted == ["one-gip206.txt"]


def test_a_changed_predecessor_relints_its_successor(capsys, tmp_path, seeds, linted):
    from test_pairing import last_year_carrying_one

    (tmp_path / "wolong-2022.txt").write_text(last_year_carrying_one(), encoding="utf-8")
    shutil.copy(seeds["000"], tmp_path / "wolong-2023.txt")
    cache_dir = tmp_path / "cache"
    paired = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(tmp_path / "wolong-2022.txt"),
                      str(tmp_path / "wolong-2023.txt"))[1]
    assert f"{tmp_path / 'wolong-2023.txt'}:42:19: GIP506 " in paired
    # Last year's report now carries nothing over, as this year's says: GIP506 goes.
    shutil.copy(ROOT / "tests" / "rules" / "reports" / "wolong-2022.txt", tmp_path / "wolong-2022.txt")
    linted.clear()
    out = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(cache_dir), str(tmp_path / "wolong-2022.txt"),
                   str(tmp_path / "wolong-2023.txt"))[1]
    assert sorted(linted) == ["wolong-2022.txt", "wolong-2023.txt"]
    assert "GIP506" not in out


def test_cache_dir_in_the_configuration_is_relative_to_it_and_no_cache_overrides_it(capsys, tmp_path, linted):
    project = tmp_path / "project"
    project.mkdir()
    (project / ".gip-lint.toml").write_text('cache-dir = ".gip-lint-cache"\n', encoding="utf-8")
    shutil.copy(SEED_GIP206, project / "report.txt")
    cold = gip_lint(capsys, "check", "-j", "1", str(project / "report.txt"))
    assert len(entries(project / ".gip-lint-cache")) == 1
    linted.clear()
    assert gip_lint(capsys, "check", "-j", "1", str(project / "report.txt")) == cold
    assert linted == []
    assert gip_lint(capsys, "check", "-j", "1", "--no-cache", str(project / "report.txt")) == cold
    assert linted == ["report.txt"]


def test_a_bad_cache_dir_value_in_the_configuration_is_a_usage_error(capsys, tmp_path):
    (tmp_path / ".gip-lint.toml").write_text("cache-dir = 3\n", encoding="utf-8")
    shutil.copy(SEED_GIP206, tmp_path / "report.txt")
    code, out, err = gip_lint(capsys, "check", str(tmp_path / "report.txt"))
    assert code == 2 and "cache-dir 应为目录路径" in err


def test_an_unwritable_cache_does_not_stop_the_run(capsys, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    code, out, _ = gip_lint(capsys, "check", "-j", "1", "--cache-dir", str(blocker / "cache"), str(SEED_GIP206))
    assert code == 1 and out.startswith(f"{SEED_GIP206}:66:27: GIP206 ")


# --- plugin versions, as installed distributions ---------------------------------------------------

PLUGIN = '''
from gip_lint import hookimpl
from gip_lint.rule import Finding, rule

@rule("ZZZ001", "counted")
def counted(report, context):
    """Counts its calls in calls.log (the test's proof that a file was linted)."""
    with open({log!r}, "a", encoding="utf-8") as handle:
        handle.write(report.path + "\\n")
    return [Finding(1, 1, "插件版本 {version}")]

@hookimpl
def gip_lint_rules():
    return [counted]
'''


def install_plugin(site: Path, version: str) -> None:
    """A distribution ``zzz-counter`` of ``version`` (dist-info on the path, as pip leaves it)."""
    for old in site.glob("zzz_counter-*.dist-info"):
        shutil.rmtree(old)
    (site / "zzz_counter.py").write_text(PLUGIN.replace("{log!r}", repr(str(site / "calls.log")))
                                         .replace("{version}", version), encoding="utf-8")
    info = site / f"zzz_counter-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: zzz-counter\nVersion: {version}\n\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[gip_lint]\nzzz = zzz_counter\n", encoding="utf-8")


def test_a_new_plugin_version_relints_every_file(tmp_path, corpus):
    site = tmp_path / "site"
    site.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    command = [sys.executable, "-m", "gip_lint", "check", "-j", "1", "--cache-dir", str(tmp_path / "cache"),
               "--select", "ZZZ", str(corpus)]

    def run():
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 1, result.stderr
        log = site / "calls.log"
        calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return result.stdout, len(calls)

    install_plugin(site, "1.0")
    first, calls = run()
    assert calls == 6 and first.count("ZZZ001 插件版本 1.0") == 6
    assert run() == (first, 0)
    # The new version's source changes nothing the cache could see but the version itself.
    install_plugin(site, "1.1")
    (site / "zzz_counter.py").write_text((site / "zzz_counter.py").read_text(encoding="utf-8")
                                         .replace("插件版本 1.1", "插件版本 1.0"), encoding="utf-8")
    second, calls = run()
    assert calls == 6 and second == first
    assert run() == (second, 0)


def test_the_key_covers_path_content_predecessor_settings_and_plugins(tmp_path):
    cache = ResultCache(str(tmp_path))
    base = ("a.txt", "c" * 64, None, "{}", [["gip-lint", "", "gip-lint"]])
    keys = {cache.key(*base),
            cache.key("b.txt", *base[1:]),
            cache.key(base[0], "d" * 64, *base[2:]),
            cache.key(*base[:2], "e" * 64, *base[3:]),
            cache.key(*base[:3], '{"x": 1}', base[4]),
            cache.key(*base[:4], [["gip-lint", "", "gip-lint"], ["zzz", "1.0", "zzz-counter"]])}
    assert len(keys) == 6
    assert cache.key(*base) == cache.key(*base)


def test_workers_fill_and_read_the_same_cache(capsys, tmp_path, corpus):
    for index in range(4):  # enough files for -j to fork workers
        shutil.copy(SEED_GIP206, corpus / f"copy-{index}.txt")
    cache_dir = tmp_path / "cache"
    serial = gip_lint(capsys, "check", "-j", "1", str(corpus))
    assert gip_lint(capsys, "check", "-j", "2", "--cache-dir", str(cache_dir), str(corpus)) == serial
    assert len(entries(cache_dir)) == 10
    assert gip_lint(capsys, "check", "-j", "2", "--cache-dir", str(cache_dir), str(corpus)) == serial
