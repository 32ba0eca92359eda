"""A testing kit for rule authors (and gip-lint's own rule tests).

Lint a text with chosen rules and get diagnostics back::

    from gip_lint.testing import lint_text
    diagnostics = lint_text(report_text, select=["GIP301"])

Write rule cases as data — a YAML file per rule, named cases with a report text (or a file)
and the codes and lines expected — and run them all with one pytest module::

    # tests/test_rule_cases.py
    from gip_lint.testing import case_params, check_case
    import pytest

    @pytest.mark.parametrize("case", case_params("tests/rules/cases"))
    def test_rule_case(case):
        check_case(case)

A plugin author passes the plugin module (``check_case(case, plugins=[my_plugin])``) and
asserts that gip-lint would accept it (``check_plugin(my_plugin)``); see
``docs/plugin-authors.md``.

A case file (``GIP301.yml``)::

    rule: GIP301            # codes other than this one are ignored unless `select` says so
    cases:
      - name: fee stated
        text: |
          ……报告全文或片段……
        expect: []
      - name: bare 无
        file: reports/no-fee.txt   # relative to the case file
        edit: {replace: ["本年度未收取信息处理费。", "无。"]}
        expect:
          - {code: GIP301, line: 80}
      - name: a fragment the parser cannot read
        text: "……"
        unreadable: true           # without this, GIP002/GIP003 on the text fails the case
        expect: []
      - name: a plugin option
        file: reports/no-fee.txt
        options: {henan: {strict: true}}   # the plugin options a rule sees (Context.options)
        expect: []
      - name: one wrong cell, named with its value
        file: reports/seed.txt
        edit: {replace: ["\t2\t0\t", "\t3\t0\t"]}
        expect:
          - {code: GIP202, line: 75, column: 14, suggestion: 2}

A case passes only if gip-lint read its text: when the parser reports GIP002 (not a report)
or GIP003 (a part not read) and the case neither expects that code nor says
``unreadable: true``, the case fails — otherwise a rule could "pass" on a text it never saw.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional, Sequence

import attrs

from gip_lint.rule import Context, Diagnostic, Rule


def _plugin_rules(plugins: Sequence[object]) -> list[Rule]:
    rules: list[Rule] = []
    for plugin in plugins:
        if isinstance(plugin, Rule):
            rules.append(plugin)
            continue
        provide = getattr(plugin, "gip_lint_rules", None)
        if provide is None:
            raise TypeError(f"{plugin!r} is neither a Rule nor a plugin with gip_lint_rules()")
        name = getattr(plugin, "__name__", type(plugin).__name__)
        rules.extend(attrs.evolve(rule, plugin=rule.plugin or name) for rule in provide())
    return rules


def installed_rules() -> tuple[Rule, ...]:
    """Every rule of the installed plugins (the built-in ones included)."""
    from gip_lint.engine.plugins import load_plugins

    return load_plugins().rules


def lint_text(text: str, *, select: Optional[Iterable[str]] = None, ignore: Iterable[str] = (),
              plugins: Optional[Sequence[object]] = None, path: str = "<test>",
              previous: Optional[str] = None, options: Optional[dict] = None,
              preview: bool = False) -> list[Diagnostic]:
    """Lint report text; return its diagnostics, sorted.

    ``plugins``: plugin modules/objects (or bare rules) to use instead of the installed ones.
    ``previous``: last year's report text, for year-over-year rules.
    ``preview``: run preview rules too (``--preview``).
    """
    from gip_lint.api import parse
    from gip_lint.engine.linter import Selection, lint_source
    from gip_lint.source import from_text

    rules = _plugin_rules(plugins) if plugins is not None else installed_rules()
    context = Context(options=options or {}, previous=parse(previous) if previous is not None else None)
    selection = Selection(select=tuple(select or ()), ignore=tuple(ignore), preview=preview)
    return list(lint_source(from_text(text, path=path), rules, selection, context).diagnostics)


def lint_file(path: str | os.PathLike, *, select: Optional[Iterable[str]] = None, ignore: Iterable[str] = (),
              plugins: Optional[Sequence[object]] = None) -> list[Diagnostic]:
    """Lint a file (any format a reader exists for) as ``gip-lint check`` would.

    ``plugins``: plugin modules/objects to use instead of the installed ones; their readers
    (``gip_lint_readers``) are used too, besides the built-in ones.
    """
    from gip_lint.engine.linter import Selection, lint_path

    if plugins is None:
        from gip_lint.engine.plugins import load_plugins

        loaded = load_plugins()
        rules, readers = loaded.rules, loaded.readers
    else:
        rules = _plugin_rules(plugins)
        # A PluginSet's order: the later plugin's readers first (hookspecs.gip_lint_readers).
        readers = tuple(reader for plugin in reversed(list(plugins)) if hasattr(plugin, "gip_lint_readers")
                        for reader in plugin.gip_lint_readers() or ())
    selection = Selection(select=tuple(select or ()), ignore=tuple(ignore))
    return list(lint_path(os.fspath(path), rules, selection, readers=readers).diagnostics)


def plugin_problems(plugin: object) -> list[str]:
    """What gip-lint would reject in ``plugin``'s rules when loading it (empty list: none).

    The checks of the real loader (valid codes, one prefix of 1–4 capital letters per plugin,
    not ``GIP``, no duplicates), plus the documentation every rule needs for
    ``gip-lint explain``: a docstring summary and ``## 错误示例`` / ``## 正确示例`` sections.
    """
    from gip_lint.engine.plugins import plugin_rule_problems

    name = getattr(plugin, "__name__", type(plugin).__name__)
    candidates = list(plugin.gip_lint_rules() or ())
    problems = plugin_rule_problems(name, candidates, prefix_owners={"GIP": "builtin"})
    for candidate in candidates:
        if isinstance(candidate, Rule):
            for heading in ("## 错误示例", "## 正确示例"):
                if heading not in candidate.explanation:
                    problems.append(f"{candidate.code} 的文档缺少“{heading}”")
    return problems


def check_plugin(plugin: object) -> None:
    """Assert that gip-lint would load ``plugin``'s rules, and that each is documented."""
    problems = plugin_problems(plugin)
    if problems:
        raise AssertionError("plugin rules rejected:\n" + "\n".join(f"  {p}" for p in problems))


# The codes with which the parser says it could not read a text (or a part of it).
PARSE_CODES = ("GIP002", "GIP003")


# --- rule cases as data -----------------------------------------------------------------------


@attrs.frozen
class Case:
    """One named case: a report text and the (code, line) pairs expected for the selected codes."""

    id: str
    text: str
    expect: tuple[tuple[str, int, Optional[int]], ...]  # (code, line, column or None)
    select: tuple[str, ...]
    previous: Optional[str] = None
    plugins: Optional[tuple] = None
    options: Optional[dict] = attrs.field(default=None, eq=False, hash=False)
    unreadable: bool = False  # the case knowingly lints a text the parser cannot (fully) read
    suggestions: tuple[tuple[str, int, object], ...] = ()  # (code, line, suggested value or None)


def _apply_edits(text: str, edits: dict) -> str:
    for old, new in _pairs(edits.get("replace", ())):
        if old not in text:
            raise ValueError(f"case edit: {old!r} not found in the text")
        text = text.replace(old, new, 1)
    for line_text in edits.get("delete_lines_containing", ()):
        lines = text.split("\n")
        kept = [line for line in lines if line_text not in line]
        if len(kept) == len(lines):
            raise ValueError(f"case edit: no line contains {line_text!r}")
        text = "\n".join(kept)
    return text


def _pairs(replace) -> list[tuple[str, str]]:
    if replace and isinstance(replace[0], str):
        return [(replace[0], replace[1])]
    return [(old, new) for old, new in replace]


def load_cases(path: str | os.PathLike) -> list[Case]:
    """Read a YAML case file into :class:`Case` objects."""
    import yaml

    file = Path(path)
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    default_select = data.get("select") or [data["rule"]]
    cases = []
    for entry in data["cases"]:
        if "file" in entry:
            text = (file.parent / entry["file"]).read_text(encoding="utf-8")
        else:
            text = entry["text"]
        text = _apply_edits(text, entry.get("edit") or {})
        previous = None
        if "previous_file" in entry:
            previous = (file.parent / entry["previous_file"]).read_text(encoding="utf-8")
        elif "previous" in entry:
            previous = entry["previous"]
        expect = tuple((e["code"], e["line"], e.get("column")) for e in entry.get("expect") or ())
        suggestions = tuple((e["code"], e["line"], e["suggestion"]) for e in entry.get("expect") or ()
                            if "suggestion" in e)
        cases.append(Case(id=f"{file.stem}:{entry['name']}", text=text, expect=expect,
                          select=tuple(entry.get("select") or default_select), previous=previous,
                          options=entry.get("options"), unreadable=bool(entry.get("unreadable")),
                          suggestions=suggestions))
    return cases


def case_params(directory: str | os.PathLike, pattern: str = "*.yml"):
    """All cases of a directory as ``pytest.param`` objects, with readable ids."""
    import pytest

    return [pytest.param(case, id=case.id)
            for file in sorted(Path(directory).glob(pattern)) for case in load_cases(file)]


def check_case(case: Case, plugins: Optional[Sequence[object]] = None) -> None:
    """Assert that linting the case gives exactly the expected codes at the expected lines.

    Every expectation names a code and a line; a column, when given, must match too, and so
    must ``suggestion`` (the value the finding names for its cell; ``null``: none).  A text
    the parser could not read (GIP002/GIP003) fails the case unless the case expects that
    code or is marked ``unreadable``.
    """
    found = lint_text(case.text, select=case.select, plugins=plugins, previous=case.previous,
                      options=case.options)
    if not case.unreadable:
        expected_codes = {code for code, _, _ in case.expect}
        unread = [d for d in lint_text(case.text, select=PARSE_CODES, plugins=plugins,
                                       previous=case.previous, options=case.options)
                  if d.code not in expected_codes]
        if unread:
            details = "\n".join(f"  {d.code} {d.line}:{d.column} {d.message}" for d in unread)
            raise AssertionError(f"case {case.id}: the text was not fully read (mark the case "
                                 f"`unreadable: true` if that is intended):\n{details}")
    got = sorted((d.code, d.line) for d in found)
    want = sorted((code, line) for code, line, _ in case.expect)
    columns_ok = all(any(d.code == code and d.line == line and d.column == column for d in found)
                     for code, line, column in case.expect if column is not None)
    columns_ok = columns_ok and all(
        any(d.code == code and d.line == line and (d.suggestion.value if d.suggestion else None) == value
            for d in found)
        for code, line, value in case.suggestions)
    if got != want or not columns_ok:
        details = "\n".join(f"  {d.code} {d.line}:{d.column} {d.message}"
                            + (f" [suggestion {d.suggestion.value}]" if d.suggestion else "") for d in found) or "  (none)"
        raise AssertionError(f"case {case.id}: expected {list(case.expect)}, got:\n{details}")
