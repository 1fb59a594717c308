"""Having ftrack's server encode reviewables (``review_mode = "encode_media"``)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

import ftrack_api

from .calls import RetryPolicy, send
from .operations import encode_media, query, quoted


def encode_reviews(
    session: ftrack_api.Session,
    sources: Sequence[tuple[str, str]],
    policy: RetryPolicy,
) -> dict[str, list[str]]:
    """Encode each uploaded (component id, version id); returns version id -> output ids.

    The server replaces each source with the review components its jobs make, attached to the
    versions (which the journal already holds: undoing a version deletes its components, these
    included). Encoding is not idempotent, so a failed call is not sent again.
    """
    if not sources:
        return {}
    operations = [encode_media(component_id, version_id) for component_id, version_id in sources]
    once = dataclasses.replace(policy, attempts=1)
    job_ids = [
        result["job_id"]
        for result in send(session, operations, "start encoding the reviewables", once)
    ]
    jobs = send(
        session,
        [query(f"select data from Job where id in ({quoted(job_ids)})")],
        "read the encoding jobs",
        policy,
    )[0]["data"]
    outputs: dict[str, list[str]] = {}
    with session.auto_populating(False):
        by_source = {json.loads(job["data"])["source_component_id"]: job for job in jobs}
    for component_id, version_id in sources:
        data = json.loads(by_source[component_id]["data"])
        ids = [output["component_id"] for output in data["output"]]
        outputs.setdefault(version_id, []).extend(ids)
    return outputs
