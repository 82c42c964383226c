"""Requested cost of a GraphQL Admin API document by Shopify's documented rules, before sending it.

Shopify prices a query by static analysis before running it and refuses one whose requested cost
exceeds the single-query maximum of 1,000 points (shopify.dev "GraphQL Admin API rate limits",
"Cost calculation"): a field returning a scalar or an enum costs 0, an object 1, an interface or a
union the maximum of its possible selections, a connection is sized by its `first`/`last`
argument, and a mutation costs 10. Shopify Engineering's "Rate Limiting GraphQL APIs by
Calculating Query Complexity" gives the connection figure: two points plus the number of objects
it may return, each priced with what is selected in it, so nested connections multiply.

Only the document is read, not the schema, so the shape decides: a field with a selection is an
object (a list of objects without a size is counted once, as Shopify counts it); with `first` or
`last` it is a connection when it selects `nodes` or `edges`, else a list of that many objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    parse,
)

# shopify.dev "GraphQL Admin API rate limits": "The maximum cost of a single query is 1,000 points".
MAX_SINGLE_QUERY_COST = 1000
MUTATION_COST = 10
OBJECT_COST = 1
CONNECTION_COST = 2


class CostError(ValueError):
    """The document cannot be priced (no operation, or a size that is not a number)."""


@lru_cache(maxsize=64)
def _parsed(document: str) -> DocumentNode:
    return parse(document)


def requested_cost(document: str, variables: Mapping[str, Any] | None = None,
                   operation_name: str | None = None) -> int:
    """Points Shopify asks for `document` with `variables`, by the documented rules."""
    tree = _parsed(document)
    operations = [d for d in tree.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        raise CostError("the document must hold exactly one operation to price")
    operation = operations[0]
    fragments = {d.name.value: d for d in tree.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    values = {v.variable.name.value: v.default_value for v in operation.variable_definitions or ()
              if v.default_value is not None}
    pricer = _Pricer(fragments, {**{k: _literal(v) for k, v in values.items()},
                                 **dict(variables or {})})
    if operation.operation == OperationType.MUTATION:
        return MUTATION_COST * len(pricer.fields(operation.selection_set))
    return pricer.selection(operation.selection_set)


def largest_size(document: str, variables: Mapping[str, Any], name: str, upper: int,
                 budget: int) -> int:
    """The largest `variables[name]` in 1..upper whose requested cost stays within `budget`."""
    def fits(size: int) -> bool:
        return requested_cost(document, {**variables, name: size}) <= budget

    if fits(upper):
        return upper
    low, high = 1, upper  # invariant: high does not fit; low fits, or is 1
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def _literal(node: Any) -> Any:
    return int(node.value) if isinstance(node, IntValueNode) else getattr(node, "value", None)


class _Pricer:
    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode],
                 variables: Mapping[str, Any]) -> None:
        self._fragments = fragments
        self._variables = variables

    def fields(self, selection: SelectionSetNode) -> list[FieldNode]:
        return [s for s in selection.selections if isinstance(s, FieldNode)]

    def selection(self, selection: SelectionSetNode | None) -> int:
        """Fields selected directly, plus the dearest of the type-conditioned fragments."""
        if selection is None:
            return 0
        total = sum(self.field(f) for f in self.fields(selection))
        branches = [0]
        for item in selection.selections:
            if isinstance(item, InlineFragmentNode):
                branches.append(self.selection(item.selection_set))
            elif isinstance(item, FragmentSpreadNode):
                branches.append(self.selection(self._fragments[item.name.value].selection_set))
        return total + max(branches)

    def field(self, field: FieldNode) -> int:
        if field.selection_set is None:
            return 0  # a scalar or an enum
        size = self._size(field)
        if size is None:
            return OBJECT_COST + self.selection(field.selection_set)
        node = self._node_selection(field.selection_set)
        if node is None:
            return size * (OBJECT_COST + self.selection(field.selection_set))
        return CONNECTION_COST + size * (OBJECT_COST + self.selection(node))

    def _size(self, field: FieldNode) -> int | None:
        for argument in field.arguments or ():
            if argument.name.value not in ("first", "last"):
                continue
            value = argument.value
            raw = (self._variables.get(value.name.value) if isinstance(value, VariableNode)
                   else _literal(value))
            if raw is None:
                continue
            try:
                return max(0, int(raw))
            except (TypeError, ValueError):
                raise CostError(f"{field.name.value}: {argument.name.value} is not a number: "
                                f"{raw!r}") from None
        return None

    def _node_selection(self, connection: SelectionSetNode) -> SelectionSetNode | None:
        """What one object of a connection selects (`nodes { }` or `edges { node { } }`)."""
        found: list[SelectionSetNode] = []
        for f in self.fields(connection):
            if f.name.value == "nodes" and f.selection_set is not None:
                found.append(f.selection_set)
            elif f.name.value == "edges" and f.selection_set is not None:
                found.extend(n.selection_set for n in self.fields(f.selection_set)
                             if n.name.value == "node" and n.selection_set is not None)
        if not found:
            return None
        return max(found, key=self.selection)
