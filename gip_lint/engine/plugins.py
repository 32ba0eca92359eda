"""Find and load plugins (entry-point group ``gip_lint``) one by one, isolating failures.

A plugin that fails to import, raises in its rules hook, returns a malformed rule, uses a
code prefix another plugin (or gip-lint, ``GIP``) already has, is recorded as a
:class:`PluginError` (reported by :func:`report_plugin_errors` with the plugin's name) and the run goes
on without that plugin.  A plugin whose readers, formatters or default-config hook raises
loses only that part.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Iterable, NamedTuple, Optional

import attrs
import pluggy

from gip_lint import hookspecs
from gip_lint.rule import Rule, validate_rule

ENTRY_POINT_GROUP = "gip_lint"
RESERVED_PREFIX = "GIP"
BUILTIN = "builtin"


class PluginError(NamedTuple):
    """A plugin that failed to load, or a part of it (by the plugin's name) and why."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"插件 {self.plugin}：{self.message}"


def report_plugin_errors(errors, stream=None, show=None) -> None:
    """Say which plugins failed to load, one line each, on stderr (or ``stream``) or through
    ``show(line)`` (the language server's message to the editor).  Every front end reports
    them with this function, so they read the same everywhere."""
    import sys

    for error in errors:
        line = f"gip-lint: {error}"
        if show is not None:
            show(line)
        else:
            print(line, file=stream or sys.stderr)


class PluginInfo(NamedTuple):
    """A loaded plugin: its name (entry point, or ``local:PATH``), version and distribution."""

    name: str
    version: str
    distribution: str


@attrs.frozen
class PluginSet:
    """Everything the loaded plugins provide."""

    rules: tuple[Rule, ...]
    readers: tuple
    formatters: tuple
    default_config: dict
    plugins: tuple[PluginInfo, ...]
    errors: tuple[PluginError, ...]

    def rule(self, code: str) -> Optional[Rule]:
        for candidate in self.rules:
            if candidate.code == code:
                return candidate
        return None


def _entry_points():
    from gip_lint.engine.entry_points import entry_points  # not importlib.metadata: cold-start cost

    return entry_points(ENTRY_POINT_GROUP)


def _load_local(path: str) -> object:
    """Import a plugin module from a file path (``plugins = ["rules/local.py"]`` in config)."""
    from pathlib import Path

    file = Path(path)
    name = "gip_lint_local_" + file.stem
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_plugins(local_plugins: Iterable[str] = (), disable: Iterable[str] = ()) -> PluginSet:
    """Load every installed plugin, then local plugin files, and collect what they provide."""
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    errors: list[PluginError] = []
    infos: list[PluginInfo] = []
    disabled = set(disable)

    for entry_point in sorted(_entry_points(), key=lambda ep: (ep.name != BUILTIN, ep.name)):
        if entry_point.name in disabled or manager.has_plugin(entry_point.name):
            continue
        dist = getattr(entry_point, "dist", None)
        version = dist.version if dist is not None else ""
        try:
            module = entry_point.load()
            manager.register(module, name=entry_point.name)
        except Exception as exc:  # any failure of a third-party import is the plugin's
            errors.append(PluginError(entry_point.name, f"无法加载：{type(exc).__name__}: {exc}"))
            continue
        infos.append(PluginInfo(entry_point.name, version, dist.name if dist is not None else ""))

    if not manager.has_plugin(BUILTIN) and BUILTIN not in disabled:
        # Running from a source tree that was never installed has no entry points; the
        # built-in rules must not silently vanish, so register them directly.
        from gip_lint import builtin

        manager.register(builtin, name=BUILTIN)
        infos.append(PluginInfo(BUILTIN, "", "gip-lint"))

    for path in local_plugins:
        name = f"local:{path}"
        try:
            manager.register(_load_local(path), name=name)
        except Exception as exc:
            errors.append(PluginError(name, f"无法加载：{type(exc).__name__}: {exc}"))
            continue
        infos.append(PluginInfo(name, "", ""))

    not_registered = {error.plugin for error in errors}
    rules = _collect_rules(manager, infos, errors)
    for name in {error.plugin for error in errors} - not_registered:
        # The run goes on without a plugin whose rules are broken: none of its parts are used.
        manager.unregister(name=name)
    infos = [info for info in infos if manager.has_plugin(info.name)]

    # Later plugins' readers come first (hookspecs: later-registered plugins win an extension).
    from gip_lint.formatters import Formatter
    from gip_lint.readers import Reader

    reader_lists = list(_provided(manager, "gip_lint_readers", Reader, errors))
    readers = [reader for provided in reversed(reader_lists) for reader in provided]
    formatters = [f for provided in _provided(manager, "gip_lint_formatters", Formatter, errors) for f in provided]
    defaults: dict = {}
    for _, result in _call_each(manager, "gip_lint_default_config", errors):
        defaults.update(result or {})

    from gip_lint.engine.core_codes import CORE_RULES

    all_rules = tuple(sorted(list(CORE_RULES) + list(rules.values()), key=lambda r: r.code))
    return PluginSet(rules=all_rules, readers=tuple(readers), formatters=tuple(formatters),
                     default_config=defaults, plugins=tuple(infos), errors=tuple(errors))


def code_prefix(code: str) -> str:
    """The letters of a rule code: ``HA101`` → ``HA``."""
    return code.rstrip("0123456789")


def plugin_rule_problems(plugin_name: str, candidates: list, prefix_owners: dict[str, str],
                         code_owners: Optional[dict[str, str]] = None) -> list[str]:
    """Why a plugin's rules cannot be used (empty when they can).

    Every rule must be valid (:func:`gip_lint.rule.validate_rule`); all codes of one plugin
    share one prefix of 1–4 capital letters, which no other plugin uses; ``GIP`` is reserved
    for gip-lint itself.  ``prefix_owners`` and ``code_owners`` map the prefixes and codes
    taken so far to their plugins.
    """
    problems: list[str] = []
    for candidate in candidates:
        problems += validate_rule(candidate)
    if problems:
        return problems
    codes = [candidate.code for candidate in candidates]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        problems.append(f"代码 {'、'.join(duplicates)} 重复注册")
    code_owners = code_owners or {}
    reused = [code for code in codes if code_owners.get(code, plugin_name) != plugin_name]
    for code in reused:
        problems.append(f"代码 {code} 已被插件 {code_owners[code]} 使用")
    prefixes = sorted({code_prefix(code) for code in codes})
    if len(prefixes) > 1:
        problems.append(f"一个插件的代码应使用同一个前缀，却用了 {'、'.join(prefixes)}")
    for prefix in prefixes:
        if plugin_name != BUILTIN and prefix == RESERVED_PREFIX:
            reserved = [code for code in codes if code_prefix(code) == RESERVED_PREFIX]
            problems.append(f"代码前缀 {RESERVED_PREFIX} 是 gip-lint 保留的（{'、'.join(reserved)}）")
        elif prefix_owners.get(prefix, plugin_name) != plugin_name:
            taken = [code for code in codes if code_prefix(code) == prefix and code not in reused]
            if not taken:
                continue
            problems.append(f"代码 {'、'.join(taken)} 的前缀 {prefix} 已被插件 {prefix_owners[prefix]} 使用")
    return problems


def _collect_rules(manager: pluggy.PluginManager, infos: list[PluginInfo],
                   errors: list[PluginError]) -> dict[str, Rule]:
    """Every usable rule by code; a plugin with any unusable rule contributes none."""
    versions = {info.name: info.version for info in infos}
    rules: dict[str, Rule] = {}
    prefix_owners: dict[str, str] = {}
    for plugin_name, result in _call_each(manager, "gip_lint_rules", errors):
        try:
            candidates = list(result or ())
        except TypeError:
            candidates = [result]
        code_owners = {code: rule.plugin for code, rule in rules.items()}
        problems = plugin_rule_problems(plugin_name, candidates, prefix_owners, code_owners)
        if problems:
            errors.append(PluginError(plugin_name, "规则无效，未加载该插件：" + "；".join(problems)))
            continue
        for candidate in candidates:
            prefix_owners.setdefault(code_prefix(candidate.code), plugin_name)
            rules[candidate.code] = attrs.evolve(candidate, plugin=plugin_name,
                                                 plugin_version=versions.get(plugin_name, ""))
    return rules


def missing_required(plugins: PluginSet, required: Iterable[str]) -> list[str]:
    """The names in ``required`` that no loaded plugin answers to (entry-point or distribution name)."""
    loaded = set()
    for info in plugins.plugins:
        loaded.add(_normalise(info.name))
        if info.distribution:
            loaded.add(_normalise(info.distribution))
    return [name for name in required if _normalise(name) not in loaded]


def _normalise(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def _provided(manager: pluggy.PluginManager, hook_name: str, kind: type, errors: list[PluginError]):
    """Each plugin's list of ``kind`` objects from a hook; anything else is reported and dropped."""
    for plugin_name, result in _call_each(manager, hook_name, errors):
        good = [item for item in (result or ()) if isinstance(item, kind)]
        bad = [item for item in (result or ()) if not isinstance(item, kind)]
        if bad:
            errors.append(PluginError(plugin_name, f"{hook_name} 返回了无效的对象：{bad[0]!r}"
                                                   f"（应为 {kind.__module__}.{kind.__name__}）"))
        yield good


def _call_each(manager: pluggy.PluginManager, hook_name: str, errors: list[PluginError]):
    """Call each plugin's implementation of a hook on its own, so one failure stays local."""
    hook = getattr(manager.hook, hook_name)
    for impl in hook.get_hookimpls():  # registration order (builtin first)
        try:
            yield impl.plugin_name, impl.function()
        except Exception as exc:
            errors.append(PluginError(impl.plugin_name, f"{hook_name} 出错：{type(exc).__name__}: {exc}"))
