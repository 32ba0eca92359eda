"""``json-lines``: one JSON object per line, the same keys as ``json`` (streams, ``jq -c``)."""

from __future__ import annotations

from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.formatters.json_array import as_dict
from gip_lint.rule import Diagnostic


def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    import json  # only when this format is used: keeps the cold start light

    return "".join(json.dumps(as_dict(d, context), ensure_ascii=False) + "\n" for d in diagnostics)


JSON_LINES = Formatter("json-lines", "每行一个 JSON 对象（键同 json）", render, machine=True)
