"""The sandbox at studio scale: a fresh sandbox side by side with grown ones.

Each grown sandbox is filled through the real ``ftrack_api`` client, in batched calls: shots of
10 assets, each asset 10 versions of 2 components registered in the unmanaged location. With
``--clients 2`` two client processes grow it at once, as two publishers would (the server
applies their batches one at a time). For every sandbox the benchmark prints the
server's memory, publish times, the typical pipeline queries, paging every version (through
``.all()``, and page by page without the client's cache), how long a look-up waits while a
100-instance publish runs, and the restart time. Rows marked "server" add up the time the
sandbox itself spent on the calls (its ``Server-Timing`` header): the rest is the client's
(encoding, HTTP, decoding and merging replies). The last columns divide the largest sandbox's
figures by the smallest grown one's and by the fresh one's. Run::

    python bench/sandbox_scale.py [--versions 1000,100000] [--repeat 5] [--clients 1]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ftpub.sandbox.app import Connection
from ftpub.sandbox.seed import BUILTIN_LOCATIONS
from ftpub.sandbox.testing import SandboxProcess, client_session

VERSIONS_PER_ASSET = 10
ASSETS_PER_SHOT = 10
ASSETS_PER_CALL = 20
UNMANAGED = BUILTIN_LOCATIONS["ftrack.unmanaged"]
ALL_VERSIONS = "select id, version from AssetVersion"
#: Runs of a figure of a few milliseconds per ``--repeat``: their median wanders otherwise.
SMALL_RUNS = 50


def ref(entity_type: str, entity_id: str) -> dict[str, str]:
    return {"__entity_type__": entity_type, "id": entity_id}


def create(entity_type: str, **data: Any) -> dict[str, Any]:
    entity_id = data.setdefault("id", str(uuid.uuid4()))
    return {
        "action": "create",
        "entity_type": entity_type,
        "entity_key": [entity_id],
        "entity_data": {"__entity_type__": entity_type, **data},
    }


def instance(asset_id: str) -> list[dict[str, Any]]:
    """What publishing one instance writes: a version and its two registered components."""
    version = create("AssetVersion", asset=ref("Asset", asset_id), comment="scale")
    operations = [version]
    for name in ("main", "thumbnail"):
        component = create(
            "FileComponent",
            name=name,
            file_type=".exr",
            size=1024,
            version_id=version["entity_key"][0],
        )
        component_id = component["entity_key"][0]
        location = create(
            "ComponentLocation",
            component_id=component_id,
            location_id=UNMANAGED,
            resource_identifier=f"/show/{component_id}.exr",
        )
        operations += [component, location]
    return operations


@dataclass
class Show:
    """What the benchmark grew, for the measurements to aim at."""

    project_id: str
    asset_type_id: str
    sequence_id: str
    prefix: str = "scale"
    shots: list[str] = field(default_factory=list)
    assets: list[tuple[str, str]] = field(default_factory=list)  # (id, name)


def prepare(session: Any) -> Show:
    project = session.query('Project where name is "demo"').one()
    sequence = session.query('Sequence where name is "sq010"').one()
    asset_type = session.query('AssetType where short is "geo"').one()
    return Show(project["id"], asset_type["id"], sequence["id"])


def grow(session: Any, show: Show, versions: int) -> None:
    """Add shots of assets of versions until ``versions`` more versions exist."""
    assets = versions // VERSIONS_PER_ASSET
    operations: list[dict[str, Any]] = []
    for number in range(assets):
        if number % ASSETS_PER_SHOT == 0:
            name = f"{show.prefix}{len(show.shots):05d}"
            shot = create("Shot", name=name, parent_id=show.sequence_id)
            show.shots.append(shot["entity_key"][0])
            operations.append(shot)
        name = f"asset{number:06d}"
        asset = create(
            "Asset",
            name=name,
            type=ref("AssetType", show.asset_type_id),
            parent=ref("Shot", show.shots[-1]),
        )
        asset_id = asset["entity_key"][0]
        show.assets.append((asset_id, name))
        operations.append(asset)
        for _ in range(VERSIONS_PER_ASSET):
            operations += instance(asset_id)
        if (number + 1) % ASSETS_PER_CALL == 0:
            session.call(operations)
            operations = []
    if operations:
        session.call(operations)


class ServerClock:
    """Adds up the server time of a session's calls, read from each reply's Server-Timing."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def watch(self, session: Any) -> Any:
        """Count the calls of ``session``, and return it."""
        session._request.hooks["response"].append(self._record)
        return session

    def _record(self, response: Any, *args: Any, **kwargs: Any) -> None:
        timing = response.headers.get("Server-Timing", "")
        if timing.startswith("api;dur="):
            self.seconds += float(timing.removeprefix("api;dur=")) / 1000


def median_ms(
    action: Callable[[], object], repeat: int, clock: ServerClock | None = None
) -> tuple[float, float]:
    """The median time of ``action`` and the median server time ``clock`` saw, in ms."""
    action()
    times, server = [], []
    for _ in range(repeat):
        before = clock.seconds if clock else 0.0
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
        server.append((clock.seconds if clock else 0.0) - before)
    return statistics.median(times) * 1000, statistics.median(server) * 1000


def rss_mib(box: SandboxProcess) -> float:
    assert box.process is not None
    status = Path(f"/proc/{box.process.pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def grow_at_once(box: SandboxProcess, show: Show, versions: int, clients: int) -> float:
    """Grow the sandbox by ``versions``: in this process, or through ``clients`` processes at
    once (each its own session, as separate publishers are); the seconds the server spent on
    their calls."""
    shows = [
        Show(show.project_id, show.asset_type_id, show.sequence_id, prefix=f"scale{n}_")
        for n in range(clients)
    ]
    shares = [versions // clients] * clients
    connection = box.connection
    assert connection is not None, "the sandbox is running"
    if clients == 1:
        grown = [grow_client(connection, shows[0], versions)]
    else:
        with ProcessPoolExecutor(clients, mp_context=get_context("spawn")) as pool:
            grown = list(pool.map(grow_client, [connection] * clients, shows, shares))
    for each, _ in grown:
        show.shots += each.shots
        show.assets += each.assets
    return sum(server for _, server in grown)


def grow_client(connection: Connection, show: Show, versions: int) -> tuple[Show, float]:
    """One client's share: ``show`` grown by ``versions``, and the server's time on it."""
    clock = ServerClock()
    session = clock.watch(client_session(connection))
    grow(session, show, versions)
    session.close()
    return show, clock.seconds


def measure(box: SandboxProcess, versions: int, repeat: int, clients: int) -> dict[str, float]:
    clock = ServerClock()
    session = clock.watch(box.session())
    show = prepare(session)
    if versions:
        started = time.perf_counter()
        grown_server = grow_at_once(box, show, versions, clients)
        grown = time.perf_counter() - started
    else:
        grown = grown_server = float("nan")
        grow(session, show, 10 * VERSIONS_PER_ASSET)  # a few assets to aim at
    figures: dict[str, float] = {
        "create the versions (s)": grown,
        "create the versions, server (s)": grown_server,
        "server memory, RSS (MiB)": rss_mib(box),
    }
    asset_id, asset_name = show.assets[len(show.assets) // 2]
    targets = iter(show.assets * 100)
    figures["1-instance publish (ms)"], figures["1-instance publish, server (ms)"] = median_ms(
        lambda: session.call(instance(next(targets)[0])), SMALL_RUNS * repeat, clock
    )

    def publish_100() -> None:
        session.call([op for _ in range(100) for op in instance(next(targets)[0])])

    total, server = median_ms(publish_100, repeat, clock)
    figures["100-instance publish (s)"] = total / 1000
    figures["100-instance publish, server (s)"] = server / 1000
    version_id = session.call(
        [
            {
                "action": "query",
                "expression": f'select id from AssetVersion where asset_id is "{asset_id}"',
            }
        ]
    )[0]["data"][0]["id"]
    task_id = session.query("Task").first()["id"]
    shot_id = show.shots[len(show.shots) // 2]
    queries = {
        "latest version of an asset (ms)": f'AssetVersion where asset.name is "{asset_name}" '
        "order by version desc limit 1",
        "versions of an asset (ms)": f'AssetVersion where asset_id is "{asset_id}"',
        "assets under a context (ms)": f'Asset where parent.id is "{shot_id}"',
        "components of a version (ms)": f'Component where version_id is "{version_id}"',
        "tasks of a project (ms)": f'Task where project_id is "{show.project_id}"',
    }
    for label, expression in queries.items():
        operation = [{"action": "query", "expression": expression}]
        figures[label], _ = median_ms(lambda op=operation: session.call(op), SMALL_RUNS * repeat)

    pager_clock = ServerClock()

    def page_all() -> None:
        pager = pager_clock.watch(box.session())
        pager.query(ALL_VERSIONS).all()
        pager.close()

    total, server = median_ms(page_all, 1, pager_clock)
    figures["paging all versions, .all() (s)"] = total / 1000
    figures["paging all versions, .all(), server (s)"] = server / 1000
    figures["paging all versions, .all(), the client alone (s)"] = page_all_replayed(box)
    total, server = median_ms(lambda: page_raw(session), 1, clock)
    figures["paging all versions, raw pages (s)"] = total / 1000
    figures["paging all versions, raw pages, server (s)"] = server / 1000
    figures["look-up wait during a 100-instance publish (ms)"] = lookup_wait(
        box, publish_100, task_id
    )
    session.close()
    box.stop()
    started = time.perf_counter()
    box.start()
    figures["restart (s)"] = time.perf_counter() - started
    return figures


def page_all_replayed(box: SandboxProcess) -> float:
    """Seconds ``.all()`` takes when every page's reply is replayed from memory: what the
    client itself spends (decoding the replies, building and merging the entities), which
    no server can take off it."""
    replies: list[Any] = []
    recorder = box.session()
    recorder._request.hooks["response"].append(lambda response, *_, **__: replies.append(response))
    recorder.query(ALL_VERSIONS).all()
    recorder.close()
    replayer = box.session()
    replayed = iter(replies)
    replayer._request.post = lambda *_, **__: next(replayed)
    started = time.perf_counter()
    replayer.query(ALL_VERSIONS).all()
    elapsed = time.perf_counter() - started
    replayer.close()
    return elapsed


def page_raw(session: Any) -> None:
    """Every version, a page of 500 at a time, without the client's merging into its cache."""
    offset: int | None = 0
    while offset is not None:
        expression = f"select id, version from AssetVersion offset {offset} limit 500"
        reply = session.call([{"action": "query", "expression": expression}])[0]
        offset = reply["metadata"]["next"]["offset"]


def lookup_wait(box: SandboxProcess, publish: Callable[[], None], task_id: str) -> float:
    """The longest ``Task where id is X`` look-up while a 100-instance publish runs."""
    reader = box.session()
    lookup = [{"action": "query", "expression": f'select name from Task where id is "{task_id}"'}]
    reader.call(lookup)
    writer = threading.Thread(target=publish)
    writer.start()
    longest = 0.0
    while writer.is_alive():
        started = time.perf_counter()
        reader.call(lookup)
        longest = max(longest, time.perf_counter() - started)
    writer.join()
    reader.close()
    return longest * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--versions", default="1000,100000", help="comma-separated sizes of the grown sandboxes"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per timed figure (median)")
    parser.add_argument(
        "--clients", type=int, default=1, help="sessions growing the sandboxes at once"
    )
    args = parser.parse_args()
    sizes = [0] + [int(size) for size in args.versions.split(",")]
    columns: list[dict[str, float]] = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder, SandboxProcess(Path(folder) / "data") as box:
            columns.append(measure(box, size, args.repeat, args.clients))
    print(f"grown by {args.clients} client(s) at once")
    headers = ["fresh"] + [f"{size:,} versions" for size in sizes[1:]]
    ratios = [f"{sizes[-1]:,} / {sizes[1]:,}", f"{sizes[-1]:,} / fresh"] if len(sizes) > 2 else []
    print(f"{'measurement':50}" + "".join(f"{header:>18}" for header in headers + ratios))
    for label in columns[0]:
        row = [column[label] for column in columns]
        if ratios:
            row += [_ratio(row[-1], row[1]), _ratio(row[-1], row[0])]
        print(f"{label:50}" + "".join(f"{cell:18.3g}" for cell in row))


def _ratio(figure: float, base: float) -> float:
    return figure / base if base else float("nan")


if __name__ == "__main__":
    main()
