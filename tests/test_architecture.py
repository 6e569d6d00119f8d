"""The import structure of govmodel/ and tui/, read from the source with :mod:`ast`.

Two rules of docs/architecture.md are checked here:

- no import cycle between modules: the module graph of govmodel/ and tui/ is acyclic. An
  import inside a function counts (it is still a dependency); an import under
  ``if TYPE_CHECKING:`` does not (it never runs). An edge goes to the module named, not to the
  parent packages Python also initialises on the way, so this is a rule between modules, not
  between packages (govmodel.load reads variant files with govmodel.changes' tree operations
  while govmodel.changes' Workspace loads models: the two packages use each other's modules,
  without a cycle between the modules);
- the layers point one way: the core (everything in govmodel/ except the presentation modules
  govmodel/cli.py, govmodel/commands/, govmodel/report/ and govmodel/diagram/) imports no
  presentation module; nothing in govmodel/ imports tui/ except the ``govmodel tui`` command
  that starts it; nothing imports govmodel.cli (the CLI imports the commands, not the reverse).

Imports by string (``importlib.import_module``) are not seen; govmodel uses them only to find
the command modules and the power package's own submodules.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("govmodel", "tui")
PRESENTATION = ("govmodel.cli", "govmodel.commands", "govmodel.report", "govmodel.diagram", "tui")
# the `govmodel tui` command starts the TUI: the one module of govmodel that may import tui
STARTS_THE_TUI = {"govmodel.commands.tui"}


def find_modules(root: Path, packages: tuple[str, ...]) -> dict[str, tuple[Path, bool]]:
    """Every module under ``root``/<package>, by dotted name: (file, is a package __init__)."""
    found: dict[str, tuple[Path, bool]] = {}
    for pkg in packages:
        for path in sorted((root / pkg).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_pkg = parts[-1] == "__init__"
            if is_pkg:
                parts.pop()
            found[".".join(parts)] = (path, is_pkg)
    return found


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under ``if TYPE_CHECKING:``."""
    out: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        if _type_checking_only(node):
            assert isinstance(node, ast.If)
            todo.extend(node.orelse)  # the else branch runs
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def _known(name: str, modules: dict[str, tuple[Path, bool]]) -> str | None:
    """``name`` or its nearest enclosing module that is one of ours (None: a library)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str, modules: dict[str, tuple[Path, bool]]) -> set[str]:
    """The modules of ours that module ``name`` imports. ``from a.b import c`` is an import of
    the module a.b.c when there is one, else of a.b."""
    path, is_pkg = modules[name]
    out: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_pkg else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
            ]
        out.update(t for t in (_known(x, modules) for x in targets) if t is not None)
    out.discard(name)
    return out


def import_graph(root: Path, packages: tuple[str, ...] = PACKAGES) -> nx.DiGraph:
    """The directed graph module → module it imports, over every module of ``packages``."""
    modules = find_modules(root, packages)
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name in modules:
        graph.add_edges_from((name, target) for target in imports_of(name, modules))
    return graph


def cycles(graph: nx.DiGraph) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a cycle (strongly
    connected components of more than one module), each sorted; empty when acyclic."""
    groups = nx.strongly_connected_components(graph)
    return sorted(sorted(g) for g in groups if len(g) > 1)


def is_presentation(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in PRESENTATION)


def layer_violations(graph: nx.DiGraph) -> list[str]:
    """Every import that points against the layers, as ``a -> b (rule)``."""
    out = []
    for a, b in sorted(graph.edges):
        in_govmodel = a == "govmodel" or a.startswith("govmodel.")
        if in_govmodel and b.split(".")[0] == "tui" and a not in STARTS_THE_TUI:
            out.append(f"{a} -> {b} (govmodel imports the TUI)")
        elif in_govmodel and not is_presentation(a) and is_presentation(b):
            out.append(f"{a} -> {b} (the core imports the presentation)")
        if b == "govmodel.cli":
            out.append(f"{a} -> {b} (the CLI is the top: nothing imports it)")
    return out


def test_no_import_cycle_between_modules() -> None:
    graph = import_graph(ROOT)
    assert graph.number_of_nodes() > 100  # it read the packages
    assert graph.number_of_edges() > 300
    assert cycles(graph) == []


def test_layers_point_one_way() -> None:
    assert layer_violations(import_graph(ROOT)) == []


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_checks_find_a_cycle_and_a_wrong_layer(tmp_path: Path) -> None:
    """The checks above can fail: a cycle through a lazy relative import is found, one under
    ``if TYPE_CHECKING:`` is not, and a core module importing a report or the TUI is named."""
    _write(
        tmp_path,
        {
            "govmodel/__init__.py": "",
            "govmodel/a.py": "from govmodel import b\n",
            "govmodel/b.py": "def f():\n    from . import a\n",
            "govmodel/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from govmodel.a import x\n",
            "govmodel/report/__init__.py": "",
            "govmodel/report/page.py": "import govmodel.c\n",
            "tui/__init__.py": "",
            "tui/app.py": "from govmodel.report import page\n",
        },
    )
    graph = import_graph(tmp_path)
    assert cycles(graph) == [["govmodel.a", "govmodel.b"]]
    assert not graph.has_edge("govmodel.c", "govmodel.a")  # TYPE_CHECKING only
    assert graph.has_edge("tui.app", "govmodel.report.page")
    assert layer_violations(graph) == []  # presentation → core and TUI → report are allowed

    _write(tmp_path, {"govmodel/c.py": "from govmodel.report.page import x\nimport tui.app\n"})
    _write(tmp_path, {"govmodel/b.py": "X = 1\n"})
    graph = import_graph(tmp_path)
    # govmodel.c -> govmodel.report.page -> govmodel.c, and round through tui.app
    assert cycles(graph) == [["govmodel.c", "govmodel.report.page", "tui.app"]]
    assert layer_violations(graph) == [
        "govmodel.c -> govmodel.report.page (the core imports the presentation)",
        "govmodel.c -> tui.app (govmodel imports the TUI)",
    ]


def public_exceptions(package: str = "govmodel") -> dict[str, type[BaseException]]:
    """Every public exception class defined in ``package``, by qualified name."""
    import importlib
    import inspect
    import pkgutil

    root = importlib.import_module(package)
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__ == info.name
                and not name.startswith("_")
            ):
                found[f"{info.name}.{name}"] = obj
    return found


def test_one_exception_root() -> None:
    """Every error govmodel raises on purpose derives from GovmodelError (the CLI reports it
    with exit 2 and no traceback); private signals (``_TooLarge``) stay inside their module."""
    from govmodel.errors import GovmodelError

    found = public_exceptions()
    assert {"govmodel.errors.ModelError", "govmodel.output.OutputError"} <= set(found)
    assert sorted(n for n, cls in found.items() if not issubclass(cls, GovmodelError)) == []


def test_package_names_load_on_first_use() -> None:
    # ``import govmodel`` stays lean (``check`` needs no control engine), yet every public
    # name resolves, and an unknown one is an AttributeError
    import subprocess
    import sys

    code = (
        "import sys, govmodel\n"
        "lean = 'govmodel.analysis.control' not in sys.modules\n"
        "names = [getattr(govmodel, n) for n in govmodel.__all__]\n"
        "print(lean, len(names), 'govmodel.analysis.control' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    import govmodel

    assert out == ["True", str(len(govmodel.__all__)), "True"]
    with pytest.raises(AttributeError):
        govmodel.no_such_name  # noqa: B018


# -- module size and broad excepts ----------------------------------------------------------------

LONG = 600  # lines: past this a module is split, or says at its top why it is one


def long_modules_without_a_reason(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """Modules over :data:`LONG` lines whose docstring does not say why they are long."""
    out = []
    for name, (path, _) in sorted(find_modules(root, packages).items()):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONG:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if "Why this module is long" not in doc:
                out.append(name)
    return out


def broad_excepts(root: Path, packages: tuple[str, ...] = ("govmodel",)) -> list[str]:
    """``except Exception`` (or a bare ``except``) in ``packages``, as ``module:line``."""
    out = []
    for name, (path, _) in sorted(find_modules(root, packages).items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and (
                node.type is None
                or (
                    isinstance(node.type, ast.Name)
                    and node.type.id in ("Exception", "BaseException")
                )
            ):
                out.append(f"{name}:{node.lineno}")
    return out


def test_long_modules_say_why_at_their_top() -> None:
    assert long_modules_without_a_reason(ROOT) == []


def test_only_the_cli_catches_every_exception() -> None:
    # the CLI's last line of defence turns an internal error into one line and exit 1; every
    # other handler in govmodel names what it expects
    assert [e.split(":")[0] for e in broad_excepts(ROOT)] == ["govmodel.cli"]


def test_the_size_and_except_checks_can_fail(tmp_path: Path) -> None:
    body = "x = 1\n" * (LONG + 1)
    _write(
        tmp_path,
        {
            "govmodel/__init__.py": "",
            "govmodel/big.py": '"""Big."""\n' + body,
            "govmodel/said.py": '"""Big.\n\nWhy this module is long: one table."""\n' + body,
            "govmodel/small.py": "try:\n    pass\nexcept Exception:\n    pass\n",
        },
    )
    assert long_modules_without_a_reason(tmp_path, ("govmodel",)) == ["govmodel.big"]
    assert broad_excepts(tmp_path) == ["govmodel.small:3"]


# -- the module map of docs/architecture.md --------------------------------------------------------

MAP_ENTRY = re.compile(r"^- `((?:govmodel|tui)/[\w/]+\.py)`: \S", re.M)


def module_map_gaps(
    root: Path, packages: tuple[str, ...] = PACKAGES
) -> tuple[list[str], list[str]]:
    """Modules the module map of docs/architecture.md does not name (each as ``- `path`: what
    it holds``), and entries that name no module."""
    doc = (root / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(MAP_ENTRY.findall(doc))
    files = {path.relative_to(root).as_posix() for path, _ in find_modules(root, packages).values()}
    return sorted(files - named), sorted(named - files)


def test_the_module_map_names_every_module_and_nothing_gone() -> None:
    missing, gone = module_map_gaps(ROOT)
    assert missing == [], "add these modules to the module map at the end of docs/architecture.md"
    assert gone == [], "these modules in docs/architecture.md's module map no longer exist"


def test_the_module_map_check_can_fail(tmp_path: Path) -> None:
    _write(tmp_path, {"govmodel/__init__.py": "", "govmodel/new.py": ""})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "architecture.md").write_text(
        "## Module map\n\n- `govmodel/__init__.py`: the package\n- `govmodel/old.py`: gone\n",
        encoding="utf-8",
    )
    assert module_map_gaps(tmp_path, ("govmodel",)) == (["govmodel/new.py"], ["govmodel/old.py"])


# -- Any in public signatures ---------------------------------------------------------------------

#: ``Any`` in the public signatures of govmodel/ and tui/ (issue 9: no ``Any`` in public APIs):
#: none. Where a widget passes ``**kw`` on to its Textual base class, or an action to argparse,
#: the keyword arguments are typed with a TypedDict of that library's own parameters
#: (tui/options.py, govmodel.commands); private helpers may still take ``Any``.
ANY_IN_PUBLIC_SIGNATURES = 0


def _mentions_any(annotation: ast.expr | None) -> int:
    """How often an annotation names ``Any`` (``Any``, ``typing.Any`` or inside a string)."""
    if annotation is None:
        return 0
    n = 0
    for node in ast.walk(annotation):
        if (isinstance(node, ast.Name) and node.id == "Any") or (
            isinstance(node, ast.Attribute) and node.attr == "Any"
        ):
            n += 1
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            n += len(re.findall(r"\bAny\b", node.value))
    return n


def any_in_public_signatures(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """``module:line name`` for each ``Any`` in a public signature: the parameters and return
    of a public function or method, and the annotated attributes of a public class, where
    public means no part of the name (module, class, function) starts with ``_``."""
    out: list[str] = []

    def visit(name: str, body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name.startswith("_") and node.name != "__init__":
                    continue
                a = node.args
                params = [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
                count = sum(_mentions_any(p.annotation) for p in params if p is not None)
                count += _mentions_any(node.returns)
                out.extend([f"{name}:{node.lineno} {prefix}{node.name}"] * count)
            elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                visit(name, node.body, f"{prefix}{node.name}.")
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and prefix
                and not node.target.id.startswith("_")
            ):
                count = _mentions_any(node.annotation)
                out.extend([f"{name}:{node.lineno} {prefix}{node.target.id}"] * count)

    for name, (path, _pkg) in sorted(find_modules(root, packages).items()):
        if any(part.startswith("_") and part != "__init__" for part in name.split(".")):
            continue
        visit(name, ast.parse(path.read_text(encoding="utf-8")).body, "")
    return out


def test_no_more_any_in_public_signatures() -> None:
    found = any_in_public_signatures(ROOT)
    assert len(found) <= ANY_IN_PUBLIC_SIGNATURES, found


def test_the_any_count_sees_public_signatures_only(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "govmodel/__init__.py": "",
            "govmodel/m.py": (
                "from typing import Any\n"
                "def f(x: Any, *a: 'list[Any]') -> Any: ...\n"
                "def _g(x: Any) -> Any: ...\n"
                "class C:\n    y: Any\n    _z: Any\n    def m(self) -> 'Any': ...\n"
                "class _D:\n    def m(self) -> Any: ...\n"
            ),
            "govmodel/_private.py": "from typing import Any\ndef f(x: Any) -> Any: ...\n",
        },
    )
    found = any_in_public_signatures(tmp_path, ("govmodel",))
    assert found == ["govmodel.m:2 f"] * 3 + ["govmodel.m:5 C.y", "govmodel.m:7 C.m"]


#: ``Any`` anywhere in the code of govmodel/ and tui/ (annotations, casts, generic arguments;
#: not imports, comments or docstrings): a ceiling, lowered as the count falls, so that a new
#: ``Any`` is a decision, not a drift. The YAML reader has none (its libyaml events, marks and
#: parser are typed: PyYAML's stubs and a Protocol for the marks); what remains is frozen.py's
#: dataclass machinery and argparse's and Textual's own untyped values, each with its reason
#: beside it.
ANY_IN_CODE = 23


def any_in_code(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """``module:line`` for each ``Any`` the code uses (a name, ``typing.Any``, or inside a
    quoted annotation); an import of it is not a use."""
    out: list[str] = []
    for name, (path, _pkg) in sorted(find_modules(root, packages).items()):
        lines: list[int] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Name) and node.id == "Any") or (
                isinstance(node, ast.Attribute) and node.attr == "Any"
            ):
                lines.append(node.lineno)
            annotation = getattr(node, "returns", None) or getattr(node, "annotation", None)
            if isinstance(annotation, ast.expr):
                for part in ast.walk(annotation):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        lines += [part.lineno] * len(re.findall(r"\bAny\b", part.value))
        out.extend(f"{name}:{line}" for line in sorted(lines))
    return out


def test_no_more_any_in_code() -> None:
    found = any_in_code(ROOT)
    assert len(found) <= ANY_IN_CODE, found


def test_the_any_count_sees_uses_not_imports_or_prose(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "govmodel/__init__.py": "",
            "govmodel/m.py": (
                '"""Any simple game."""\n'
                "import typing\n"
                "from typing import Any, cast\n"
                "# Any: a comment\n"
                "def f(x: Any, y: 'list[Any]') -> typing.Any:\n"
                "    return cast(Any, x)\n"
                "def _g(x: int) -> 'dict[str, Any]': ...\n"
            ),
        },
    )
    found = any_in_code(tmp_path, ("govmodel",))
    assert found == ["govmodel.m:5", "govmodel.m:5", "govmodel.m:5", "govmodel.m:6", "govmodel.m:7"]


def test_the_power_package_exports_what_it_loads() -> None:
    # ``__all__`` is written out (so tools see the lazily loaded names); it must list exactly
    # the names ``__getattr__`` loads
    import govmodel.power as power

    assert power.__all__ == sorted(power._WHERE)


# -- tests patch no module ------------------------------------------------------------------------


def _is_module(dotted: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(dotted) is not None
    except (ImportError, ValueError):
        return False


def _module_names(tree: ast.AST) -> dict[str, str]:
    """The names a test file binds to modules by importing them (anywhere in the file)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name.split(".")[0]] = (
                    a.name if a.asname else a.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                if _is_module(f"{node.module}.{a.name}"):
                    names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def _dotted_module(expr: ast.expr, names: dict[str, str]) -> str | None:
    """The module ``expr`` names (``os``, ``govmodel.cli``, an imported ``compose``), else None."""
    if isinstance(expr, ast.Name):
        return names.get(expr.id)
    if isinstance(expr, ast.Attribute):
        base = _dotted_module(expr.value, names)
        if base is not None and _is_module(f"{base}.{expr.attr}"):
            return f"{base}.{expr.attr}"
    return None


def module_patches(root: Path, folder: str = "tests") -> list[str]:
    """``file:line target`` for every place a test replaces or deletes an attribute of a module:
    ``monkeypatch.setattr(module, ...)`` / ``delattr`` (any receiver), the string form
    ``monkeypatch.setattr("package.module.name", ...)`` (always a module's attribute), the
    built-ins ``setattr(module, ...)`` / ``delattr(module, ...)``, and ``module.name = ...``
    (or ``+=``, ``del``)."""
    out: list[str] = []
    for path in sorted((root / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        names = _module_names(tree)
        where = path.relative_to(root).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
                targets = (
                    node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
                )
                for t in targets:
                    owner = _dotted_module(t.value, names) if isinstance(t, ast.Attribute) else None
                    if owner is not None:
                        out.append(f"{where}:{node.lineno} {owner}.{t.attr}")
                continue
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func, first = node.func, node.args[0]
            method = isinstance(func, ast.Attribute) and func.attr in ("setattr", "delattr")
            builtin = isinstance(func, ast.Name) and func.id in ("setattr", "delattr")
            if not (method or builtin):
                continue
            if method and isinstance(first, ast.Constant) and isinstance(first.value, str):
                target: str | None = first.value
            else:
                target = _dotted_module(first, names)
            if target is not None:
                out.append(f"{where}:{node.lineno} {target}")
    return sorted(out, key=lambda x: (x.split(":")[0], int(x.split(":")[1].split()[0])))


def test_no_test_patches_a_module() -> None:
    # issue 9: a fault is provoked for real (a failing program on PATH, a file too large for
    # the process's limit) or reaches the code through its own parameters, never by
    # replacing a module's global for the length of a test
    assert module_patches(ROOT) == []


def test_the_patch_check_can_fail(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "tests/test_a.py": (
                "import os\nimport os.path as osp\nimport govmodel.cli\n"
                "from govmodel.diagram import compose\nfrom govmodel.cli import main\n"
                "def test(monkeypatch, obj):\n"
                "    monkeypatch.setattr(os, 'replace', None)\n"
                "    monkeypatch.setattr(govmodel.cli, 'open_model', None)\n"
                "    monkeypatch.delattr(compose, 'run_graphviz')\n"
                "    monkeypatch.setattr('govmodel.report.l10n.translate', None)\n"
                "    setattr(osp, 'join', None)\n"
                "    monkeypatch.setattr(obj, 'x', 1)\n"  # an object the test made: allowed
                "    monkeypatch.setattr(main, 'x', 1)\n"  # a function, not a module
                "    monkeypatch.setenv('PATH', '')\n"
                "    govmodel.cli.EXIT_OK = 3\n"
                "    compose.GAP += 1\n"
                "    del os.sep\n"
                "    obj.x = main.y = 1\n"  # attributes of an object and a function
            ),
        },
    )
    assert module_patches(tmp_path) == [
        "tests/test_a.py:7 os",
        "tests/test_a.py:8 govmodel.cli",
        "tests/test_a.py:9 govmodel.diagram.compose",
        "tests/test_a.py:10 govmodel.report.l10n.translate",
        "tests/test_a.py:11 os.path",
        "tests/test_a.py:15 govmodel.cli.EXIT_OK",
        "tests/test_a.py:16 govmodel.diagram.compose.GAP",
        "tests/test_a.py:17 os.sep",
    ]
