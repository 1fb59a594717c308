"""Undoing what a failed publish created in ftrack (the journal's remote undo).

For an entry of created entities: one call finds which still exist (and the component
locations and components hanging off them), one call deletes all but the assets, newest first,
and, where the entry created assets, one more deletes those that no version uses (another
artist may have published into an asset this publish created). Uploaded files are removed from
ftrack's storage. When ftrack cannot be reached (no answer after the retries), the undo raises
:class:`~ftpub.core.journal.UndoLater`: a later publish tries again. A refusal by the server is
final.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import ftrack_api

from ftpub.core.journal import Entry, UndoLater

from .calls import DEFAULT_POLICY, FtrackCallError, RetryPolicy, send
from .lookup import SERVER_LOCATION_ID
from .operations import DeleteOperation, delete, query, quoted

log = logging.getLogger(__name__)


class FtrackUndo:
    """Deletes what one journal entry says a publish created."""

    def __init__(self, session: ftrack_api.Session, policy: RetryPolicy = DEFAULT_POLICY) -> None:
        self.session = session
        self.policy = policy

    def __call__(self, entry: Entry) -> None:
        try:
            self._undo(entry)
        except FtrackCallError as error:
            if error.exception is None:
                raise UndoLater(str(error)) from error
            raise

    def _undo(self, entry: Entry) -> None:
        ids = [entity_id for _, entity_id in entry.entities]
        if entry.kind == "upload":
            self._remove_server_files(ids)
            return
        assets = [entity_id for type_id, entity_id in entry.entities if type_id == "Asset"]
        others = [(t, i) for t, i in entry.entities if t != "Asset"]
        if others:
            self._delete(others)
        if assets:
            self._delete_unused_assets(assets)

    def _delete(self, entities: Sequence[tuple[str, str]]) -> None:
        """Delete ``entities`` that exist, with the locations and components hanging off them."""
        ids = quoted(entity_id for _, entity_id in entities)
        versions = [entity_id for type_id, entity_id in entities if type_id == "AssetVersion"]
        hanging = [query(f"select id from ComponentLocation where component_id in ({ids})")]
        if versions:
            hanging.append(
                query(
                    "select id from Component where container_id is None and "
                    f"version_id in ({quoted(versions)})"
                )
            )
        existence = [
            query(f"select id from {type_id} where id in ({ids})")
            for type_id in sorted({type_id for type_id, _ in entities})
        ]
        results = [
            r["data"]
            for r in send(
                self.session,
                hanging + existence,
                "find what the failed publish created",
                self.policy,
            )
        ]
        existing = {item["id"] for items in results[len(hanging) :] for item in items}
        listed = {entity_id for _, entity_id in entities}
        with self.session.auto_populating(False):
            operations: list[DeleteOperation] = [
                delete(item.entity_type, item["id"])
                for items in results[: len(hanging)]
                for item in items
                if item["id"] not in listed
            ]
        operations += [
            delete(type_id, entity_id)
            for type_id, entity_id in reversed(entities)
            if entity_id in existing
        ]
        if operations:
            self._send_deletes(
                operations, [entity_id for entity_id in listed if entity_id in existing]
            )

    def _delete_unused_assets(self, assets: Sequence[str]) -> None:
        unused = send(
            self.session,
            [query(f"select id from Asset where id in ({quoted(assets)}) and not versions any ()")],
            "find the assets the failed publish created",
            self.policy,
        )[0]["data"]
        with self.session.auto_populating(False):
            operations = [delete("Asset", asset["id"]) for asset in unused]
        if operations:
            self._send_deletes(operations, [operation["entity_key"][0] for operation in operations])

    def _send_deletes(self, operations: list[DeleteOperation], ids: list[str]) -> None:
        """Send the deletes; a batch whose reply was lost counts as done once nothing is left."""
        try:
            send(self.session, operations, "delete what the failed publish created", self.policy)
        except FtrackCallError:
            types = sorted({operation["entity_type"] for operation in operations})
            left = send(
                self.session,
                [
                    query(f"select id from {type_id} where id in ({quoted(ids)})")
                    for type_id in types
                ],
                "check what is left of the failed publish",
                self.policy,
            )
            if any(result["data"] for result in left):
                raise

    def _remove_server_files(self, component_ids: Sequence[str]) -> None:
        server = self.session.get("Location", SERVER_LOCATION_ID)
        for component_id in component_ids:
            try:
                server.accessor.remove(component_id)
            except Exception as error:  # the entities are gone; a stray upload is only logged
                # The accessor's errors quote its URL, which carries the API key: log the kind.
                log.warning(
                    "could not remove the uploaded file of component %s (%s)",
                    component_id,
                    type(error).__name__,
                )
