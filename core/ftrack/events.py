"""Telling the world a version was published: local subscribers and the server's event hub.

Local subscribers (event plugins of the session) hear ``ftpub.version.published`` at once. The
server hears it from a background thread with its own ``EventHub``: connecting never delays
the publish, and a hub that cannot be reached is only logged.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import ftrack_api
import ftrack_api.event.base
import ftrack_api.event.hub

from ftpub.core.result import PublishedVersion

log = logging.getLogger(__name__)

TOPIC = "ftpub.version.published"

#: How long a process that published may take at exit to hand its last events to the hub.
EXIT_FLUSH_SECONDS = 5.0


def version_published(
    session: ftrack_api.Session, version: PublishedVersion, extra: dict[str, Any]
) -> None:
    """Publish ``ftpub.version.published`` to local subscribers now, and to the server soon."""
    data = {
        "version_id": version.asset_version_id,
        "asset_name": version.asset_name,
        "version": version.version,
        "instance": version.instance,
        "component_ids": list(version.components),
        **extra,
    }
    session.event_hub.publish(ftrack_api.event.base.Event(topic=TOPIC, data=data), synchronous=True)
    server_events(session.server_url, session.api_user, session.api_key).send(
        ftrack_api.event.base.Event(topic=TOPIC, data=data)
    )


HubFactory = Callable[[str, str, str], Any]


class ServerEvents:
    """Sends events to one server's event hub, in order, from a background thread."""

    def __init__(
        self,
        server_url: str,
        api_user: str,
        api_key: str,
        hub_factory: HubFactory = ftrack_api.event.hub.EventHub,
    ) -> None:
        self.server_url = server_url
        self._hub = hub_factory(server_url, api_user, api_key)
        self._queue: queue.Queue[ftrack_api.event.base.Event] = queue.Queue()
        self._unsent = 0
        self._idle = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="ftpub-events", daemon=True)
        self._thread.start()

    def send(self, event: ftrack_api.event.base.Event) -> None:
        """Queue ``event`` for the server; returns at once."""
        with self._idle:
            self._unsent += 1
        self._queue.put(event)

    def flush(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every queued event to be handed to the hub."""
        with self._idle:
            return self._idle.wait_for(lambda: self._unsent == 0, timeout)

    def _run(self) -> None:
        while True:
            event = self._queue.get()
            try:
                if not self._hub.connected:
                    self._hub.connect()
                self._hub.publish(event)
            except Exception as error:  # the publish succeeded; only the notice is lost
                log.warning(
                    "The ftrack event hub at %s did not get %s: %s",
                    self.server_url,
                    event["topic"],
                    error,
                )
            finally:
                with self._idle:
                    self._unsent -= 1
                    self._idle.notify_all()


_senders: dict[tuple[str, str], ServerEvents] = {}
_senders_lock = threading.Lock()


def server_events(server_url: str, api_user: str, api_key: str) -> ServerEvents:
    """The one sender of this process for a server and user."""
    with _senders_lock:
        sender = _senders.get((server_url, api_user))
        if sender is None:
            sender = _senders[(server_url, api_user)] = ServerEvents(server_url, api_user, api_key)
        return sender


@atexit.register
def _flush_at_exit() -> None:
    with _senders_lock:
        senders = list(_senders.values())
    for sender in senders:
        if not sender.flush(EXIT_FLUSH_SECONDS):
            log.warning("Events for %s were still unsent at exit.", sender.server_url)
