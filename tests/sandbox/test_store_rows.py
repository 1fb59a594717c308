"""Stored entities keep their values compactly, read as a dict reads them, across restarts."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

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
        assert dict(stored.data) == version and stored.data == version
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
