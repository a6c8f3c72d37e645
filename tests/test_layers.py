"""The layering of the package, read from its imports (docs/architecture.md).

Dependencies point one way: timegrid < domain < validation < model; io,
reports and plotting sit beside the model and never import it; io and
plotting never call the validator (only its types, for annotations);
reports use the validator's public API, never its private modules; the
CLI and the benchmarks use the public API.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "roster"


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, only for type checking) for every import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    out: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, id(node) in typing_only))
        elif isinstance(node, ast.Import):
            out += [(alias.name, id(node) in typing_only) for alias in node.names]
    return out


def _breaches(layer: str, forbidden: tuple[str, ...], *, typing_ok: bool = False) -> list[str]:
    found = []
    for path in sorted((PKG / layer).rglob("*.py")):
        for module, typing in _imports(path):
            if typing and typing_ok:
                continue
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PKG)} imports {module}")
    return found


def test_domain_imports_neither_the_solver_nor_pandas_nor_other_layers() -> None:
    bad = ("ortools", "pandas", "roster.model", "roster.io", "roster.validation", "roster.reports")
    assert _breaches("domain", bad) == []


def test_validation_never_imports_the_solver_or_pandas() -> None:
    assert _breaches("validation", ("ortools", "pandas", "roster.model", "roster.reports")) == []


def test_io_and_plotting_never_call_the_validator_or_the_model() -> None:
    for layer in ("io", "plotting"):
        assert _breaches(layer, ("roster.validation",), typing_ok=True) == []
        assert _breaches(layer, ("roster.model", "ortools")) == []


def test_reports_use_only_the_validators_public_api() -> None:
    private = [
        f"{path.relative_to(PKG)} imports {module}"
        for path in sorted((PKG / "reports").rglob("*.py"))
        for module, _ in _imports(path)
        if module.startswith("roster.validation.")
    ]
    assert private == []
    assert _breaches("reports", ("roster.model", "ortools")) == []


def test_the_cli_and_benchmarks_use_the_public_api_for_solving() -> None:
    users = [*sorted((PKG / "cli").glob("*.py")), *sorted((PKG.parents[1] / "benchmarks").glob("*.py"))]
    for path in users:
        for module, _ in _imports(path):
            assert not module.startswith("roster.model."), f"{path.name} imports {module}"


def test_the_store_depends_on_the_domain_only_and_nothing_below_uses_the_review() -> None:
    assert (
        _breaches(
            "store",
            (
                "roster.io",
                "roster.validation",
                "roster.model",
                "roster.reports",
                "roster.plotting",
                "roster.workflow",
                "ortools",
                "pandas",
            ),
        )
        == []
    )
    for layer in ("domain", "validation", "model", "io", "reports", "plotting", "store"):
        assert _breaches(layer, ("roster.workflow", "roster.planning")) == [], layer
    for layer in ("domain", "validation", "model", "io", "reports", "plotting"):
        assert _breaches(layer, ("roster.store",)) == [], layer


def test_the_web_page_is_an_edge_over_the_workflow_and_the_store() -> None:
    """The page solves, amends and accepts through the workflow, never the model itself; nothing but
    the command line starts it."""
    assert _breaches("web", ("roster.model", "ortools", "roster.planning")) == []
    below = ("domain", "validation", "model", "io", "reports", "plotting", "store", "workflow", "planning")
    for layer in below:
        assert _breaches(layer, ("roster.web",)) == [], layer


def _architecture_map() -> list[tuple[int, str]]:
    """(indent, name) of each entry of docs/architecture.md's map of ``src/roster/``."""
    text = (PKG.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("```\nsrc/roster/\n", 1)[1].split("```", 1)[0]
    out = []
    for line in block.splitlines():
        name = line.strip().split(" ", 1)[0]
        if name.endswith(("/", ".py")):
            out.append((len(line) - len(line.lstrip()), name))
    return out


def test_the_architecture_map_matches_the_folders() -> None:
    """Every file and folder the map names is there, and every one of the package's own folders
    and top-level modules is on the map."""
    entries = _architecture_map()
    missing = []
    parent = PKG
    for indent, name in entries:
        base = PKG if indent == 2 else parent
        if not (base / name.rstrip("/")).exists():
            missing.append(f"{base.relative_to(PKG.parent)}/{name}")
        if indent == 2 and name.endswith("/"):
            parent = PKG / name.rstrip("/")
    assert missing == []
    top = {name for indent, name in entries if indent == 2}
    own = {f"{p.name}/" for p in PKG.iterdir() if (p / "__init__.py").exists()}
    own |= {p.name for p in PKG.glob("*.py") if p.name != "__init__.py"}
    assert own - top == set()


MAX_MODULE_LINES = 700


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    # a module past 700 lines has grown two subjects: split it where a reader would look
    long = [
        f"{path.relative_to(PKG)}: {n} lines"
        for path in sorted(PKG.rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not long, long
