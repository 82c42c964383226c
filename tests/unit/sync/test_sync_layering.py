"""Arrows point down: sync may call services, services never reach back into sync."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import omsdesk

SERVICE_ROOT = Path(omsdesk.__file__).parent / "services"
# Every module of services/, its feature packages included.
SERVICES = sorted(SERVICE_ROOT.rglob("*.py"))


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", SERVICES, ids=[str(p.relative_to(SERVICE_ROOT)) for p in SERVICES])
def test_services_do_not_import_the_sync_layer(path: Path) -> None:
    upward = sorted(m for m in imports_of(path) if m == "omsdesk.sync" or m.startswith("omsdesk.sync."))
    assert upward == [], f"services/{path.relative_to(SERVICE_ROOT)} imports {upward}"
