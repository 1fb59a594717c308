"""The sandbox's event hub, through ftrack_api's EventHub, between processes."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import ftrack_api.event.base
import ftrack_api.event.hub
import ftrack_api.exception
import pytest
import requests
import websocket

from ftpub.core.ftrack.events import TOPIC, ServerEvents, version_published
from ftpub.core.result import PublishedVersion
from ftpub.sandbox.app import Sandbox
from ftpub.sandbox.event_hub import EventServer
from ftpub.sandbox.server import SandboxServer

PEER = Path(__file__).with_name("event_peer.py")


@pytest.fixture
def peer(sandbox):
    """A second process subscribed to ``test.echo`` and offering the action ``peer.hello``."""
    process = subprocess.Popen(
        [sys.executable, str(PEER), "--seconds", "60"],
        env={**os.environ, **sandbox.env()},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    yield process
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def hub(sandbox):
    connected = ftrack_api.event.hub.EventHub(sandbox.url, sandbox.api_user, sandbox.api_key)
    connected.connect()
    yield connected
    connected.disconnect()


def _wait_for(hub, condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        hub.wait(0.05)
    return condition()


def test_an_event_reaches_a_subscriber_in_another_process_and_its_reply_comes_back(peer, hub):
    replies = []
    hub.publish(
        ftrack_api.event.base.Event("test.echo", data={"n": 7}),
        on_reply=lambda event: replies.append(event["data"]),
    )
    assert _wait_for(hub, lambda: replies)
    assert replies == [{"echo": {"n": 7}, "pid": peer.pid}]


def test_action_discovery_and_launch_between_processes(peer, hub):
    discovered, launched = [], []
    hub.publish(
        ftrack_api.event.base.Event("ftrack.action.discover", data={"selection": []}),
        on_reply=lambda event: discovered.extend(event["data"]["items"]),
    )
    assert _wait_for(hub, lambda: discovered)
    assert discovered == [{"label": "Hello", "actionIdentifier": "peer.hello"}]

    hub.publish(
        ftrack_api.event.base.Event(
            "ftrack.action.launch", data={"actionIdentifier": "peer.hello", "selection": ["sh010"]}
        ),
        on_reply=lambda event: launched.append(event["data"]),
    )
    assert _wait_for(hub, lambda: launched)
    assert launched == [{"success": True, "message": "Hello ['sh010']"}]


def test_events_go_only_to_subscribers_of_their_topic(sandbox, hub):
    other = ftrack_api.event.hub.EventHub(sandbox.url, sandbox.api_user, sandbox.api_key)
    other.connect()
    seen = []
    other.subscribe("topic=test.wanted", lambda event: seen.append(event["topic"]))
    other.wait(0.3)
    try:
        hub.publish(ftrack_api.event.base.Event("test.unwanted"))
        hub.publish(ftrack_api.event.base.Event("test.wanted"))
        assert _wait_for(other, lambda: seen)
        other.wait(0.2)
        assert seen == ["test.wanted"]
    finally:
        other.disconnect()


def test_the_hub_is_authenticated_like_the_api(sandbox):
    hub = ftrack_api.event.hub.EventHub(sandbox.url, sandbox.api_user, "not-the-key")
    with pytest.raises(ftrack_api.exception.EventHubConnectionError, match="401"):
        hub.connect()
    ws_url = sandbox.url.replace("http://", "ws://") + "/socket.io/1/websocket/made-up"
    with pytest.raises(websocket.WebSocketBadStatusException, match="401"):
        websocket.create_connection(ws_url, timeout=5)


def test_a_session_id_admits_one_socket(sandbox):
    headers = {"ftrack-user": sandbox.api_user, "ftrack-api-key": sandbox.api_key}
    sid = requests.get(f"{sandbox.url}/socket.io/1/", headers=headers, timeout=5).text.split(":")[0]
    ws_url = sandbox.url.replace("http://", "ws://") + f"/socket.io/1/websocket/{sid}"
    first = websocket.create_connection(ws_url, timeout=5)
    try:
        assert first.recv() == "1::"
        with pytest.raises(websocket.WebSocketBadStatusException, match="401"):
            websocket.create_connection(ws_url, timeout=5)
    finally:
        first.close()


@pytest.fixture
def quick_heartbeats(tmp_path):
    """A sandbox served in this process with a heartbeat every 0.1 s, silence closing at 0.6 s."""
    sandbox = Sandbox(tmp_path / "data")
    server = SandboxServer(sandbox, events=EventServer(heartbeat_seconds=0.1, close_seconds=0.6))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    sandbox.close()


def test_heartbeats_keep_answering_clients_and_close_silent_ones(quick_heartbeats):
    api_key = quick_heartbeats.sandbox.credentials.issue("admin")
    url = quick_heartbeats.url
    hub = ftrack_api.event.hub.EventHub(url, "admin", api_key)
    hub.connect()
    headers = {"ftrack-user": "admin", "ftrack-api-key": api_key}
    sid = requests.get(f"{url}/socket.io/1/", headers=headers, timeout=5).text.split(":")[0]
    silent = websocket.create_connection(
        url.replace("http://", "ws://") + f"/socket.io/1/websocket/{sid}", timeout=5
    )
    try:
        received = [silent.recv() for _ in range(3)]
        assert received == ["1::", "2::", "2::"]
        time.sleep(1.0)
        with pytest.raises((websocket.WebSocketConnectionClosedException, ConnectionError)):
            while True:
                silent.recv()
        assert hub.connected  # it answered every heartbeat
    finally:
        silent.close()
        hub.disconnect()


def _published_version() -> PublishedVersion:
    return PublishedVersion(
        asset_version_id="v-id",
        asset_name="hero",
        version=3,
        instance="modelMain",
        components=("c-id",),
    )


def test_ftpub_sends_version_published_to_the_server(sandbox, session):
    listener = subprocess.Popen(
        [sys.executable, "-m", "ftpub.core.cli", "events", "--topic", "ftpub.*", "--count", "1"],
        env={**os.environ, **sandbox.env()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert listener.stderr is not None
    assert "listening to ftpub.*" in listener.stderr.readline()
    time.sleep(0.3)  # its subscription reaches the server
    started = time.perf_counter()
    version_published(session, _published_version(), {"task_id": "t-id"})
    assert time.perf_counter() - started < 0.5  # the publish does not wait for the hub
    output, _ = listener.communicate(timeout=30)
    assert listener.returncode == 0
    assert f" {TOPIC} user={sandbox.api_user} " in output
    assert '"asset_name": "hero"' in output
    assert '"task_id": "t-id"' in output


def test_a_hub_that_is_down_only_logs(caplog):
    sender = ServerEvents("http://127.0.0.1:9", "admin", "secret-key")
    with caplog.at_level(logging.WARNING, logger="ftpub.core.ftrack.events"):
        started = time.perf_counter()
        sender.send(ftrack_api.event.base.Event(TOPIC, data={"version": 1}))
        assert time.perf_counter() - started < 0.1
        assert sender.flush(30)
    assert f"did not get {TOPIC}" in caplog.text
    assert "secret-key" not in caplog.text


def test_ftpub_events_says_when_it_cannot_connect():
    result = subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", "events"],
        env={
            **os.environ,
            "FTRACK_SERVER": "http://127.0.0.1:9",
            "FTRACK_API_USER": "admin",
            "FTRACK_API_KEY": "secret-key",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "ftpub events: cannot reach the event hub of http://127.0.0.1:9"
    )
