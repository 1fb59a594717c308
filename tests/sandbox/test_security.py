"""Authentication, keys at rest, loopback binding, and keys kept out of logs."""

from __future__ import annotations

import ftrack_api
import ftrack_api.exception
import pytest
import requests


def test_wrong_key_is_refused_without_echoing_it(sandbox):
    wrong_key = "00000000-dead-beef-0000-000000000000"
    with pytest.raises(ftrack_api.exception.ServerError) as raised:
        ftrack_api.Session(
            server_url=sandbox.url,
            api_user=sandbox.api_user,
            api_key=wrong_key,
            schema_cache_path=False,
            auto_connect_event_hub=False,
        )
    assert "InvalidCredentialsError" in str(raised.value)
    assert wrong_key not in str(raised.value)


def test_unknown_user_is_refused(sandbox):
    with pytest.raises(ftrack_api.exception.ServerError, match="InvalidCredentialsError"):
        ftrack_api.Session(
            server_url=sandbox.url,
            api_user="nobody",
            api_key=sandbox.api_key,
            schema_cache_path=False,
            auto_connect_event_hub=False,
        )


def test_request_without_credentials_gets_401(sandbox):
    response = requests.post(f"{sandbox.url}/api", json=[{"action": "query_schemas"}], timeout=10)
    assert response.status_code == 401
    assert response.json()["exception"] == "InvalidCredentialsError"


def test_stats_and_downloads_need_credentials(sandbox):
    assert requests.get(f"{sandbox.url}/sandbox/stats", timeout=10).status_code == 401
    response = requests.get(
        f"{sandbox.url}/component/get",
        params={"id": "x", "username": sandbox.api_user, "apiKey": "bad"},
        timeout=10,
    )
    assert response.status_code == 401


def test_inactive_user_is_refused_with_permission_error(sandbox, session):
    user = session.create("User", {"username": "inactive.artist", "is_active": False})
    session.commit()
    key = user.reset_api_key()
    with pytest.raises(ftrack_api.exception.ServerError, match="PermissionError"):
        ftrack_api.Session(
            server_url=sandbox.url,
            api_user="inactive.artist",
            api_key=key,
            schema_cache_path=False,
            auto_connect_event_hub=False,
        )


def test_reset_key_authenticates_a_new_user(sandbox, session):
    user = session.create("User", {"username": "new.artist"})
    session.commit()
    key = user.reset_api_key()
    other = ftrack_api.Session(
        server_url=sandbox.url,
        api_user="new.artist",
        api_key=key,
        schema_cache_path=False,
        auto_connect_event_hub=False,
    )
    assert other.query('User where username is "new.artist"').one()["id"] == user["id"]
    other.close()


def test_api_key_is_stored_hashed_and_never_logged(sandbox, session, tmp_path):
    session.query("Task").all()
    thumb = tmp_path / "t.jpg"
    thumb.write_bytes(b"jpg")
    server = session.query('Location where name is "ftrack.server"').one()
    component = session.create_component(str(thumb), location=server)
    session.commit()
    requests.get(
        f"{sandbox.url}/component/get",
        params={"id": component["id"], "username": sandbox.api_user, "apiKey": sandbox.api_key},
        timeout=10,
    )

    database = (sandbox.data_dir / "sandbox.sqlite").read_bytes()
    wal = sandbox.data_dir / "sandbox.sqlite-wal"
    assert sandbox.api_key.encode() not in database
    assert not wal.exists() or sandbox.api_key.encode() not in wal.read_bytes()
    assert sandbox.api_key not in sandbox.log()


def test_serves_on_loopback_only(sandbox):
    assert sandbox.url.startswith("http://127.0.0.1:")
