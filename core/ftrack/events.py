"""Telling the world a version was published: ftrack's event hub and the studio's hooks."""

from __future__ import annotations

import logging
from typing import Any

import ftrack_api
import ftrack_api.event.base

from ftpub.core.result import PublishedVersion

log = logging.getLogger(__name__)

TOPIC = "ftpub.version.published"


def version_published(
    session: ftrack_api.Session, version: PublishedVersion, extra: dict[str, Any]
) -> None:
    """Publish ``ftpub.version.published`` to local subscribers and, when connected, the server."""
    data = {
        "version_id": version.asset_version_id,
        "asset_name": version.asset_name,
        "version": version.version,
        "instance": version.instance,
        "component_ids": list(version.components),
        **extra,
    }
    session.event_hub.publish(ftrack_api.event.base.Event(topic=TOPIC, data=data), synchronous=True)
    if session.event_hub.connected:
        session.event_hub.publish(
            ftrack_api.event.base.Event(topic=TOPIC, data=data), on_error="ignore"
        )
