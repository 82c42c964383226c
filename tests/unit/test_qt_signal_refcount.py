"""PySide6 6.12.0 on CPython 3.11 releases a reference to `True` on every Signal.emit() made from
Python; `True` then reaches zero after a few thousand emits and the interpreter aborts
("Fatal Python error: bool_dealloc"). A desk emits that many in a morning (every worker result,
every status message), so the pinned Qt must not have the fault."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    value = Signal(object)


def test_emitting_signals_leaves_the_refcounts_of_the_singletons_alone() -> None:
    emitter = _Emitter()
    heard: list[int] = []
    emitter.plain.connect(lambda: heard.append(-1))
    emitter.value.connect(heard.append)
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for i in range(100):
        emitter.plain.emit()
        emitter.value.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    assert len(heard) == 200
    # A handful either way is ordinary bookkeeping; the fault loses one per emit (-200 here).
    assert all(abs(a - b) < 20 for a, b in zip(after, before, strict=True)), (before, after)
