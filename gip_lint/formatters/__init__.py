"""Output formats.  Each is a :class:`Formatter`; plugins add more via ``gip_lint_formatters``.

Machine formats (json, …) never print human headers; the default is flake8's line
``path:line:col: CODE message``, which editors and CI already parse.
"""

from __future__ import annotations

from typing import Callable, Sequence

import attrs

from gip_lint.rule import Diagnostic


@attrs.frozen
class FormatContext:
    """What a formatter may need besides the diagnostics."""

    rules: dict = attrs.field(factory=dict)  # code → Rule
    source_line: Callable[[str, int], str] = lambda path, line: ""


@attrs.frozen
class Formatter:
    """``render(diagnostics, context)`` returns the whole output (may be "" for none)."""

    name: str
    description: str
    render: Callable[[Sequence[Diagnostic], FormatContext], str]


def _default(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    return "".join(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in diagnostics)


def _json(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    import json

    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


BUILTIN_FORMATTERS = (
    Formatter("default", "flake8 风格：path:line:col: CODE message", _default),
    Formatter("json", "JSON 数组：path, line, column, code, severity, message", _json),
)
