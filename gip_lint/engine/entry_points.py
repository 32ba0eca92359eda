"""Find the installed entry points of one group without importing :mod:`importlib.metadata`.

``importlib.metadata`` pulls in ``email``, ``zipfile``, ``pathlib`` and parses the metadata of
every installed distribution: about a quarter of a cold ``gip-lint check``.  The same answer
comes from listing each ``sys.path`` directory for ``*.dist-info`` / ``*.egg-info`` and reading
the ``entry_points.txt`` of those that have one.  Distributions are taken first-on-path-wins by
normalised name, as ``importlib.metadata.entry_points()`` does.  When ``sys.path`` holds
something this scan cannot read (a zip file, an egg), the standard library answers instead.
"""

from __future__ import annotations

import importlib
import os
import re
import sys

_NORMALISE = re.compile(r"[-_.]+")


class Distribution:
    """The two facts gip-lint reports about a plugin's distribution."""

    __slots__ = ("name", "version", "_path")

    def __init__(self, path: str, fallback_name: str, fallback_version: str):
        self._path = path
        self.name = fallback_name
        self.version = fallback_version
        metadata = os.path.join(path, "METADATA" if path.endswith(".dist-info") else "PKG-INFO")
        try:
            with open(metadata, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    key, _, value = line.partition(":")
                    if key == "Name":
                        self.name = value.strip()
                    elif key == "Version":
                        self.version = value.strip()
        except OSError:
            pass


class EntryPoint:
    """``name = module:attribute`` from an ``entry_points.txt``; ``load()`` imports it."""

    __slots__ = ("name", "value", "group", "dist")

    def __init__(self, name: str, value: str, group: str, dist: Distribution | None):
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self):
        module_name, _, attribute = self.value.partition(":")
        target = importlib.import_module(module_name.strip())
        for part in attribute.split("[")[0].strip().split(".") if attribute.strip() else ():
            target = getattr(target, part)
        return target

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """The ``name = value`` pairs of ``[group]`` in an INI-style entry_points.txt."""
    pairs, inside = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            pairs.append((name.strip(), value.strip()))
    return pairs


def _metadata_dirs(directory: str):
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return
    for name in names:
        if name.endswith((".dist-info", ".egg-info")):
            yield name, os.path.join(directory, name)


def entry_points(group: str) -> list:
    """Every entry point of ``group`` installed on ``sys.path``."""
    if any(entry and os.path.isfile(entry) for entry in sys.path):  # zipped or egg paths
        from importlib.metadata import entry_points as standard

        return list(standard(group=group))
    found, seen = [], set()
    for directory in sys.path:
        for name, path in _metadata_dirs(directory or "."):
            stem = name.rsplit(".", 1)[0]
            dist_name, _, dist_version = stem.partition("-")
            key = _NORMALISE.sub("_", dist_name).lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as handle:
                    pairs = _section(handle.read(), group)
            except OSError:
                continue
            if not pairs:
                continue
            dist = Distribution(path, dist_name, dist_version.split("-")[0])
            found += [EntryPoint(ep_name, value, group, dist) for ep_name, value in pairs]
    return found


def installed_plugins(group: str = "gip_lint", first: str = "builtin") -> list[tuple[str, str]]:
    """(name, distribution version) of each plugin installed under ``group``, in the order
    :func:`gip_lint.engine.plugins.load_plugins` loads them (``first``, then by name; a name taken
    twice counts once), read from metadata without importing any of them.  A source tree
    that was never installed has no entry points: its built-in plugin is listed without a
    version, as ``load_plugins`` registers it anyway."""
    found: dict[str, str] = {}
    for entry_point in sorted(entry_points(group), key=lambda ep: (ep.name != first, ep.name)):
        dist = getattr(entry_point, "dist", None)
        found.setdefault(entry_point.name, dist.version if dist is not None else "")
    if first not in found:
        found = {first: "", **found}
    return list(found.items())
