"""No import circle anywhere in omsdesk/, function-level imports included (ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Mapping

from tests.unit.test_layers import PACKAGE, _imports_of, _module_name


def import_graph() -> dict[str, set[str]]:
    """Module -> the omsdesk modules it imports, at any depth of the file.

    `from omsdesk.demo import names` imports the submodule, not the package: counting the
    package too would draw a circle between every package and the modules it re-exports.
    """
    paths = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        found = {m for m in _imports_of(path) if m in paths and m != name}
        graph[name] = {m for m in found if not any(o.startswith(m + ".") for o in found)}
    return graph


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_circle_finder_finds_a_circle_through_three_modules() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_omsdesk_takes_part_in_an_import_circle() -> None:
    graph = import_graph()
    assert len(graph) > 100, "the scan found too few modules"
    found = circles(graph)
    detail = "; ".join(" <-> ".join(c) for c in found)
    assert found == [], f"import circles: {detail}"
