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
    entries: dict[str, dict] = {}
    for diag in diagnostics:
        key = fingerprint(diag, root)
        if key in entries:
            entries[key]["count"] += 1
            continue
        # code, path and message are for the reviewer reading the file; only the fingerprint counts.
        entries[key] = {"fingerprint": key, "code": diag.code, "path": display_path(diag.path, root),
                        "anchor": diag.anchor, "message": diag.message, "count": 1}
    document = {"tool": "gip-lint", "version": FORMAT_VERSION,
                "findings": sorted(entries.values(), key=lambda e: (e["path"], e["code"], e["fingerprint"]))}
    try:
        with open(file, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as exc:
        raise BaselineError(f"无法写入基线文件 {file}：{exc.strerror or exc}") from None
    return len(diagnostics)


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
