"""The library API: ``parse(text_or_path) -> Report``.  No I/O beyond reading the input."""

from __future__ import annotations

import os
from typing import Optional, Union

from gip_lint.model.build import build_report
from gip_lint.model.document import Report
from gip_lint.parsing.parser import parse_blocks
from gip_lint.readers import BUILTIN_READERS, Reader, reader_for
from gip_lint.source import SourceText, from_text


def parse_source(source: SourceText) -> Report:
    """Parse an already-read source into the document model."""
    return build_report(source, parse_blocks(source.text, source.original))


def read_path(path: Union[str, os.PathLike], readers: tuple[Reader, ...] = BUILTIN_READERS) -> SourceText:
    """Read a file with the reader for its extension (raises OSError or DecodeError)."""
    name = os.fspath(path)
    with open(name, "rb") as handle:
        data = handle.read()
    return reader_for(name, readers).read(data, name)


def parse(text_or_path: Union[str, bytes, os.PathLike], path: str = "<string>") -> Report:
    """Parse a report given as text, bytes, or a path to a file.

    A ``str`` is taken as report text unless it is a single line naming an existing file;
    pass a :class:`pathlib.Path` to be explicit.  Raises :class:`gip_lint.source.DecodeError`
    for bytes that are not text, OSError for unreadable files.
    """
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and os.path.isfile(text_or_path)
    ):
        return parse_source(read_path(text_or_path))
    if isinstance(text_or_path, bytes):
        from gip_lint.source import from_bytes

        return parse_source(from_bytes(text_or_path, path))
    return parse_source(from_text(text_or_path, path=path))


# -- corpora: the same work as ``gip-lint check`` / ``show --format csv``, for notebooks ------------

def lint_paths(paths, *, select=None, ignore=None, config: Optional[str] = None, isolated: bool = False,
               jobs: int = 1, scheduler=None, cache_dir: Optional[str] = None) -> list:
    """Lint files and directories as ``gip-lint check`` does; its diagnostics, sorted as it prints them.

    ``select``/``ignore``: codes or prefixes (a list or "GIP2,GIP301"); ``config`` forces one
    configuration file, ``isolated`` reads none.  ``scheduler``: a Dask scheduler address or a
    :class:`distributed.Client` (the files are linted on its workers); ``cache_dir``: a result
    cache.  A Spark or Ray user calls this once per partition with that partition's paths.
    """
    from gip_lint.engine import runner
    from gip_lint.config.files import Resolver
    from gip_lint.config.settings import CLI_SOURCE, Settings, split_codes

    values = {}
    for name, given in (("select", select), ("ignore", ignore)):
        if given is not None:
            values[name] = split_codes(given if isinstance(given, str) else ",".join(given))
    if cache_dir is not None:
        values["cache_dir"] = os.path.abspath(cache_dir)
    cli = Settings(**values, base_dir=os.getcwd(), source={name: CLI_SOURCE for name in values})
    paths = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    if not paths:
        return []
    resolver = Resolver(cli, config_path=config, isolated=isolated)
    settings, plugins = resolver.settings_for(paths[0]), resolver.plugins_for(paths[0])
    client, owned = _client(scheduler)
    try:
        results = runner.run(paths, settings, plugins, resolver, jobs=jobs, progress=False,
                             cache_dir=settings.cache_dir, cluster=client)
        return sorted(d for result in results for d in result.diagnostics)
    finally:
        if owned:
            client.close()


def extract(paths, *, jobs: int = 1, scheduler=None) -> list[dict]:
    """One dict per file that parsed, as ``show --format csv``'s rows (columns documented in
    README.md), values typed: None for a blank cell, never 0.  In file order."""
    from gip_lint.engine import runner
    from gip_lint.engine.extract import ShowTask
    from gip_lint.report.corpus_table import header
    from gip_lint.engine.plugins import load_plugins

    plugins = load_plugins()
    paths = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    files = runner.files_to_lint(paths, plugins)
    task = ShowTask("csv", plugins)
    columns = header(task.codes)
    client, owned = _client(scheduler)
    if client is not None:
        from uuid import uuid4

        from gip_lint.engine.distributed import ShowWork

        task = ShowWork(uuid4().hex, "csv")
    try:
        rows = runner.map_paths(task, files, jobs, False, on_crash=lambda path, message: (path, None, [], message),
                                cluster=client)
        return [dict(zip(columns, (None if value == "" else value for value in row)))
                for _, row, _, error in rows if error is None]
    finally:
        if owned:
            client.close()


def extract_table(paths, *, jobs: int = 1, scheduler=None):
    """:func:`extract` as a :class:`pyarrow.Table` with the Parquet schema (needs pyarrow)."""
    from gip_lint.report.corpus_table import header
    from gip_lint.formatters.parquet import _typed, report_schema, require_pyarrow
    from gip_lint.engine.plugins import load_plugins

    pa = require_pyarrow()
    schema = report_schema(header([rule.code for rule in load_plugins().rules]))
    rows = extract(paths, jobs=jobs, scheduler=scheduler)
    return pa.table({field.name: [_typed(row[field.name], str(field.type)) for row in rows] for field in schema},
                    schema=schema)


def _client(scheduler):
    """(client, whether this call made it and must close it)."""
    if scheduler is None or not isinstance(scheduler, str):
        return scheduler, False
    from gip_lint.engine.distributed import connect

    return connect(scheduler), True
