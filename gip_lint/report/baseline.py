"""A review baseline: findings already accepted, recorded so that only new ones are shown.

A finding is recorded by a fingerprint that does not contain its line number: the code, the
file's path relative to the project root, the rule's anchor (the cell's row/column key or the
section, e.g. ``table:三:row:一:col:总计:A1``) and the message, which carries the values
involved.  An edit elsewhere in the report keeps the fingerprint; a changed value in the same
cell changes the message and so the fingerprint.  The same fingerprint is SARIF's
``partialFingerprints``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from typing import Iterable, Sequence

from gip_lint.rule import Diagnostic

FORMAT_VERSION = 1
#: The key under SARIF ``partialFingerprints``.
FINGERPRINT_KEY = "gipLintFingerprint/v1"


class BaselineError(Exception):
    """The baseline file cannot be read or written (exit 2)."""


def display_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes; ``-`` and outside paths kept as given."""
    if path == "-":
        return path
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, root)
    except ValueError:  # another drive
        return full.replace(os.sep, "/")
    if rel.startswith(".."):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def fingerprint(diagnostic: Diagnostic, root: str) -> str:
    """A stable hex digest of code, relative path, anchor and message (never the line)."""
    parts = (diagnostic.code, display_path(diagnostic.path, root), diagnostic.anchor, diagnostic.message)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def write_baseline(file: str, diagnostics: Sequence[Diagnostic], root: str) -> int:
    """Record ``diagnostics`` in ``file``; return how many were recorded."""
    reasons = _reasons(file)  # a rewritten baseline keeps the reasons reviewers wrote
    entries: dict[str, dict] = {}
    for diag in diagnostics:
        key = fingerprint(diag, root)
        if key in entries:
            entries[key]["count"] += 1
            continue
        # code, path and message are for the reviewer reading the file; only the fingerprint counts.
        entries[key] = {"fingerprint": key, "code": diag.code, "path": display_path(diag.path, root),
                        "anchor": diag.anchor, "message": diag.message, "count": 1}
        if reasons.get(key):
            entries[key]["reason"] = reasons[key]
    document = {"tool": "gip-lint", "version": FORMAT_VERSION,
                "findings": sorted(entries.values(), key=lambda e: (e["path"], e["code"], e["fingerprint"]))}
    try:
        with open(file, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as exc:
        raise BaselineError(f"无法写入基线文件 {file}：{exc.strerror or exc}") from None
    return len(diagnostics)


def _reasons(file: str) -> dict:
    """fingerprint → the reviewer's ``reason`` in an existing baseline file (none if unreadable)."""
    try:
        with open(file, encoding="utf-8") as handle:
            document = json.load(handle)
        return {e["fingerprint"]: e["reason"] for e in document["findings"]
                if isinstance(e, dict) and isinstance(e.get("reason"), str) and isinstance(e.get("fingerprint"), str)}
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return {}


def load_baseline(file: str) -> Counter:
    """fingerprint → how many findings with it were accepted."""
    try:
        with open(file, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"无法读取基线文件 {file}：{exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"基线文件 {file} 不是有效的 JSON：{exc}") from None
    if not isinstance(document, dict) or document.get("tool") != "gip-lint" or not isinstance(
            document.get("findings"), list):
        raise BaselineError(f"基线文件 {file} 不是 gip-lint 的基线（应由 --write-baseline 生成）")
    if document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"基线文件 {file} 的版本 {document.get('version')!r} 不受支持（应为 {FORMAT_VERSION}）")
    accepted: Counter = Counter()
    for entry in document["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"基线文件 {file} 中有一项缺少 fingerprint")
        if "reason" in entry and not isinstance(entry["reason"], str):
            raise BaselineError(f"基线文件 {file} 中 {entry['fingerprint']} 的 reason 应为文字")
        count = entry.get("count", 1)
        accepted[entry["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
    return accepted


def apply_baseline(diagnostics: Iterable[Diagnostic], accepted: Counter, root: str) -> list[Diagnostic]:
    """The diagnostics the baseline does not account for (each accepted one suppresses one)."""
    remaining = Counter(accepted)
    kept = []
    for diag in diagnostics:
        key = fingerprint(diag, root)
        if remaining[key] > 0:
            remaining[key] -= 1
            continue
        kept.append(diag)
    return kept


def unmatched(diagnostics: Iterable[Diagnostic], accepted: Counter, root: str) -> Counter:
    """fingerprint → how many accepted findings with it this run did not find."""
    remaining = Counter(accepted)
    for diag in diagnostics:
        key = fingerprint(diag, root)
        if remaining[key] > 0:
            remaining[key] -= 1
    return +remaining


def stale_entries(file: str, remaining: Counter, root: str, linted: Iterable[str]) -> list[Diagnostic]:
    """GIP010 for each baseline entry of a file this run linted that no finding matched any more,
    at the entry's line in the baseline file (entries of files not linted are not judged)."""
    from gip_lint.engine.core_codes import UNUSED_SUPPRESSION as RULE

    paths = {display_path(path, root) for path in linted}
    try:
        with open(file, encoding="utf-8") as handle:
            text = handle.read()
        entries = json.loads(text)["findings"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    found = []
    for entry in entries:
        key = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not key or remaining.get(key, 0) <= 0 or entry.get("path") not in paths:
            continue
        offset = text.find(f'"{key}"')
        line = text.count("\n", 0, offset) + 1 if offset >= 0 else 1
        reason = f"（理由：{entry['reason']}）" if isinstance(entry.get("reason"), str) else ""
        found.append(Diagnostic(
            path=file, line=line, column=1, code=RULE.code, severity=RULE.severity, anchor=f"baseline:{key}",
            rule=RULE.name, plugin=RULE.plugin,
            message=f"基线中的一项已不再出现：{entry.get('code', '?')} {entry.get('path', '?')}：{entry.get('message', '')}"
                    f"{reason}；可删除这一项，或用 --write-baseline 重新生成"))
    return found
