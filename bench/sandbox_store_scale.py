"""The sandbox's storage at studio scale: memory, restart and read wait, fresh beside grown.

Unlike ``sandbox_scale.py`` (whose figures, grown through the real client over HTTP, are the
issue's measure), this benchmark **seeds directly**: it opens the sandbox in this process and
applies the same create operations (shots of 10 assets, each asset 10 versions of 2
components) through the sandbox's ``Api`` without HTTP, which takes seconds instead of many
minutes. It then serves the seeded data folder with ``ftpub sandbox serve`` and measures,
through the real ``ftrack_api`` client: the start time (a restart: the data exists), the
first queries after it, the server's memory (RSS) before and after those queries built their
indexes, and how long a look-up waits while a 100-instance publish runs. Run::

    python bench/sandbox_store_scale.py [--versions 20000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from sandbox_scale import Show, grow, instance, lookup_wait, median_ms, rss_mib

from ftpub.sandbox.app import Sandbox
from ftpub.sandbox.entity import Entity
from ftpub.sandbox.testing import SandboxProcess


class InProcess:
    """Applies ``session.call`` operations straight to an open sandbox, as its admin."""

    def __init__(self, sandbox: Sandbox, user: Entity) -> None:
        self.sandbox = sandbox
        self.user = user

    def call(self, operations: list[dict[str, Any]]) -> list[Any]:
        return self.sandbox.api.call(operations, self.user)


def seed(data_dir: Path, versions: int) -> float:
    """Grow the sandbox in ``data_dir`` by ``versions`` versions; the seconds it took."""
    sandbox = Sandbox(data_dir)
    try:
        sandbox.add_demo()
        graph = sandbox.api.graph
        with sandbox.store.reading():
            project = next(p for p in graph.scan("Project") if p.data.get("name") == "demo")
            sequence = next(s for s in graph.scan("Sequence") if s.data.get("name") == "sq010")
            geo = next(t for t in graph.scan("AssetType") if t.data.get("short") == "geo")
        show = Show(str(project.id), str(geo.id), str(sequence.id))
        started = time.perf_counter()
        grow(InProcess(sandbox, sandbox.admin()), show, max(versions, 100))
        return time.perf_counter() - started
    finally:
        sandbox.close()


def measure(data_dir: Path, versions: int, repeat: int) -> dict[str, float]:
    figures = {"seed the versions directly (s)": seed(data_dir, versions)}
    box = SandboxProcess(data_dir)
    started = time.perf_counter()
    box.start()
    try:
        figures["restart until serving (s)"] = time.perf_counter() - started
        figures["server memory after restart, RSS (MiB)"] = rss_mib(box)
        session = box.session()
        started = time.perf_counter()
        asset = session.query("select id, name from Asset").first()
        latest = (
            f'select version from AssetVersion where asset.name is "{asset["name"]}" '
            "order by version desc limit 1"
        )
        session.call([{"action": "query", "expression": latest}])
        version_id = session.call(
            [
                {
                    "action": "query",
                    "expression": f'select id from AssetVersion where asset_id is "{asset["id"]}"',
                }
            ]
        )[0]["data"][0]["id"]
        components = f'select id from Component where version_id is "{version_id}"'
        session.call([{"action": "query", "expression": components}])
        figures["first queries after restart (s)"] = time.perf_counter() - started
        figures["server memory after the queries, RSS (MiB)"] = rss_mib(box)
        assets = [row["id"] for row in session.query("select id from Asset").all()]
        targets = iter(assets * 100)

        def publish_100() -> None:
            session.call([op for _ in range(100) for op in instance(next(targets))])

        figures["100-instance publish (s)"] = median_ms(publish_100, repeat) / 1000
        task_id = session.query("Task").first()["id"]
        figures["look-up wait during a 100-instance publish (ms)"] = max(
            lookup_wait(box, publish_100, task_id) for _ in range(repeat)
        )
        figures["server memory at the end, RSS (MiB)"] = rss_mib(box)
        session.close()
    finally:
        box.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--versions", default="20000,100000", help="comma-separated sizes of the grown sandboxes"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timed figure")
    args = parser.parse_args()
    sizes = [0] + [int(size) for size in args.versions.split(",")]  # fresh: 100 versions
    columns: list[dict[str, float]] = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            columns.append(measure(Path(folder) / "data", size, args.repeat))
    headers = ["fresh"] + [f"{size:,} versions" for size in sizes[1:]]
    print(f"{'measurement':50}" + "".join(f"{header:>18}" for header in headers))
    for label in columns[0]:
        cells = "".join(f"{column[label]:18.3g}" for column in columns)
        print(f"{label:50}{cells}")


if __name__ == "__main__":
    main()
