"""How ``foedus serve`` deals connections to its processes and looks after them (no process is
started here: tests/integration/test_serve_processes.py runs the real server)."""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from foedus.web.processes import Balancer, _Process, dealing_order

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the hand-over runs on Linux only"
)


KEEPING_UP, BEHIND, STARTING = 0, 1, 2


def test_the_least_loaded_process_keeping_up_comes_first() -> None:
    assert dealing_order([4, 2], [KEEPING_UP, KEEPING_UP], after=1)[0] == 1
    assert dealing_order([1, 2], [KEEPING_UP, KEEPING_UP], after=0)[0] == 0
    # one not taking what it was handed comes after one with many open
    assert dealing_order([9, 0], [KEEPING_UP, BEHIND], after=1) == [0, 1]
    # one still starting comes last, after one that is behind
    assert dealing_order([30, 0], [BEHIND, STARTING], after=1) == [0, 1]


def test_a_burst_is_dealt_round_the_processes_in_turn() -> None:
    open_now, last = [0, 0, 0], 2
    dealt = []
    for _ in range(9):
        last = dealing_order(open_now, [KEEPING_UP] * 3, last)[0]
        open_now[last] += 1
        dealt.append(last)
    assert dealt == [0, 1, 2] * 3
    open_now[1] = 0  # one process's connections close: it is refilled first
    assert dealing_order(open_now, [KEEPING_UP] * 3, after=0)[0] == 1


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
    """Fake ready processes, each with a hand-over socket; their ends of the sockets."""
    channels = []
    for index, process in enumerate(processes):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        ours.setblocking(False)
        OPENED.extend((ours, theirs))
        channels.append(theirs)
        balancer.processes[index] = _Process(process, ours, time.monotonic())  # type: ignore[arg-type]
        balancer.shared.ready[index] = 1
    return channels


def _received(channel: socket.socket) -> int:
    """How many connections were handed over on ``channel`` (closing them)."""
    channel.setblocking(False)
    count = 0
    while True:
        try:
            _message, fds, _flags, _address = socket.recv_fds(channel, 1, 1)
        except BlockingIOError:
            return count
        count += len(fds)
        for descriptor in fds:
            os.close(descriptor)


def _connect(balancer: Balancer) -> bool:
    client = socket.create_connection(balancer.listener.getsockname())
    accepted, _address = balancer.listener.accept()
    try:
        return balancer.hand_over(accepted)
    finally:
        client.close()


def test_a_process_that_dies_after_it_was_ready_is_replaced(balancer: Balancer) -> None:
    started: list[int] = []
    balancer._start = started.append  # type: ignore[method-assign]
    _install(balancer, FakeProcess(False, -9), FakeProcess(True, None))
    assert balancer.check() is False
    assert started == [0]
    assert balancer.failure is None
    _install(balancer, FakeProcess(False, 0), FakeProcess(True, None))  # SIGTERM'd alone
    assert balancer.check() is False
    assert started == [0, 0]


def test_a_process_that_dies_before_it_is_ready_stops_the_server(balancer: Balancer) -> None:
    started: list[int] = []
    balancer._start = started.append  # type: ignore[method-assign]
    _install(balancer, FakeProcess(False, 3), FakeProcess(True, None))
    balancer.shared.ready[0] = 0
    assert balancer.check() is True
    assert started == []
    assert balancer.failure == "server process 1 failed to start (exit code 3)"


def test_connections_go_to_live_processes_only(balancer: Balancer) -> None:
    channels = _install(balancer, FakeProcess(True, None), FakeProcess(True, None))
    balancer.processes[0] = None  # ended, not yet replaced
    assert all(_connect(balancer) for _ in range(3))
    assert _received(channels[1]) == 3


def test_a_stuck_process_is_passed_over_and_a_gone_one_marked(balancer: Balancer) -> None:
    channels = _install(balancer, FakeProcess(True, None), FakeProcess(True, None))
    stuck = balancer.processes[0]
    assert stuck is not None
    while True:  # process 1 reads nothing: its socket fills up
        try:
            stuck.channel.send(b"x")
        except BlockingIOError:
            break
    assert all(_connect(balancer) for _ in range(4))  # the parent never waits on it
    assert _received(channels[1]) == 4
    channels[1].close()  # process 2 is gone
    assert _connect(balancer) is False  # no one can take it: closed unserved
    assert balancer.processes[1] is not None
    assert balancer.processes[1].gone
    assert balancer.refused == 1


def test_a_process_not_taking_its_connections_is_passed_over(balancer: Balancer) -> None:
    channels = _install(balancer, FakeProcess(True, None), FakeProcess(True, None))
    assert all(_connect(balancer) for _ in range(40))  # neither takes them (adopted stays 0)
    first, second = _received(channels[0]), _received(channels[1])
    # each got 16 while keeping up; the last 8 went wherever there was room, in turn
    assert (first, second) == (20, 20)
    balancer.shared.adopted[1] = balancer.dispatched[1]  # the second catches up
    assert all(_connect(balancer) for _ in range(10))
    assert (_received(channels[0]), _received(channels[1])) == (0, 10)


def test_a_process_still_starting_gets_connections_only_when_no_ready_one_has_room(
    balancer: Balancer,
) -> None:
    channels = _install(balancer, FakeProcess(True, None), FakeProcess(True, None))
    balancer.shared.ready[1] = 0  # just replaced, still importing
    assert all(_connect(balancer) for _ in range(40))  # the ready one takes none yet
    assert (_received(channels[0]), _received(channels[1])) == (40, 0)


def test_a_process_that_never_becomes_ready_stops_the_server(balancer: Balancer) -> None:
    _install(balancer, FakeProcess(True, None), FakeProcess(True, None))
    balancer.shared.ready[1] = 0
    assert balancer.check() is False
    entry = balancer.processes[1]
    assert entry is not None
    entry.started -= 3600
    assert balancer.check() is True
    assert balancer.failure == "server process 2 did not start within 120 s"


class FakeContext:
    """multiprocessing's spawn context, starting nothing."""

    def __init__(self) -> None:
        self.started: list[FakeStarted] = []

    def Process(self, **kwargs: object) -> FakeStarted:  # noqa: N802 (as multiprocessing)
        process = FakeStarted(kwargs)
        self.started.append(process)
        return process


@dataclass
class FakeStarted:
    kwargs: dict[str, object]
    alive: bool = False

    def start(self) -> None:
        self.alive = True

    def is_alive(self) -> bool:
        return self.alive


def test_a_started_process_has_a_non_blocking_socket_and_fresh_counters(
    balancer: Balancer,
) -> None:
    context = FakeContext()
    balancer.context = context  # type: ignore[assignment]
    balancer.dispatched[0] = 7
    balancer.shared.closed[0], balancer.shared.adopted[0], balancer.shared.ready[0] = 3, 5, 1
    balancer._start(0)
    entry = balancer.processes[0]
    assert entry is not None
    OPENED.append(entry.channel)
    assert entry.process is context.started[0]
    assert entry.channel.getblocking() is False  # the parent must never wait on a process
    assert balancer.dispatched[0] == 0
    assert (balancer.shared.closed[0], balancer.shared.adopted[0]) == (0, 0)
    assert balancer.shared.ready[0] == 0
    theirs = context.started[0].kwargs["args"][1]  # type: ignore[index]
    assert theirs.fileno() == -1  # the parent closed its copy of the process's end
