"""How one file is linted, answered once (gip_lint.engine.setup) for every front end."""

from __future__ import annotations

import io
import sys

from gip_lint.config.files import Resolver
from gip_lint.config.settings import Settings
from gip_lint.engine.linter import Selection, lint_path
from gip_lint.engine.plugins import load_plugins
from gip_lint.engine.setup import NullResolver, setup_for


def test_the_null_resolver_gives_every_file_the_settings_it_was_given(tmp_path, seeds):
    (tmp_path / ".gip-lint.toml").write_text('ignore = ["GIP206"]\nexclude = ["*.txt"]\n', encoding="utf-8")
    settings, plugins = Settings(ignore=("GIP504",), per_file_ignores=(("*.txt", ("GIP206",)),)), load_plugins()
    resolver = NullResolver(settings, plugins)
    path = str(tmp_path / "report.txt")  # a configuration file beside it is not read
    setup = setup_for(resolver, path)
    assert (setup.settings, setup.plugins, setup.name) == (settings, plugins, path)
    # The run's selection: per-file-ignores are the configuration files' business.
    assert setup.selection == Selection(ignore=("GIP504",)) and setup.selection("GIP206")
    assert not resolver.is_excluded(path) and resolver.config_for(path) is None
    assert resolver.all_rules() == {rule.code: rule for rule in plugins.rules}
    linted = setup.lint(str(seeds["001"]))
    assert [d.code for d in linted.diagnostics] == ["GIP206"]
    assert linted == lint_path(str(seeds["001"]), plugins.rules, Selection(ignore=("GIP504",)))


def test_a_resolver_gives_the_closest_configuration_and_the_stdin_name(tmp_path, seeds):
    (tmp_path / ".gip-lint.toml").write_text('[per-file-ignores]\n"*.txt" = ["GIP206"]\n', encoding="utf-8")
    resolver = Resolver(Settings(base_dir=str(tmp_path)), stdin_filename=str(tmp_path / "r.txt"))
    setup = setup_for(resolver, "-")
    assert setup.name == str(tmp_path / "r.txt") and setup.settings.config_file == str(tmp_path / ".gip-lint.toml")
    assert not setup.selection("GIP206") and setup.selection("GIP504")
    report = tmp_path / "report.txt"
    report.write_bytes(seeds["001"].read_bytes())
    assert [d.code for d in setup_for(resolver, str(report)).lint(str(report)).diagnostics] == ["GIP504"]


def test_previous_from_stdin_reads_it_with_the_reader_its_name_chooses(capsys, tmp_path, seeds, monkeypatch):
    # --previous lints through the same FileSetup as every other check: `-` named r.html is HTML.
    from gip_lint.cli.main import main
    from renderings import render_html
    from test_pairing import last_year_carrying_one

    (tmp_path / "wolong-2022.txt").write_text(last_year_carrying_one(), encoding="utf-8")
    page = tmp_path / "wolong-2023.html"
    page.write_bytes(render_html(seeds["000"].read_text(encoding="utf-8"), "cms").data)
    assert main(["check", "--previous", str(tmp_path / "wolong-2022.txt"), str(page)]) == 1
    from_file = capsys.readouterr().out
    assert [line.split(": ")[1].split()[0] for line in from_file.splitlines()] == ["GIP506", "GIP506"]

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page.read_bytes())))
    assert main(["check", "--previous", str(tmp_path / "wolong-2022.txt"), "--stdin-filename", "r.html", "-"]) == 1
    assert capsys.readouterr().out == from_file.replace(str(page), "r.html")
