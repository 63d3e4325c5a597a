"""How ``foedus serve`` deals connections to its processes and watches them (no processes
started here: tests/integration/test_serve_processes.py runs the real server)."""

from __future__ import annotations

import os
import socket
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from foedus.web.processes import Balancer, _Process, least_loaded


def test_the_least_loaded_process_gets_the_connection() -> None:
    assert least_loaded([5, 2], [1, 0], after=1) == 1  # 4 open against 2
    assert least_loaded([5, 2], [4, 0], after=0) == 0  # 1 open against 2


def test_a_burst_is_dealt_round_the_processes_in_turn() -> None:
    dispatched, closed, last = [0, 0, 0], [0, 0, 0], 2
    dealt = []
    for _ in range(9):
        last = least_loaded(dispatched, closed, last)
        dispatched[last] += 1
        dealt.append(last)
    assert dealt == [0, 1, 2] * 3
    # one process's connections close: it is refilled first
    closed[1] = 3
    assert least_loaded(dispatched, closed, after=0) == 1


@dataclass
class FakeProcess:
    alive: bool
    exitcode: int | None

    def is_alive(self) -> bool:
        return self.alive


OPENED: list[socket.socket] = []


@pytest.fixture
def balancer() -> Iterator[Balancer]:
    listener = socket.create_server(("127.0.0.1", 0))
    found = Balancer(listener, 2)
    yield found
    listener.close()
    while OPENED:
        OPENED.pop().close()


def _install(balancer: Balancer, *processes: FakeProcess) -> list[socket.socket]:
    """Fake processes, each with a hand-over socket; their ends of the sockets."""
    channels = []
    for index, process in enumerate(processes):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        OPENED.extend((ours, theirs))
        channels.append(theirs)
        balancer.processes[index] = _Process(process, ours)  # type: ignore[arg-type]
    return channels


def test_a_process_that_dies_after_it_was_ready_is_replaced(balancer: Balancer) -> None:
    started: list[int] = []
    balancer._start = started.append  # type: ignore[method-assign]
    _install(balancer, FakeProcess(False, -9), FakeProcess(True, None))
    balancer.ready[0] = 1
    assert balancer._check() is False
    assert started == [0]
    assert balancer.failure is None


def test_a_process_that_dies_before_it_is_ready_stops_the_server(balancer: Balancer) -> None:
    started: list[int] = []
    balancer._start = started.append  # type: ignore[method-assign]
    _install(balancer, FakeProcess(False, 3), FakeProcess(True, None))
    assert balancer._check() is True
    assert started == []
    assert balancer.failure == "server process 1 failed to start (exit code 3)"


def test_processes_that_all_ended_normally_stop_the_server(balancer: Balancer) -> None:
    _install(balancer, FakeProcess(False, 0), FakeProcess(True, None))
    assert balancer._check() is False  # one still serves
    balancer.processes[1].process.alive = False  # type: ignore[union-attr]
    balancer.processes[1].process.exitcode = 0  # type: ignore[union-attr]
    assert balancer._check() is True
    assert balancer.failure is None


def test_connections_go_to_live_processes_only(balancer: Balancer) -> None:
    channels = _install(balancer, FakeProcess(True, None), FakeProcess(True, None))
    balancer.processes[0] = None  # ended, not replaced
    for _ in range(3):
        client = socket.create_connection(balancer.listener.getsockname())
        accepted, _address = balancer.listener.accept()
        balancer.hand_over(accepted)
        client.close()
    received: Counter[int] = Counter()
    channels[1].setblocking(False)
    while True:
        try:
            _message, fds, _flags, _address = socket.recv_fds(channels[1], 1, 1)
        except BlockingIOError:
            break
        received[1] += len(fds)
        for descriptor in fds:
            os.close(descriptor)
    assert received[1] == 3
