"""Validation as ftrack does it: required values at the end of the batch, server defaults."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import arrow
import ftrack_api.exception
import pytest


def _op(action, entity_type, entity_id, **data):
    operation = {"action": action, "entity_type": entity_type, "entity_key": [entity_id]}
    if action != "delete":
        operation["entity_data"] = {"__entity_type__": entity_type, "id": entity_id, **data}
    return operation


def test_required_values_are_checked_at_the_end_of_the_batch(session):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    session.call(
        [
            _op("create", "Scope", first),
            _op("create", "Scope", second, name=f"scope_{second[:8]}"),
            _op("update", "Scope", first, name=f"scope_{first[:8]}"),
        ]
    )
    assert session.query(f'Scope where id is "{first}"').one()["name"] == f"scope_{first[:8]}"
    missing = str(uuid.uuid4())
    with pytest.raises(ftrack_api.exception.ServerError, match=r"Scope\.name is required"):
        session.call([_op("create", "Scope", missing), _op("create", "Scope", str(uuid.uuid4()))])
    assert session.query(f'Scope where id is "{missing}"').all() == []


def test_an_asset_needs_no_type(session):
    shot = session.query('Shot where name is "sh020"').one()
    asset = session.create("Asset", {"name": f"untyped_{uuid.uuid4().hex[:6]}", "parent": shot})
    session.commit()
    assert (
        session.query(f'select type_id from Asset where id is "{asset["id"]}"').one()["type_id"]
        is None
    )


def test_a_user_gets_a_username_from_the_server(session):
    email = f"new.artist.{uuid.uuid4().hex[:6]}@studio.invalid"
    user = session.create("User", {"first_name": "New", "last_name": "Artist", "email": email})
    session.commit()
    assert user["username"] == email.split("@")[0]
    twin = session.create("User", {"email": email})
    session.commit()
    assert twin["username"] != user["username"]
    assert twin["username"].startswith(email.split("@")[0])


def test_a_timer_starts_now_and_stops_into_a_timelog(sandbox, session):
    email = f"timer.{uuid.uuid4().hex[:6]}@studio.invalid"
    user = session.create("User", {"email": email})
    task = session.query('Task where name is "lighting" and parent.name is "sh010"').one()
    session.commit()
    before = arrow.utcnow().shift(seconds=-1)
    timer = user.start_timer(task, comment="lighting pass")
    assert timer["start"] >= before
    with pytest.raises(ftrack_api.exception.NotUniqueError):
        user.start_timer(task)
    session.rollback()
    timelog = user.stop_timer()
    assert timelog["comment"] == "lighting pass"
    assert timelog["duration"] >= 0
    assert session.query(f'Timer where user_id is "{user["id"]}"').all() == []


def test_a_component_can_be_created_as_such(session):
    component = session.create("Component", {"name": "generic"})
    session.commit()
    query = f'select name, system_type from Component where id is "{component["id"]}"'
    found = session.query(query).one()
    assert (found["name"], found["system_type"]) == ("generic", "file")


def test_date_times_keep_their_microseconds(session):
    shot = session.query('Shot where name is "sh020"').one()
    moment = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone.utc)
    asset = session.create("Asset", {"name": f"micro_{uuid.uuid4().hex[:6]}", "parent": shot})
    version = session.create("AssetVersion", {"asset": asset, "date": moment})
    session.commit()
    fresh = session.query(f'select date from AssetVersion where id is "{version["id"]}"').one()
    assert fresh["date"] == arrow.get(moment)
