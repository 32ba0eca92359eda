"""Expand the paths given on the command line into the files to lint, in a stable order."""

from __future__ import annotations

import os
from typing import Iterable, Iterator


_IMAGES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")
_WEB_PAGES = (".html", ".htm", ".shtml", ".xhtml")


def discover(paths: Iterable[str], extensions: Iterable[str], exclude=lambda path: False) -> Iterator[str]:
    """Files named explicitly are always linted; directories are walked for ``extensions`` and
    for the formats gip-lint knows it cannot read (:data:`gip_lint.readers.UNSUPPORTED_READER`),
    except images beside a web page (its logo, not a scanned report).

    Hidden directories are skipped, symbolic links to directories are not followed (no
    loops), and each directory is listed in sorted order so output is deterministic.
    """
    from gip_lint.readers import UNSUPPORTED_READER

    # Files gip-lint cannot read are listed too: each is reported (GIP001 with what to do)
    # instead of a folder of .doc files ending in a silent all-clear.
    suffixes = tuple(ext.lower() for ext in extensions) + UNSUPPORTED_READER.extensions
    seen: set[str] = set()
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if path not in seen:
                seen.add(path)
                yield path
            continue
        for root, dirs, files in os.walk(path, followlinks=False, onerror=None):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not exclude(os.path.join(root, d)))
            # Images next to a web page (or in Word's "报告_files" folder) are the page's own.
            assets = root.endswith("_files") or any(n.lower().endswith(_WEB_PAGES) for n in files)
            for name in sorted(files):
                full = os.path.join(root, name)
                if assets and name.lower().endswith(_IMAGES):
                    continue
                if name.lower().endswith(suffixes) and not exclude(full) and full not in seen:
                    seen.add(full)
                    yield full
