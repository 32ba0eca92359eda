"""Apply a function to many files in worker processes; results come back in input order.

Workers are forked, so they inherit the loaded plugins, settings and configuration: nothing
is pickled on the way in, and only each task's (small) result on the way back.  Files go
out in chunks with a bounded number in flight, so memory stays flat however many files
there are.  A task that raises becomes ``on_crash(path, message)``; a worker that dies
outright (a plugin calling ``os._exit``, a crash in C code) does not stop the run either:
the files of the chunk it had are re-run one per fresh worker, so the one that kills its
worker is identified and reported through ``on_crash`` and the others are linted normally.

A file may take ``time_limit`` seconds (0: no limit); one that takes longer becomes
``on_timeout(path, seconds)`` and the run goes on.  Python code that overruns is interrupted by
SIGALRM in the process running it (:mod:`gip_lint.engine.time_limit`); a worker stuck in C code,
where no signal handler runs, is killed by the parent and replaced.

Where ``fork`` is not available (Windows, and macOS where it is unsafe), files are linted
in-process one after another.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from typing import Callable, Iterator, Optional, Sequence, TypeVar

from gip_lint.engine.time_limit import TimeLimitExceeded, time_limit

T = TypeVar("T")

# Fewer files than this are linted in-process: forking workers would cost more than it saves.
MIN_FILES_FOR_WORKERS = 8
MAX_CHUNK = 32
# How much longer than its files' time limits the parent waits for a chunk before it ends the worker.
GRACE_SECONDS = 5.0

_TASK: Optional[Callable] = None  # set in the parent before forking; inherited by the workers
_LIMIT = 0.0  # likewise: seconds a file may take


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
    return [_guarded(_TASK, path, _LIMIT) for path in paths]


def _guarded(task: Callable, path: str, seconds: float = 0.0):
    try:
        with time_limit(seconds):
            return ("ok", task(path))
    except TimeLimitExceeded:
        return ("timeout", seconds)
    except Exception as exc:  # the task's own guards failed: report, never lose the other files
        return ("crash", f"{type(exc).__name__}: {exc}")


def _unwrap(outcome, path: str, on_crash: Callable[[str, str], T], on_timeout: Callable) -> T:
    kind, value = outcome
    if kind == "timeout":
        return on_timeout(path, value)
    return value if kind == "ok" else on_crash(path, value)


def _chunk_size(count: int, jobs: int) -> int:
    return max(1, min(MAX_CHUNK, count // (jobs * 4)))


def map_files(task: Callable[[str], T], paths: Sequence[str], jobs: int,
              on_crash: Callable[[str, str], T], time_limit: float = 0.0,
              on_timeout: Optional[Callable[[str, float], T]] = None) -> Iterator[T]:
    """Yield ``task(path)`` for every path, in order, using up to ``jobs`` processes."""
    if on_timeout is None:
        on_timeout = lambda path, seconds: on_crash(path, f"用时超过 {seconds:g} 秒")  # noqa: E731
    if jobs <= 1 or len(paths) < MIN_FILES_FOR_WORKERS or "-" in paths or not can_fork():
        for path in paths:
            yield _unwrap(_guarded(task, path, time_limit), path, on_crash, on_timeout)
        return
    yield from _map_in_workers(task, list(paths), jobs, on_crash, time_limit, on_timeout)


def _executor(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_ignore_interrupts)


def _deadline(files: int, seconds: float) -> Optional[float]:
    """How long the parent waits for a task of ``files`` files (None: for ever)."""
    return files * seconds + GRACE_SECONDS if seconds else None


def _end_workers(executor) -> None:
    """Kill the pool's workers (one is stuck where no signal handler runs) and shut it down."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()
    executor.shutdown(wait=True, cancel_futures=True)


def _map_in_workers(task, paths: list, jobs: int, on_crash, seconds: float, on_timeout) -> Iterator:
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool

    global _TASK, _LIMIT
    _TASK, _LIMIT = task, seconds
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
                outcomes = future.result(timeout=_deadline(len(chunk), seconds))
            except (BrokenProcessPool, FutureTimeout):
                # A worker died or is stuck.  Re-run this chunk one file per worker to find the
                # culprit, then carry on with a fresh pool for everything still pending.
                _end_workers(executor)
                for path in chunk:
                    yield _isolated(path, on_crash, seconds, on_timeout)
                chunks.extendleft(reversed([c for c, _ in pending]))
                pending.clear()
                executor = _executor(jobs)
                continue
            for path, outcome in zip(chunk, outcomes):
                yield _unwrap(outcome, path, on_crash, on_timeout)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        _TASK, _LIMIT = None, 0.0


def _isolated(path: str, on_crash, seconds: float, on_timeout):
    """Run one file in a worker of its own; a worker that dies is reported for this file,
    one still busy past the time limit is killed and the file reported as too slow."""
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool

    executor = _executor(1)
    try:
        outcome = executor.submit(_run_chunk, [path]).result(timeout=_deadline(1, seconds))[0]
        return _unwrap(outcome, path, on_crash, on_timeout)
    except BrokenProcessPool:
        return on_crash(path, "检查此文件的工作进程意外退出")
    except FutureTimeout:
        return on_timeout(path, seconds)
    finally:
        _end_workers(executor)
