"""A progress bar on stderr for long runs, only where a person is watching.

Shown when stderr is a terminal, the run has many files and ``CI`` is not set; never in
pipes, files or CI logs, so machine-read output and logs stay clean.  The bar is tqdm's,
imported only when shown.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

MIN_FILES = 50  # below this a run is over before a bar would help


def wanted(file_count: int, stream=None) -> bool:
    stream = stream if stream is not None else sys.stderr
    if file_count < MIN_FILES or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def track(items: Iterable[T], total: int, enabled: bool) -> Iterator[T]:
    """Yield ``items``; with ``enabled``, advance a bar on stderr as they come."""
    if not enabled:
        yield from items
        return
    import shutil

    from tqdm import tqdm

    # shutil falls back to 80×24 where the terminal reports a size of 0 (tqdm would draw nothing).
    size = shutil.get_terminal_size()
    with tqdm(total=total, file=sys.stderr, unit="份", desc="gip-lint", leave=False,
              ncols=size.columns, nrows=size.lines, mininterval=0.2) as bar:
        for item in items:
            yield item
            bar.update(1)
