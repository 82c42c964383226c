"""The documents layer stays headless: it imports only itself and the models, never Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import omsdesk.documents

ALLOWED = ("omsdesk.documents", "omsdesk.models")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_documents_import_no_qt_and_no_higher_layer() -> None:
    folder = Path(omsdesk.documents.__file__).parent
    offenders = {
        f"{path.name}: {name}"
        for path in folder.glob("*.py")
        for name in imported_modules(path)
        if name.startswith("PySide6") or (name.startswith("omsdesk") and not name.startswith(ALLOWED))
    }
    assert offenders == set()
