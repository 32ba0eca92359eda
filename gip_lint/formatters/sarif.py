"""``sarif``: SARIF 2.1.0, as GitHub code scanning accepts it.

Every loaded rule is listed with ``shortDescription`` (its summary), ``fullDescription`` and
``help`` (its documentation); every result has ``ruleId``, ``level`` from the severity, a
repository-relative ``artifactLocation.uri``, a ``region`` and ``partialFingerprints`` (the
baseline fingerprint, which does not depend on line numbers).  A result whose diagnostic names
the value its cell should hold carries it as a ``fixes`` entry (text and Markdown files only).
"""

from __future__ import annotations

from typing import Sequence

from gip_lint.formatters.base import FormatContext, Formatter
from gip_lint.rule import Diagnostic

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule) -> dict:
    full = rule.explanation or rule.summary
    return {
        "id": rule.code,
        "name": rule.name or rule.code,
        "shortDescription": {"text": rule.summary or rule.code},
        "fullDescription": {"text": full or rule.code},
        "help": {"text": f"{rule.summary}\n\n{rule.explanation}".strip() or rule.code,
                 "markdown": f"**{rule.code}** {rule.summary}\n\n{rule.explanation}".strip()},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "error")},
        "properties": {"plugin": rule.plugin or "", "severity": rule.severity},
    }


def _result(d: Diagnostic, context: FormatContext, index: dict) -> dict:
    from urllib.parse import quote  # only when SARIF is written: keeps the cold start light

    result = {
        "ruleId": d.code,
        "level": LEVELS.get(d.severity, "error"),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": quote(context.relative_path(d.path), safe="/"), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
        }}],
        "partialFingerprints": {"gipLintFingerprint/v1": context.fingerprint(d)},
    }
    if d.page is not None:  # a PDF: the region's line is in the generated text; the page is the user's
        result["locations"][0]["physicalLocation"]["region"]["properties"] = {"page": d.page}
        result["properties"] = {"page": d.page}
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    if d.suggestion is not None and d.path.lower().endswith(_TEXT_EXTENSIONS):
        result["fixes"] = [_fix(d, result["locations"][0]["physicalLocation"]["artifactLocation"])]
    return result


# Positions in text and Markdown files are the file's own: a cell can be replaced there (not in
# a Word file or web page, whose positions are of the text gip-lint extracted).
_TEXT_EXTENSIONS = (".txt", ".md", ".text", ".markdown")


def _fix(d: Diagnostic, location: dict) -> dict:
    value = str(d.suggestion.value)
    region = {"startLine": d.line, "startColumn": d.column, "endLine": d.line,
              "endColumn": d.column + len(d.suggestion.text)}
    return {"description": {"text": f"改为 {value}"},
            "artifactChanges": [{"artifactLocation": dict(location),
                                 "replacements": [{"deletedRegion": region, "insertedContent": {"text": value}}]}]}


def build_log(diagnostics: Sequence[Diagnostic], context: FormatContext) -> dict:
    from gip_lint import __version__

    rules = [context.rules[code] for code in sorted(context.rules)]
    known = {d.code for d in diagnostics} - set(context.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    descriptors = [_rule(rule) for rule in rules]
    for code in sorted(known):  # a code no loaded rule has (should not happen): still describe it
        index[code] = len(descriptors)
        descriptors.append({"id": code, "shortDescription": {"text": code}, "fullDescription": {"text": code},
                            "help": {"text": code}})
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gip-lint", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, context, index) for d in diagnostics],
        }],
    }


def render(diagnostics: Sequence[Diagnostic], context: FormatContext) -> str:
    import json  # only when this format is used: keeps the cold start light

    return json.dumps(build_log(diagnostics, context), ensure_ascii=False, indent=2) + "\n"


SARIF = Formatter("sarif", "SARIF 2.1.0（GitHub 代码扫描）", render, machine=True)
