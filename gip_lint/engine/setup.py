"""How one file is linted (:class:`FileSetup`), answered in one place for every front end.

A *resolver* gives each path its settings and plugins: :class:`gip_lint.config.files.Resolver`
reads configuration files (closest wins, ``exclude``, ``per-file-ignores``), and
:class:`NullResolver` applies the defaults (one settings for every file, nothing excluded).
:func:`setup_for` turns either into the :class:`FileSetup` that the runner, the result cache,
the Dask workers, year-over-year pairing and the language server lint with, so none of them
asks which kind of resolver it has.
"""

from __future__ import annotations

from typing import Callable, Optional

from gip_lint.config.settings import Settings
from gip_lint.engine.linter import FileResult, Selection, lint_path
from gip_lint.rule import Context


def selection_for(settings: Settings) -> Selection:
    """The codes ``settings`` select (before any per-file-ignores)."""
    select = (settings.select + settings.extend_select) if settings.select else ()
    return Selection(select=select, ignore=settings.ignore, preview=settings.preview)


class FileSetup:
    """Everything that decides how one file is linted: its settings, the plugins (rules,
    readers) that apply to it, its selection of codes (per-file-ignores applied) and the
    name that chooses its reader (``--stdin-filename`` for ``-``).

    A plain slotted class: made for every file, never compared or pickled (a NamedTuple's
    class would cost ≈0.7 M instructions more at every cold start).
    """

    __slots__ = ("settings", "plugins", "selection", "name")

    def __init__(self, settings: Settings, plugins, selection: Callable[[str], bool], name: Optional[str] = None):
        self.settings = settings
        self.plugins = plugins  # a gip_lint.engine.plugins.PluginSet
        self.selection = selection
        self.name = name

    @property
    def rules(self) -> tuple:
        return self.plugins.rules

    @property
    def readers(self) -> tuple:
        return tuple(self.plugins.readers)

    @property
    def severity_overrides(self) -> dict:
        return self.settings.severity

    @property
    def max_bytes(self) -> int:
        return self.settings.max_file_size

    def context(self, previous=None) -> Context:
        return Context(options=dict(self.settings.options), previous=previous)

    def lint(self, path: str, previous=None) -> FileResult:
        """Read and lint ``path`` (``previous``: last year's report, for GIP506–GIP508)."""
        return lint_path(path, self.rules, self.selection, self.context(previous), readers=self.readers,
                         max_bytes=self.max_bytes, severity_overrides=self.severity_overrides, name=self.name)

    def unsuppressed(self, path: str, diagnostics, data: Optional[bytes] = None) -> list:
        """``diagnostics`` of ``path`` without those its ``gip-lint: ignore[…]`` suppressions
        hide, with GIP010/GIP011 as selected: what ``check`` reports and the language server
        shows (``data``: the editor's buffer, which may differ from the file on disk)."""
        from gip_lint.report.suppression import apply_suppressions

        return apply_suppressions(path, diagnostics, self.selection, data)

    def preview_not_run(self) -> tuple:
        """The preview rules this file's settings select by their exact code (``select``,
        ``extend-select``) that do not run because preview is off: ruff warns about those.
        A prefix (``GIP5``) that happens to cover a preview rule is no request for it."""
        settings = self.settings
        if settings.preview or not (settings.select or settings.extend_select):
            return ()
        named = dict.fromkeys(settings.select + settings.extend_select)
        return tuple(code for code in named
                     if (rule := self.plugins.rule(code)) is not None and rule.preview and self.selection(code))


def setup_for(resolver, path: str) -> FileSetup:
    """The :class:`FileSetup` of ``path`` under ``resolver`` (a Resolver or a NullResolver)."""
    settings = resolver.settings_for(path)
    return FileSetup(settings, resolver.plugins_for(path), resolver.selection_for(settings, path),
                     resolver.lookup_path(path))


class NullResolver:
    """The defaults, with a :class:`gip_lint.config.files.Resolver`'s interface: ``cli`` (the
    settings) for every file, no configuration file, nothing excluded, no per-file-ignores.

    ``plugins`` are loaded on first use (installed plugins and ``cli.plugins``) when not
    given.  The keyword arguments a Resolver takes are accepted, so a Dask worker rebuilds
    either kind the same way (:class:`gip_lint.engine.distributed.CheckWork`).
    """

    isolated = True
    stdin_filename = None
    _forced = None  # as Resolver's: the configuration file forced for every path

    def __init__(self, cli: Optional[Settings] = None, plugins=None, **_resolver_options) -> None:
        self.cli = cli if cli is not None else Settings()
        self._plugins = plugins

    @property
    def plugins(self):
        if self._plugins is None:
            from gip_lint.engine.plugins import load_plugins

            self._plugins = load_plugins(local_plugins=self.cli.plugins)
        return self._plugins

    @property
    def plugin_errors(self) -> list:
        return list(self.plugins.errors)

    def lookup_path(self, path: str) -> str:
        return path

    def config_for(self, path: str) -> None:
        return None

    def plugins_for_config(self, config):
        return self.plugins

    def plugins_for(self, path: str):
        return self.plugins

    def settings_for(self, path: str) -> Settings:
        return self.cli

    def selection_for(self, settings: Settings, path: str) -> Selection:
        return selection_for(settings)

    def all_rules(self) -> dict:
        return {rule.code: rule for rule in self.plugins.rules}

    def is_excluded(self, path: str) -> bool:
        return False
