"""The configuration tables of README.md and docs/configuration.md, generated from the option table.

Each table sits between ``<!-- BEGIN options:NAME … -->`` and ``<!-- END options:NAME -->``;
``python -m gip_lint.config.options --write`` rewrites them after a change to
:mod:`gip_lint.config.options`, ``--markdown`` prints the key table, ``--check`` exits 1 when a
file is stale (tests/test_options.py fails then too).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from gip_lint.config.options import ADDS, CONFIG_OPTIONS, MERGES, REPLACES, Option

ROOT = Path(__file__).resolve().parent.parent.parent
#: file → the tables it holds.
FILES = {"README.md": ("readme",), "docs/configuration.md": ("layers", "keys")}
KIND_PHRASE = {REPLACES: "replaces it", ADDS: "adds to it", MERGES: "merges key by key"}
PLUGIN_OPTIONS = "*plugin options*"
#: Where a key applies: each file has its own configuration, or the run reads it once.
EACH_FILE, ONCE = "each file", "the run (first PATH)"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _literal(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, tuple):
        value = list(value)
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def default_text(option: Option) -> str:
    if option.default is None:
        return "none" + (f" ({option.doc_default})" if option.doc_default else "")
    return _literal(option.default) + (f" ({option.doc_default})" if option.doc_default else "")


def command_line(option: Option) -> str:
    flag = option.flags[-1]
    metavar = (option.arg or {}).get("metavar")
    text = f"`{flag} {metavar}`" if metavar else f"`{flag}`"
    note = option.doc_cli or ("(repeatable)" if (option.arg or {}).get("action") == "append" else "")
    return f"{text} {note}".rstrip()


def keys_table() -> str:
    """docs/configuration.md: every key, its type, default, flag and meaning."""
    lines = [_row("key", "type", "default", "command line", "applies to", "meaning"), "|---|---|---|---|---|---|"]
    for option in CONFIG_OPTIONS:
        lines.append(_row(f"`{option.key}`", option.doc_type, default_text(option), command_line(option),
                          EACH_FILE if option.per_file else ONCE, option.doc))
    lines.append(_row(PLUGIN_OPTIONS, "as the plugin's default", "the plugin's", "—", EACH_FILE,
                      "keys a plugin declares in `gip_lint_default_config`; rules read them from `context.options`"))
    return "\n".join(lines)


def layers_table() -> str:
    """docs/configuration.md: which keys a higher layer replaces, adds to or merges."""
    rows = ((REPLACES, "choices", "replaces the value"), (ADDS, "additions", "adds to it"),
            (MERGES, "tables", "merges key by key, the higher layer winning per key"))
    lines = [_row("kind", "keys", "a higher layer…"), "|---|---|---|"]
    for kind, name, effect in rows:
        keys = [f"`{o.key}`" for o in CONFIG_OPTIONS if o.kind == kind] + ([PLUGIN_OPTIONS] if kind == MERGES else [])
        lines.append(_row(name, ", ".join(keys), effect))
    return "\n".join(lines)


def readme_table() -> str:
    """README.md: each key with its flag, default and how a higher layer treats it."""
    lines = [_row("key", "command line", "default", "a higher layer…"), "|---|---|---|---|"]
    for option in CONFIG_OPTIONS:
        lines.append(_row(f"`{option.key}`", command_line(option), default_text(option), KIND_PHRASE[option.kind]))
    lines.append(_row(PLUGIN_OPTIONS, "—", "the plugin's", KIND_PHRASE[MERGES]))
    return "\n".join(lines)


TABLES = {"keys": keys_table, "layers": layers_table, "readme": readme_table}


def _block(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- BEGIN options:{name} [^>]*-->\n)(.*?)(\n<!-- END options:{name} -->)", re.S)


def current(text: str, name: str) -> str:
    """The table ``name`` as ``text`` holds it (ValueError when its markers are missing)."""
    found = _block(name).search(text)
    if found is None:
        raise ValueError(f"no options:{name} block")
    return found.group(2)


def regenerated(text: str, names) -> str:
    for name in names:
        if not _block(name).search(text):
            raise ValueError(f"no options:{name} block")
        text = _block(name).sub(lambda m, name=name: m.group(1) + TABLES[name]() + m.group(3), text)
    return text


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--markdown"]:
        print(keys_table())
        return 0
    if argv in (["--write"], ["--check"]):
        stale = []
        for name, tables in FILES.items():
            path = ROOT / name
            text = path.read_text(encoding="utf-8")
            new = regenerated(text, tables)
            if new != text:
                stale.append(name)
                if argv == ["--write"]:
                    path.write_text(new, encoding="utf-8")
        verb = "rewritten" if argv == ["--write"] else "stale"
        print(f"{verb}: {', '.join(stale)}" if stale else "up to date")
        return 1 if stale and argv == ["--check"] else 0
    print("usage: python -m gip_lint.config.options --markdown | --write | --check", file=sys.stderr)
    return 2
