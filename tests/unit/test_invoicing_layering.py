"""The invoicing rules stay headless and below the services: models only, never Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import omsdesk

ROOT = Path(omsdesk.__file__).parent


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_invoicing_rules_import_only_themselves_and_the_models() -> None:
    offenders = {
        f"{path.name}: {name}"
        for path in (ROOT / "invoicing").glob("*.py")
        for name in imported(path)
        if name.startswith("PySide6")
        or (name.startswith("omsdesk") and not name.startswith(("omsdesk.invoicing", "omsdesk.models")))
    }
    assert offenders == set()


def test_invoicing_services_and_queries_never_import_qt_or_the_ui() -> None:
    files = [*(ROOT / "services" / "invoicing").glob("*.py"), ROOT / "queries" / "invoices.py",
             ROOT / "models" / "invoice.py", ROOT / "commands" / "invoices.py"]
    assert len(files) >= 9
    offenders = {f"{p.name}: {n}" for p in files for n in imported(p)
                 if n.startswith(("PySide6", "omsdesk.ui"))}
    assert offenders == set()
