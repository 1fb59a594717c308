"""Two-phase integration: versions hidden until every file and component is in place.

One publish makes four ``/api`` calls whatever the number of instances and files:

1. **look up** tasks, asset types, statuses, the storage location and existing assets
   (:mod:`.plan`);
2. **versions**: create missing assets and every ``AssetVersion`` with ``is_published =
   False`` (and ask where to upload thumbnails and reviewables) (:mod:`.versions`);
3. **components**, after the files are transferred and uploads made (:mod:`.placement`):
   components, sequence members, component locations and metadata (:mod:`.registration`);
4. **publish**: ``is_published = True``, the configured status and thumbnails (:mod:`.publish`).

Rarer cases add calls, never per instance: the first publish of a site creates the storage
location; ``review_mode = "encode_media"`` adds the encoding and a look at its jobs; another
publish creating one of our new assets first costs a second look-up.

Everything created (ftrack entities, uploads, folders, files) is written to the
:class:`~ftpub.core.journal.Journal` before it exists, so any failure undoes it in reverse, and
a killed process leaves a journal a later run finishes (see :mod:`.recovery`).
"""

from __future__ import annotations

from collections.abc import Sequence

import ftrack_api

from ftpub.core.files.progress import Progress
from ftpub.core.journal import Journal, Undone
from ftpub.core.result import PublishedVersion

from .calls import DUPLICATE_ENTRY, FtrackCallError
from .placement import transfer, upload
from .plan import InstanceToPublish, plan
from .publish import publish_versions
from .registration import encode, register_components
from .rollback import FtrackUndo
from .settings import IntegrationSettings
from .versions import create_versions

__all__ = [
    "InstanceToPublish",
    "IntegrationError",
    "IntegrationSettings",
    "Progress",
    "integrate",
]


class IntegrationError(Exception):
    """A publish that failed while integrating; what was undone is listed."""

    def __init__(self, step: str, cause: BaseException, undone: list[Undone]) -> None:
        self.step = step
        self.cause = cause
        self.undone = undone
        failed = [u for u in undone if not u.ok]
        summary = (
            f"undid {len(undone)} steps"
            if not failed
            else f"undid {len(undone) - len(failed)} of {len(undone)} steps; could not undo: "
            + "; ".join(f"{u.entry.describe()} ({u.error})" for u in failed)
        )
        super().__init__(f"{step} failed: {cause}. {summary}")


def integrate(
    session: ftrack_api.Session,
    items: Sequence[InstanceToPublish],
    comment: str,
    settings: IntegrationSettings,
    journal: Journal,
    progress: Progress | None = None,
) -> list[PublishedVersion]:
    """Publish ``items`` as new versions; on failure undo everything and raise."""
    step = "looking up the ftrack context"
    try:
        lookup, versions = plan(session, items, settings)
        step = "creating the versions"
        try:
            upload_targets = create_versions(session, versions, lookup, comment, settings, journal)
        except FtrackCallError as error:
            if error.exception != DUPLICATE_ENTRY:
                raise
            # Another publish created one of our new assets first: publish into it instead.
            lookup, versions = plan(session, items, settings)
            upload_targets = create_versions(session, versions, lookup, comment, settings, journal)
        step = "transferring files"
        placed = transfer(versions, lookup, settings, journal, progress)
        step = "uploading thumbnails and reviewables"
        upload(versions, upload_targets, settings, journal)
        step = "registering components"
        register_components(session, versions, lookup, placed, settings, journal)
        step = "encoding the reviewables"
        encode(session, versions, settings)
        step = "publishing the versions"
        publish_versions(session, versions, lookup, settings, journal)
    except Exception as error:
        undone = journal.undo(FtrackUndo(session, settings.retry))
        raise IntegrationError(step, error, undone) from error
    journal.close()
    return [
        PublishedVersion(
            v.version_id, v.item.asset_name, v.number, v.item.instance.name, tuple(v.component_ids)
        )
        for v in versions
    ]
