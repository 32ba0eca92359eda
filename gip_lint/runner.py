"""Lint many files: discover them, lint each, yield results in a deterministic order.

The check command is a thin layer over :func:`run`; so are the testing kit and the
language server, which lint one text at a time with :func:`gip_lint.linter.lint_source`.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from gip_lint.discover import discover
from gip_lint.linter import FileResult, Selection, lint_path
from gip_lint.pairing import predecessors
from gip_lint.plugins import PluginSet
from gip_lint.readers import supported_extensions
from gip_lint.rule import Context
from gip_lint.settings import Settings


def selection_for(settings: Settings) -> Selection:
    select = (settings.select + settings.extend_select) if settings.select else ()
    return Selection(select=select, ignore=settings.ignore)


def run(paths: Iterable[str], settings: Settings, plugins: PluginSet, resolver=None) -> Iterator[FileResult]:
    """Lint every file under ``paths``; one :class:`FileResult` per file, in path order.

    With a :class:`gip_lint.config.Resolver`, each file gets the settings, plugins and
    per-file-ignores of its closest configuration file, and ``exclude`` prunes the walk.
    A report whose organ's report for the year before is among the files is linted against
    it (:mod:`gip_lint.pairing`).
    """
    readers = tuple(plugins.readers)
    extensions = supported_extensions(readers) or (".txt", ".md")
    selection = selection_for(settings)
    exclude = resolver.is_excluded if resolver is not None else (lambda path: False)
    files = list(discover(paths, extensions, exclude))
    # Each report's predecessor among the files (same organ, the year before), for GIP506–GIP508.
    previous = predecessors(files, plugins.rules, selection, readers, settings.max_file_size)
    for path in files:
        if resolver is None:
            yield lint_path(path, plugins.rules, selection, Context(previous=previous.report_for(path)),
                            readers=readers, max_bytes=settings.max_file_size, severity_overrides=settings.severity)
            continue
        file_settings, file_plugins = resolver.settings_for(path), resolver.plugins_for(path)
        yield lint_path(path, file_plugins.rules, resolver.selection_for(file_settings, path),
                        Context(options=dict(file_settings.options), previous=previous.report_for(path)),
                        readers=tuple(file_plugins.readers),
                        max_bytes=file_settings.max_file_size, severity_overrides=file_settings.severity,
                        name=resolver.lookup_path(path))
