"""A sandbox that keeps serving when clients misbehave, and keeps its files to itself."""

from __future__ import annotations

import socket
import stat
import threading
import time
import uuid
from urllib.parse import urlsplit

import ftrack_api
import pytest
import requests

from ftpub.sandbox.app import Sandbox
from ftpub.sandbox.server import Limits, SandboxServer


@pytest.fixture
def served(tmp_path):
    """A sandbox in this process with small limits: 1 kB bodies, 0.5 s silence, 2 workers."""
    sandbox = Sandbox(tmp_path / "data")
    limits = Limits(max_api_bytes=1000, socket_timeout=0.5, workers=2)
    server = SandboxServer(sandbox, limits=limits)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.api_key = sandbox.credentials.issue("admin")
    yield server
    server.shutdown()
    server.server_close()
    sandbox.close()


def _raw(server, request: bytes, timeout: float = 5.0) -> bytes:
    """Send ``request`` as is and read until the server closes or goes quiet."""
    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=timeout) as client:
        client.sendall(request)
        received = b""
        try:
            while chunk := client.recv(65536):
                received += chunk
        except TimeoutError:
            pass
    return received


def _api_request(headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = ["POST /api HTTP/1.1", "Host: sandbox"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def test_credentials_are_checked_before_the_body_is_read(served):
    started = time.monotonic()
    reply = _raw(served, _api_request({"Content-Length": "1000000000"}))
    assert reply.startswith(b"HTTP/1.1 401")
    assert time.monotonic() - started < 2


def test_an_api_body_over_the_limit_is_refused_unread(served):
    headers = {"ftrack-user": "admin", "ftrack-api-key": served.api_key}
    reply = _raw(served, _api_request({**headers, "Content-Length": "5000"}, b"[" * 10))
    assert reply.startswith(b"HTTP/1.1 413")
    assert b"over the limit of 1000 bytes" in reply


@pytest.mark.parametrize("length", ["-5", "12abc", "1e3"])
def test_a_malformed_content_length_is_refused(served, length):
    headers = {"ftrack-user": "admin", "ftrack-api-key": served.api_key}
    reply = _raw(served, _api_request({**headers, "Content-Length": length}))
    assert reply.startswith(b"HTTP/1.1 400")
    assert b"Content-Length must be a whole number" in reply


def test_silent_clients_are_dropped_and_do_not_starve_others(served):
    address = urlsplit(served.url)
    silent = [
        socket.create_connection((address.hostname, address.port), timeout=5) for _ in range(3)
    ]
    try:
        started = time.monotonic()
        headers = {"ftrack-user": "admin", "ftrack-api-key": served.api_key}
        reply = requests.post(
            f"{served.url}/api",
            json=[{"action": "query_server_information"}],
            headers=headers,
            timeout=10,
        )
        assert reply.status_code == 200
        assert time.monotonic() - started < 5
        assert [client.recv(1) for client in silent] == [b""] * 3  # closed by the server
    finally:
        for client in silent:
            client.close()


def test_uploaded_files_are_private_and_cannot_be_replaced_by_another_user(served, tmp_path):
    session = ftrack_api.Session(
        server_url=served.url,
        api_user="admin",
        api_key=served.api_key,
        schema_cache_path=False,
        auto_connect_event_hub=False,
    )
    path = tmp_path / "plate.txt"
    path.write_text("plate")
    server_location = session.query('Location where name is "ftrack.server"').one()
    component = session.create_component(str(path), location=server_location)
    session.commit()
    stored = served.sandbox.files.path(component["id"])
    assert stat.S_IMODE(stored.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(stored.parent.stat().st_mode) & 0o077 == 0

    other = session.create("User", {"username": f"other_{uuid.uuid4().hex[:6]}"})
    session.commit()
    other_key = served.sandbox.credentials.issue(other["username"])
    reply = requests.post(
        f"{served.url}/api",
        json=[{"action": "get_upload_metadata", "component_id": component["id"], "file_size": 1}],
        headers={"ftrack-user": other["username"], "ftrack-api-key": other_key},
        timeout=10,
    )
    assert reply.json()["exception"] == "PermissionError"
    assert stored.read_text() == "plate"
    again = session.call(
        [{"action": "get_upload_metadata", "component_id": component["id"], "file_size": 5}]
    )
    assert again[0]["url"].startswith(served.url)
