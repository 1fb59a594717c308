"""What send() tells its callers: a lost reply found applied, a refusal by its exception name."""

from __future__ import annotations

import uuid

import pytest

from ftpub.core.ftrack import DUPLICATE_ENTRY, FtrackCallError, RetryPolicy, send
from ftpub.core.ftrack.operations import CreateOperation, create, new_id, query

FAST = RetryPolicy(attempts=3, first_delay=0.0)


def _location(name: str) -> tuple[str, CreateOperation]:
    location_id = new_id()
    return location_id, create("Location", location_id, name=name, label=name)


def test_a_reply_lost_after_the_batch_applied_says_so(sandbox, session):
    location_id, operation = _location(f"calls_{uuid.uuid4().hex[:8]}")
    sandbox.reset_stats()
    sandbox.set_faults([{"call": 1, "effect": "drop"}])
    try:
        reply = send(
            session, [operation], "create a location", FAST, created=[("Location", location_id)]
        )
    finally:
        sandbox.clear_faults()

    assert reply.lost
    assert [result["data"]["id"] for result in reply] == [location_id]
    found = session.query(f'select id from Location where id is "{location_id}"').all()
    assert len(found) == 1


def test_a_reply_that_arrives_is_not_lost(session):
    location_id, operation = _location(f"calls_{uuid.uuid4().hex[:8]}")

    reply = send(session, [operation], "create a location", FAST, [("Location", location_id)])

    assert not reply.lost
    assert len(reply) == 1
    assert reply[0]["data"]["id"] == location_id


def test_a_refusal_carries_the_servers_exception_name(session):
    name = f"calls_{uuid.uuid4().hex[:8]}"
    first_id, first = _location(name)
    send(session, [first], "create a location", FAST, [("Location", first_id)])
    second_id, second = _location(name)

    with pytest.raises(FtrackCallError) as raised:
        send(session, [second], "create the location again", FAST, [("Location", second_id)])

    assert raised.value.exception == DUPLICATE_ENTRY
    assert raised.value.purpose == "create the location again"


@pytest.mark.parametrize(("effect", "exception"), [("error", "ServerError"), ("http_503", None)])
def test_only_a_servers_refusal_has_an_exception_name(sandbox, session, effect, exception):
    sandbox.reset_stats()
    sandbox.set_faults([{"call": 1, "effect": effect}])
    try:
        with pytest.raises(FtrackCallError) as raised:
            send(session, [query("select id from Location")], "look", RetryPolicy(attempts=1))
    finally:
        sandbox.clear_faults()

    assert raised.value.exception == exception
