"""The actions of ``POST /api``: one call is a list of operations applied all-or-nothing."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any
from urllib.parse import quote, urlencode

from .auth import Credentials
from .entity import Entity
from .errors import (
    ApiError,
    NotFoundError,
    ParseError,
    PermissionDeniedError,
    UnknownActionError,
    ValidationError,
)
from .files import ServerFiles
from .graph import SERVER_LOCATION_ID, StoreGraph
from .query import QuerySyntaxError, run_query
from .query.cursors import Cursors
from .reply import EntityReply, written_families
from .schema import UnknownAttributeError, UnknownTypeError
from .store import Store
from .writes import Writer, check_required

SERVER_VERSION = "4.13.8"

#: Actions that change nothing: a call made only of these does not wait for batches.
READ_ACTIONS = frozenset({"query", "query_server_information", "query_schemas"})


class Api:
    """Answers the operations of one ``/api`` call for an authenticated user."""

    def __init__(
        self, store: Store, files: ServerFiles, credentials: Credentials, server_url: str
    ) -> None:
        self.store = store
        self.files = files
        self.credentials = credentials
        self.server_url = server_url
        self.graph = StoreGraph(store, server_url)
        self.cursors = Cursors()
        self._writes = _WriteCount()

    def call(self, operations: list[Any], user: Entity) -> list[Any]:
        """Apply ``operations`` in order, in one batch: any error undoes them all.

        A call that only reads runs beside batches, seeing the state before or after each.
        """
        if all(isinstance(op, dict) and op.get("action") in READ_ACTIONS for op in operations):
            with self.store.reading():
                return [self._operation(operation, user, None) for operation in operations]
        with self._writes.counted(), self.store.batch() as batch:
            writer = Writer(self.graph, batch, user)
            results = [self._operation(operation, user, writer) for operation in operations]
            replies = [result for result in results if isinstance(result, EntityReply)]
            for reply in replies:
                check_required(self.graph, reply.entity)
            written = written_families(self.graph, batch) if replies else frozenset()
            return [
                result.encode(self.graph, batch, written)
                if isinstance(result, EntityReply)
                else result
                for result in results
            ]

    def _operation(self, operation: Any, user: Entity, writer: Writer | None) -> Any:
        if not isinstance(operation, dict):
            raise ValidationError("Each operation must be a JSON object with an action.")
        action = operation.get("action")
        handler = self._handlers.get(str(action))
        if handler is None:
            raise UnknownActionError(action)
        try:
            return handler(operation, user, writer)
        except (UnknownAttributeError, UnknownTypeError) as error:
            raise ValidationError(str(error)) from None
        except QuerySyntaxError as error:
            raise ParseError(str(error)) from None

    @cached_property
    def _handlers(self) -> dict[str, Callable[[dict[str, Any], Entity, Any], Any]]:
        """Each action's handler, given the operation, the user and the call's writer (``None``
        for a call that only reads)."""
        return {
            "query_server_information": lambda op, user, writer: self.server_information(),
            "query_schemas": lambda op, user, writer: self.store.schema.raw,
            "query": lambda op, user, writer: self._query(op, writer is None),
            "create": lambda op, user, writer: writer.create(op),
            "update": lambda op, user, writer: writer.update(op),
            "delete": lambda op, user, writer: writer.delete(op),
            "get_upload_metadata": lambda op, user, writer: self._upload_metadata(op, user),
            "encode_media": lambda op, user, writer: self._encode_media(op, writer),
            "reset_remote": lambda op, user, writer: self._reset_remote(op),
            "get_widget_url": lambda op, user, writer: self._widget_url(op),
            "send_user_invite": lambda op, user, writer: {"sent": True},
            "send_review_session_invite": lambda op, user, writer: {"sent": True},
        }

    def server_information(self) -> dict[str, Any]:
        return {
            "version": SERVER_VERSION,
            "schema_hash": self.store.schema.hash,
            "storage_scenario": {"scenario": "ftrack.automatic", "data": {}},
            "is_timezone_support_enabled": True,
        }

    def _widget_url(self, operation: dict[str, Any]) -> dict[str, Any]:
        query = {"theme": operation.get("theme") or "light"}
        key = operation.get("entity_key")
        if operation.get("entity_type") and isinstance(key, list) and key:
            query |= {"entityType": str(operation["entity_type"]), "entityId": str(key[0])}
        name = quote(str(operation.get("name") or ""), safe="")
        return {"widget_url": f"{self.server_url}/widget/{name}?{urlencode(query)}"}

    def _query(self, operation: dict[str, Any], only_reading: bool) -> dict[str, Any]:
        """One page of a query; in a call that only reads, it may resume where the page
        before it stopped (a batch's view of the entities is its own)."""
        expression = operation.get("expression")
        if not isinstance(expression, str):
            raise ValidationError("A query needs an expression.")
        state = self._writes.settled() if only_reading else None
        page = run_query(self.graph, expression, self.cursors, state)
        return {
            "action": "query",
            "data": page.data,
            "metadata": {"next": {"offset": page.next_offset}},
        }

    def _upload_metadata(self, operation: dict[str, Any], user: Entity) -> dict[str, Any]:
        component_id = str(operation.get("component_id") or "")
        try:
            uuid.UUID(component_id)
        except ValueError:
            raise ValidationError("get_upload_metadata needs a component_id (a UUID).") from None
        size = operation.get("file_size")
        try:
            token = self.files.expect(
                component_id, size, operation.get("checksum"), str(user.data["username"])
            )
        except PermissionError as error:
            raise PermissionDeniedError(str(error)) from None
        headers = {"Content-Type": "application/octet-stream"}
        if isinstance(size, int):
            headers["Content-Length"] = str(size)
        return {
            "url": f"{self.server_url}/upload/{component_id}?token={token}",
            "headers": headers,
            "component_id": component_id,
        }

    def _encode_media(self, operation: dict[str, Any], writer: Writer) -> Any:
        """Register a review component made from an uploaded file, and a finished job.

        The sandbox does not transcode: the review component holds the source's bytes.
        """
        source = self.graph.get("Component", operation.get("component_id"))
        if source is None or not self.files.path(source.id).exists():
            raise NotFoundError("encode_media needs a component stored in ftrack.server.")
        version_id = operation.get("version_id") or source.data.get("version_id")
        keep_original = bool(operation.get("keep_original", True))
        output_id = str(uuid.uuid4())
        self.files.copy(source.id, output_id)
        created = [
            (
                "FileComponent",
                {
                    "id": output_id,
                    "name": "ftrackreview-mp4",
                    "file_type": ".mp4",
                    "size": source.data.get("size") or 0,
                    "version_id": version_id,
                },
            ),
            (
                "ComponentLocation",
                {
                    "component_id": output_id,
                    "location_id": SERVER_LOCATION_ID,
                    "resource_identifier": output_id,
                },
            ),
        ]
        job_id = str(uuid.uuid4())
        job_data = {
            "output": [{"format": "video/mp4", "component_id": output_id}],
            "source_component_id": source.id,
            "keep_original": keep_original,
        }
        created += [
            (
                "Job",
                {"id": job_id, "type": "api_job", "status": "done", "data": json.dumps(job_data)},
            ),
            ("JobComponent", {"job_id": job_id, "component_id": output_id}),
        ]
        for type_id, data in created:
            writer.create({"entity_type": type_id, "entity_data": data})
        if not keep_original:
            writer.delete({"entity_type": source.type, "entity_key": [source.id]})
        return {"job_id": job_id}

    def _reset_remote(self, operation: dict[str, Any]) -> Any:
        if operation.get("reset_type") != "api_key" or operation.get("entity_type") != "User":
            raise ValidationError("Only the api_key of a User can be reset.")
        target = self.graph.get("User", operation.get("entity_key"))
        if target is None:
            raise NotFoundError("User does not exist.")
        return {
            "action": "reset_remote",
            "data": {"api_key": self.credentials.issue(str(target.data["username"]))},
        }


class _WriteCount:
    """How many calls that write have started and finished: while none runs, the entities are
    in the state named by that number, and a different number names a different state."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started = 0
        self._finished = 0

    @contextmanager
    def counted(self) -> Iterator[None]:
        with self._lock:
            self._started += 1
        try:
            yield
        finally:
            with self._lock:
                self._finished += 1

    def settled(self) -> int | None:
        """The state the entities are in, or ``None`` while a call may be changing them."""
        with self._lock:
            return self._finished if self._started == self._finished else None


__all__ = ["Api", "ApiError"]
