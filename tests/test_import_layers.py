"""The package keeps to its layers: a module imports only its own layer or the layers below it,
module imports form no circle, and nothing is imported inside a function except an optional,
heavy third-party library.

Read from the source with :mod:`ast` (nothing is imported): a module's imports are the ones that
run when it is imported, so those inside ``if TYPE_CHECKING:`` do not count. docs/architecture.md
draws the same layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "citecheck"

# Top to bottom. A module belongs to the layer that names it or a package above it
# (``citecheck`` itself, holding the version, only by name).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("citecheck.cli", "citecheck.__main__"),
    ("citecheck.commands",),
    ("citecheck.pipeline", "citecheck.config", "citecheck.baseline", "citecheck.changes", "citecheck.progress", "citecheck.project"),
    ("citecheck.reporters", "citecheck.rules"),
    ("citecheck.reconcile",),
    ("citecheck.readers", "citecheck.bib"),
    (
        "citecheck.model", "citecheck.diagnostics", "citecheck.source", "citecheck.report",
        "citecheck.codes", "citecheck.formats", "citecheck.fingerprints", "citecheck.select",
        "citecheck.errors", "citecheck.files", "citecheck.paths", "citecheck.patterns", "citecheck.wording", "citecheck.collector",
        "citecheck.forks",
        "citecheck",
    ),
)  # fmt: skip

# Downward imports that are still not wanted: the settings know the report formats and the codes
# from the low lists (formats.py, codes.py), never from the registries.
FORBIDDEN: tuple[tuple[str, str], ...] = (
    ("citecheck.config", "citecheck.reporters"),
    ("citecheck.config", "citecheck.rules"),
)

# Libraries that may be imported inside a function: slow to import and needed only on some paths
# (drawing a progress bar or colour, decoding LaTeX, writing BibTeX, reading Markdown, Word, HTML, YAML
# or reStructuredText, the worker processes of --jobs, scoring titles and names), so that a run
# starts without them.
LAZY_LIBRARIES = (
    "rich", "pylatexenc", "bibtexparser", "markdown_it", "mdit_py_plugins", "docx", "lxml", "yaml", "docutils",
    "multiprocessing", "concurrent", "rapidfuzz",
    # the standard library's slow imports that only some runs need: a file written, git for
    # --changed-since, bibtexparser's logging quieted, a fingerprint made (OpenSSL), a settings
    # file or a baseline read, a name suggested in a message, a pattern kept compiled (patterns.CompiledPatterns)
    "tempfile", "subprocess", "logging", "hashlib", "tomllib", "json", "difflib", "pickle",
)  # fmt: skip

# Imports that break the layers today, each with the work that removes it. The test fails when
# one is no longer there, so the list only shrinks (empty: add to it only with an issue to remove it).
KNOWN_UPWARD: dict[tuple[str, str], str] = {}
KNOWN_LAZY: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or (p != "citecheck" and module.startswith(p + ".")) for p in prefixes):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS here and in docs/architecture.md")


def _resolve(current: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The citecheck modules an import statement loads (a package's submodule when named)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "citecheck"]
    base = node.module or ""
    if node.level:
        package = current if MODULES[current].name == "__init__.py" else current.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    if base.split(".")[0] != "citecheck":
        return []
    found = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
    return found or [base]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(module: str, tree: ast.AST, in_function: bool, found: dict[str, list]) -> None:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                _walk(module, ast.Module(body=[child], type_ignores=[]), in_function, found)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            key = "lazy" if in_function else "top"
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or "."]
            found[key].append((node.lineno, names, _resolve(module, node)))
            continue
        _walk(module, node, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)), found)


def imports(module: str) -> dict[str, list]:
    """``{"top": [...], "lazy": [...]}``: (line, names as written, citecheck modules) per statement."""
    found: dict[str, list] = {"top": [], "lazy": []}
    _walk(module, ast.parse(MODULES[module].read_text(encoding="utf-8")), False, found)
    return found


GRAPH = {module: sorted({t for _, _, targets in imports(module)["top"] for t in targets}) for module in MODULES}


def named_modules(module: str) -> list[str]:
    """The other citecheck modules ``module`` names in a string: a registry's table of the
    modules it imports on first use (``readers.READERS``, ``rules.RULE_MODULES``)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    return sorted(name for name in strings if name in MODULES and "." in name and name != module)


def test_every_module_has_a_layer():
    for module in MODULES:
        layer(module)


def test_imports_go_down():
    upward = {}
    for module, targets in GRAPH.items():
        for target in targets:
            if layer(target) < layer(module):
                upward[(module, target)] = f"layer {layer(module)} imports layer {layer(target)}"
    unexpected = {pair: why for pair, why in upward.items() if pair not in KNOWN_UPWARD}
    assert not unexpected, f"imports that go up a layer: {unexpected}"
    gone = set(KNOWN_UPWARD) - set(upward)
    assert not gone, f"no longer needed in KNOWN_UPWARD (remove them): {gone}"


def test_registries_load_only_lower_modules():
    """A module loaded through a registry keeps to the layers as an import does."""
    upward = {
        (module, target): f"layer {layer(module)} names layer {layer(target)}"
        for module in MODULES
        for target in named_modules(module)
        if layer(target) < layer(module)
    }
    assert not upward, f"registries that name a module of a higher layer: {upward}"


def _reaches(start: str, prefix: str) -> bool:
    """Whether ``start`` imports a module under ``prefix``, directly or through other modules."""
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        for target in GRAPH.get(module, ()):
            if target == prefix or target.startswith(prefix + "."):
                return True
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return False


@pytest.mark.parametrize(("importer", "imported"), FORBIDDEN)
def test_forbidden_imports(importer, imported):
    assert not _reaches(importer, imported), f"{importer} imports {imported}"


def test_no_import_circles():
    """Tarjan's strongly connected components over the module-level imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert not circles, f"import circles: {circles}"


def _lazy_citecheck_imports(module: str) -> list[str]:
    return [
        f"{MODULES[module].relative_to(PACKAGE.parent)}:{line} imports {name} inside a function"
        for line, names, _ in imports(module)["lazy"]
        for name in names
        if name.split(".")[0] not in LAZY_LIBRARIES
    ]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_imported_inside_a_function_but_lazy_libraries(module):
    found = _lazy_citecheck_imports(module)
    if module in KNOWN_LAZY:
        assert found, f"{module} no longer needs its KNOWN_LAZY entry: remove it"
    else:
        assert not found, found


# The registries, which import a module named at run time (a command, a reader, a report format, a
# rule module): each names what it may load in a table that test_registries_load_only_lower_modules reads.
REGISTRIES = ("citecheck.cli", "citecheck.readers", "citecheck.reporters", "citecheck.rules")


def _computed_imports(module: str) -> list[int]:
    """The lines where ``module`` imports a module whose name it computes (``import_module(f"…")``),
    which neither the layer nor the registry checks can read."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
        and not (node.args and isinstance(node.args[0], ast.Constant))
    ]


@pytest.mark.parametrize("module", sorted(set(MODULES) - set(REGISTRIES)))
def test_only_registries_compute_the_module_they_import(module):
    assert not _computed_imports(module), f"{module} imports a computed module name: list it in a registry"


def test_the_checks_see_a_bad_import(tmp_path, monkeypatch):
    """The walker finds an upward import, a circle and a lazy import in made-up modules."""
    source = 'import citecheck.cli\n\nLOADED = ("citecheck.rules",)\n\ndef f():\n    from citecheck import pipeline\n'
    monkeypatch.setitem(MODULES, "citecheck.model", tmp_path / "model.py")
    (tmp_path / "model.py").write_text(source, encoding="utf-8")
    found = imports("citecheck.model")
    assert [targets for _, _, targets in found["top"]] == [["citecheck.cli"]]
    assert [targets for _, _, targets in found["lazy"]] == [["citecheck.pipeline"]]
    assert named_modules("citecheck.model") == ["citecheck.rules"]
    (tmp_path / "model.py").write_text('import importlib\nimportlib.import_module(f"citecheck.{NAME}")\n', encoding="utf-8")
    assert _computed_imports("citecheck.model") == [2]
    assert layer("citecheck.cli") < layer("citecheck.model")
