"""The dependency rule of ARCHITECTURE.md: lower layers never import Qt or a layer above them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import omsdesk

PACKAGE = Path(omsdesk.__file__).parent
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
HEADLESS_LAYERS = ("models", "services", "queries", "sync", "documents", "carriers")
# What a headless layer may never reach: the desktop, and the entry points that drive it.
ABOVE_HEADLESS = ("omsdesk.ui", "omsdesk.commands", "omsdesk.cli")


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Absolute names of every module a source file imports, at any depth (functions included)."""
    found: set[str] = set()
    parts = module.split(".")
    package = parts if is_package else parts[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            # `from omsdesk import ui` imports omsdesk.ui: count each name as a possible module.
            found.update(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _is_within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _imports_of(path: Path) -> set[str]:
    return imported_modules(path.read_text(encoding="utf-8"), _module_name(path),
                            is_package=path.name == "__init__.py")


LAYER_FILES = [(layer, path) for layer in HEADLESS_LAYERS for path in _files(layer)]


def test_every_headless_layer_exists_and_is_checked() -> None:
    for layer in ("models", "services", "queries"):
        assert _files(layer), f"omsdesk/{layer} has no modules to check"


@pytest.mark.parametrize(("layer", "path"), LAYER_FILES,
                         ids=[str(p.relative_to(PACKAGE)) for _, p in LAYER_FILES])
def test_headless_layers_import_neither_qt_nor_a_higher_layer(layer: str, path: Path) -> None:
    imports = _imports_of(path)
    qt = sorted(n for n in imports if _is_within(n, QT))
    assert qt == [], f"{path.relative_to(PACKAGE)} imports Qt: {qt}"
    upward = sorted(n for n in imports if _is_within(n, ABOVE_HEADLESS))
    assert upward == [], f"{path.relative_to(PACKAGE)} imports a higher layer: {upward}"


@pytest.mark.parametrize("path", _files("models"), ids=[p.name for p in _files("models")])
def test_models_import_nothing_else_of_omsdesk(path: Path) -> None:
    outside = sorted(n for n in _imports_of(path)
                     if _is_within(n, ("omsdesk",)) and not _is_within(n, ("omsdesk.models",)))
    # `from omsdesk.models import x` also lists omsdesk.models.x; only foreign packages count.
    assert outside == [], f"models/{path.name} imports {outside}"


def test_the_checker_sees_relative_nested_and_from_package_imports() -> None:
    source = (
        "import PySide6.QtWidgets\n"
        "from ..ui import main_window\n"
        "from omsdesk import cli\n"
        "def later():\n"
        "    from omsdesk.commands.orders import register\n"
        "from . import money\n"
    )
    found = imported_modules(source, "omsdesk.services.orders")
    assert "PySide6.QtWidgets" in found
    assert "omsdesk.ui.main_window" in found
    assert "omsdesk.cli" in found
    assert "omsdesk.commands.orders" in found
    assert "omsdesk.services.money" in found
    assert "omsdesk.models.money" in imported_modules("from . import money\n", "omsdesk.models",
                                                      is_package=True)


def test_importing_every_headless_layer_loads_no_qt() -> None:
    # Catches imports the source scan cannot see (importlib, a dependency that pulls Qt in).
    modules = sorted(_module_name(p) for _layer, p in LAYER_FILES)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
