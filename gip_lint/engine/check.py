"""``gip-lint check``'s phases, in the order flake8's application runs them.

settings → plugins and the output format → the files → lint (serially, ``-j``, a Dask cluster,
the result cache, ``--previous``) → suppressions and the baseline → format → exit status.

The command line (:mod:`gip_lint.cli.commands.check`) defines the options, calls the phases
of a :class:`Check` and writes what they return.  ``args`` is any object with the check
command's options as attributes (an :class:`argparse.Namespace`).  A mistake in the call is
a :class:`gip_lint.engine.errors.UsageError` (exit 2); so is a bad configuration or baseline
file, once the command line has turned their errors into it.
"""

from __future__ import annotations

import os
from typing import Optional

from gip_lint.engine.errors import UsageError


def jobs_for(args) -> int:
    """``-j``, or as many workers as this process may use cores."""
    from gip_lint.engine.parallel import default_jobs

    return args.jobs if args.jobs is not None else default_jobs()


def cluster_for(args):
    """The Dask client for ``--scheduler`` (None without it); a usage error when it cannot connect."""
    if not getattr(args, "scheduler", None):
        return None
    from gip_lint.engine.distributed import ClusterError, connect

    try:
        return connect(args.scheduler)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None


def parquet_ready(output_file: Optional[str]) -> None:
    """Parquet needs a file and pyarrow: said before any file is linted."""
    from gip_lint.formatters.parquet import MissingPyarrow, require_pyarrow

    try:
        require_pyarrow()
        if not output_file:
            raise MissingPyarrow("--format parquet 需要 --output-file FILE（Parquet 是二进制格式）")
    except MissingPyarrow as exc:
        raise UsageError(str(exc)) from None


class Check:
    """One run of ``gip-lint check``; each method is a phase, called in order."""

    def __init__(self, args) -> None:
        """Phase 1, the settings: the command line's layer and the resolver of configuration files."""
        from gip_lint.config.files import Resolver
        from gip_lint.config.settings import from_args

        try:
            cli = from_args(args)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if not args.paths:
            raise UsageError("请给出要检查的文件或目录（- 表示标准输入）")
        if args.config and not os.path.isfile(args.config):
            raise UsageError(f"配置文件不存在：{args.config}")
        self.args = args
        self.resolver = Resolver(cli, config_path=args.config, isolated=args.isolated,
                                 stdin_filename=args.stdin_filename, local_plugins=not args.no_local_plugins)
        self._reported: list = []
        self._pairs: list = []  # (diagnostic, the fail-on rank of its file's settings)

    def report_plugin_errors(self) -> None:
        """Say which plugins failed to load (each once, however many phases ask)."""
        from gip_lint.engine.plugins import report_plugin_errors

        fresh = [error for error in self.resolver.plugin_errors if error not in self._reported]
        self._reported += fresh
        report_plugin_errors(fresh)

    def show_settings(self, out) -> None:
        """``--show-settings``: write the settings of each PATH, and where each came from, to ``out``."""
        from gip_lint.report.settings_table import settings_table

        for path in self.args.paths:
            out.write(settings_table(self.resolver, path))
        self.report_plugin_errors()

    def load_plugins(self) -> None:
        """Phase 2: the plugins and the output format, chosen once per run from the
        configuration of the first PATH; ``require-plugins`` checked."""
        from gip_lint.engine.plugins import missing_required

        first = self.args.paths[0]
        self.settings = settings = self.resolver.settings_for(first)
        self.plugins = plugins = self.resolver.plugins_for(first)
        missing = missing_required(plugins, list(settings.require_plugins))
        if missing:
            self.report_plugin_errors()
            raise UsageError(f"要求的插件没有加载：{', '.join(missing)}（用 pip 安装它，或看上面的插件错误）")
        formatters = {f.name: f for f in plugins.formatters}
        if settings.format not in formatters:
            where = settings.source.get("format", "")
            raise UsageError(f"未知的输出格式：{settings.format}（来自 {where}；可用：{', '.join(sorted(formatters))}）")
        self.formatter = formatters[settings.format]
        if self.formatter.name == "parquet":
            parquet_ready(self.args.output_file)

    def discover(self) -> list[str]:
        """Phase 3: the files to lint (``--force-exclude`` applied); the baseline is read
        first, so a bad baseline file fails before any file is linted."""
        from gip_lint.engine import runner

        args, resolver = self.args, self.resolver
        paths = args.paths
        if args.force_exclude:
            paths = [p for p in paths if (p == "-" and not args.stdin_filename) or os.path.isdir(p)
                     or not resolver.is_excluded(resolver.lookup_path(p))]
        self.paths = paths
        self.accepted = None
        if args.baseline and not args.write_baseline:
            from gip_lint.report.baseline import load_baseline

            self.accepted = load_baseline(args.baseline)
        self.files = files = runner.files_to_lint(paths, self.plugins, resolver)
        if paths and not files and not runner.files_to_lint(paths, self.plugins):
            # Never a silent all-clear; files left out by `exclude` (or --force-exclude) are a choice.
            raise UsageError(f"没有找到可检查的报告文件：{'、'.join(paths)}"
                             f"（支持 {' '.join(runner.supported_extensions(tuple(self.plugins.readers)))}）")
        return files

    def lint(self) -> list:
        """Phase 4 and the suppressions: every file linted (``--previous``, or the runner with
        ``-j``, a cluster, the cache), suppressions applied per file; the diagnostics in
        flake8's order (path, position, code)."""
        import sys

        import attrs

        from gip_lint.engine import runner
        from gip_lint.engine.setup import setup_for
        from gip_lint.report.summary import Summary
        from gip_lint.rule import SEVERITY_RANK

        args, resolver, settings = self.args, self.resolver, self.settings
        if args.previous and self.paths:
            from gip_lint.engine.pairing import check_with_previous

            try:
                results = check_with_previous(self.paths, args.previous, settings, self.plugins, resolver)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        else:
            results = runner.run(self.paths, settings, self.plugins, resolver, jobs=jobs_for(args), files=self.files,
                                 cache_dir=None if args.no_cache else settings.cache_dir, cluster=cluster_for(args))
        self.run_summary = Summary()
        pairs, preview_not_run = [], {}
        for result in results:
            self.run_summary.add(result.diagnostics)
            setup = setup_for(resolver, result.path)
            preview_not_run.update(dict.fromkeys(setup.preview_not_run()))
            found = setup.unsuppressed(result.path, result.diagnostics)
            if result.path == "-" and args.stdin_filename:
                found = [attrs.evolve(d, path=args.stdin_filename) for d in found]
            pairs.extend((d, SEVERITY_RANK[setup.settings.fail_on]) for d in found)
        self.report_plugin_errors()
        if preview_not_run:  # once per run, however many files select the rule
            print(f"gip-lint: 警告：{'、'.join(preview_not_run)} 是预览规则，未加 --preview 不会运行", file=sys.stderr)
        pairs.sort(key=lambda pair: pair[0])  # by path, then position, then code (flake8's order)
        self._pairs = pairs
        return self.found

    @property
    def found(self) -> list:
        return [d for d, _ in self._pairs]

    def write_baseline(self) -> int:
        """``--write-baseline FILE``: record every diagnostic; the number recorded."""
        from gip_lint.config.files import project_root
        from gip_lint.report.baseline import write_baseline

        return write_baseline(self.args.write_baseline, self.found, project_root())

    def apply_baseline(self) -> list:
        """Phase 5: without the diagnostics ``--baseline`` accepts, plus GIP010 for its
        entries that no longer match anything (when selected)."""
        if self.accepted is None:
            return self.found
        from gip_lint.config.files import project_root
        from gip_lint.report.baseline import apply_baseline, stale_entries, unmatched
        from gip_lint.rule import SEVERITY_RANK

        root, found, baseline = project_root(), self.found, self.args.baseline
        kept = apply_baseline(found, self.accepted, root)
        thresholds = {id(d): t for d, t in self._pairs}
        pairs = [(d, thresholds[id(d)]) for d in kept]
        if self.resolver.selection_for(self.settings, baseline)("GIP010"):
            stale = stale_entries(baseline, unmatched(found, self.accepted, root), root, self.files)
            pairs += [(d, SEVERITY_RANK[self.settings.fail_on]) for d in stale]
        self._pairs = pairs
        return self.found

    def render(self):
        """Phase 6: (the formatter's output — text, bytes, or None for Parquet, written by
        :meth:`write_parquet` — and the ``--statistics``/``--count`` text)."""
        from gip_lint.config.files import project_root
        from gip_lint.formatters import FormatContext

        args, found = self.args, self.found
        source_line, source_at = _source_lines(args.stdin_filename)
        self.context = FormatContext(rules=self.resolver.all_rules(), source_line=source_line, root=project_root(),
                                     source_at=source_at, files=self.files)
        output = self.formatter.render(found, self.context) if self.formatter.name != "parquet" else None
        extras = _extras(found, self.context, args)
        if isinstance(output, bytes) and not args.output_file:
            raise UsageError(f"--format {self.settings.format} 生成的是文件，请用 --output-file 指定写到哪里"
                             f"（如 --output-file 结果.{self.settings.format}）")
        return output, extras

    def write_parquet(self, path: str) -> None:
        from gip_lint.formatters.parquet import write_findings

        write_findings(self.found, self.context, path)

    def summary(self) -> str:
        """The end-of-run summary for stderr ("" unless ``--summary`` or a run of many files)."""
        return self.run_summary.render() if self.run_summary.wanted(self.args.summary, len(self.files)) else ""

    def failed(self) -> bool:
        """Phase 7: whether the run exits 1 — a finding at its file's ``fail-on`` or above
        (not with ``--exit-zero``), or a crashing rule, which ``--exit-zero`` does not hide
        (ignoring GIP999 itself does: it is then never reported)."""
        from gip_lint.engine.core_codes import RULE_CRASHED
        from gip_lint.rule import SEVERITY_RANK

        failing = any(SEVERITY_RANK.get(d.severity, 2) >= threshold for d, threshold in self._pairs)
        crashed = any(d.code == RULE_CRASHED.code for d, _ in self._pairs)
        return crashed or (failing and not self.args.exit_zero)


def _extras(diagnostics, context, args) -> str:
    from gip_lint.formatters.statistics import statistics_table

    text = statistics_table(diagnostics, context) if args.statistics else ""
    if args.count:
        text += f"{len(diagnostics)}\n"
    return text


def _source_lines(stdin_filename):
    """``source_line(path, line)`` and ``source_at(path, line, column)`` for the ``full`` format:
    reads each file once, lazily."""
    from functools import lru_cache

    from gip_lint.engine.linter import read_source
    from gip_lint.report.source_lines import SourceLines

    @lru_cache(maxsize=64)
    def lines_of(path: str):
        if path == "-" or path == stdin_filename:
            return None  # standard input was consumed
        source = read_source(path)
        return SourceLines(source) if hasattr(source, "original_line") else None

    def source_line(path: str, line: int) -> str:
        source = lines_of(path)
        return source.at(line, 1)[0] if source is not None else ""

    def source_at(path: str, line: int, column: int) -> tuple[str, int]:
        source = lines_of(path)
        return source.at(line, column) if source is not None else ("", column)

    return source_line, source_at
