"""The package's layout: imports follow the data flow, and no module imports itself in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "placement"

#: Layers in the order data flows; a module may import from its own layer and those before.
LAYERS: dict[str, int] = {
    "about": 0, "crash": 0, "errors": 0, "i18n": 0, "vocab": 0, "resources": 0, "deadline": 0,
    "input": 1,
    "model": 2,
    "solve": 3,
    "results": 4,
    "output": 5, "review": 5,
    "api": 6, "whatif": 6, "history": 6, "synth": 6, "link": 6, "simulate": 7, "plan": 7,
    "cli": 8, "__main__": 8, "__init__": 8,
}  # fmt: skip


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:`` (imports for type hints only)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    return [n for n in ast.walk(tree) if id(n) not in skipped]


def _imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports at run time.

    Lazy imports inside functions count; imports under ``TYPE_CHECKING`` do
    not (they name a type in a hint and are never executed).
    """
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module(path)
        found = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.startswith("placement"):
                    found.add(node.module)
                    found |= {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("placement")}
        graph[name] = found
    return {m: {i for i in found if i in graph and i != m} for m, found in graph.items()}


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def test_no_import_cycle():
    """Following imports (lazy ones included) never leads back to where it started."""
    graph = _imports()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(module) :]))
        if module in done:
            return
        for other in sorted(graph[module]):
            visit(other, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_imports_point_down_the_data_flow():
    """input -> model -> solve -> results -> output: no module imports from a later layer."""
    graph = _imports()
    upward = [
        f"{m} imports {i}"
        for m, found in sorted(graph.items())
        for i in sorted(found)
        if _layer(i) > _layer(m) and not (m == "placement" or i.startswith(m + "."))
    ]
    assert upward == []


def _private(dotted: str) -> bool:
    """Whether a part of a dotted name is private: ``_x``, not ``__x__`` nor gettext's ``_``."""
    return any(p.startswith("_") and not p.endswith("__") and p != "_" for p in dotted.split("."))


def _unit(module: str) -> str:
    """The subpackage (or top-level module) a module of the package belongs to: ``placement.X``."""
    return ".".join(module.split(".")[:2])


def _private_imports(source: str, own: str | None) -> list[str]:
    """Imports in ``source`` of a private name of the package outside the unit ``own``.

    Every import counts, lazy ones and those under ``TYPE_CHECKING`` too: a
    private name is its module's to change, whatever the importer does with it.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [
            f"line {node.lineno}: {name}"
            for name in names
            if name.startswith("placement.") and _private(name) and _unit(name) != own
        ]
    return found


def _code_cells(notebook: Path) -> str:
    """A notebook's code cells as one module (IPython's ``%`` and ``!`` lines left out)."""
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = [
        line
        for cell in cells
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if not line.lstrip().startswith(("%", "!"))
    ]
    return "\n".join(lines)


def _test_unit(path: Path) -> str:
    """What a test module tests, by the mirror: ``tests/solve/...`` -> ``placement.solve``."""
    parts = path.relative_to(ROOT / "tests").parts
    name = parts[0] if len(parts) > 1 else parts[0].removeprefix("test_").removesuffix(".py")
    return f"placement.{name}"


def test_no_module_imports_a_private_name_of_another_subpackage():
    """A ``_name`` is its subpackage's: no other one, no benchmark, script or notebook imports it.

    A test may import only those of the part of the package it mirrors
    (``tests/solve/`` those of ``placement.solve``), to check them directly.
    """
    sources: list[tuple[Path, str, str | None]] = [
        (path, path.read_text(encoding="utf-8"), _unit(_module(path)))
        for path in PACKAGE.rglob("*.py")
    ]
    for folder in ("benchmarks", "scripts"):
        sources += [(p, p.read_text(encoding="utf-8"), None) for p in (ROOT / folder).rglob("*.py")]
    sources += [(p, _code_cells(p), None) for p in (ROOT / "notebooks").rglob("*.ipynb")]
    sources += [
        (p, p.read_text(encoding="utf-8"), _test_unit(p)) for p in (ROOT / "tests").rglob("*.py")
    ]
    found = [
        f"{path.relative_to(ROOT)} {where}"
        for path, source, own in sorted(sources, key=lambda s: s[0])
        for where in _private_imports(source, own)
    ]
    assert found == []


def test_every_subpackage_is_named_in_the_build():
    """pyproject.toml lists every subpackage, so a wheel leaves none behind."""
    import tomllib

    listed = set(
        tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {_module(p) for p in PACKAGE.rglob("__init__.py")}
    assert found <= listed


def test_a_weekly_run_loads_neither_pyomo_nor_dask(tmp_path: Path):
    """The default engine reads, solves and writes without loading Pyomo or Dask (seconds each)."""
    import subprocess
    import sys

    demo = PACKAGE.parent / "data" / "demo"
    code = (
        "import sys\n"
        "from placement.cli import app\n"
        f"sys.argv = ['placement', 'place', {str(demo)!r}, '--out', {str(tmp_path / 'out')!r},"
        " '--no-history']\n"
        "try:\n    app()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pyomo', 'dask'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
