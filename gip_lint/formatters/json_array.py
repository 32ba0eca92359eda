"""``json``: one JSON array of diagnostics (path, line, column, code, severity, message, fingerprint;
``suggestion`` {"value": …} when a finding names the value its cell should hold)."""

from __future__ import annotations

from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.rule import Diagnostic


def as_dict(d: Diagnostic, context: FormatContext) -> dict:
    return {**d.to_dict(), "fingerprint": context.fingerprint(d)}


def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    import json  # only when this format is used: keeps the cold start light

    return json.dumps([as_dict(d, context) for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


JSON = Formatter("json", "JSON 数组：path, line, column, code, severity, message, fingerprint", render, machine=True)
