"""Load on the workspace: concurrent clients against a real server on loopback.

    python -m bench.load [--clients 50] [--seconds 60] [--writes 0.1] [--provisions hot|all]
                         [--ramp 1] [--think 0] [--workers N]

A fresh data directory is seeded with the demo negotiation; ``foedus serve`` runs on a free
loopback port as ``make demo`` runs it (uvicorn, ``--workers`` server processes — default
``FOEDUS_WEB_WORKERS``, 2 — sharing SQLite in WAL mode; the parent process deals each new
connection to the process with the fewest open). A second process drives it:
``--clients`` closed-loop clients, each with an API token and one keep-alive connection
(aiohttp on uvloop), with no think time; each request reads a provision (text, status, proposals,
alternatives, comments, timeline: ``GET /api/v1/negotiations/N/provisions/EID``) or, with
probability ``--writes``, tables a proposal (``POST …/proposals``) with a unique text.
The clients read and amend 11 provisions (``--provisions hot``, the default since 2026-11-28,
kept so that runs compare): every proposal tabled is returned by later reads of its provision,
about 200 of them each after 60 s. ``--provisions all`` spreads the same load over every
provision of the draft (95), closer to a negotiation's texture.
The clients start evenly over the first ``--ramp`` seconds (default 1: 20 ms apart), as
people arrive, and keep their connection to the end. ``--ramp 0`` starts all 50 in the same
instant. (Until the parent dealt connections, uvicorn's processes raced to accept them from
one listening socket and the first to wake took most of such a burst — measured on
2026-11-29: 41 of 50 connections on one process, whose clients waited 114 ms a request while
the other nine waited 22 ms — a split the keep-alive connections kept for the whole run.)
Requests are counted once every client has arrived (throughput over the run less the ramp).
The report shows the lowest, median and highest mean latency of a client, where such a split
shows. The server is ready once it answers HTTP (not merely once its port is open).
With ``--think S`` each client pauses S seconds between requests (a paced run: 50 people each
acting about once a second); the default, 0, saturates the server — the issue's target is
judged on that run.

Reported: requests, throughput, p50/p95/p99 latency of reads and of writes, and errors
(any status other than 200/201, or a failed connection). Afterwards every proposal the server
acknowledged with 201 is looked up in the database, by id and text: lost writes are counted.

Baseline, measured in the same run with the same clients: a bare ASGI app under the same
uvicorn (one process) answering every request with a fixed JSON body — what the server and
the client cost with no application at all. Ratios are foedus ÷ baseline. (Until 2026-11-29
the clients were httpx's, which cost the machine more than the bare server did: the baseline
then measured the client, at about 1,000 requests/s; aiohttp's reach about 12,000. Since
2026-11-30 the clients run on uvloop: at ~800 requests/s they took 0.18 of a core instead of
0.20 on asyncio's own loop, cycles the server processes on the same two cores get back.)
Targets (issue 4, on a 2-core machine): p95 < 100 ms, zero errors, zero lost writes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EIDS = [
    "art_1__para_1",
    "art_3__para_1",
    "art_3__para_2",
    "art_4__para_1",
    "art_4__para_3__point_a",
    "art_5__para_1",
    "art_8__para_1",
    "art_9__para_1",
    "art_10__para_1",
    "art_12__para_2",
    "art_12__para_5",
]
FIXED = json.dumps({"eid": "art_4__para_1", "text": "x" * 300, "status": "open"}).encode()


async def baseline_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The baseline: drain the request, answer a fixed JSON body."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    status = 201 if scope["method"] == "POST" else 200
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(FIXED)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": FIXED})


@dataclass
class Tally:
    reads: list[float] = field(default_factory=list)
    writes: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    acknowledged: dict[int, str] = field(default_factory=dict)
    per_client: dict[int, list[float]] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


_PROBE = b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def _wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:  # an HTTP answer, not only an open port: a server process is serving
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                probe.sendall(_PROBE)
                if probe.recv(12).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not start")


@dataclass(frozen=True)
class Load:
    clients: int
    seconds: float
    writes: float
    think: float
    eids: tuple[str, ...] = tuple(EIDS)
    ramp: float = 0.0  # the clients start evenly over this many seconds


async def _client(
    number: int,
    base: str,
    nid: int,
    tokens: list[str],
    load: Load,
    until: float,
    version: int,
    tally: Tally,
    measured_from: float = 0.0,
) -> None:
    import aiohttp

    rng = random.Random(number)
    headers = {"Authorization": f"Bearer {tokens[number % len(tokens)]}"}
    mine = tally.per_client.setdefault(number, [])
    if load.ramp:
        await asyncio.sleep(load.ramp * number / load.clients)
    connector = aiohttp.TCPConnector(limit=1)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(
        base, headers=headers, connector=connector, timeout=timeout
    ) as client:
        sequence = 0
        while time.monotonic() < until:
            if load.think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * load.think)
            eid = rng.choice(load.eids)
            write = rng.random() < load.writes
            counted = time.monotonic() >= measured_from  # not while the clients still arrive
            started = time.perf_counter()
            try:
                if write:
                    sequence += 1
                    text = f"1. Load test wording {number}-{sequence}: the Parties shall consult."
                    async with client.post(
                        f"/api/v1/negotiations/{nid}/proposals",
                        json={
                            "kind": "amend",
                            "eid": eid,
                            "text": text,
                            "rationale": "load test",
                            "base_version": version,
                        },
                    ) as answer:
                        status = answer.status
                        body = await answer.read()
                else:
                    async with client.get(f"/api/v1/negotiations/{nid}/provisions/{eid}") as answer:
                        status = answer.status
                        body = await answer.read()
            except (aiohttp.ClientError, TimeoutError) as exc:
                tally.error(type(exc).__name__)
                continue
            elapsed = time.perf_counter() - started
            if status not in (200, 201):
                tally.error(f"HTTP {status}")
                continue
            if counted:
                (tally.writes if write else tally.reads).append(elapsed)
                mine.append(elapsed)
            if write and status == 201:
                data = json.loads(body)
                if "id" in data:
                    tally.acknowledged[int(data["id"])] = text


def drive(
    base: str, nid: int, tokens: list[str], load: Load, seconds: float, version: int
) -> Tally:
    tally = Tally()

    async def run() -> None:
        start = time.monotonic()
        until = start + seconds
        counted = start + load.ramp  # requests are counted once every client has arrived
        await asyncio.gather(
            *(
                _client(n, base, nid, tokens, load, until, version, tally, counted)
                for n in range(load.clients)
            )
        )

    try:  # the clients on libuv's loop too: less of the machine goes to measuring
        import uvloop
    except ImportError:  # Windows
        asyncio.run(run())
    else:
        uvloop.run(run())
    return tally


def _serve(argv: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for(port, process)
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def _quantiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        one = values[0] * 1000 if values else float("nan")
        return one, one, one
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def _report(name: str, tally: Tally, seconds: float) -> dict[str, float]:
    everything = tally.reads + tally.writes
    p50, p95, p99 = _quantiles(everything)
    row = {
        "requests": len(everything),
        "rps": len(everything) / seconds,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "errors": sum(tally.errors.values()),
    }
    print(
        f"{name:<22} {row['requests']:>8} {row['rps']:>8.0f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} "
        f"{row['errors']:>7}"
    )
    for kind, values in (("  reads", tally.reads), ("  writes", tally.writes)):
        if values:
            q = _quantiles(values)
            rate = len(values) / seconds
            print(
                f"{kind:<22} {len(values):>8} {rate:>8.0f} {q[0]:>8.1f} {q[1]:>8.1f} {q[2]:>8.1f}"
            )
    means = sorted(statistics.fmean(v) * 1000 for v in tally.per_client.values() if v)
    starved = sum(1 for v in tally.per_client.values() if not v)
    if means:  # one server process holding more of the connections shows here
        middle = means[len(means) // 2]
        print(f"  mean latency per client, ms: {means[0]:.0f} / {middle:.0f} / {means[-1]:.0f} "
              "(lowest / median / highest)"
              + (f"; {starved} clients completed no request" if starved else ""))  # fmt: skip
    if tally.errors:
        print(f"  errors: {tally.errors}")
    return row


def _seed(data_dir: Path) -> tuple[int, list[str], int, list[str]]:
    """Seed the demo; API tokens for three negotiators; the current version number; the eIds of
    every provision of the current draft."""
    from foedus.bootstrap import build_storage, load_settings
    from foedus.services.workspace import accounts, drafts
    from foedus.services.workspace.demo import seed_demo

    factory = build_storage(load_settings(data_dir=data_dir))
    seed = seed_demo(factory, ROOT / "examples" / "ukraine-us-bsa.txt", data_dir)
    passwords = {login.username: login.password for login in seed.logins}
    tokens = []
    for name in ("ua.lead", "us.lead", "us.negotiator"):
        user = accounts.authenticate(factory(), name, passwords[name])
        tokens.append(accounts.create_token(factory(), user, "load benchmark"))
    with factory() as uow:
        latest = drafts.current_version(uow, seed.negotiation_id)
        assert latest is not None
        number = latest.number
    every = [provision.eid for provision in drafts.document_of(latest).walk()]
    return seed.negotiation_id, tokens, number, every


def _lost_writes(data_dir: Path, acknowledged: dict[int, str]) -> int:
    from foedus.bootstrap import build_storage, load_settings

    factory = build_storage(load_settings(data_dir=data_dir))
    with factory() as uow:
        stored = {p.id: p.text for p in uow.proposals.list()}
    return sum(1 for pid, text in acknowledged.items() if stored.get(pid) != text)


HEADER = ("", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--writes", type=float, default=0.1, help="share of proposal posts")
    parser.add_argument("--baseline-seconds", type=float, default=15.0)
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between requests, s")
    parser.add_argument("--workers", type=int, default=None, help="server processes")
    parser.add_argument(
        "--ramp",
        type=float,
        default=1.0,
        help="the clients start evenly over this many seconds (0: all at once)",
    )
    parser.add_argument(
        "--provisions",
        choices=("hot", "all"),
        default="hot",
        help="read and amend 11 provisions (hot, the default) or every provision of the draft",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.ramp < min(args.seconds, args.baseline_seconds):
        parser.error("--ramp must be at least 0 and shorter than the runs")

    with tempfile.TemporaryDirectory(prefix="foedus-load-") as tmp:
        data_dir = Path(tmp)
        nid, tokens, version, every = _seed(data_dir)
        eids = tuple(EIDS) if args.provisions == "hot" else tuple(every)
        load = Load(args.clients, args.seconds, args.writes, args.think, eids, args.ramp)
        env = {**os.environ, "FOEDUS_DATA_DIR": str(data_dir), "FOEDUS_DATABASE_URL": ""}
        pace = f"think {args.think:g} s" if args.think else "no think time"
        print(
            f"{args.clients} clients starting over {args.ramp:g} s, {args.writes:.0%} writes, "
            f"{pace}, {args.seconds:g} s, on {len(eids)} provisions"
        )
        if args.workers:
            env["FOEDUS_WEB_WORKERS"] = str(args.workers)
        workers = env.get("FOEDUS_WEB_WORKERS", "2")
        print(f"server: foedus serve (uvicorn, {workers} processes, SQLite in WAL), on loopback")
        print("{:<22} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7}".format(*HEADER))

        port = _free_port()
        app = "bench.load:baseline_app"
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--port",
            str(port),
            "--log-level",
            "warning",
        ]
        baseline = _serve(command, {**env, "PYTHONPATH": str(ROOT)}, port)
        try:
            base_tally = drive(
                f"http://127.0.0.1:{port}", nid, tokens, load, args.baseline_seconds, version
            )
        finally:
            _stop(baseline)
        base = _report("baseline (bare ASGI)", base_tally, args.baseline_seconds - args.ramp)

        port = _free_port()
        foedus_bin = str(Path(sys.executable).with_name("foedus"))
        server = _serve([foedus_bin, "serve", "--port", str(port)], env, port)
        try:
            tally = drive(f"http://127.0.0.1:{port}", nid, tokens, load, args.seconds, version)
        finally:
            _stop(server)
        ours = _report("foedus workspace", tally, args.seconds - args.ramp)
        lost = _lost_writes(data_dir, tally.acknowledged)

    p95_ratio, rps_ratio = ours["p95"] / base["p95"], ours["rps"] / base["rps"]
    print(f"ratio foedus/baseline: p95 {p95_ratio:.1f}x, throughput {rps_ratio:.2f}x")
    print(f"acknowledged writes: {len(tally.acknowledged)}, lost: {lost}")
    met = ours["p95"] < 100 and ours["errors"] == 0 and lost == 0
    paced = " (paced run)" if args.think else ""
    print(f"target p95 < 100 ms, 0 errors, 0 lost writes: {'met' if met else 'NOT met'}{paced}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
