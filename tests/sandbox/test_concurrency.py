"""Publishes running at once through the real client: whole batches, unique version numbers,
and readers that see a batch entirely or not at all."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import ftrack_api.exception
import pytest

from ftpub.sandbox.testing import SandboxProcess

VERSIONS_PER_BATCH = 12


def _create(entity_type: str, **data: Any) -> dict[str, Any]:
    entity_id = str(uuid.uuid4())
    return {
        "action": "create",
        "entity_type": entity_type,
        "entity_key": [entity_id],
        "entity_data": {"__entity_type__": entity_type, "id": entity_id, **data},
    }


def _assets(session: Any, prefix: str, count: int) -> list[str]:
    shot = session.query('Shot where name is "sh010"').one()
    asset_type = session.query('AssetType where short is "geo"').one()
    operations = [
        _create(
            "Asset",
            name=f"{prefix}{number}",
            type={"__entity_type__": "AssetType", "id": asset_type["id"]},
            parent={"__entity_type__": "Shot", "id": shot["id"]},
        )
        for number in range(count)
    ]
    session.call(operations)
    return [operation["entity_key"][0] for operation in operations]


def _publish(asset_ids: list[str], comment: str) -> list[dict[str, Any]]:
    """One multi-instance publish: a version with a component on each asset, in one batch."""
    operations = []
    for asset_id in asset_ids:
        version = _create(
            "AssetVersion", asset={"__entity_type__": "Asset", "id": asset_id}, comment=comment
        )
        component = _create("FileComponent", name="main", version_id=version["entity_key"][0])
        operations += [version, component]
    return operations


def _in_threads(sandbox: SandboxProcess, count: int, work: Callable[[Any, int], None]) -> None:
    errors: list[BaseException] = []

    def run(number: int) -> None:
        session = sandbox.session()
        try:
            work(session, number)
        except BaseException as error:
            errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def _versions(session: Any, prefix: str) -> list[dict[str, Any]]:
    expression = (
        f'select version, asset_id, comment from AssetVersion where asset.name like "{prefix}%"'
    )
    return session.call([{"action": "query", "expression": expression}])[0]["data"]


def test_concurrent_publishes_number_every_asset_s_versions_without_gaps_or_repeats(
    sandbox: SandboxProcess, session: Any
) -> None:
    prefix = f"together_{uuid.uuid4().hex[:6]}_"
    assets = _assets(session, prefix, 3)

    def publish(client: Any, number: int) -> None:
        for round_ in range(3):
            client.call(_publish(assets, f"{number}/{round_}"))

    _in_threads(sandbox, 4, publish)

    versions = _versions(session, prefix)
    for asset_id in assets:
        numbers = sorted(v["version"] for v in versions if v["asset_id"] == asset_id)
        assert numbers == list(range(1, 13))


def test_a_failed_publish_among_concurrent_ones_leaves_nothing_and_the_others_everything(
    sandbox: SandboxProcess, session: Any
) -> None:
    prefix = f"failing_{uuid.uuid4().hex[:6]}_"
    assets = _assets(session, prefix, 2)

    def publish(client: Any, number: int) -> None:
        operations = _publish(assets, f"batch{number}")
        if number % 2:
            operations.append(_publish([str(uuid.uuid4())], "missing asset")[0])
            with pytest.raises(ftrack_api.exception.ServerError, match="does not exist"):
                client.call(operations)
        else:
            client.call(operations)

    _in_threads(sandbox, 6, publish)

    comments = Counter(v["comment"] for v in _versions(session, prefix))
    assert comments == {"batch0": 2, "batch2": 2, "batch4": 2}
    for asset_id in assets:
        numbers = sorted(
            v["version"] for v in _versions(session, prefix) if v["asset_id"] == asset_id
        )
        assert numbers == [1, 2, 3]


def test_readers_see_each_batch_whole_or_not_at_all(sandbox: SandboxProcess, session: Any) -> None:
    prefix = f"seen_{uuid.uuid4().hex[:6]}_"
    assets = _assets(session, prefix, VERSIONS_PER_BATCH)
    writing = threading.Event()
    writing.set()
    seen: list[Counter[str]] = []

    def publish(client: Any, number: int) -> None:
        try:
            for round_ in range(8):
                client.call(_publish(assets, f"round{round_}"))
        finally:
            writing.clear()

    def read(client: Any, number: int) -> None:
        while writing.is_set():
            seen.append(Counter(v["comment"] for v in _versions(client, prefix)))

    def work(client: Any, number: int) -> None:
        (publish if number == 0 else read)(client, number)

    _in_threads(sandbox, 3, work)

    assert seen
    for counts in seen:
        assert set(counts.values()) <= {VERSIONS_PER_BATCH}
    assert Counter(v["comment"] for v in _versions(session, prefix)) == {
        f"round{round_}": VERSIONS_PER_BATCH for round_ in range(8)
    }


def test_one_read_only_call_sees_one_state(sandbox: SandboxProcess, session: Any) -> None:
    prefix = f"snapshot_{uuid.uuid4().hex[:6]}_"
    asset = _assets(session, prefix, 1)
    writing = threading.Event()
    writing.set()
    pairs: list[tuple[int, int]] = []
    versions = f'select id from AssetVersion where asset_id is "{asset[0]}"'
    components = f'select id from Component where version.asset_id is "{asset[0]}"'

    def work(client: Any, number: int) -> None:
        if number == 0:
            try:
                for _ in range(20):
                    client.call(_publish(asset * 3, "three"))
            finally:
                writing.clear()
            return
        while writing.is_set():
            found = client.call(
                [
                    {"action": "query", "expression": versions},
                    {"action": "query", "expression": components},
                ]
            )
            pairs.append((len(found[0]["data"]), len(found[1]["data"])))

    _in_threads(sandbox, 2, work)

    assert pairs
    assert all(count_versions == count_components for count_versions, count_components in pairs)
    assert all(count_versions % 3 == 0 for count_versions, _ in pairs)
