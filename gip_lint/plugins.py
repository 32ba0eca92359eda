"""Find and load plugins (entry-point group ``gip_lint``) one by one, isolating failures.

A plugin that fails to import, raises in a hook, returns a malformed rule or reuses a code
already taken is recorded as a :class:`PluginError` (printed on stderr by the CLI) and the
run goes on without that part of it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Iterable, Optional

import attrs
import pluggy

from gip_lint import hookspecs
from gip_lint.rule import Rule, validate_rule

ENTRY_POINT_GROUP = "gip_lint"
RESERVED_PREFIX = "GIP"
BUILTIN = "builtin"


@attrs.frozen
class PluginError:
    plugin: str
    message: str


@attrs.frozen
class PluginInfo:
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
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def _load_local(path: str) -> object:
    """Import a plugin module from a file path (``plugins = ["rules/local.py"]`` in config)."""
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

    versions = {info.name: info.version for info in infos}
    rules: dict[str, Rule] = {}
    for plugin_name, result in _call_each(manager, "gip_lint_rules", errors):
        for candidate in result or ():
            problems = validate_rule(candidate)
            if not problems and plugin_name != BUILTIN and candidate.code.startswith(RESERVED_PREFIX):
                problems.append(f"代码 {candidate.code} 使用了 gip-lint 保留的前缀 {RESERVED_PREFIX}")
            if not problems and candidate.code in rules:
                problems.append(f"代码 {candidate.code} 已被插件 {rules[candidate.code].plugin} 使用")
            if problems:
                errors.append(PluginError(plugin_name, "规则无效：" + "；".join(problems)))
                continue
            rules[candidate.code] = attrs.evolve(candidate, plugin=plugin_name,
                                                 plugin_version=versions.get(plugin_name, ""))

    readers = [r for _, result in _call_each(manager, "gip_lint_readers", errors) for r in (result or ())]
    formatters = [f for _, result in _call_each(manager, "gip_lint_formatters", errors) for f in (result or ())]
    defaults: dict = {}
    for _, result in _call_each(manager, "gip_lint_default_config", errors):
        defaults.update(result or {})

    from gip_lint.core_codes import CORE_RULES

    all_rules = tuple(sorted(list(CORE_RULES) + list(rules.values()), key=lambda r: r.code))
    return PluginSet(rules=all_rules, readers=tuple(readers), formatters=tuple(formatters),
                     default_config=defaults, plugins=tuple(infos), errors=tuple(errors))


def _call_each(manager: pluggy.PluginManager, hook_name: str, errors: list[PluginError]):
    """Call each plugin's implementation of a hook on its own, so one failure stays local."""
    hook = getattr(manager.hook, hook_name)
    for impl in reversed(hook.get_hookimpls()):  # registration order
        try:
            yield impl.plugin_name, impl.function()
        except Exception as exc:
            errors.append(PluginError(impl.plugin_name, f"{hook_name} 出错：{type(exc).__name__}: {exc}"))
