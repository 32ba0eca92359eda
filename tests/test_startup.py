"""Cold start: the pre-generated parser matches the grammar and Lark's parser; nothing heavy is imported."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from gip_lint.parsing import parser
from gip_lint.engine.entry_points import entry_points
from gip_lint.engine.linter import read_source


def test_pregenerated_parser_is_current():
    from gip_lint.parsing import _report_parser

    assert _report_parser.GRAMMAR == parser.grammar_text(), \
        "grammars/report.lark changed: run python -m gip_lint.parsing.parser --write-standalone"
    assert type(parser.get_parser()).__module__ == "gip_lint.parsing._report_parser"


def _flat(tree):
    """Every block with its tokens' type, text and position."""
    return [(node.data, [(t.type, str(t), t.line, t.column) for t in node.children]) for node in tree.children]


def test_pregenerated_and_lark_parsers_agree_on_the_seeds(seeds):
    lark_parser = parser.lark_parser()
    for path in seeds.values():
        text = read_source(str(path)).text
        assert _flat(parser.get_parser().parse(text)) == _flat(lark_parser.parse(text))


_LINE = st.one_of(st.text(alphabet="一二三四五六、.（）()#*| \t0123456789ab总计", max_size=30),
                  st.sampled_from(["一、总体情况", "（一）主动公开", "a\tb", "| 1 | 2 |", "   ", "## 三、申请"]))


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(_LINE, max_size=30))
def test_pregenerated_and_lark_parsers_agree_on_any_lines(lines):
    text = "\n".join(lines) + "\n"
    assert _flat(parser.get_parser().parse(text)) == _flat(parser.lark_parser().parse(text))


def _kind_of_line(line: str, terminals: dict) -> str:
    """What the grammar's own line terminals make of one line, tried in priority order."""
    import re

    for name in ("TABLE", "HEADING", "SUBHEADING"):
        if re.match(terminals[name], line + "\n"):
            return {"TABLE": "table", "HEADING": "heading", "SUBHEADING": "subheading"}[name]
    return "paragraph" if line.strip(" ") else "blank"


# Lines as the parser sees them (normalised: ASCII brackets), every kind well represented.
_NORMALISED_LINE = st.one_of(
    st.text(alphabet="一二三四五六十、.()#*| \t0123456789ab总计", max_size=30),
    st.sampled_from(["一、总体情况", "(一)主动公开", " ( 二 ) 依申请公开", "## 三、申请", "**四、复议**", "五 存在问题",
                     "本年度收到申请3件。", "  其中予以公开2件", "a\tb", "| 1 | 2 |", "自然人 | 0 |", "|---|---|",
                     "二、上年结转政府信息公开申请数量\t0", "   ", ""]))


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_NORMALISED_LINE, max_size=30))
def test_a_prose_run_stops_exactly_where_a_table_or_heading_line_starts(lines):
    # TEXT's lookahead repeats the beginnings of TABLE, HEADING and SUBHEADING: every line must
    # come out as the kind those terminals give it on its own.
    terminals = {t.name: t.pattern.to_regexp() for t in parser.lark_parser().terminals}
    lines = [line.replace("\n", "") for line in lines]
    text = "\n".join(lines) + "\n"
    blocks = parser.parse_blocks(text, text)
    found = {}
    for block in blocks:
        if hasattr(block, "rows"):
            found.update((row.line, "table") for row in block.rows)
        else:
            found[block.line] = block.kind
    expected = {number: kind for number, kind in
                ((n, _kind_of_line(line, terminals)) for n, line in enumerate(lines, start=1)) if kind != "blank"}
    # A Markdown separator row ("|---|") is dropped from its table.
    assert {n: k for n, k in found.items()} == {n: k for n, k in expected.items()
                                                   if n in found or k != "table"}


def test_lark_fallback_when_the_grammar_changed(monkeypatch, tmp_path):
    from gip_lint.parsing import _report_parser

    monkeypatch.setenv("GIP_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_report_parser, "GRAMMAR", "an older grammar")
    parser.get_parser.cache_clear()
    try:
        built = parser.get_parser()
        assert type(built).__module__ == "lark.lark"
        assert len(list(tmp_path.glob("report-*.lark-cache"))) == 1  # analysed once, cached on disk
        assert [b.kind for b in parser.parse_blocks("一、总体情况\n正文\n", "一、总体情况\n正文\n")] == \
            ["heading", "paragraph"]
    finally:
        parser.get_parser.cache_clear()


def test_entry_points_found_as_importlib_metadata_finds_them():
    for group in ("gip_lint", "console_scripts", "pytest11"):
        ours = sorted((ep.name, ep.value, ep.dist.name, ep.dist.version) for ep in entry_points(group))
        standard = sorted((ep.name, ep.value, ep.dist.name, ep.dist.version)
                          for ep in importlib.metadata.entry_points(group=group))
        assert ours == standard


HEAVY = ("lark", "tabulate", "importlib.metadata", "email", "tqdm", "multiprocessing", "concurrent", "json", "csv")


def _imported(*argv: str) -> list[str]:
    probe = ("import sys; from gip_lint.cli.main import main; main(sys.argv[1:]); "
             f"print(sorted(m for m in sys.modules if m in {HEAVY!r} or m.split('.')[0] in {HEAVY!r}))")
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=60)
    return done.stdout.splitlines()[-1]


def test_version_and_a_single_check_import_nothing_they_do_not_use(seeds):
    assert _imported("--version") == "[]"
    assert _imported("check", str(seeds["001"])) == "[]"


def test_prose_patterns_are_compiled_on_first_use_and_match_as_compiled_ones():
    code = ("import gip_lint.builtin, gip_lint.rules.prose.analysis as a, gip_lint.rules.sentences as s\n"
            "from gip_lint.lazy_re import LazyPattern\n"
            "gip_lint.builtin.gip_lint_rules()\n"  # imports every prose rule's module
            "import sys\n"
            "prose = [m for name, m in sys.modules.items() if name.startswith('gip_lint.rules.prose.')]\n"
            "assert len(prose) == 6, prose\n"
            "lazy = [v for m in (*prose, s) for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
            "lazy += [pattern for _, pattern, _ in a._KEYWORDS]\n"
            "assert len(lazy) >= 20, len(lazy)\n"
            "assert not any('search' in vars(v) for v in lazy)\n")
    subprocess.run([sys.executable, "-c", code], check=True)

    import re

    from gip_lint.lazy_re import LazyPattern

    lazy, compiled = LazyPattern(r"(\d+)\s*(件|项)"), re.compile(r"(\d+)\s*(件|项)")
    text = "收到申请 12 件，办结 3项。"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)] == [(5, 9), (13, 15)]
    assert lazy.search(text).group(1) == "12" and lazy.sub("N", text) == compiled.sub("N", text)
    assert lazy.pattern == compiled.pattern and lazy.groups == 2


def test_the_pregenerated_parser_does_not_import_logging(seeds):
    modules = _modules_after("check", str(seeds["001"]))
    assert "gip_lint.parsing._report_parser" in modules  # the probe ran a real parse
    assert "logging" not in modules
    from gip_lint.parsing import _report_parser

    assert isinstance(_report_parser.logger, _report_parser._SilentLogger)
    assert _report_parser.logger.exception("not shown") is None


def _modules_in_fresh_process(probe: str, *argv: str) -> set[str]:
    import ast

    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=60)
    return set(ast.literal_eval(done.stdout.splitlines()[-1]))


def _modules_after(*argv: str) -> set[str]:
    """The modules a real ``gip-lint ARGV`` has imported when it is done, in a fresh process.

    Only gip-lint's own imports: whatever the interpreter itself imports at start-up is left out.
    A site's ``.pth`` files may import typing, shutil or bz2 before any of our code runs (CI's
    Python does), and that is not ours to keep lean.
    """
    listing = "print(sorted(sys.modules))"
    interpreter_alone = _modules_in_fresh_process("import sys\n" + listing)
    after_command = _modules_in_fresh_process(
        "import sys; from gip_lint.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n" + listing, *argv)
    return after_command - interpreter_alone


def _top_levels(modules: set[str]) -> set[str]:
    return modules | {name.split(".")[0] for name in modules}


def test_version_imports_no_plugin_no_rule_no_attrs():
    modules = _top_levels(_modules_after("--version"))
    # Listing plugins reads entry-point metadata: neither the plugins, nor pluggy, nor the rules,
    # the model or attrs (and attrs' typing/inspect) are imported; nor another command's module.
    assert not modules & {"attrs", "attr", "pluggy", "typing", "inspect", "gip_lint.engine.plugins", "gip_lint.rule",
                          "gip_lint.rules", "gip_lint.model", "gip_lint.builtin", "gip_lint.cli.commands.check",
                          "shutil", "importlib.metadata"}


def test_a_plain_check_imports_only_what_it_uses(seeds):
    modules = _top_levels(_modules_after("check", str(seeds["001"])))
    # traceback: only when a rule crashes; difflib from config: only for a hint in an error;
    # shutil (and its lzma, bz2): argparse asks it only for the terminal width.
    assert not modules & {"traceback", "textwrap", "shutil", "lzma", "bz2", "gip_lint.report.baseline",
                          "gip_lint.cli.commands.show", "gip_lint.cli.commands.rules", "gip_lint.cli.commands.lsp"}
    assert "gip_lint.rules.prose" in modules  # the probe ran a real check


def test_a_crashing_rule_still_names_file_and_line_without_traceback_imported_up_front():
    from gip_lint.engine.linter import lint_source
    from gip_lint.rule import rule
    from gip_lint.source import from_text

    @rule("ZZ101", "crashes", severity="error")
    def crashes(report, context):
        """总是出错。"""
        raise KeyError("boom")

    text = "一、总体情况\n正文\n二、主动公开政府信息情况\n"
    result = lint_source(from_text(text, "r.txt"), [crashes])
    crash = [d for d in result.diagnostics if d.code == "GIP999"]
    assert len(crash) == 1 and "KeyError: 'boom'" in crash[0].message
    assert "test_startup.py:" in crash[0].message


def test_the_collector_is_paused_while_the_command_line_starts_and_resumed_before_linting(seeds):
    probe = ("import gc, sys\n"
             "from gip_lint.engine import startup\nfrom gip_lint.engine import runner\n"
             "seen = []\n"
             "lint = runner.linter_for\n"
             "def watched(*a, **k):\n"
             "    lint_one = lint(*a, **k)\n"
             "    return lambda path: (seen.append(gc.isenabled()), lint_one(path))[1]\n"
             "runner.linter_for = watched\n"
             "from gip_lint.cli.main import main\n"
             "started = []\n"
             "pause = startup.pause\n"
             "def watched_pause():\n"
             "    pause(); started.append(gc.isenabled())\n"
             "startup.pause = watched_pause\n"
             "main(['check', sys.argv[1]])\n"
             "print(started, seen, gc.isenabled(), gc.get_freeze_count() > 0)")
    done = subprocess.run([sys.executable, "-c", probe, str(seeds["001"])], capture_output=True, text=True, timeout=60)
    # Paused at start; collecting again (start-up frozen) when the files are linted, and after.
    assert done.stdout.splitlines()[-1] == "[False] [True] True True", done.stderr


def test_library_use_leaves_the_collector_alone(seeds):
    import gc

    from gip_lint.engine.plugins import load_plugins
    from gip_lint.engine.runner import run
    from gip_lint.config.settings import Settings

    # An earlier in-process CLI call may have frozen objects, and some of them die later, which
    # lowers the count: start from an empty permanent generation, so any freeze shows.
    gc.unfreeze()
    results = list(run([str(seeds["001"])], Settings(), load_plugins()))
    assert [d.code for d in results[0].diagnostics] == ["GIP206", "GIP504"]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_records_are_immutable_values_that_pickle(seeds):
    # The engine's, the formatters' and the reports' small records are NamedTuples: equal by
    # value (to the plain tuple of their fields too), hashable, immutable, picklable.
    import copy
    import pickle

    import pytest

    from gip_lint.formatters import BUILTIN_FORMATTERS, FormatContext, Formatter
    from gip_lint.engine.linter import FileResult, Selection, lint_path
    from gip_lint.engine.plugins import PluginError, load_plugins

    result = lint_path(str(seeds["001"]), load_plugins().rules)
    plain = FileResult(result.path, result.diagnostics)
    assert plain == FileResult(result.path, result.diagnostics, None) and hash(plain) == hash(copy.copy(plain))
    assert plain != FileResult("other.txt", result.diagnostics) and plain == (result.path, result.diagnostics, None)
    assert pickle.loads(pickle.dumps(plain)) == plain  # -j workers send results back pickled
    assert [d.code for d in pickle.loads(pickle.dumps(plain)).diagnostics] == ["GIP206", "GIP504"]
    with pytest.raises(AttributeError):
        plain.path = "changed.txt"
    assert plain.path == str(seeds["001"])
    assert repr(Selection(select=("GIP2",))) == "Selection(select=('GIP2',), ignore=(), preview=False)"
    assert Selection(("GIP2",), ("GIP206",))("GIP201") and not Selection(("GIP2",), ("GIP206",))("GIP206")
    assert PluginError("henan", "无法加载") in [PluginError("henan", "无法加载")]
    assert len({PluginError("a", "b"), PluginError("a", "b"), PluginError("a", "c")}) == 2
    assert FormatContext().rules == {} and FormatContext(root="/r").root == "/r"
    assert all(isinstance(f, Formatter) for f in BUILTIN_FORMATTERS)
    with pytest.raises(TypeError):
        Formatter("x", "y")  # render is required, as before


def test_settings_record_keeps_its_fields_defaults_and_fresh_dicts():
    from gip_lint.config.settings import FIELDS, Settings

    assert FIELDS[:3] == ("select", "extend_select", "ignore") and FIELDS[-1] == "source" and len(FIELDS) == 18 and "require_plugins" in FIELDS and "preview" in FIELDS and "time_limit" in FIELDS and "cache_dir" in FIELDS
    first, second = Settings(), Settings()
    assert first == second and first.fail_on == "warning" and first.format == "default"
    assert first.severity == {} and first.severity is not second.severity  # one dict each, as attrs' factory gave
    assert Settings(ignore=("GIP301",)) != first
    assert repr(Settings(select=("GIP2",))).startswith("Settings(select=('GIP2',), extend_select=(), ")
