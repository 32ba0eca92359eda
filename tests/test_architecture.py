"""The layout shows the pipeline, and the import arrows point one way along it.

read (``readers``, ``source``) → parse (``parsing``) → model (``model``) → rules (``rules``) →
report (``report``, ``formatters``); ``engine`` runs the pipeline, ``config`` holds the settings,
``cli`` and ``lsp`` are the front ends. Checked from the code's own import statements.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "gip_lint"
# The early stages know nothing of the later ones, nor of how a run is organised.
EARLY = ("readers", "parsing", "model")
LATER = ("rules", "engine", "cli", "config", "report", "formatters", "lsp")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gip_lint"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("gip_lint"))
    return names


def test_at_most_ten_modules_loose_at_the_top():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 10, loose


def test_no_import_circle_between_modules_at_import_time():
    modules = _modules()
    graph = {name: {dep for dep in _imports(path, top_level_only=True) if dep in modules and dep != name}
             for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:  # on the current path: the path from it back to it is a circle
                raise AssertionError("import circle: " + " → ".join(trail[trail.index(dep):] + [dep]))
            if dep not in state:
                visit(dep, trail + [dep])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_the_early_stages_never_import_the_later_ones():
    offending = []
    for name, path in _modules().items():
        stage = name.split(".")[1] if "." in name else ""
        if stage in EARLY or name == "gip_lint.source":
            for dep in _imports(path, top_level_only=False):
                parts = dep.split(".")
                if len(parts) > 1 and parts[1] in LATER:
                    offending.append(f"{name} imports {dep}")
    assert offending == []


def test_only_the_command_line_imports_the_command_line():
    # The engine, the formatters, the reports and the library API are used without it (the
    # language server, notebooks); what they need from it lives in their own layer. Lazy
    # imports inside functions count too.
    front_door = {"gip_lint.__main__"}  # ``python -m gip_lint`` is the command line
    offending = []
    for name, path in _modules().items():
        if name == "gip_lint.cli" or name.startswith("gip_lint.cli.") or name in front_door:
            continue
        offending += [f"{name} imports {dep}" for dep in sorted(_imports(path, top_level_only=False))
                      if dep == "gip_lint.cli" or dep.startswith("gip_lint.cli.")]
    assert offending == []


def test_no_hand_written_module_over_400_lines():
    # Small modules with one job each; the generated parser (Lark's stand-alone template) aside.
    long = {name: count for name, path in _modules().items()
            if path.name != "_report_parser.py"
            for count in [len(path.read_text(encoding="utf-8").splitlines())] if count > 400}
    assert long == {}
