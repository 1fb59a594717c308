"""Queries/s and commits/s of the sandbox on loopback, through the real ftrack client.

Each figure is measured in the same run as a baseline, ``query_server_information`` (a call
that does no entity work), so the ratio shows what queries and commits cost beyond HTTP and
the client. Run: ``python bench/sandbox_throughput.py [--seconds S]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from ftpub.sandbox.testing import SandboxProcess


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

    print(f"{'measurement':50} {'calls/s':>10} {'vs baseline':>12}")
    for name, value in rows:
        print(f"{name:50} {value:10.1f} {value / baseline:11.2f}x")


if __name__ == "__main__":
    main()
