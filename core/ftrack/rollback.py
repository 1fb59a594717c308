"""Undoing what a failed publish created in ftrack: one call, newest first."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import ftrack_api

from .calls import DEFAULT_POLICY, RetryPolicy, send
from .lookup import SERVER_LOCATION_ID
from .operations import delete, query, quoted

log = logging.getLogger(__name__)


class FtrackUndo:
    """Deletes entities a publish created (the journal's ftrack undo)."""

    def __init__(self, session: ftrack_api.Session, policy: RetryPolicy = DEFAULT_POLICY) -> None:
        self.session = session
        self.policy = policy

    def __call__(self, entities: Sequence[tuple[str, str]]) -> None:
        """Delete those of ``entities`` that exist, with their component locations."""
        ids = [entity_id for _, entity_id in entities]
        types = sorted({type_id for type_id, _ in entities})
        lookups = [
            query(f"select id from {type_id} where id in ({quoted(ids)})") for type_id in types
        ]
        lookups.append(
            query(
                "select id, component_id, location_id from ComponentLocation "
                f"where component_id in ({quoted(ids)})"
            )
        )
        *found, locations = (
            result["data"]
            for result in send(
                self.session, lookups, "find what the failed publish created", self.policy
            )
        )
        existing = {item["id"] for items in found for item in items}
        listed = set(ids)
        with self.session.auto_populating(False):
            extra_locations = [loc for loc in locations if loc["id"] not in listed]
            on_server = [
                loc["component_id"] for loc in locations if loc["location_id"] == SERVER_LOCATION_ID
            ]
            operations = [delete("ComponentLocation", loc["id"]) for loc in extra_locations]
        operations += [
            delete(type_id, entity_id)
            for type_id, entity_id in reversed(entities)
            if entity_id in existing
        ]
        if operations:
            send(self.session, operations, "delete what the failed publish created", self.policy)
        self._remove_server_files(on_server)

    def _remove_server_files(self, component_ids: list[str]) -> None:
        server = self.session.get("Location", SERVER_LOCATION_ID)
        for component_id in component_ids:
            try:
                server.accessor.remove(component_id)
            except Exception as error:  # the entities are gone; a stray upload is only logged
                log.warning(
                    "could not remove uploaded file of component %s: %s", component_id, error
                )
