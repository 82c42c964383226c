"""Pushes a batch to the ERP, halving it on an ERP error answer down to the record at fault."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from omsdesk.sync.erp.base import ErpFault, PushResult

T = TypeVar("T")


def push_splitting(push: Callable[[Sequence[T]], list[PushResult]], items: Sequence[T],
                   name: Callable[[T], str], failures: dict[str, str]) -> list[PushResult]:
    """Push `items`; when the ERP answers with an error, push each half again, and so on.

    A record that still fails alone is put in `failures` (its name -> the ERP's message)
    and the others go on. An outage (no answer, login refused) is not an ErpFault and
    propagates, so the whole batch waits; records already created are found by reference
    on the next run.
    """
    if not items:
        return []
    try:
        return push(items)
    except ErpFault as exc:
        if len(items) == 1:
            failures[name(items[0])] = str(exc)
            return []
    middle = len(items) // 2
    return (push_splitting(push, items[:middle], name, failures)
            + push_splitting(push, items[middle:], name, failures))
