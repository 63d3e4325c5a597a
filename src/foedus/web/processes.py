"""Several server processes behind one listening socket, each given its share of connections.

uvicorn's own workers all wait on one shared listening socket, and whichever process wakes
first takes the connection. Browsers and API clients keep their connections open, so an
early imbalance lasts: measured on 2026-11-29, 50 clients arriving together split 41/9
between two processes, and the 41 waited five times longer per request than the 9. Here the
parent process alone accepts; it hands each connection (its file descriptor, over a Unix
socket) to the process with the fewest connections open, and each process serves what it is
given with an unmodified uvicorn server. A connection costs one hand-over when it opens;
requests then flow between the client and its process directly.

The parent is one thread and keeps no request state. It never waits on a process: a process
whose hand-over socket is full (stuck, or still starting) is passed over for the next, and
processes still starting get connections only when no ready one takes them. A process that
dies is replaced (its open connections die with it, as with uvicorn's supervisor); one that
dies before it was ready stops the server, since it would fail again; a process whose parent
is gone stops. Ctrl-C or SIGTERM stops the parent, which closes the hand-over sockets; each
process then shuts down as uvicorn does (open requests finish). Linux only (file descriptors
over SOCK_SEQPACKET Unix sockets): elsewhere ``foedus serve`` runs uvicorn's own workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import socket
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from foedus.domain.errors import ConfigurationError

__all__ = ["Balancer", "dealing_order", "serve_processes"]

_APP = "foedus.web.app:app_from_environment"
_GRACE_SECONDS = 10.0  # for the processes to finish their requests once asked to stop
_BATCH = 64  # connections a process adopts per wake-up at most
_CHECK_SECONDS = 0.5  # how often the parent looks after its processes
_BEHIND_AFTER = 16  # connections handed over and not yet taken: the process is behind
_KEEPING_UP, _BEHIND, _STARTING = 0, 1, 2  # a process's state, in the order they are offered
_STARTUP_SECONDS = 120.0  # a process not ready by then will not be: the server stops
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def dealing_order(open_now: Sequence[int], states: Sequence[int], after: int) -> list[int]:
    """The processes in the order they should be offered a connection: those keeping up, then
    those behind (not taking what they were handed), then those still starting; within each,
    the fewest open connections first, and among equals the first after ``after`` in turn, so
    that a burst is dealt round the processes."""
    count = len(open_now)
    turn = [(after + 1 + step) % count for step in range(count)]
    return sorted(turn, key=lambda index: (states[index], open_now[index]))


class _AdoptingServer(uvicorn.Server):
    """Run in each server process: a uvicorn server listening on nothing, adopting the
    connections the parent hands over on ``channel``."""

    def __init__(
        self, config: uvicorn.Config, channel: socket.socket, shared: _Shared, index: int
    ) -> None:
        super().__init__(config)
        self.channel = channel
        self.shared, self.index = shared, index  # this process writes its own slots only
        self.adopting: set[asyncio.Task[Any]] = set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:  # noqa: ARG002
        await super().startup(sockets=[])  # no listening socket of its own
        if not self.should_exit:
            self.channel.setblocking(False)
            asyncio.get_running_loop().add_reader(self.channel.fileno(), self._adopt)
            self.shared.ready[self.index] = 1

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """SIGTERM stops the process as uvicorn does (its requests finish; a second one cuts
        them short). Ctrl-C reaches every process of the terminal, but only the parent acts on
        it: it closes the hand-over socket, and the process then stops the same way."""

        def stop(_signum: int, _frame: object) -> None:
            if self.should_exit:
                self.force_exit = True
            self.should_exit = True

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            yield
        finally:
            signal.signal(signal.SIGTERM, previous)

    def _protocol(self) -> asyncio.Protocol:
        return self.config.http_protocol_class(  # type: ignore[call-arg]
            config=self.config, server_state=self.server_state, app_state=self.lifespan.state
        )

    def _adopt(self) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(_BATCH):
            try:
                message, fds, _flags, _address = socket.recv_fds(self.channel, 1, 1)
            except BlockingIOError:
                return
            except OSError:
                message, fds = b"", []
            if not message and not fds:  # the parent is gone: stop as on Ctrl-C
                loop.remove_reader(self.channel.fileno())
                self.should_exit = True
                return
            if not fds:  # the descriptor did not fit (this process is at its limit): the
                # kernel closed the connection; count it as taken and ended
                self.shared.adopted[self.index] += 1
                self.shared.closed[self.index] += 1
            for fd in fds:
                self.shared.adopted[self.index] += 1
                connection = socket.socket(fileno=fd)
                connection.setblocking(False)
                task = loop.create_task(loop.connect_accepted_socket(self._protocol, connection))
                self.adopting.add(task)
                task.add_done_callback(self.adopting.discard)


def _counting(closed: Any, index: int) -> type[asyncio.Protocol]:
    """uvicorn's HTTP protocol, counting in ``closed[index]`` the connections that end."""

    class Counted(HttpToolsProtocol):
        def connection_lost(self, exc: Exception | None) -> None:
            closed[index] += 1
            super().connection_lost(exc)

    return Counted


def _process_main(index: int, channel: socket.socket, shared: _Shared, port: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent's to act on (capture_signals)
    config = uvicorn.Config(
        _APP,
        factory=True,
        port=port,
        log_level="warning",
        access_log=False,
        http=_counting(shared.closed, index),
    )
    _AdoptingServer(config, channel, shared, index).run()


@dataclass
class _Shared:
    """Counters in shared memory, one slot per process, each written by one side only."""

    closed: Any  # connections that ended (written by the process)
    adopted: Any  # connections taken from the hand-over socket (by the process)
    ready: Any  # 1 once the process serves (by the process; 0 by the parent at a start)


@dataclass
class _Process:
    process: SpawnProcess
    channel: socket.socket  # the parent's end of the hand-over socket (non-blocking)
    started: float  # time.monotonic() when it was started
    gone: bool = False  # its end of the socket is closed: it is dying


class Balancer:
    """The parent: accepts on ``listener`` and deals the connections to ``count`` processes."""

    def __init__(self, listener: socket.socket, count: int) -> None:
        self.listener = listener
        self.count = count
        self.context: SpawnContext = multiprocessing.get_context("spawn")
        self.shared = _Shared(
            *(self.context.Array(code, count, lock=False) for code in ("q", "q", "b"))
        )
        self.dispatched = [0] * count
        self.processes: list[_Process | None] = [None] * count
        self.last = count - 1
        self.refused = 0  # connections no process could take (closed unserved)
        self.failure: str | None = None  # why the server stopped on its own

    def _start(self, index: int) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        ours.setblocking(False)  # the parent never waits on a process
        port = self.listener.getsockname()[1]
        process = self.context.Process(
            target=_process_main,
            args=(index, theirs, self.shared, port),
            name=f"foedus-web-{index + 1}",
        )
        # a fresh process has no connections: forget the dead one's (before it can count)
        self.dispatched[index] = 0
        self.shared.closed[index] = 0
        self.shared.adopted[index] = 0
        self.shared.ready[index] = 0
        # recorded before it starts, so that stop() waits for it whatever interrupts us
        self.processes[index] = _Process(process, ours, time.monotonic())
        # the process starts with Ctrl-C ignored (the disposition survives exec), so that a
        # Ctrl-C while it imports does not print a traceback: the parent stops it
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            process.start()
        except BaseException:
            self.processes[index] = None
            ours.close()
            raise
        finally:
            signal.signal(signal.SIGINT, previous)
            theirs.close()

    def start(self) -> None:
        for index in range(self.count):
            self._start(index)

    def check(self) -> bool:
        """Replace a process that died. True when the server should stop: a process died
        before it was ready (it would fail again), or a new one could not be started."""
        for index, entry in enumerate(self.processes):
            if entry is None:
                continue
            if entry.process.is_alive():
                late = time.monotonic() - entry.started > _STARTUP_SECONDS
                if late and not self.shared.ready[index]:
                    self.failure = (
                        f"server process {index + 1} did not start within {_STARTUP_SECONDS:.0f} s"
                    )
                    return True
                continue
            code = entry.process.exitcode
            entry.channel.close()
            self.processes[index] = None
            if not self.shared.ready[index]:
                self.failure = f"server process {index + 1} failed to start (exit code {code})"
                return True
            print(
                f"foedus: server process {index + 1} stopped (exit code {code}); starting another",
                file=sys.stderr,
            )
            try:
                self._start(index)
            except OSError as exc:
                self.failure = f"could not start server process {index + 1}: {exc.strerror}"
                return True
        return False

    def hand_over(self, connection: socket.socket) -> bool:
        """Give ``connection`` to a process, the least loaded that takes it now (the parent's
        copy closes). False when none could: the connection is closed unserved."""
        with connection:
            shared, handed = self.shared, self.dispatched
            order = dealing_order(
                [handed[index] - shared.closed[index] for index in range(self.count)],
                [
                    _STARTING
                    if not shared.ready[index]
                    else _BEHIND
                    if handed[index] - shared.adopted[index] >= _BEHIND_AFTER
                    else _KEEPING_UP
                    for index in range(self.count)
                ],
                self.last,
            )
            for index in order:
                entry = self.processes[index]
                if entry is None or entry.gone:
                    continue
                try:
                    socket.send_fds(entry.channel, [b"c"], [connection.fileno()])
                except (BrokenPipeError, ConnectionError):
                    entry.gone = True  # the process is dying: check() replaces it
                    continue
                except OSError:  # full (stuck, or busy starting), or too many in flight
                    continue
                self.dispatched[index] += 1
                self.last = index
                return True
        self.refused += 1
        if self.refused in (1, 10, 100) or self.refused % 1000 == 0:
            print(
                f"foedus: no server process could take a connection ({self.refused} so far)",
                file=sys.stderr,
            )
        return False

    def serve_forever(self) -> None:
        """Accept and deal connections; look after the processes every half second. Returns
        when the server should stop on its own (``failure`` says why)."""
        self.listener.settimeout(_CHECK_SECONDS)
        due = time.monotonic() + _CHECK_SECONDS
        while True:
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                pass
            except OSError:  # out of file descriptors, or the client left: go on
                time.sleep(0.01)
            else:
                self.hand_over(connection)
            if time.monotonic() >= due:
                if self.check():
                    return
                due = time.monotonic() + _CHECK_SECONDS

    def stop(self) -> None:
        """Close the listener and the hand-over sockets; wait for the processes to finish."""
        self.listener.close()
        for entry in self.processes:
            if entry is not None:
                entry.channel.close()
        for entry in self.processes:
            if entry is None:
                continue
            entry.process.join(_GRACE_SECONDS)
            if entry.process.is_alive():
                entry.process.terminate()
                entry.process.join(_GRACE_SECONDS)


def serve_processes(host: str, port: int, count: int) -> None:
    """Serve the workspace from ``count`` processes on ``host:port`` until Ctrl-C or SIGTERM.
    Raises ConfigurationError when a process fails as it starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server(
        (host, port),
        family=family,
        backlog=2048,
        # "::" takes IPv4 clients too, as uvicorn's own socket does
        dualstack_ipv6=family == socket.AF_INET6 and socket.has_dualstack_ipv6(),
    )
    balancer = Balancer(listener, count)

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # both, explicitly: a shell starting us in the background may have set SIGINT ignored
    previous = {number: signal.signal(number, _stop) for number in _STOP_SIGNALS}
    try:
        balancer.start()
        balancer.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        for number in _STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)  # a second Ctrl-C does not cut the wait
        balancer.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)
    if balancer.failure:
        raise ConfigurationError(balancer.failure, "server")
