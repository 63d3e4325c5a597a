"""``foedus serve`` with two processes, as a real server on loopback: connections are dealt
evenly, a process that dies is replaced, and Ctrl-C or SIGTERM stops every process."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc to see which process holds what"
)
FOEDUS = str(Path(sys.executable).with_name("foedus"))
LOGIN = b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
            connection.sendall(LOGIN.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
            return connection.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def _until(condition: object, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def _server_processes(parent: int) -> list[int]:
    """The server processes under ``parent`` (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == parent and b"spawn_main" in command:
            found.append(int(entry.name))
    return sorted(found)


def _connections_held(pid: int, port: int) -> int:
    """How many established TCP connections to ``port`` process ``pid`` holds."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == port and fields[3] == "01":  # ESTABLISHED
            inodes.add(fields[9])
    held = 0
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


def _both_serve(parent: int, port: int) -> bool:
    """True when two connections opened together are served by two processes."""
    pair = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    try:
        for connection in pair:
            connection.sendall(LOGIN)
        if not all(connection.recv(16).startswith(b"HTTP/1.1 200") for connection in pair):
            return False
        return sorted(_connections_held(pid, port) for pid in _server_processes(parent)) == [1, 1]
    finally:
        for connection in pair:
            connection.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    port = _free_port()
    env = {**os.environ, "FOEDUS_DATA_DIR": str(tmp_path / "data"), "FOEDUS_DATABASE_URL": ""}
    process = subprocess.Popen(
        [FOEDUS, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert _until(lambda: _answers(port), 60), "the server did not start"
        assert _until(lambda: len(_server_processes(process.pid)) == 2)
        # a process still starting is dealt connections only when no ready one takes them
        assert _until(lambda: _both_serve(process.pid, port), 60), "a process did not start"
        yield Served(process, port)
    finally:
        children = _server_processes(process.pid)  # before the parent goes: then they are
        if process.poll() is None:  # no longer its children
            process.kill()
            process.wait()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_connections_arriving_together_are_dealt_evenly_and_a_dead_process_is_replaced(
    served: Served,
) -> None:
    # uvicorn's own workers race for such a burst on a shared socket (41/9 measured)
    burst = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(8)]
    try:
        for connection in burst:
            connection.sendall(LOGIN)
        assert all(connection.recv(16).startswith(b"HTTP/1.1 200") for connection in burst)
        processes = _server_processes(served.process.pid)
        assert sorted(_connections_held(pid, served.port) for pid in processes) == [4, 4]
    finally:
        for connection in burst:
            connection.close()

    os.kill(processes[0], signal.SIGKILL)
    assert _until(lambda: processes[0] not in _server_processes(served.process.pid))
    replaced = _until(
        lambda: (
            len(_server_processes(served.process.pid)) == 2
            and all(_answers(served.port) for _ in range(4))
        ),
        60,
    )
    assert replaced, "the dead process was not replaced"

    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=30) == 0
    assert _server_processes(served.process.pid) == []
    stderr = served.process.stderr.read().decode() if served.process.stderr else ""
    assert "server process 1 stopped (exit code -9); starting another" in stderr
    assert "Traceback" not in stderr


def test_ctrl_c_stops_every_process_without_a_traceback(served: Served) -> None:
    processes = _server_processes(served.process.pid)
    for pid in (served.process.pid, *processes):  # the terminal signals the whole group
        os.kill(pid, signal.SIGINT)
    assert served.process.wait(timeout=30) == 0
    assert _until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in processes))
    stderr = served.process.stderr.read().decode() if served.process.stderr else ""
    assert "Traceback" not in stderr
    assert "starting another" not in stderr
