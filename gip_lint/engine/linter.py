"""Lint one report: read → parse → model → every selected rule, in one pass.

Never raises for anything a file can contain: unreadable input is GIP001, a file that is
not a report GIP002, parts the parser could not map GIP003, a crashing rule GIP999.
"""

from __future__ import annotations

import functools
import os
import stat
from typing import Iterable, NamedTuple, Optional, Sequence

import attrs

from gip_lint.engine.core_codes import CANNOT_READ, NOT_A_REPORT, RULE_CRASHED, UNREADABLE_PART
from gip_lint.model.document import Report
from gip_lint.rule import Context, Diagnostic, Rule
from gip_lint.source import DEFAULT_MAX_BYTES, DecodeError, SourceText


class _SelectionFields(NamedTuple):
    select: tuple = ()
    ignore: tuple = ()
    preview: bool = False


class Selection(_SelectionFields):
    """Which codes run, by code or prefix (``GIP2``, ``GIP201``), ruff-style.

    The most specific matching prefix decides; on a tie, ``ignore`` wins.  An empty
    ``select`` means every rule.  A preview rule (``Rule.preview``) runs only when ``preview``
    is on (``--preview``, configuration key ``preview``), whatever selects it, as in ruff.
    """

    __slots__ = ()

    def __new__(cls, select: Iterable[str] = (), ignore: Iterable[str] = (), preview: bool = False):
        # (tuples: answers are cached by them)
        return super().__new__(cls, tuple(select), tuple(ignore), bool(preview))

    def __call__(self, code: str) -> bool:
        return _selected(self.select, self.ignore, code)


# Asked for every rule and every finding of every report: each answer is worked out once.
@functools.lru_cache(maxsize=1024)  # bounded: codes are few, but a plugin could make many
def _selected(select: tuple[str, ...], ignore: tuple[str, ...], code: str) -> bool:
    def longest(prefixes: Sequence[str]) -> int:
        return max((len(p) for p in prefixes if code.startswith(p)), default=-1)

    selected = longest(select) if select else 0
    if selected < 0:
        return False
    return longest(ignore) < selected or longest(ignore) < 0


class FileResult(NamedTuple):
    """The outcome of linting one file: its diagnostics and (when it parsed) its report."""

    path: str
    diagnostics: tuple  # of Diagnostic
    report: Optional[Report] = None


def _diagnostic(rule: Rule, path: str, line: int, column: int, message: str, anchor: str = "",
                severity: Optional[str] = None, suggestion=None) -> Diagnostic:
    return Diagnostic(path=path, line=line, column=column, code=rule.code, message=message,
                      severity=severity or rule.severity, anchor=anchor, rule=rule.name, plugin=rule.plugin,
                      suggestion=suggestion)


def choose_reader(name: str, readers: Sequence = ()):
    """The reader for ``name``'s extension: the first of ``readers`` that takes it, in a
    PluginSet's order (later-registered plugins first: hookspecs.gip_lint_readers), before
    the built-in ones."""
    from gip_lint.readers import BUILTIN_READERS, reader_for

    return reader_for(name, tuple(readers) + tuple(BUILTIN_READERS))


def read_source(path: str, readers: Sequence = (), max_bytes: int = DEFAULT_MAX_BYTES, name: Optional[str] = None):
    """Read ``path`` (``-`` for stdin) into a SourceText, or return a GIP001 diagnostic.

    ``name`` chooses the reader when it differs from ``path`` (``--stdin-filename report.html``).
    """
    import sys

    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            status = os.stat(path)
            if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
                return _diagnostic(CANNOT_READ, path, 1, 1, "不是普通文件（目录、管道或设备），无法检查")
            size = status.st_size
            if size > max_bytes:
                return _diagnostic(CANNOT_READ, path, 1, 1,
                                   f"文件过大：{size} 字节，超过上限 {max_bytes} 字节（可用 --max-file-size 调整）")
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            return _diagnostic(CANNOT_READ, path, 1, 1, f"输入过大：超过上限 {max_bytes} 字节")
        return choose_reader(name or path, readers).read(data, path)
    except DecodeError as exc:
        diag = _diagnostic(CANNOT_READ, path, getattr(exc, "line", 1), getattr(exc, "column", 1), str(exc))
        return attrs.evolve(diag, page=exc.page) if getattr(exc, "page", None) else diag
    except OSError as exc:
        return _diagnostic(CANNOT_READ, path, 1, 1, f"无法读取文件：{exc.strerror or exc}")
    except Exception as exc:  # a reader plugin's defect must not stop the run
        return _diagnostic(CANNOT_READ, path, 1, 1, f"读取时出错：{type(exc).__name__}: {exc}")


# A text this long on so few lines has lost its line breaks (GIP002's message says so).
_FEW_LINES, _LONG_TEXT = 5, 2000


def lint_source(source: SourceText, rules: Iterable[Rule], selection: Selection = Selection(),
                context: Context = Context(), severity_overrides: Optional[dict] = None) -> FileResult:
    """Parse a source and run the rules over its model."""
    from gip_lint.api import parse_source

    path = source.path
    try:
        report = parse_source(source)
    except Exception as exc:  # the grammar accepts any text, so this is a gip-lint defect
        diag = _diagnostic(UNREADABLE_PART, path, 1, 1, f"解析器内部错误，报告未被检查：{type(exc).__name__}: {exc}")
        return FileResult(path, (diag,) if selection(diag.code) else ())

    diagnostics: list[Diagnostic] = []
    if not report.is_report:
        message = "不是政府信息公开工作年度报告：找不到“一、总体情况”等六个部分的标题，也找不到统计表"
        lines = source.text.count("\n") + 1
        if lines <= _FEW_LINES and len(source.text) >= _LONG_TEXT:
            # A whole report on a handful of lines: the line breaks were lost on the way
            # (copied from a web page, a converter), not a document of another kind.
            message += f"（全文只有 {lines} 行、{len(source.text)} 个字符：换行可能在转换或复制时丢失了）"
        diagnostics.append(_diagnostic(NOT_A_REPORT, path, 1, 1, message))
    else:
        for problem in report.problems:
            diagnostics.append(_diagnostic(UNREADABLE_PART, path, problem.line, problem.column,
                                           problem.message, anchor=problem.anchor))
        preview = getattr(selection, "preview", False)
        for rule in rules:
            if rule.check is None or (rule.preview and not preview) or not selection(rule.code):
                continue
            try:
                for finding in rule.check(report, context) or ():
                    diagnostics.append(_diagnostic(rule, path, finding.line, finding.column,
                                                   finding.message, finding.anchor, finding.severity,
                                                   finding.suggestion))
            except Exception as exc:
                import traceback  # only when a rule crashes: a plain check does not pay for it

                where = traceback.extract_tb(exc.__traceback__)[-1]
                diagnostics.append(_diagnostic(
                    RULE_CRASHED, path, 1, 1,
                    f"规则 {rule.code}（{rule.name}，插件 {rule.plugin or '?'}）出错："
                    f"{type(exc).__name__}: {exc}（{os.path.basename(where.filename)}:{where.lineno}）",
                    anchor=f"crash:{rule.code}"))

    if source.origin is not None:
        diagnostics = [_relocate(d, source) for d in diagnostics]
    overrides = severity_overrides or {}
    kept = []
    for diag in diagnostics:
        if not selection(diag.code):
            continue
        if diag.code in overrides:
            diag = attrs.evolve(diag, severity=overrides[diag.code])
        kept.append(diag)
    # Duplicates dropped in the order the rules found them, then a stable sort: findings at one
    # position keep the rules' order, the same in every run (a set's order is not).
    return FileResult(path, tuple(sorted(dict.fromkeys(kept))), report)


def _relocate(diag: Diagnostic, source: SourceText) -> Diagnostic:
    if source.page is not None:  # a PDF: line:column of the generated text, and the page
        diag = attrs.evolve(diag, page=source.page(diag.line, diag.column))
    line, column = source.origin(diag.line, diag.column)
    if (line, column) == (diag.line, diag.column):
        return diag
    return attrs.evolve(diag, line=line, column=column)


def lint_path(path: str, rules: Sequence[Rule], selection: Selection = Selection(), context: Context = Context(),
              readers: Sequence = (), max_bytes: int = DEFAULT_MAX_BYTES,
              severity_overrides: Optional[dict] = None, name: Optional[str] = None) -> FileResult:
    """Read and lint one file; every failure becomes a diagnostic."""
    source = read_source(path, readers, max_bytes, name)
    if isinstance(source, Diagnostic):
        return FileResult(path, (source,) if selection(source.code) else ())
    return lint_source(source, rules, selection, context, severity_overrides)
