"""Custom attributes through the real client: types, configurations, values and queries."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import arrow
import ftrack_api.exception
import pytest

from ftpub.sandbox.testing import SandboxProcess

STANDARD_TYPES = {"text", "number", "boolean", "date", "enumerator"}


@dataclass(frozen=True)
class Show:
    """A project of its own with configurations only it has, so no other test sees them."""

    project_id: str
    sequence_id: str
    shot_id: str
    version_id: str


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A sandbox of this module's own: its tests add shots the shared demo must not have."""
    with SandboxProcess(tmp_path_factory.mktemp("custom_attributes")) as running:
        yield running


@pytest.fixture(scope="module")
def show(sandbox) -> Show:
    session = sandbox.session()
    schema = session.query('ProjectSchema where name is "VFX Scheme"').one()
    project = session.create(
        "Project", {"name": f"ca_{uuid.uuid4().hex[:8]}", "project_schema": schema}
    )
    sequence = session.create("Sequence", {"name": "sq", "parent": project})
    shot = session.create("Shot", {"name": "sh", "parent": sequence})
    asset_type = session.query('AssetType where short is "geo"').one()
    asset = session.create("Asset", {"name": "a", "type": asset_type, "parent": shot})
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    types = {t["name"]: t for t in session.query("CustomAttributeType")}
    shot_type = session.query('ObjectType where name is "Shot"').one()

    def configure(key, type_name, entity_type, config, default, object_type=None):
        session.create(
            "CustomAttributeConfiguration",
            {
                "key": key,
                "label": key,
                "type": types[type_name],
                "entity_type": entity_type,
                "object_type_id": object_type["id"] if object_type else None,
                "project_id": project["id"],
                "config": json.dumps(config),
                "default": default,
            },
        )

    configure("ready", "boolean", "task", {}, False, shot_type)
    configure("delivery", "date", "task", {}, None, shot_type)
    configure(
        "look",
        "enumerator",
        "task",
        {"multiSelect": True, "data": json.dumps([{"menu": m, "value": m} for m in "abc"])},
        [],
        shot_type,
    )
    configure("notes", "text", "assetversion", {"markdown": False}, "none yet")
    session.commit()
    session.close()
    return Show(project["id"], sequence["id"], shot["id"], version["id"])


def _shot(session, name):
    return session.query(f'Shot where name is "{name}" and project.name is "demo"').one()


def test_a_fresh_site_has_the_standard_attribute_types(session):
    names = {t["name"] for t in session.query("select name from CustomAttributeType")}
    assert names >= STANDARD_TYPES


def test_demo_shots_carry_frame_range_handles_and_fps(session):
    task = session.query('Task where name is "compositing" and parent.name is "sh010"').one()
    attributes = task["parent"]["custom_attributes"]
    assert {key: attributes[key] for key in ("fstart", "fend", "handles", "fps")} == {
        "fstart": 1001,
        "fend": 1100,
        "handles": 8,
        "fps": 24.0,
    }
    assert _shot(session, "sh020")["custom_attributes"]["fend"] == 1060
    project = session.query('Project where name is "demo"').one()
    assert dict(project["custom_attributes"]) == {"fps": 24.0}


def test_a_value_written_is_read_back_and_unset_ones_read_the_default(sandbox, show):
    writer = sandbox.session()
    shot = writer.get("Shot", show.shot_id)
    assert shot["custom_attributes"]["ready"] is False
    shot["custom_attributes"]["ready"] = True
    shot["custom_attributes"]["look"] = ["a", "c"]
    shot["custom_attributes"]["delivery"] = arrow.get("2025-03-04T05:06:07+00:00")
    writer.commit()

    reader = sandbox.session()
    attributes = reader.get("Shot", show.shot_id)["custom_attributes"]
    assert attributes["ready"] is True
    assert attributes["look"] == ["a", "c"]
    assert attributes["delivery"] == arrow.get("2025-03-04T05:06:07+00:00")
    assert attributes["fstart"] == 1001  # the Shot configurations of every project apply
    assert reader.get("AssetVersion", show.version_id)["custom_attributes"]["notes"] == "none yet"


def test_values_set_on_a_new_entity_are_stored_in_the_same_commit(sandbox, session, show):
    sequence = session.get("Sequence", show.sequence_id)
    name = f"new_{uuid.uuid4().hex[:6]}"
    shot = session.create("Shot", {"name": name, "parent": sequence})
    shot["custom_attributes"]["fstart"] = 990
    shot["custom_attributes"]["fend"] = 1010
    session.commit()

    attributes = sandbox.session().get("Shot", shot["id"])["custom_attributes"]
    assert (attributes["fstart"], attributes["fend"], attributes["handles"]) == (990, 1010, 0)


def test_a_deleted_value_falls_back_to_the_default(sandbox, session, show):
    sequence = session.get("Sequence", show.sequence_id)
    shot = session.create("Shot", {"name": f"del_{uuid.uuid4().hex[:6]}", "parent": sequence})
    session.commit()
    shot["custom_attributes"]["handles"] = 12
    session.commit()
    assert sandbox.session().get("Shot", shot["id"])["custom_attributes"]["handles"] == 12

    del shot["custom_attributes"]["handles"]
    session.commit()
    assert sandbox.session().get("Shot", shot["id"])["custom_attributes"]["handles"] == 0


def test_queries_compare_values_as_their_type(session):
    def names(criteria):
        query = f'select name from Shot where project.name is "demo" and {criteria}'
        return sorted(shot["name"] for shot in session.query(query))

    assert names('custom_attributes any (key is "fend" and value > 1000)') == ["sh010", "sh020"]
    assert names('custom_attributes any (key is "fend" and value < 1100)') == ["sh020"]
    assert names('custom_attributes any (key is "fend" and value in (1060, 7))') == ["sh020"]
    assert names('custom_attributes any (key is "fstart" and value > 1001)') == []


def test_queries_on_text_boolean_date_and_enumerator_values(session, show):
    def count(type_id, criteria):
        where = f'custom_attributes any ({criteria}) and project_id is "{show.project_id}"'
        if type_id == "AssetVersion":
            where = f'custom_attributes any ({criteria}) and id is "{show.version_id}"'
        return len(session.query(f"select id from {type_id} where {where}").all())

    assert count("AssetVersion", 'key is "notes" and value like "none%"') == 1
    assert count("Shot", 'key is "ready" and value is true') == 1
    assert count("Shot", 'key is "delivery" and value > "2025-01-01"') == 1
    assert count("Shot", 'key is "look" and value is "c"') == 1
    assert count("Shot", 'key is "look" and value is "b"') == 0


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("fstart", "1001", "is a number"),
        ("ready", 1, "is a boolean"),
        ("look", ["a", "z"], "has no value 'z'"),
        ("delivery", "soon", "delivery"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(sandbox, show, key, value, message):
    session = sandbox.session()
    session.get("Shot", show.shot_id)["custom_attributes"][key] = value
    with pytest.raises(ftrack_api.exception.ServerError, match=message):
        session.commit()


def test_a_configuration_needs_a_type_and_a_free_key(session, show):
    number = session.query('CustomAttributeType where name is "number"').one()
    shot_type = session.query('ObjectType where name is "Shot"').one()
    base = {"entity_type": "task", "object_type_id": shot_type["id"], "config": "{}"}
    session.create("CustomAttributeConfiguration", {**base, "key": "fend", "type": number})
    with pytest.raises(ftrack_api.exception.ServerError, match='"fend" already exists'):
        session.commit()
    session.rollback()
    session.create("CustomAttributeConfiguration", {**base, "key": "nothing"})
    with pytest.raises(ftrack_api.exception.ServerError, match="needs a type"):
        session.commit()
