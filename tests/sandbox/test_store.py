"""The store's scan order (oldest first) is the database's, through failed batches and restarts."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ftpub.sandbox.entity import Entity
from ftpub.sandbox.schema import Schema
from ftpub.sandbox.store import Store

OpenStore = Callable[[], Store]


@pytest.fixture
def open_store(tmp_path: Path) -> Iterator[OpenStore]:
    """Opens the store in ``tmp_path`` (again, as a restarted sandbox does)."""
    schema = Schema.load()
    opened: list[Store] = []

    def open_() -> Store:
        if opened:
            opened[-1].close()
        opened.append(Store(tmp_path / "store.sqlite", schema))
        return opened[-1]

    yield open_
    opened[-1].close()


def names(store: Store) -> list[str]:
    return [entity.data["name"] for entity in store.scan("Status")]


def add(store: Store, *new: str) -> dict[str, Entity]:
    entities = {name: Entity("Status", {"id": str(uuid.uuid4()), "name": name}) for name in new}
    with store.batch() as batch:
        for entity in entities.values():
            batch.add(entity)
    return entities


def test_failed_batch_that_deleted_an_entity_keeps_the_scan_order(open_store: OpenStore) -> None:
    store = open_store()
    entities = add(store, "a", "b", "c")

    with pytest.raises(RuntimeError), store.batch() as batch:
        batch.remove(entities["a"])
        batch.remove(entities["b"])
        raise RuntimeError("a later operation of the batch failed")

    assert names(store) == ["a", "b", "c"]
    add(store, "d")
    assert names(store) == ["a", "b", "c", "d"]
    assert names(open_store()) == ["a", "b", "c", "d"]


def test_entities_created_after_a_restart_come_after_older_ones(open_store: OpenStore) -> None:
    store = open_store()
    entities = add(store, "a", "b", "c", "d")
    with store.batch() as batch:
        for name in ("a", "b", "c"):
            batch.remove(entities[name])

    add(open_store(), "e")

    assert names(open_store()) == ["d", "e"]
