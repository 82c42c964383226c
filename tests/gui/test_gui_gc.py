"""The GUI-thread collector: automatic GC off while it runs, cycles still collected, GC back on stop."""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from omsdesk.ui.gui_gc import GuiThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle only the cyclic collector frees


def test_cycles_are_collected_by_the_timer_and_gc_is_restored(qtbot: QtBot) -> None:
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        ref = weakref.ref(_Node())
        for _ in range(gc.get_threshold()[0] * 3):
            _Node()  # allocate past the threshold so a collection is due
        qtbot.waitUntil(lambda: ref() is None, timeout=5_000)
    finally:
        collector.stop()
    assert gc.isenabled()
