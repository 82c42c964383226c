"""The import's collector setting is raised while imports run and put back after the last."""

from __future__ import annotations

import gc
import threading

from omsdesk.sync.collector import IMPORT_THRESHOLD, fewer_collections


def test_threshold_raised_during_nested_and_concurrent_imports_then_restored() -> None:
    before = gc.get_threshold()
    inside: list[int] = []
    release = threading.Event()
    entered = threading.Event()

    def other_import() -> None:
        with fewer_collections():
            entered.set()
            release.wait(5)
            inside.append(gc.get_threshold()[0])

    with fewer_collections():
        assert gc.get_threshold()[0] == max(before[0], IMPORT_THRESHOLD)
        worker = threading.Thread(target=other_import)
        worker.start()
        assert entered.wait(5)
        with fewer_collections():
            assert gc.get_threshold()[0] == max(before[0], IMPORT_THRESHOLD)
    # The first import ended while the other still runs: still raised.
    assert gc.get_threshold()[0] == max(before[0], IMPORT_THRESHOLD)
    release.set()
    worker.join(5)
    assert inside == [max(before[0], IMPORT_THRESHOLD)]
    assert gc.get_threshold() == before


def test_restored_when_the_import_fails() -> None:
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise RuntimeError("shop down")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
