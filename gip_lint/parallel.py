"""Apply a function to many files in worker processes; results come back in input order.

Workers are forked, so they inherit the loaded plugins, settings and configuration: nothing
is pickled on the way in, and only each task's (small) result on the way back.  Files go
out in chunks with a bounded number in flight, so memory stays flat however many files
there are.  A task that raises becomes ``on_crash(path, message)``; a worker that dies
outright (a plugin calling ``os._exit``, a crash in C code) does not stop the run either:
the files of the chunk it had are re-run one per fresh worker, so the one that kills its
worker is identified and reported through ``on_crash`` and the others are linted normally.

Where ``fork`` is not available (Windows, and macOS where it is unsafe), files are linted
in-process one after another.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from typing import Callable, Iterator, Optional, Sequence, TypeVar

T = TypeVar("T")

# Fewer files than this are linted in-process: forking workers would cost more than it saves.
MIN_FILES_FOR_WORKERS = 8
MAX_CHUNK = 32

_TASK: Optional[Callable] = None  # set in the parent before forking; inherited by the workers


def can_fork() -> bool:
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _run_chunk(paths: Sequence[str]) -> list:
    return [_guarded(_TASK, path) for path in paths]


def _guarded(task: Callable, path: str):
    try:
        return ("ok", task(path))
    except Exception as exc:  # the task's own guards failed: report, never lose the other files
        return ("crash", f"{type(exc).__name__}: {exc}")


def _unwrap(outcome, path: str, on_crash: Callable[[str, str], T]) -> T:
    kind, value = outcome
    return value if kind == "ok" else on_crash(path, value)


def _chunk_size(count: int, jobs: int) -> int:
    return max(1, min(MAX_CHUNK, count // (jobs * 4)))


def map_files(task: Callable[[str], T], paths: Sequence[str], jobs: int,
              on_crash: Callable[[str, str], T]) -> Iterator[T]:
    """Yield ``task(path)`` for every path, in order, using up to ``jobs`` processes."""
    if jobs <= 1 or len(paths) < MIN_FILES_FOR_WORKERS or "-" in paths or not can_fork():
        for path in paths:
            yield _unwrap(_guarded(task, path), path, on_crash)
        return
    yield from _map_in_workers(task, list(paths), jobs, on_crash)


def _executor(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_ignore_interrupts)


def _map_in_workers(task, paths: list, jobs: int, on_crash) -> Iterator:
    from concurrent.futures.process import BrokenProcessPool

    global _TASK
    _TASK = task
    size = _chunk_size(len(paths), jobs)
    chunks = deque(paths[i:i + size] for i in range(0, len(paths), size))
    executor = _executor(jobs)
    pending: deque = deque()  # (chunk, future), oldest first
    try:
        while chunks or pending:
            while chunks and len(pending) < jobs * 4:
                chunk = chunks.popleft()
                pending.append((chunk, executor.submit(_run_chunk, chunk)))
            chunk, future = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # A worker died.  Re-run this chunk one file per worker to find the culprit,
                # then carry on with a fresh pool for everything still pending.
                executor.shutdown(wait=True, cancel_futures=True)
                for path in chunk:
                    yield _isolated(path, on_crash)
                chunks.extendleft(reversed([c for c, _ in pending]))
                pending.clear()
                executor = _executor(jobs)
                continue
            for path, outcome in zip(chunk, outcomes):
                yield _unwrap(outcome, path, on_crash)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        _TASK = None


def _isolated(path: str, on_crash):
    """Run one file in a worker of its own; a worker that dies is reported for this file."""
    from concurrent.futures.process import BrokenProcessPool

    executor = _executor(1)
    try:
        return _unwrap(executor.submit(_run_chunk, [path]).result()[0], path, on_crash)
    except BrokenProcessPool:
        return on_crash(path, "检查此文件的工作进程意外退出")
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
