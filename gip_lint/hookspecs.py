"""The hooks a gip-lint plugin can implement — the whole extension surface, in one file.

A plugin is a module (or object) registered under the ``gip_lint`` entry-point group::

    # pyproject.toml of a plugin
    [project.entry-points.gip_lint]
    henan = "gip_lint_henan"

and implements any of the hooks below with :data:`gip_lint.hookimpl` (the ``hookimpl``
of this module).  The built-in rules, readers and formatters are registered the same way
(entry point ``builtin``): the core has no private path for them.  Plugins register in the
order of their entry-point names (``builtin`` first), then the local plugin files
(``--plugin``, ``plugins = [...]``).  Each hook is called once each time the plugins are
loaded: once per run, again for each other set of local plugin files the configuration files
name, in each Dask worker, and in the language server when a local plugin file changes.
gip-lint calls every plugin's implementation separately, so one plugin that raises is
reported (:func:`gip_lint.engine.plugins.report_plugin_errors`) and the others still load.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("gip_lint")
hookimpl = pluggy.HookimplMarker("gip_lint")


# -------------------------------------------------------------------------------------------------
# Rules
# -------------------------------------------------------------------------------------------------


@hookspec
def gip_lint_rules():
    """Return the rules this plugin provides, as a list of :class:`gip_lint.rule.Rule`.

    Make rules with the :func:`gip_lint.rule.rule` decorator.  Codes must be unique across
    all plugins and start with the plugin's own prefix (``GIP`` is reserved for gip-lint;
    a provincial plugin uses e.g. ``HA101``).  A rule whose check raises is reported as
    GIP999 naming the rule and the plugin; the other rules still run.
    """


# -------------------------------------------------------------------------------------------------
# Readers
# -------------------------------------------------------------------------------------------------


@hookspec
def gip_lint_readers():
    """Return readers for file types, as a list of :class:`gip_lint.readers.Reader`.

    A reader turns a file's bytes into a :class:`gip_lint.source.SourceText` (lines of text,
    table rows TAB-separated) plus an ``origin`` function mapping positions back into the
    file.  Readers of later-registered plugins win for the same extension, and a plugin's
    reader wins over gip-lint's own (``check``, ``show`` and the language server alike).
    """


# -------------------------------------------------------------------------------------------------
# Output
# -------------------------------------------------------------------------------------------------


@hookspec
def gip_lint_formatters():
    """Return output formats, as a list of :class:`gip_lint.formatters.Formatter`.

    Each formatter has a name (the value of ``--format``) and turns the run's diagnostics
    into text (or bytes: a binary format, written only to ``--output-file``).  A format read
    by programs says ``machine=True``: gip-lint then writes ``--statistics`` and ``--count``
    to stderr instead of after its output; it must not print human headers itself.
    """


# -------------------------------------------------------------------------------------------------
# Configuration
# -------------------------------------------------------------------------------------------------


@hookspec
def gip_lint_default_config():
    """Return a dict of this plugin's options and their defaults.

    Users set them as keys of the configuration file (``.gip-lint.toml``, or
    ``[tool.gip-lint]`` in ``pyproject.toml``; a key no plugin declares is an error); rules
    read them from ``context.options``.
    """
