"""Globs of ``exclude`` and ``per-file-ignores``: matched against a path relative to a base
directory (the configuration file's, or the cwd for the command line's)."""

from __future__ import annotations

import os
from fnmatch import fnmatchcase


def relative_to(path: str, base_dir: str) -> str:
    """``path`` relative to ``base_dir`` with forward slashes (as globs and SARIF expect)."""
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base_dir)
    except ValueError:  # another drive on Windows
        rel = full
    return rel.replace(os.sep, "/")


def matches(pattern: str, path: str, base_dir: str) -> bool:
    """fnmatch-style: against the path relative to ``base_dir``, or against its file name.

    ``*`` also matches ``/`` (so ``drafts/*`` covers subdirectories); a pattern ending in
    ``/`` or naming a directory matches everything below it.
    """
    rel = relative_to(path, base_dir)
    pattern = pattern.rstrip("/")
    if fnmatchcase(rel, pattern) or fnmatchcase(os.path.basename(rel), pattern):
        return True
    parts = rel.split("/")
    return any(fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts)))


def ignored_codes(settings, path: str) -> tuple[str, ...]:
    """The codes ``per-file-ignores`` switches off for ``path``."""
    return tuple(code for glob, codes in settings.per_file_ignores
                 if matches(glob, path, settings.base_dir) for code in codes)
