"""The layers of docs/architecture.md, checked by reading every import statement of the package."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ccm_desktop"
GUI_AND_DATABASE = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "psycopg")


def imports_of(path: Path) -> list[str]:
    """Absolute names of every module `path` imports, at any depth (inside functions too)."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> list[str]:
    tree = ast.parse(source)
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # "from ccm_desktop import storage" imports the module ccm_desktop.storage.
            names += [module] + [f"{module}.{alias.name}" for alias in node.names]
    return names


def _files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("layer", ["domain", "schema", "exchange"])
def test_no_qt_and_no_database_below_the_window_and_storage(layer: str) -> None:
    files = _files(layer)
    assert files
    bad = [(f.relative_to(PACKAGE).as_posix(), name) for f in files for name in imports_of(f)
           if _top(name) in GUI_AND_DATABASE]
    assert bad == []


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    bad = [(f.name, name) for f in _files("domain") for name in imports_of(f)
           if _top(name) not in sys.stdlib_module_names
           and not name.startswith("ccm_desktop.domain") and name != "__future__"]
    assert bad == []


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("domain", ("ccm_desktop.schema", "ccm_desktop.exchange", "ccm_desktop.storage",
                "ccm_desktop.ui", "ccm_desktop.cli", "ccm_desktop.app")),
    ("schema", ("ccm_desktop.exchange", "ccm_desktop.storage", "ccm_desktop.ui",
                "ccm_desktop.cli", "ccm_desktop.app")),
    ("exchange", ("ccm_desktop.storage", "ccm_desktop.ui", "ccm_desktop.cli",
                  "ccm_desktop.app")),
])
def test_arrows_point_down(layer: str, forbidden: tuple[str, ...]) -> None:
    bad = [(f.relative_to(PACKAGE).as_posix(), name) for f in _files(layer)
           for name in imports_of(f) if name.startswith(forbidden)]
    assert bad == []


def test_only_ui_imports_qt_and_only_storage_imports_sqlalchemy() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = path.relative_to(PACKAGE).parts[0]
        for name in imports_of(path):
            if _top(name) in ("PySide6", "shiboken6"):
                assert layer in ("ui", "app.py"), (path, name)
            if _top(name) in ("sqlalchemy", "alembic", "psycopg"):
                assert layer == "storage", (path, name)


def test_the_import_reader_sees_relative_and_nested_imports() -> None:
    """The check itself can fail: imports hidden in functions or written relative are found."""
    source = (
        "from . import sibling\n"
        "from ..storage import repository\n"
        "def later():\n"
        "    import PySide6.QtWidgets\n"
        "    from sqlalchemy import select\n"
    )
    assert set(imports_in(source, "ccm_desktop.exchange")) == {
        "ccm_desktop.exchange", "ccm_desktop.exchange.sibling", "ccm_desktop.storage",
        "ccm_desktop.storage.repository", "PySide6.QtWidgets", "sqlalchemy",
        "sqlalchemy.select"}
    sample = PACKAGE / "exchange" / "json_io.py"
    assert "ccm_desktop.exchange.atomic" in imports_of(sample)  # imported inside a function


def test_exchange_reads_and_writes_files_but_neither_parses_arguments_nor_stores() -> None:
    """The command line's side (argparse, the database) lives in cli.py and cli_mapping.py:
    exchange returns reports, rows and problems."""
    bad = [(f.relative_to(PACKAGE).as_posix(), name) for f in _files("exchange")
           for name in imports_of(f)
           if name == "argparse" or name.startswith("ccm_desktop.storage")]
    assert bad == []
