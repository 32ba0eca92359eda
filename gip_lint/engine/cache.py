"""The result cache (``--cache-dir DIR``): a file linted once is not linted again until it changes.

An entry holds one file's diagnostics under a key that is the SHA-256 of everything the
result depends on:

- the file's path (diagnostics carry it) and the SHA-256 of its bytes;
- the SHA-256 of the bytes of its year-over-year predecessor, when it has one (GIP506–GIP508
  compare with it);
- the effective settings of that file: selection (after per-file-ignores), severity
  overrides, plugin options, maximum file size, the name choosing its reader;
- gip-lint's version and a fingerprint of its installed source files, and the name and
  version of every loaded plugin (a local plugin file: the SHA-256 of its source).

A re-run therefore still reads each file's bytes (to hash them) but parses nothing.

Entries are written to a temporary file and moved into place with :func:`os.replace`, so a
reader sees a whole entry or none.  Every entry read is validated — its own key, a checksum
of its body, the type of every field — and anything else (truncated, corrupt, written by
another version) is a miss: the file is linted again and the entry rewritten.  Nothing in
the cache is ever trusted beyond that.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Iterable, Optional, Sequence

from gip_lint.rule import Diagnostic

#: Changes whenever the layout or meaning of an entry does; older entries are then misses.
FORMAT_VERSION = 1
_FIELDS = ("line", "column", "code", "message", "severity", "anchor", "rule", "plugin")
_TYPES = (int, int, str, str, str, str, str, str)

_source_fingerprint: Optional[str] = None


def gip_lint_fingerprint() -> str:
    """gip-lint's version plus the size and mtime of each of its source files.

    The version alone would serve a release; the files also catch an edited checkout
    (``pip install -e``), where the version does not change.
    """
    global _source_fingerprint
    if _source_fingerprint is None:
        import gip_lint

        root = os.path.dirname(os.path.abspath(gip_lint.__file__))
        digest = hashlib.sha256(gip_lint.__version__.encode())
        for directory, subdirs, names in sorted(os.walk(root)):
            subdirs.sort()
            for name in sorted(names):
                if name.endswith((".py", ".lark")):
                    status = os.stat(os.path.join(directory, name))
                    digest.update(f"{os.path.relpath(os.path.join(directory, name), root)}:"
                                  f"{status.st_size}:{status.st_mtime_ns}\n".encode())
        _source_fingerprint = digest.hexdigest()
    return _source_fingerprint


def file_digest(path: str) -> Optional[str]:
    """SHA-256 of a file's bytes; None when it cannot be read (such a file is not cached)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, AttributeError):
        try:
            with open(path, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            return None


def plugins_fingerprint(plugins) -> list:
    """(name, version) of every loaded plugin; a local plugin file by the hash of its source."""
    found = []
    for info in plugins.plugins:
        version = info.version
        if info.name.startswith("local:"):
            version = "sha256:" + (file_digest(info.name[len("local:"):]) or "?")
        found.append([info.name, version, info.distribution])
    return found


def settings_fingerprint(selection, severity: dict, options: dict, max_bytes: int, name: Optional[str]) -> str:
    """The effective settings of one file, as the key sees them."""
    return json.dumps({"selection": repr(selection), "severity": sorted(severity.items()),
                       "options": options, "max_bytes": max_bytes, "name": name},
                      sort_keys=True, ensure_ascii=False, default=repr)


class ResultCache:
    """Diagnostics by key under ``directory`` (created on first write)."""

    def __init__(self, directory: str):
        self.directory = os.path.abspath(directory)
        self.hits = self.misses = 0

    def key(self, path: str, content: str, previous: Optional[str], settings: str, plugins: Sequence) -> str:
        material = json.dumps([FORMAT_VERSION, gip_lint_fingerprint(), plugins, settings, path, content, previous],
                              ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _entry_path(self, key: str) -> str:
        return os.path.join(self.directory, f"v{FORMAT_VERSION}", key[:2], key + ".json")

    def get(self, key: str, path: str) -> Optional[tuple[Diagnostic, ...]]:
        """The diagnostics stored under ``key`` (for ``path``), or None for a miss or a bad entry."""
        try:
            with open(self._entry_path(key), "rb") as handle:
                entry = json.loads(handle.read().decode("utf-8"))
            found = _validated(entry, key)
        except (OSError, ValueError, TypeError, KeyError):
            found = None
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return tuple(Diagnostic(path=path, **dict(zip(_FIELDS, row))) for row in found)

    def put(self, key: str, diagnostics: Iterable[Diagnostic]) -> None:
        """Store an entry; a cache that cannot be written is skipped silently (the run is not)."""
        rows = [[getattr(d, field) for field in _FIELDS] for d in diagnostics]
        body = json.dumps(rows, ensure_ascii=False)
        entry = json.dumps({"key": key, "sum": _checksum(body), "diagnostics": body}, ensure_ascii=False)
        target = self._entry_path(key)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            self._mark_directory()
            descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(entry.encode("utf-8"))
                os.replace(temporary, target)  # atomic: readers see the old entry or the new one
            except BaseException:
                _remove(temporary)
                raise
        except OSError:
            pass

    def _mark_directory(self) -> None:
        # As ruff's cache: tools that honour CACHEDIR.TAG skip it, git ignores it.
        tag = os.path.join(self.directory, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            with open(tag, "w", encoding="ascii") as handle:
                handle.write("Signature: 8a477f597d28d172789f06886806bc55\n# gip-lint result cache\n")
            with open(os.path.join(self.directory, ".gitignore"), "w", encoding="ascii") as handle:
                handle.write("*\n")


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _validated(entry, key: str) -> Optional[list]:
    if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("diagnostics"), str):
        return None
    if entry.get("sum") != _checksum(entry["diagnostics"]):
        return None
    rows = json.loads(entry["diagnostics"])
    if not isinstance(rows, list):
        return None
    for row in rows:
        if not isinstance(row, list) or len(row) != len(_FIELDS):
            return None
        if not all(type(value) is kind for value, kind in zip(row, _TYPES)):
            return None
    return rows


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def cached(lint_one, cache: ResultCache, describe):
    """``lint_one`` (path → FileResult) answered from ``cache`` when it can be.

    ``describe(path)`` returns (settings fingerprint, plugins fingerprint, predecessor path
    or None) for the file.  Standard input and unreadable files are never cached.
    """
    from gip_lint.engine.linter import FileResult

    def lint_cached(path: str) -> FileResult:
        before = _stamp(path)
        content = file_digest(path) if before is not None else None
        if content is None:
            return lint_one(path)
        settings, plugins, previous_path = describe(path)
        previous = file_digest(previous_path) if previous_path else None
        key = cache.key(path, content, previous, settings, plugins)
        found = cache.get(key, path)
        if found is not None:
            return FileResult(path, found)
        result = lint_one(path)
        # Only what came from this content: a file changed while it was linted is not stored.
        if _stamp(path) == before:
            cache.put(key, result.diagnostics)
        return result

    return lint_cached


def _stamp(path: str) -> Optional[tuple]:
    """Size, modification time and inode of a regular file (None: stdin, missing, not regular)."""
    import stat

    if path == "-":
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def describer(resolver, previous):
    """``describe(path)`` for :func:`cached`, from the file's setup (what
    :func:`gip_lint.engine.runner.linter_for` lints it with)."""
    from gip_lint.engine.setup import setup_for

    fingerprints: dict = {}

    def plugins_of(plugin_set) -> list:
        if id(plugin_set) not in fingerprints:
            fingerprints[id(plugin_set)] = (plugin_set, plugins_fingerprint(plugin_set))
        return fingerprints[id(plugin_set)][1]

    def describe(path: str):
        setup = setup_for(resolver, path)
        described = settings_fingerprint(setup.selection, setup.severity_overrides, dict(setup.settings.options),
                                         setup.max_bytes, setup.name)
        return described, plugins_of(setup.plugins), previous.paths.get(path)

    return describe
