"""Lint many files: discover them, lint each, yield results in a deterministic order.

``check`` (:mod:`gip_lint.engine.check`) and :func:`gip_lint.api.lint_paths` lint their files
with :func:`run`.  Every file is linted with its :class:`gip_lint.engine.setup.FileSetup`, as
the language server lints a buffer.
With ``jobs`` > 1 the files are linted in worker processes (:mod:`gip_lint.engine.parallel`); the
order of the results is the order of the files either way.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional, TypeVar

from gip_lint.readers.discover import discover
from gip_lint.engine.linter import FileResult
from gip_lint.engine.pairing import Predecessors, predecessors
from gip_lint.engine.plugins import PluginSet
from gip_lint.engine.setup import NullResolver, selection_for, setup_for  # noqa: F401  (selection_for: re-exported)
from gip_lint.readers import supported_extensions
from gip_lint.config.settings import Settings

T = TypeVar("T")


def files_to_lint(paths: Iterable[str], plugins: PluginSet, resolver=None) -> list[str]:
    """Every file ``paths`` names or contains, in the order they will be linted (without a
    resolver: nothing excluded)."""
    extensions = supported_extensions(tuple(plugins.readers)) or (".txt", ".md")
    return list(discover(paths, extensions, (resolver or NullResolver(plugins=plugins)).is_excluded))


def linter_for(settings: Settings, plugins: PluginSet, resolver=None, keep_report: bool = False,
               previous: Optional[Predecessors] = None, cache=None) -> Callable[[str], FileResult]:
    """A function linting one path.

    Each file is linted with its :class:`gip_lint.engine.setup.FileSetup` under ``resolver``:
    a :class:`gip_lint.config.files.Resolver` gives it the settings, plugins and
    per-file-ignores of its closest configuration file; without one, ``settings`` and
    ``plugins`` apply to every file (:class:`gip_lint.engine.setup.NullResolver`).  A report
    whose organ's report for the year before is in ``previous`` is linted against it
    (:mod:`gip_lint.engine.pairing`).  The report model is dropped unless ``keep_report``: a
    corpus run keeps only diagnostics, so memory does not grow with the number of files.
    With a :class:`gip_lint.engine.cache.ResultCache`, a file whose content, settings and
    plugins are unchanged since a run stored it is answered from the cache.
    """
    resolver = resolver or NullResolver(settings, plugins)
    previous = previous if previous is not None else Predecessors(readers=tuple(plugins.readers))

    def lint_one(path: str) -> FileResult:
        result = setup_for(resolver, path).lint(path, previous.report_for(path))
        return result if keep_report or result.report is None else FileResult(result.path, result.diagnostics)

    if cache is not None and not keep_report:
        from gip_lint.engine.cache import cached, describer

        return cached(lint_one, cache, describer(resolver, previous))
    return lint_one


def crashed(path: str, message: str) -> FileResult:
    """The result for a file whose linting failed outside every other guard (GIP999)."""
    from gip_lint.engine.core_codes import RULE_CRASHED
    from gip_lint.rule import Diagnostic

    return FileResult(path, (Diagnostic(
        path=path, line=1, column=1, code=RULE_CRASHED.code, severity=RULE_CRASHED.severity,
        message=f"检查此文件时出错，文件未被检查：{message}", anchor="crash:file",
        rule=RULE_CRASHED.name, plugin=RULE_CRASHED.plugin),))


def timed_out(path: str, seconds: float) -> FileResult:
    """The result for a file that took longer than the time limit (GIP001)."""
    from gip_lint.engine.core_codes import CANNOT_READ
    from gip_lint.rule import Diagnostic

    return FileResult(path, (Diagnostic(
        path=path, line=1, column=1, code=CANNOT_READ.code, severity=CANNOT_READ.severity,
        message=f"读取/检查用时超过 {seconds:g} 秒，文件未被检查完（可用 --time-limit 调整）",
        anchor="timeout:file", rule=CANNOT_READ.name, plugin=CANNOT_READ.plugin),))


def map_paths(task: Callable[[str], T], files: list[str], jobs: int = 1, progress: bool = False,
              on_crash: Callable[[str, str], T] = crashed, time_limit: float = 0.0,
              on_timeout: Callable[[str, float], T] = timed_out, cluster=None,
              predecessors: Optional[dict] = None) -> Iterator[T]:
    """``task`` over ``files`` (in worker processes when ``jobs`` > 1), results in file order;
    a file taking more than ``time_limit`` seconds (0: no limit) is ``on_timeout``.

    With a ``cluster`` (a :class:`distributed.Client`), ``task`` is a
    :class:`gip_lint.engine.distributed.Work` and runs on the cluster's workers instead.
    """
    from gip_lint.engine import startup
    from gip_lint.engine.parallel import map_files
    from gip_lint.engine.progress import track

    startup.resume()  # the command line's start-up is over (before workers fork)
    if cluster is not None and "-" not in files:
        from gip_lint.engine.distributed import map_on_cluster

        return track(map_on_cluster(cluster, task, files, on_crash, predecessors), len(files), progress)
    return track(map_files(task, files, jobs, on_crash, time_limit, on_timeout), len(files), progress)


def run(paths: Iterable[str], settings: Settings, plugins: PluginSet, resolver=None, jobs: int = 1,
        progress: Optional[bool] = None, files: Optional[list[str]] = None,
        cache_dir: Optional[str] = None, cluster=None) -> Iterator[FileResult]:
    """Lint every file under ``paths``; one :class:`FileResult` per file, in path order.

    The results carry diagnostics only (``report`` is None): nothing accumulates over a corpus.
    A report whose organ's report for the year before is among the files is linted against
    it (:mod:`gip_lint.engine.pairing`).  ``cache_dir`` names a result cache (:mod:`gip_lint.engine.cache`);
    with a ``cluster`` (:mod:`gip_lint.engine.distributed`) the files are linted on its workers.
    ``progress`` None shows a bar when :func:`gip_lint.engine.progress.wanted` says a person is
    watching a long run.
    """
    from gip_lint.engine import progress as progress_bar

    resolver = resolver or NullResolver(settings, plugins)
    files = files if files is not None else files_to_lint(paths, plugins, resolver)
    if jobs > 1:
        # Every file's setup once here, before the workers fork: they inherit the configuration
        # files and plugins it loaded, and a bad file fails the run (exit 2) as with -j 1.
        for path in files:
            setup_for(resolver, path)
    # Each report's predecessor among the files (same organ, the year before), for GIP506–GIP508:
    # paths only, found before the workers fork.
    previous = predecessors(files, plugins.rules, selection_for(settings), tuple(plugins.readers),
                            settings.max_file_size,
                            map_paths=lambda task, paths: map_paths(task, paths, jobs, on_crash=lambda path, _: None,
                                                                    time_limit=settings.time_limit,
                                                                    on_timeout=lambda path, _: None))
    show = progress_bar.wanted(len(files)) if progress is None else progress
    cache = None
    if cache_dir is not None:
        from gip_lint.engine.cache import ResultCache

        cache = ResultCache(cache_dir)
    if cluster is not None:
        from gip_lint.engine.distributed import CheckWork

        work = CheckWork.for_run(resolver, cache.directory if cache else None)
        return map_paths(work, files, jobs, show, cluster=cluster, predecessors=previous.paths)
    return map_paths(linter_for(settings, plugins, resolver, previous=previous, cache=cache), files, jobs, show,
                     time_limit=settings.time_limit)
