"""Lint on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Nothing that was loaded in this process is sent to the workers: a *work* — a small,
picklable description of the run (command-line settings, configuration file, cache
directory) — is, and each worker builds the linter from it once (plugins, configuration
files) and keeps it for the following chunks.  Each chunk carries the year-over-year
predecessors of its own files only, so what is sent grows with the chunk, not the corpus.  Workers must
therefore have the same gip-lint and plugins installed and see the files under the same
paths (one machine, or a shared file system); relative paths are made absolute here and
given back as the user wrote them.

Files go out in chunks, a bounded number in flight; results come back in file order, so
the output is the same as ``-j 1``.  A file whose linting raises becomes ``on_crash``'s
result (GIP999) and costs only itself; a chunk whose worker died is re-run one file per
task, so only the file that kills workers is reported.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections import deque
from typing import Callable, Iterator, NamedTuple, Optional, Sequence

MAX_CHUNK = 16
_BUILT: dict = {}  # work token → the task built from it, in each worker process
_LOCK = threading.Lock()


class ClusterError(Exception):
    """dask.distributed is missing or the scheduler cannot be reached: a usage error (exit 2)."""


def connect(address: str, timeout: float = 5.0):
    """A :class:`distributed.Client` for ``address``; raises :class:`ClusterError`."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--scheduler 需要 dask.distributed：pip install 'gip-lint[corpus]'") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"无法连接 Dask 调度器 {address}：{exc}") from None
    import atexit

    atexit.register(client.close)  # after the run's last result (the command line's client)
    return client


class Work:
    """What a worker needs to lint (or extract) one file; ``build()`` makes the task.

    Each kind is a NamedTuple of its fields with this class mixed in: small, and pickled by
    value to the workers.
    """

    __slots__ = ()

    def build(self) -> Callable[[str], object]:
        raise NotImplementedError

    def __call__(self, path: str):
        return _task_for(self)(path)


class _CheckFields(NamedTuple):
    token: str
    kind: type  # the run's resolver class
    cli: object  # the command line's Settings
    config_path: Optional[str]
    isolated: bool
    local_plugins: bool
    cache_dir: Optional[str]


class CheckWork(_CheckFields, Work):
    """``check``: the linter of :func:`gip_lint.engine.runner.linter_for`, rebuilt from settings.

    ``kind`` is the run's resolver class (a Resolver or the NullResolver), made again on the
    worker from the command line's settings and the options it was made with.
    """

    __slots__ = ()

    @classmethod
    def for_run(cls, resolver, cache_dir: Optional[str]) -> "CheckWork":
        forced = getattr(resolver, "_forced", None)
        return cls(uuid.uuid4().hex, type(resolver), resolver.cli, forced.path if forced is not None else None,
                   resolver.isolated, getattr(resolver, "local_plugins", True), cache_dir)

    def build(self):
        from gip_lint.engine.cache import ResultCache
        from gip_lint.engine.pairing import Predecessors
        from gip_lint.engine.runner import linter_for

        resolver = self.kind(self.cli, config_path=self.config_path, isolated=self.isolated,
                             local_plugins=self.local_plugins)
        plugins, settings = resolver.plugins_for_config(resolver._forced), self.cli
        previous = Predecessors({}, tuple(plugins.readers), settings.max_file_size)  # filled per chunk
        cache = ResultCache(self.cache_dir) if self.cache_dir else None
        task = linter_for(settings, plugins, resolver, previous=previous, cache=cache)
        task.predecessors = previous.paths
        return task


class _ShowFields(NamedTuple):
    token: str
    form: str


class ShowWork(_ShowFields, Work):
    """``show``: one file rendered in a format (:class:`gip_lint.engine.extract.ShowTask`)."""

    __slots__ = ()

    def build(self):
        from gip_lint.engine.extract import ShowTask
        from gip_lint.engine.plugins import load_plugins

        return ShowTask(self.form, load_plugins())


def _task_for(work: Work):
    with _LOCK:
        if work.token not in _BUILT:
            _BUILT.clear()  # one run at a time per worker keeps memory flat
            _BUILT[work.token] = work.build()
        return _BUILT[work.token]


def _run_chunk(work: Work, paths: Sequence[str], pairs: Optional[dict] = None) -> list:
    """On a worker: each path's ("ok", result) or ("crash", message).

    ``pairs``: the predecessors of these paths (added to the task's; the mapping is the
    same for every chunk of a run, so concurrent chunks never disagree).
    """
    from gip_lint.engine.parallel import _guarded

    task = _task_for(work)
    if pairs:
        task.predecessors.update(pairs)
    return [_guarded(task, path) for path in paths]


def _given_back(value, absolute: str, given: str):
    """A result whose paths are ``absolute`` again as the user wrote them."""
    if absolute == given:
        return value
    from gip_lint.engine.linter import FileResult

    if isinstance(value, FileResult):
        import attrs

        found = tuple(attrs.evolve(d, path=given) if d.path == absolute else d for d in value.diagnostics)
        return FileResult(given, found, value.report)
    if isinstance(value, tuple) and value and value[0] == absolute:  # show's (path, output, codes, error)
        def back(part):
            if isinstance(part, str):
                return part.replace(absolute, given)
            if isinstance(part, list):  # a csv/parquet row starts with the path
                return [given if item == absolute else item for item in part]
            return part

        return (given, *(back(part) for part in value[1:]))
    return value


def _task_failed(exc: BaseException) -> str:
    return (f"Dask 任务出错：{type(exc).__name__}: {exc}"
            "（工作进程须安装与此处相同的 gip-lint 和插件，并能以相同路径读到文件）")


def map_on_cluster(client, work: Work, files: Sequence[str], on_crash: Callable[[str, str], object],
                   predecessors: Optional[dict] = None) -> Iterator:
    """``work``'s task over ``files`` on the cluster of ``client``, results in file order.

    ``predecessors``: year-over-year pairs (path → last year's path) for a check.
    """
    from distributed import KilledWorker

    pairs = {os.path.abspath(path): os.path.abspath(last) for path, last in (predecessors or {}).items()}
    absolute = [os.path.abspath(path) for path in files]
    given = dict(zip(absolute, files))
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    size = max(1, min(MAX_CHUNK, len(files) // (workers * 4) or 1))
    chunks = deque(absolute[i:i + size] for i in range(0, len(absolute), size))
    pending: deque = deque()

    def submit(chunk):
        chunk_pairs = {path: pairs[path] for path in chunk if path in pairs}
        return client.submit(_run_chunk, work, chunk, chunk_pairs, pure=False)

    def unwrap(path, outcome):
        kind, value = outcome
        if kind == "ok":
            return _given_back(value, path, given[path])
        return on_crash(given[path], value)

    try:
        while chunks or pending:
            while chunks and len(pending) < workers * 4:
                chunk = chunks.popleft()
                pending.append((chunk, submit(chunk)))
            chunk, future = pending.popleft()
            try:
                outcomes = future.result()
            except KilledWorker:
                for path in chunk:  # one file per task: only the culprit is lost
                    try:
                        [outcome] = submit([path]).result()
                    except KilledWorker:
                        outcome = ("crash", "检查此文件的 Dask 工作进程意外退出")
                    except Exception as exc:
                        outcome = ("crash", _task_failed(exc))
                    yield unwrap(path, outcome)
                continue
            except Exception as exc:  # the task itself failed (a worker with another gip-lint, …)
                for path in chunk:
                    yield unwrap(path, ("crash", _task_failed(exc)))
                continue
            for path, outcome in zip(chunk, outcomes):
                yield unwrap(path, outcome)
    finally:
        for _, future in pending:
            future.cancel()
