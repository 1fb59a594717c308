"""Create and update replies carry collections, so a session reads what it just committed."""

from __future__ import annotations

import uuid

import requests


def _version(session):
    shot = session.query('Shot where name is "sh020"').one()
    asset_type = session.query('AssetType where short is "geo"').one()
    name = f"replies_{uuid.uuid4().hex[:8]}"
    asset = session.create("Asset", {"name": name, "type": asset_type, "parent": shot})
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    return version


def test_metadata_set_then_committed_is_read_in_the_same_session(session):
    version = _version(session)
    assert dict(version["metadata"]) == {}
    version["metadata"]["k"] = "v"
    session.commit()
    assert version["metadata"]["k"] == "v"
    version["metadata"]["k"] = "w"
    version["metadata"]["other"] = "x"
    session.commit()
    assert dict(version["metadata"]) == {"k": "w", "other": "x"}


def test_components_appended_then_committed_are_listed_in_the_same_session(session):
    version = _version(session)
    assert list(version["components"]) == []
    for name in ("main", "proxy"):
        version["components"].append(
            session.create("FileComponent", {"name": name, "version": version})
        )
    session.commit()
    assert sorted(component["name"] for component in version["components"]) == ["main", "proxy"]


def test_a_create_reply_lists_the_collections_later_operations_filled(sandbox, session):
    version = _version(session)
    component_id = str(uuid.uuid4())
    version_ref = {"__entity_type__": "AssetVersion", "id": version["id"]}
    operations = [
        {
            "action": "create",
            "entity_type": "FileComponent",
            "entity_key": [component_id],
            "entity_data": {"__entity_type__": "FileComponent", "id": component_id},
        },
        {
            "action": "create",
            "entity_type": "Metadata",
            "entity_key": [component_id, "colour"],
            "entity_data": {
                "__entity_type__": "Metadata",
                "parent_id": component_id,
                "key": "colour",
                "value": "acescg",
            },
        },
        {
            "action": "update",
            "entity_type": "FileComponent",
            "entity_key": [component_id],
            "entity_data": {"__entity_type__": "FileComponent", "version": version_ref},
        },
    ]
    headers = {"ftrack-user": sandbox.api_user, "ftrack-api-key": sandbox.api_key}
    replies = requests.post(f"{sandbox.url}/api", json=operations, headers=headers, timeout=30)
    created = replies.json()[0]["data"]
    assert created["metadata"] == [
        {
            "__entity_type__": "Metadata",
            "parent_id": component_id,
            "key": "colour",
            "value": "acescg",
        }
    ]
    assert created["component_locations"] == []
    assert created["version_id"] == version["id"]
    assert "custom_attributes" not in created
