"""A running batch is private to its thread: others read the state before it until it is
applied whole, and are not held up by it."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ftpub.sandbox.entity import Entity
from ftpub.sandbox.schema import Schema
from ftpub.sandbox.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "store.sqlite", Schema.load())
    yield opened
    opened.close()


def _status(name: str) -> Entity:
    return Entity("Status", {"id": str(uuid.uuid4()), "name": name, "sort": 0})


def _names(store: Store) -> list[str]:
    with store.reading():
        return [entity.data["name"] for entity in store.scan("Status")]


def test_other_threads_read_the_state_before_a_running_batch_without_waiting(
    store: Store,
) -> None:
    kept = _status("kept")
    with store.batch() as batch:
        batch.add(kept)
    inside = threading.Event()
    finish = threading.Event()
    seen_inside: list[list[str]] = []

    def write() -> None:
        with store.batch() as batch:
            batch.add(_status("added"))
            batch.changed(store.get("Status", (kept.id,)) or kept, {"name": "renamed"})
            seen_inside.append([e.data["name"] for e in store.scan("Status")])
            inside.set()
            finish.wait(5)

    writer = threading.Thread(target=write)
    writer.start()
    assert inside.wait(5)

    before = _names(store)
    with store.reading():
        by_name = [e.data["name"] for e in store.referencing("Status", "sort", 0)]
    finish.set()
    writer.join()

    assert seen_inside == [["renamed", "added"]]
    assert before == ["kept"]
    assert by_name == ["kept"]
    assert _names(store) == ["renamed", "added"]


def test_a_failed_batch_leaves_indexes_and_entities_as_they_were(store: Store) -> None:
    kept = _status("kept")
    with store.batch() as batch:
        batch.add(kept)
    assert [e.data["name"] for e in store.referencing("Status", "sort", 0)] == ["kept"]

    with pytest.raises(RuntimeError), store.batch() as batch:
        batch.changed(store.get("Status", (kept.id,)) or kept, {"sort": 5})
        batch.add(_status("never"))
        raise RuntimeError("a later operation failed")

    assert [e.data["name"] for e in store.referencing("Status", "sort", 0)] == ["kept"]
    assert store.referencing("Status", "sort", 5) == []
    assert _names(store) == ["kept"]


def test_indexes_follow_changes_and_keep_the_scan_order(store: Store) -> None:
    first, second, third = _status("first"), _status("second"), _status("third")
    with store.batch() as batch:
        for entity in (first, second, third):
            batch.add(entity)
    assert [e.data["name"] for e in store.referencing("Status", "sort", 0)] == [
        "first",
        "second",
        "third",
    ]

    with store.batch() as batch:
        batch.changed(store.get("Status", (first.id,)) or first, {"sort": 1})
        batch.remove(store.get("Status", (third.id,)) or third)
    with store.batch() as batch:
        batch.changed(store.get("Status", (first.id,)) or first, {"sort": 0})

    assert [e.data["name"] for e in store.referencing("Status", "sort", 0)] == [
        "first",
        "second",
    ]
    assert store.matching("Status", "name", ["SECOND"]) == store.referencing(
        "Status", "name", "second"
    )
