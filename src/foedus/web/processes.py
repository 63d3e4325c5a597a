"""Several server processes behind one listening socket, each given its share of connections.

uvicorn's own workers all wait on one shared listening socket, and whichever process wakes
first takes the connection. Browsers and API clients keep their connections open, so an
early imbalance lasts: measured on 2026-11-29, 50 clients arriving together split 41/9
between two processes, and the 41 waited five times longer per request than the 9. Here the
parent process alone accepts; it hands each connection (its file descriptor, over a Unix
socket) to the process with the fewest connections open, and each process serves what it is
given with an unmodified uvicorn server. A connection costs one hand-over when it opens;
requests then flow between the client and its process directly.

The parent keeps no request state: a process that dies is replaced (its open connections die
with it, as they would with uvicorn's supervisor), and a process whose parent is gone stops.
Ctrl-C or SIGTERM stops the parent, which closes the hand-over sockets; each process then shuts
down as uvicorn does (open requests finish).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from foedus.domain.errors import ConfigurationError

__all__ = ["Balancer", "least_loaded", "serve_processes"]

_APP = "foedus.web.app:app_from_environment"
_GRACE_SECONDS = 10.0  # for the processes to finish their requests once asked to stop
_BATCH = 64  # connections a process adopts per wake-up at most
_GONE = 1 << 30  # added to a dead process's count: no connection goes to it
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def least_loaded(dispatched: Sequence[int], closed: Sequence[int], after: int) -> int:
    """The process with the fewest open connections (handed over less closed); among equals
    the first after ``after`` in turn, so that a burst is dealt round the processes."""
    count = len(dispatched)
    order = [(after + 1 + step) % count for step in range(count)]
    return min(order, key=lambda index: dispatched[index] - closed[index])


class _AdoptingServer(uvicorn.Server):
    """Run in each server process: a uvicorn server listening on nothing, adopting the
    connections the parent hands over on ``channel``."""

    def __init__(
        self, config: uvicorn.Config, channel: socket.socket, ready: Any, index: int
    ) -> None:
        super().__init__(config)
        self.channel = channel
        self.ready, self.index = ready, index  # shared: this process sets its own slot
        self.adopting: set[asyncio.Task[Any]] = set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:  # noqa: ARG002
        await super().startup(sockets=[])  # no listening socket of its own
        if not self.should_exit:
            self.channel.setblocking(False)
            asyncio.get_running_loop().add_reader(self.channel.fileno(), self._adopt)
            self.ready[self.index] = 1

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
            for fd in fds:
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


def _process_main(index: int, channel: socket.socket, closed: Any, ready: Any, port: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent's to act on (capture_signals)
    config = uvicorn.Config(
        _APP,
        factory=True,
        port=port,
        log_level="warning",
        access_log=False,
        http=_counting(closed, index),
    )
    _AdoptingServer(config, channel, ready, index).run()


@dataclass
class _Process:
    process: SpawnProcess
    channel: socket.socket  # the parent's end of the hand-over socket


class Balancer:
    """The parent: accepts on ``listener`` and deals the connections to ``count`` processes."""

    def __init__(self, listener: socket.socket, count: int) -> None:
        self.listener = listener
        self.count = count
        self.context: SpawnContext = multiprocessing.get_context("spawn")
        self.closed: Any = self.context.Array("q", count, lock=False)
        self.ready: Any = self.context.Array("b", count, lock=False)
        self.dispatched = [0] * count
        self.processes: list[_Process | None] = [None] * count
        self.last = count - 1
        self.stopping = False
        self.failure: str | None = None  # why the server stopped on its own
        self._guard = threading.Lock()

    def _start(self, index: int) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        port = self.listener.getsockname()[1]
        process = self.context.Process(
            target=_process_main,
            args=(index, theirs, self.closed, self.ready, port),
            name=f"foedus-web-{index + 1}",
        )
        process.start()
        theirs.close()
        # a fresh process has no connections: forget the dead one's
        self.dispatched[index] = 0
        self.closed[index] = 0
        self.ready[index] = 0
        self.processes[index] = _Process(process, ours)

    def start(self) -> None:
        for index in range(self.count):
            self._start(index)
        threading.Thread(target=self._watch, name="foedus-web-watch", daemon=True).start()

    def _watch(self) -> None:
        while not self.stopping:
            with self._guard:
                if self.stopping:
                    return
                if self._check():
                    os.kill(os.getpid(), signal.SIGTERM)  # the main thread stops the server
                    return
            time.sleep(0.5)

    def _check(self) -> bool:
        """Replace a process that died. True when the server should stop: a process died
        before it was ready (it would fail again), or every process has ended normally (they
        were told to stop)."""
        for index, entry in enumerate(self.processes):
            if entry is None or entry.process.is_alive():
                continue
            code = entry.process.exitcode
            entry.channel.close()
            self.processes[index] = None
            if code == 0:
                continue
            if not self.ready[index]:
                self.failure = f"server process {index + 1} failed to start (exit code {code})"
                break
            print(
                f"foedus: server process {index + 1} stopped (exit code {code}); starting another",
                file=sys.stderr,
            )
            self._start(index)
        return self.failure is not None or all(entry is None for entry in self.processes)

    def hand_over(self, connection: socket.socket) -> None:
        """Give ``connection`` to the least loaded live process (the parent's copy closes)."""
        with self._guard, connection:
            for _attempt in range(self.count):
                index = least_loaded(self.dispatched, self.closed, self.last)
                self.last = index
                entry = self.processes[index]
                if entry is None:
                    self.dispatched[index] += _GONE
                    continue
                try:
                    socket.send_fds(entry.channel, [b"c"], [connection.fileno()])
                except OSError:  # the process died: the watcher replaces it
                    self.dispatched[index] += _GONE
                    continue
                self.dispatched[index] += 1
                return

    def serve_forever(self) -> None:
        while not self.stopping:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                continue
            self.hand_over(connection)

    def stop(self) -> None:
        """Close the listener and the hand-over sockets; wait for the processes to finish."""
        with self._guard:
            self.stopping = True
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
    listener = socket.create_server((host, port), family=family, backlog=2048)
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
