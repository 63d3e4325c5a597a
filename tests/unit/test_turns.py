"""Requests start in the order they came, one per turn of the event loop (foedus.web.turns)."""

from __future__ import annotations

import asyncio
import gc
import threading
from typing import Any

from foedus.web.turns import Turns

HTTP = {"type": "http"}


def test_requests_start_first_come_first_served_one_per_turn_of_the_loop() -> None:
    started: list[tuple[str, int]] = []
    turn = 0

    async def app(scope: dict[str, Any], _receive: Any, _send: Any) -> None:
        started.append((scope["name"], turn))

    async def ticker() -> None:  # counts the turns of the loop
        nonlocal turn
        for _ in range(40):
            turn += 1
            await asyncio.sleep(0)

    async def main() -> None:
        turns = Turns(app)
        clock = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        first = [
            asyncio.create_task(turns({**HTTP, "name": f"a{n}"}, None, None)) for n in range(3)
        ]
        await asyncio.sleep(0)  # a later round of arrivals, while the first still wait
        later = [
            asyncio.create_task(turns({**HTTP, "name": f"b{n}"}, None, None)) for n in range(2)
        ]
        await asyncio.gather(*first, *later)
        await clock

    asyncio.run(main())
    assert [name for name, _ in started] == ["a0", "a1", "a2", "b0", "b1"]
    moments = [moment for _, moment in started]
    assert len(set(moments)) == len(moments)  # never two in one turn of the loop


def test_a_request_that_waits_does_not_hold_up_the_next_and_lifespan_passes() -> None:
    order: list[str] = []

    async def main() -> None:
        gate = asyncio.Event()

        async def app(scope: dict[str, Any], _receive: Any, _send: Any) -> None:
            order.append(f"start {scope.get('name', scope['type'])}")
            if scope.get("name") == "slow":
                await gate.wait()  # an upload, a worker thread…
            order.append(f"end {scope.get('name', scope['type'])}")

        turns = Turns(app)
        slow = asyncio.create_task(turns({**HTTP, "name": "slow"}, None, None))
        quick = asyncio.create_task(turns({**HTTP, "name": "quick"}, None, None))
        await turns({"type": "lifespan"}, None, None)  # not a request: no turn to wait for
        await quick
        gate.set()
        await slow

    asyncio.run(main())
    # the slow request started and waits; the quick one still got its turn and finished
    assert order == [
        "start lifespan",
        "end lifespan",
        "start slow",
        "start quick",
        "end quick",
        "end slow",
    ]


def test_a_waiting_request_given_up_passes_its_turn_on() -> None:
    started: list[str] = []

    async def app(scope: dict[str, Any], _receive: Any, _send: Any) -> None:
        started.append(scope["name"])

    async def main() -> None:
        turns = Turns(app)
        first = asyncio.create_task(turns({**HTTP, "name": "first"}, None, None))
        gone = asyncio.create_task(turns({**HTTP, "name": "gone"}, None, None))
        last = asyncio.create_task(turns({**HTTP, "name": "last"}, None, None))
        await asyncio.sleep(0)
        gone.cancel()
        await asyncio.gather(first, last)

    asyncio.run(main())
    assert started == ["first", "last"]


def test_one_app_served_by_two_event_loops_queues_on_each() -> None:
    done: list[str] = []

    async def app(scope: dict[str, Any], _receive: Any, _send: Any) -> None:
        await asyncio.sleep(0.001)
        done.append(scope["name"])

    turns = Turns(app)  # as two test clients share one app, each on its own loop

    def serve(name: str) -> None:
        async def main() -> None:
            await asyncio.gather(*(turns({**HTTP, "name": name}, None, None) for _ in range(50)))

        asyncio.run(main())

    threads = [threading.Thread(target=serve, args=(name,), daemon=True) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert not any(thread.is_alive() for thread in threads), "a loop waited for the other's turns"
    assert sorted(done) == ["a"] * 50 + ["b"] * 50


def test_a_loop_that_is_gone_is_forgotten() -> None:
    async def app(_scope: dict[str, Any], _receive: Any, _send: Any) -> None:
        pass

    turns = Turns(app)
    for _ in range(3):
        asyncio.run(turns({**HTTP, "name": "x"}, None, None))
    gc.collect()
    assert len(turns._queues) == 0
