"""What applies to one editor buffer: the settings, plugins and rules of its closest configuration.

The same configuration files as ``gip-lint check`` (``.gip-lint.toml`` or ``[tool.gip-lint]``
in ``pyproject.toml``, closest wins), read through :class:`gip_lint.config.files.Resolver`.  A server
lives for a whole editing session, so a configuration file that is created, edited or removed
is noticed before the next lint (by its path and modification time) and read again.
"""

from __future__ import annotations

import os
from typing import Optional

from gip_lint.config.files import Resolver, find_config_file, validate_codes
from gip_lint.engine.setup import FileSetup, setup_for
from gip_lint.rule import Rule
from gip_lint.config.settings import Settings


def _stamp(path: Optional[str]) -> Optional[tuple[str, int]]:
    if path is None:
        return None
    try:
        return path, os.stat(path).st_mtime_ns
    except OSError:
        return path, -1


class Project:
    """Per-document setups, with configuration files re-read when they change on disk."""

    def __init__(self, cli: Settings, config_path: Optional[str] = None, isolated: bool = False):
        from gip_lint.engine.plugins import load_plugins

        self.cli = cli
        self.config_path = os.path.abspath(config_path) if config_path else None
        self.isolated = isolated
        self._plugin_sets: dict = {}
        self._load_plugins = load_plugins
        self._resolver = self._new_resolver()
        self._seen: dict[str, Optional[tuple[str, int]]] = {}  # directory → config file stamp

    def _cached_plugins(self, local_plugins=(), **kwargs):
        # Installed plugins load once per server; a local plugin file again when it changes.
        key = tuple(_stamp(path) for path in local_plugins)
        if key not in self._plugin_sets:
            self._plugin_sets[key] = self._load_plugins(local_plugins=local_plugins, **kwargs)
        return self._plugin_sets[key]

    def _new_resolver(self) -> Resolver:
        return Resolver(self.cli, config_path=self.config_path, isolated=self.isolated,
                        load_plugins=self._cached_plugins)

    def validate_command_line(self) -> None:
        """Raise ConfigError for an unknown code given on the command line (checked at start)."""
        validate_codes(None, self.cli, {rule.code for rule in self._cached_plugins().rules})

    def _current_resolver(self, path: str) -> Resolver:
        if self.isolated:
            return self._resolver
        if self.config_path:
            directory, found = "", self.config_path
        else:
            directory = os.path.dirname(os.path.abspath(path))
            found = find_config_file(directory)
        stamp = _stamp(found)
        if directory in self._seen and self._seen[directory] != stamp:
            self._resolver, self._seen = self._new_resolver(), {}
        self._seen[directory] = stamp
        return self._resolver

    def setup_for(self, path: str) -> Optional[FileSetup]:
        """How to lint ``path``; None when ``exclude`` leaves it out.  Raises ConfigError."""
        resolver = self._current_resolver(path)
        if resolver.is_excluded(path):
            return None
        return setup_for(resolver, path)

    def rule(self, code: str) -> Optional[Rule]:
        """The rule behind ``code``, from any plugin set loaded so far."""
        for plugin_set in self._plugin_sets.values():
            for rule in plugin_set.rules:
                if rule.code == code:
                    return rule
        return None

    @property
    def plugin_errors(self) -> list:
        errors = []
        for plugin_set in self._plugin_sets.values():
            errors.extend(e for e in plugin_set.errors if e not in errors)
        return errors
