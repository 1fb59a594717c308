"""Queries/s and commits/s of the sandbox on loopback, through the real ftrack client.

Each figure is measured in the same run as a baseline, ``query_server_information`` (a call
that does no entity work), so the ratio shows what queries and commits cost beyond HTTP and
the client. The event hub's figure is a round trip between processes: an event published in
this one, received by a subscriber in another, and its reply back here.
Run: ``python bench/sandbox_throughput.py [--seconds S]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import ftrack_api.event.base
import ftrack_api.event.hub

from ftpub.sandbox.testing import SandboxProcess

#: The subscriber in the other process: replies to each ``bench.ping`` with its data.
SUBSCRIBER = """
import os, ftrack_api.event.hub
hub = ftrack_api.event.hub.EventHub(
    os.environ["FTRACK_SERVER"], os.environ["FTRACK_API_USER"], os.environ["FTRACK_API_KEY"]
)
hub.connect()
hub.subscribe("topic=bench.ping", lambda event: event["data"])
hub.wait(0.5)
print("ready", flush=True)
hub.wait(600)
"""


def rate(action: Callable[[], object], seconds: float) -> float:
    """Calls per second of ``action``, run repeatedly for about ``seconds``."""
    action()
    count = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        action()
        count += 1
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, SandboxProcess(Path(folder) / "data") as box:
        session = box.session()
        shot = session.query('Shot where name is "sh010"').one()
        asset_type = session.query('AssetType where short is "geo"').one()
        asset = session.create("Asset", {"name": "bench", "type": asset_type, "parent": shot})
        session.commit()

        def call(expression: str) -> Callable[[], object]:
            return lambda: session.call([{"action": "query", "expression": expression}])

        def ref(entity: object) -> dict[str, str]:
            return {"__entity_type__": entity.entity_type, "id": entity["id"]}  # type: ignore[attr-defined]

        def create(entity_type: str, **data: object) -> dict[str, object]:
            entity_id = str(uuid.uuid4())
            return {
                "action": "create",
                "entity_type": entity_type,
                "entity_key": [entity_id],
                "entity_data": {"__entity_type__": entity_type, "id": entity_id, **data},
            }

        def commit_version() -> None:
            session.call([create("AssetVersion", asset=ref(asset), comment="bench")])

        def commit_asset_and_version() -> None:
            new_asset = create(
                "Asset", name=uuid.uuid4().hex, type=ref(asset_type), parent=ref(shot)
            )
            version = create(
                "AssetVersion", asset={"__entity_type__": "Asset", "id": new_asset["entity_key"][0]}
            )
            session.call([new_asset, version])

        baseline = rate(
            lambda: session.call([{"action": "query_server_information"}]), args.seconds
        )
        rows = [
            ("baseline: query_server_information", baseline),
            (
                "query: Task by name and parent name",
                rate(
                    call('select id from Task where name is "lighting" and parent.name is "sh020"'),
                    args.seconds,
                ),
            ),
            (
                "query: select name, parent.name from Task",
                rate(call("select name, parent.name from Task"), args.seconds),
            ),
            (
                "query: AssetVersion by asset.parent.id (grows)",
                rate(
                    call(
                        f'select version from AssetVersion where asset.parent.id is "{shot["id"]}"'
                    ),
                    args.seconds,
                ),
            ),
            ("commit: one AssetVersion", rate(commit_version, args.seconds)),
            ("commit: Asset + AssetVersion", rate(commit_asset_and_version, args.seconds)),
        ]
        versions = session.call([{"action": "query", "expression": "select id from AssetVersion"}])
        last_id = versions[0]["data"][-1]["id"]
        rows += [
            (
                f"query: one of {len(versions[0]['data'])} AssetVersions by id",
                rate(call(f"select version from AssetVersion where id is {last_id}"), args.seconds),
            ),
            (
                f"query: the {len(versions[0]['data'])} AssetVersions by asset.parent.id",
                rate(
                    call(
                        f'select version from AssetVersion where asset.parent.id is "{shot["id"]}"'
                    ),
                    args.seconds,
                ),
            ),
        ]
        session.close()
        round_trips = event_round_trips(box, count=200)

    print(f"{'measurement':50} {'calls/s':>10} {'vs baseline':>12}")
    for name, value in rows:
        print(f"{name:50} {value:10.1f} {value / baseline:11.2f}x")
    print(
        f"event round trip between processes, {len(round_trips)} events: median "
        f"{statistics.median(round_trips):.2f} ms, "
        f"95th percentile {statistics.quantiles(round_trips, n=20)[-1]:.2f} ms"
    )


def event_round_trips(box: SandboxProcess, count: int) -> list[float]:
    """Milliseconds from publishing here to the reply of a subscriber in another process."""
    subscriber = subprocess.Popen(
        [sys.executable, "-c", SUBSCRIBER],
        env={**os.environ, **box.env()},
        stdout=subprocess.PIPE,
        text=True,
    )
    hub = ftrack_api.event.hub.EventHub(box.url, box.api_user, box.api_key)
    try:
        assert subscriber.stdout is not None and subscriber.stdout.readline().strip() == "ready"
        hub.connect()
        replied = threading.Event()
        timings = []
        for index in range(count + 10):
            replied.clear()
            started = time.perf_counter()
            hub.publish(
                ftrack_api.event.base.Event("bench.ping", data={"n": index}),
                on_reply=lambda event: replied.set(),
            )
            while not replied.is_set():
                hub.wait(0.001)
            if index >= 10:  # the first ones warm up both processes
                timings.append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        hub.disconnect()
        subscriber.terminate()
        subscriber.wait(timeout=10)


if __name__ == "__main__":
    main()
