"""The event server: routes ``ftrack.event`` packets between connected ``EventHub`` clients.

Facts this module relies on [VERIFIED-src ftrack_api/event/hub.py]:

* The handshake ``GET /socket.io/1/`` (with ``ftrack-user``/``ftrack-api-key``) answers
  ``"<sid>:<heartbeat>:<close>:<transports>"``; the client then opens a websocket at
  ``/socket.io/1/websocket/<sid>`` carrying no credentials of its own (hub.py:852-891,
  163-225), so the session id, issued only to an authenticated handshake, admits it once.
* Packets are socket.io 0.9 text frames ``code:id:endpoint:data``: ``1`` connect, ``2``
  heartbeat (the client answers each with one), ``5`` event with data
  ``{"name": "ftrack.event", "args": [event]}``, ``6`` acknowledge with data
  ``<id>+[reply]``, ``0`` disconnect (hub.py:96-110, 911-1049).
* A packet id ending in ``+`` asks for an acknowledgement, ``{"success": true}`` or
  ``{"success": false, "message": …}`` (hub.py:528-537, 733-743).
* ``ftrack.meta.subscribe`` carries ``data.subscriber`` (metadata with an ``id``) and
  ``data.subscription`` (an expression); ``ftrack.meta.unsubscribe`` the subscriber
  (hub.py:514-588). An event goes to each connection with a subscriber whose subscription
  includes it and, when the event has a ``target``, whose metadata the target matches; the
  client then dispatches it to its own subscribers (hub.py:745-826). Replies are events of
  topic ``ftrack.meta.reply`` targeted at ``id=<publishing hub id>``.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ftrack_api.event.expression import Parser
from ftrack_api.event.subscription import Subscription

log = logging.getLogger(__name__)

EVENT_NAMESPACE = "ftrack.event"
HANDSHAKE_SECONDS = 30.0


@dataclass
class HubClient:
    """One connected ``EventHub``: its subscribers and how to send it a packet."""

    sid: str
    username: str
    send: Callable[[str], None]
    close: Callable[[], None]
    subscribers: dict[str, tuple[dict[str, Any], Subscription]] = field(default_factory=dict)
    last_seen: float = field(default_factory=time.monotonic)

    def wants(self, event: dict[str, Any], target: Any) -> bool:
        """Whether one of this client's subscribers should receive ``event``."""
        for metadata, subscription in list(self.subscribers.values()):
            try:
                if subscription.includes(event) and (target is None or target.match(metadata)):
                    return True
            except Exception:  # a malformed event matches no subscription
                continue
        return False


class EventServer:
    """Every connected client, their subscriptions, and the heartbeats that keep them."""

    def __init__(self, heartbeat_seconds: float = 25.0, close_seconds: float = 60.0) -> None:
        self.heartbeat_seconds = heartbeat_seconds
        self.close_seconds = close_seconds
        self._clients: dict[str, HubClient] = {}
        self._pending: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._parser = Parser()
        self._stopped = threading.Event()
        self._beat = threading.Thread(target=self._heartbeats, name="event-heartbeats", daemon=True)
        self._beat.start()

    def handshake(self, username: str) -> str:
        """The handshake reply for an authenticated user; its session id admits one socket."""
        sid = secrets.token_hex(16)
        with self._lock:
            now = time.monotonic()
            self._pending = {s: p for s, p in self._pending.items() if p[1] > now}
            self._pending[sid] = (username, now + HANDSHAKE_SECONDS)
        timeout = round(self.close_seconds)
        return f"{sid}:{timeout}:{timeout}:websocket"

    def admit(self, sid: str) -> str | None:
        """The user a session id was issued to, once; ``None`` when unknown or expired."""
        with self._lock:
            username, expires = self._pending.pop(sid, ("", 0.0))
        return username if expires > time.monotonic() else None

    def join(self, client: HubClient) -> None:
        with self._lock:
            self._clients[client.sid] = client
        client.send("1::")

    def leave(self, client: HubClient) -> None:
        with self._lock:
            self._clients.pop(client.sid, None)

    def receive(self, client: HubClient, packet: str) -> None:
        """Handle one packet from ``client``."""
        client.last_seen = time.monotonic()
        code, packet_id, _, data = [*packet.split(":", 3), "", "", ""][:4]
        if code == "0":
            client.close()
        elif code == "5":
            reply = self._event(client, data)
            if packet_id.endswith("+"):
                client.send(f"6:::{packet_id.rstrip('+')}+{json.dumps([reply])}")

    def publish(self, event: dict[str, Any]) -> int:
        """Send ``event`` to every client that subscribed to it; returns how many."""
        target = None
        if event.get("target"):
            try:
                target = self._parser.parse(str(event["target"]))
            except Exception:
                log.warning("Dropped event %s: its target cannot be parsed.", event.get("id"))
                return 0
        with self._lock:
            clients = list(self._clients.values())
        packet = "5:::" + json.dumps({"name": EVENT_NAMESPACE, "args": [event]})
        receivers = [client for client in clients if client.wants(event, target)]
        for client in receivers:
            client.send(packet)
        return len(receivers)

    def stop(self) -> None:
        """Disconnect every client and stop the heartbeats."""
        self._stopped.set()
        with self._lock:
            clients = list(self._clients.values())
        for client in clients:
            client.close()

    def _event(self, client: HubClient, data: str) -> dict[str, Any]:
        try:
            payload = json.loads(data)
            event = payload["args"][0]
            topic = event["topic"]
        except (ValueError, KeyError, IndexError, TypeError):
            return {"success": False, "message": "An event packet needs args: [event]."}
        if payload.get("name") != EVENT_NAMESPACE:
            return {"success": False, "message": f"Unknown event name {payload.get('name')!r}."}
        if topic == "ftrack.meta.subscribe":
            return self._subscribe(client, event.get("data") or {})
        if topic == "ftrack.meta.unsubscribe":
            subscriber = (event.get("data") or {}).get("subscriber") or {}
            client.subscribers.pop(str(subscriber.get("id")), None)
            return {"success": True}
        self.publish(event)
        return {"success": True}

    def _subscribe(self, client: HubClient, data: dict[str, Any]) -> dict[str, Any]:
        metadata = data.get("subscriber")
        if not isinstance(metadata, dict) or "id" not in metadata:
            return {"success": False, "message": "A subscriber needs an id."}
        try:
            subscription = Subscription(str(data.get("subscription")))
        except Exception as error:
            return {"success": False, "message": f"Bad subscription: {error}"}
        if str(metadata["id"]) in client.subscribers:
            return {"success": False, "message": f"Subscriber {metadata['id']} already exists."}
        client.subscribers[str(metadata["id"])] = (metadata, subscription)
        return {"success": True}

    def _heartbeats(self) -> None:
        """Send each client a heartbeat; close those silent for longer than ``close_seconds``."""
        while not self._stopped.wait(self.heartbeat_seconds):
            with self._lock:
                clients = list(self._clients.values())
            now = time.monotonic()
            for client in clients:
                if now - client.last_seen > self.close_seconds:
                    log.info(
                        "Closing the event hub connection of %s: no heartbeat", client.username
                    )
                    client.close()
                else:
                    client.send("2::")
