"""The pull's turn: the fetcher computes only while the importer waits, and gives it up when it waits."""

from __future__ import annotations

import threading
import time

from omsdesk.sync.turns import Turns, waiting


def test_waiting_outside_a_turn_does_nothing() -> None:
    with waiting():
        pass  # no turn held: nothing to give up, nothing raised


def test_the_holder_gives_its_turn_up_while_it_waits() -> None:
    turns = Turns()
    log: list[str] = []
    fetcher_waits = threading.Event()
    importer_done = threading.Event()

    def fetcher() -> None:
        with turns.turn():
            log.append("fetcher parses")
            with waiting():
                fetcher_waits.set()
                assert importer_done.wait(5)
            log.append("fetcher parses again")

    thread = threading.Thread(target=fetcher)
    thread.start()
    assert fetcher_waits.wait(5)
    with turns.turn(timeout=5) as got:  # free while the fetcher waits
        assert got
        log.append("importer stores")
        importer_done.set()
        time.sleep(0.05)  # the fetcher's wait is over, but the turn is still ours
        log.append("importer done")
    thread.join(5)
    assert log == ["fetcher parses", "importer stores", "importer done", "fetcher parses again"]


def test_a_turn_not_given_up_delays_the_other_thread_only_until_its_timeout() -> None:
    turns = Turns()
    holding = threading.Event()
    release = threading.Event()

    def stubborn() -> None:
        with turns.turn():
            holding.set()
            release.wait(5)  # a wait nobody marked

    thread = threading.Thread(target=stubborn)
    thread.start()
    assert holding.wait(5)
    started = time.monotonic()
    with turns.turn(timeout=0.2) as got:
        waited = time.monotonic() - started
        assert not got
        with waiting():  # without the turn, waiting gives nothing back
            pass
    release.set()
    thread.join(5)
    assert 0.15 <= waited < 2
    with turns.turn(timeout=1) as got:  # the turn was never lost
        assert got
