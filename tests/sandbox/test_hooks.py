"""The sandbox's test hooks: call statistics and injected faults."""

from __future__ import annotations

import json
import time
import uuid

import ftrack_api.exception
import pytest
import requests

from ftpub.sandbox.testing import SandboxProcess


@pytest.fixture
def hooks(sandbox):
    sandbox.clear_faults()
    sandbox.reset_stats()
    yield sandbox
    sandbox.clear_faults()


def _create_asset_batch(session, name):
    shot = session.query('Shot where name is "sh010"').one()
    asset_type = session.query('AssetType where short is "geo"').one()
    session.create("Asset", {"name": name, "type": asset_type, "parent": shot})
    return session


def _assets_named(session, name):
    return session.query(f'Asset where name is "{name}"').all()


def test_stats_count_calls_and_operations_since_reset(hooks, session):
    hooks.reset_stats()
    session.query("Shot").all()
    name = f"stats_{uuid.uuid4().hex[:6]}"
    _create_asset_batch(session, name).commit()

    stats = hooks.stats()

    assert stats == {"calls": 4, "operations": {"query": 3, "create": 1}}


def test_error_fault_applies_nothing(hooks, session):
    name = f"error_{uuid.uuid4().hex[:6]}"
    _create_asset_batch(session, name)
    hooks.reset_stats()
    hooks.set_faults([{"call": 1, "effect": "error"}])

    with pytest.raises(ftrack_api.exception.ServerError, match="fault injected"):
        session.commit()
    session.rollback()

    assert _assets_named(session, name) == []


def test_http_503_fault_applies_nothing(hooks, session):
    name = f"busy_{uuid.uuid4().hex[:6]}"
    _create_asset_batch(session, name)
    hooks.reset_stats()
    hooks.set_faults([{"call": 1, "effect": "http_503"}])

    with pytest.raises(Exception) as raised:
        session.commit()
    session.rollback()

    assert not isinstance(raised.value, AssertionError)
    assert _assets_named(session, name) == []


def test_drop_fault_applies_the_batch_but_loses_the_reply(hooks, session):
    name = f"drop_{uuid.uuid4().hex[:6]}"
    _create_asset_batch(session, name)
    hooks.reset_stats()
    hooks.set_faults([{"call": 1, "effect": "drop"}])

    with pytest.raises(requests.exceptions.ConnectionError):
        session.commit()
    session.rollback()

    assert len(_assets_named(session, name)) == 1


def test_delay_fault_slows_the_call(hooks, session):
    hooks.reset_stats()
    hooks.set_faults([{"call": 1, "effect": "delay_ms:400"}])
    started = time.monotonic()
    session.query("Shot").all()
    assert time.monotonic() - started >= 0.4


def test_rule_matching_an_action_and_entity_type_fires_once(hooks, session):
    hooks.set_faults([{"action": "create", "entity_type": "Asset", "effect": "error"}])
    name = f"rule_{uuid.uuid4().hex[:6]}"
    session.query("Shot").all()
    _create_asset_batch(session, name)
    with pytest.raises(ftrack_api.exception.ServerError):
        session.commit()

    session.commit()

    assert len(_assets_named(session, name)) == 1


def test_faults_are_refused_without_test_hooks(tmp_path):
    with SandboxProcess(tmp_path / "data", demo=False, test_hooks=False) as plain:
        response = requests.post(
            f"{plain.url}/sandbox/faults",
            data=json.dumps({"rules": []}),
            timeout=10,
            headers={"ftrack-user": plain.api_user, "ftrack-api-key": plain.api_key},
        )
    assert response.status_code == 404


def test_bad_fault_rule_is_rejected(hooks):
    with pytest.raises(requests.HTTPError):
        hooks.set_faults([{"call": 1, "effect": "explode"}])


def test_hooks_need_credentials(hooks):
    response = requests.post(f"{hooks.url}/sandbox/faults", json={"rules": []}, timeout=10)
    assert response.status_code == 401
