"""Output formats, one module each.  Plugins add more through the ``gip_lint_formatters`` hook.

Machine formats (json, json-lines, sarif, github) never carry human headers; the default is
flake8's line ``path:line:col: CODE message``, which editors and CI already parse.
"""

from __future__ import annotations

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.formatters.default import DEFAULT
from gip_lint.formatters.full import FULL
from gip_lint.formatters.github import GITHUB
from gip_lint.formatters.html_page import HTML
from gip_lint.formatters.json_array import JSON
from gip_lint.formatters.json_lines import JSON_LINES
from gip_lint.formatters.parquet import PARQUET
from gip_lint.formatters.sarif import SARIF
from gip_lint.formatters.xlsx import XLSX

BUILTIN_FORMATTERS = (DEFAULT, FULL, JSON, JSON_LINES, SARIF, GITHUB, XLSX, HTML, PARQUET)

__all__ = ["BUILTIN_FORMATTERS", "FormatContext", "Formatter"]
