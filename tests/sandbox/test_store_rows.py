"""Stored entities keep their values compactly, read as a dict reads them, across restarts."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from ftpub.sandbox import image
from ftpub.sandbox.entity import Entity
from ftpub.sandbox.schema import Schema
from ftpub.sandbox.store import Store


def _asset_and_version(store: Store) -> tuple[dict[str, object], dict[str, object]]:
    asset = {"id": str(uuid.uuid4()), "name": "hero", "context_id": None}
    version = {"id": str(uuid.uuid4()), "asset_id": asset["id"], "version": 3, "comment": "x"}
    with store.batch() as batch:
        batch.add(Entity("Asset", dict(asset)))
        batch.add(Entity("AssetVersion", {**version, "asset_id": str(asset["id"])}))
    return asset, version


@pytest.mark.parametrize("restarted", [False, True])
def test_stored_values_read_as_a_dict_and_a_foreign_key_shares_its_string(
    tmp_path: Path, restarted: bool
) -> None:
    schema = Schema.load()
    store = Store(tmp_path / "store.sqlite", schema)
    asset, version = _asset_and_version(store)
    if restarted:
        store.close()
        store = Store(tmp_path / "store.sqlite", schema)
    try:
        stored_asset = store.get("Asset", (str(asset["id"]),))
        stored = store.get("AssetVersion", (str(version["id"]),))
        assert stored_asset is not None and stored is not None
        assert dict(stored.data) == version and dict(stored.data.items()) == version
        assert stored.data["version"] == 3 and stored.data.get("missing", "-") == "-"
        assert "comment" in stored.data and "missing" not in stored.data
        with pytest.raises(KeyError):
            stored.data["missing"]
        assert stored.data["asset_id"] is stored_asset.id
        assert [e.id for e in store.referencing("AssetVersion", "asset_id", asset["id"])] == [
            version["id"]
        ]
    finally:
        store.close()


def _statuses(store: Store) -> list[tuple[str, object]]:
    return [(e.id, e.data.get("name")) for e in store.scan("Status")]


def test_a_restart_reads_from_the_images_what_it_would_read_from_the_rows(
    tmp_path: Path,
) -> None:
    """Adds, changes and removals across many chunks of the images, then both ways back."""
    schema = Schema.load()
    path = tmp_path / "store.sqlite"
    store = Store(path, schema)
    added = [Entity("Status", {"id": str(uuid.uuid4()), "name": f"s{n}"}) for n in range(1500)]
    with store.batch() as batch:
        for entity in added:
            batch.add(entity)
    with store.batch() as batch:
        batch.changed(added[10], {"name": "renamed"})
        batch.remove(added[700])
        batch.remove(added[1499])
        batch.remove(added[20])
        batch.add(Entity("Status", {"id": str(added[20].id), "name": "again"}))
    with pytest.raises(RuntimeError), store.batch() as batch:
        batch.remove(added[5])
        raise RuntimeError("a failed batch changes nothing")
    expected = _statuses(store)
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM image_state").fetchone() == (1,)

    from_images = Store(path, schema)
    assert _statuses(from_images) == expected
    from_images.close()
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM image_state")
    from_rows = Store(path, schema)
    assert _statuses(from_rows) == expected
    from_rows.close()


def test_rows_changed_without_the_images_are_what_a_restart_reads(tmp_path: Path) -> None:
    """An older ftpub (or a person) writing the rows leaves the images behind."""
    schema = Schema.load()
    path = tmp_path / "store.sqlite"
    store = Store(path, schema)
    status = Entity("Status", {"id": str(uuid.uuid4()), "name": "before"})
    with store.batch() as batch:
        batch.add(status)
    store.close()
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE entity SET data = ? WHERE family = 'Status'",
            (json.dumps({"id": status.id, "name": "after"}),),
        )

    reopened = Store(path, schema)
    assert _statuses(reopened) == [(status.id, "after")]
    reopened.close()


def test_a_sandbox_with_rows_keyed_by_id_is_moved_over_on_open(tmp_path: Path) -> None:
    """Sandboxes written before rows were keyed by ``seq`` keep every entity."""
    schema = Schema.load()
    path = tmp_path / "store.sqlite"
    statuses = [(str(uuid.uuid4()), f"s{n}") for n in range(3)]
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE entity (family TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, "
            "data TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (family, key))"
        )
        db.executescript(image.SCHEMA_SQL)
        db.executemany(
            "INSERT INTO entity VALUES ('Status', ?, 'Status', ?, ?)",
            [
                (json.dumps([id_]), json.dumps({"id": id_, "name": name}), seq)
                for seq, (id_, name) in enumerate(statuses)
            ],
        )

    store = Store(path, schema)
    assert _statuses(store) == statuses
    added = Entity("Status", {"id": str(uuid.uuid4()), "name": "new"})
    with store.batch() as batch:
        batch.add(added)
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT seq, type FROM entity ORDER BY seq").fetchall() == [
            (0, "Status"),
            (1, "Status"),
            (2, "Status"),
            (3, "Status"),
        ]
        assert db.execute("SELECT count(*) FROM image_state").fetchone() == (1,)
        db.execute("UPDATE entity SET data = ? WHERE seq = 3", (json.dumps(added.data),))
        assert db.execute("SELECT count(*) FROM image_state").fetchone() == (0,)
    from_rows = Store(path, schema)
    assert _statuses(from_rows) == [*statuses, (added.id, "new")]
    from_rows.close()


def test_families_that_name_each_other_are_read_after_a_restart(tmp_path: Path) -> None:
    """A version names its thumbnail's component, the component names its version."""
    schema = Schema.load()
    path = tmp_path / "store.sqlite"
    store = Store(path, schema)
    asset, version = _asset_and_version(store)
    component = {"id": str(uuid.uuid4()), "name": "thumbnail", "version_id": version["id"]}
    with store.batch() as batch:
        batch.add(Entity("FileComponent", dict(component)))
        batch.changed(Entity("AssetVersion", dict(version)), {"thumbnail_id": component["id"]})
    store.close()

    reopened = Store(path, schema)
    try:
        stored_version = reopened.get("AssetVersion", (str(version["id"]),))
        stored_component = reopened.get("Component", (component["id"],))
        assert stored_version is not None and stored_component is not None
        assert stored_version.data["thumbnail_id"] == component["id"]
        assert stored_component.data["version_id"] == version["id"]
        assert [e.id for e in reopened.scan("Asset")] == [asset["id"]]
    finally:
        reopened.close()
