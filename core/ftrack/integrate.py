"""Two-phase integration: versions hidden until every file and component is in place.

One publish makes four ``/api`` calls whatever the number of instances and files:

1. **look up** tasks, asset types, statuses, the storage location and existing assets;
2. **versions**: create missing assets and every ``AssetVersion`` with ``is_published =
   False`` (and ask where to upload thumbnails and reviewables);
3. **components**, after the files are transferred (and uploads made): components, sequence
   members, component locations and metadata;
4. **publish**: ``is_published = True``, the configured status and thumbnails.

Rarer cases add calls, never per instance: the first publish of a site creates the storage
location; ``review_mode = "encode_media"`` adds the encoding and a look at its jobs; another
publish creating one of our new assets first costs a second look-up.

Everything created (ftrack entities, uploads, folders, files) is written to the
:class:`~ftpub.core.journal.Journal` before it exists, so any failure undoes it in reverse, and
a killed process leaves a journal a later run finishes (see :mod:`.recovery`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ftrack_api

from ftpub.core.files import (
    FileTransfer,
    PathFields,
    TransferredFile,
    claim_folder,
    members,
    render_path,
    transfer_files,
)
from ftpub.core.files.checksum import DEFAULT_ALGORITHM
from ftpub.core.journal import Journal, Undone
from ftpub.core.publish_data import InstanceData, Representation
from ftpub.core.result import PublishedVersion

from . import components as comp
from .calls import DEFAULT_POLICY, FtrackCallError, RetryPolicy, send
from .encode import encode_reviews
from .lookup import SERVER_LOCATION_ID, Lookup, NotInFtrackError, fetch
from .operations import create, new_id, query, quoted, ref, update
from .rollback import FtrackUndo
from .storage import configure_location
from .uploads import put, upload_request

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IntegrationSettings:
    """What the studio config decides about where and how files are published."""

    publish_root: Path
    path_template: str
    transfer_mode: str = "copy"
    checksum: str = DEFAULT_ALGORITHM
    review_mode: str = "upload"
    storage_location: str = "ftpub.storage"
    version_status: str = ""
    retry: RetryPolicy = DEFAULT_POLICY


@dataclass(frozen=True)
class InstanceToPublish:
    """One instance, its task and the names ftrack will know it by."""

    instance: InstanceData
    task_id: str
    asset_name: str
    component_names: dict[str, str] = field(default_factory=dict)
    """Representation name -> component name, where a hook renamed it."""
    ftr_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Representation name -> the web player's metadata of a reviewable."""
    path_templates: dict[str, str] = field(default_factory=dict)
    """Representation name -> path template, where a hook chose one."""


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


@dataclass
class _Version:
    """The plan for one AssetVersion, filled in as the publish goes."""

    item: InstanceToPublish
    asset_id: str
    asset_type_id: str
    asset_is_new: bool
    version_id: str = field(default_factory=new_id)
    number: int = 0
    uploads: dict[str, str] = field(default_factory=dict)
    """Representation name -> id of its component in ``ftrack.server``."""
    component_ids: list[str] = field(default_factory=list)
    encode_sources: list[str] = field(default_factory=list)
    thumbnail_id: str | None = None


@dataclass(frozen=True)
class _Placed:
    """Where a representation's files were published."""

    destination: Path
    """The published file, or a sequence's ``%04d`` pattern."""
    files: dict[int, TransferredFile]
    """Frame -> published file; a single file is frame :data:`SINGLE_FILE`."""


SINGLE_FILE = 0


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
        lookup = _lookup(session, items, settings)
        if lookup.storage_location_created:
            location = session.get("Location", lookup.storage_location_id)
            configure_location(location, settings.publish_root, settings.path_template)
        versions = _plan(items, lookup)
        step = "creating the versions"
        try:
            upload_urls = _create_versions(session, versions, lookup, comment, settings, journal)
        except FtrackCallError as error:
            if "DuplicateEntryError" not in error.reason:
                raise
            # Another publish created one of our new assets first: publish into it instead.
            lookup = _lookup(session, items, settings)
            versions = _plan(items, lookup)
            upload_urls = _create_versions(session, versions, lookup, comment, settings, journal)
        step = "transferring files"
        stored = _transfer(versions, lookup, settings, journal, progress)
        step = "uploading thumbnails and reviewables"
        _upload(versions, upload_urls, settings, journal)
        step = "registering components"
        _create_components(session, versions, lookup, stored, settings, journal)
        step = "encoding the reviewables"
        sources = [(c, v.version_id) for v in versions for c in v.encode_sources]
        encoded = encode_reviews(session, sources, settings.retry)
        for version in versions:
            version.component_ids += encoded.get(version.version_id, [])
        step = "publishing the versions"
        journal.publishing([("AssetVersion", v.version_id) for v in versions])
        _publish(session, versions, lookup, settings)
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


def _lookup(
    session: ftrack_api.Session, items: Sequence[InstanceToPublish], settings: IntegrationSettings
) -> Lookup:
    return fetch(
        session,
        [i.task_id for i in items],
        [i.asset_name for i in items],
        settings.storage_location,
        settings.retry,
    )


def _plan(items: Sequence[InstanceToPublish], lookup: Lookup) -> list[_Version]:
    versions = []
    new_assets: dict[tuple[str, str, str], str] = {}
    for item in items:
        task = lookup.tasks[item.task_id]
        type_id = lookup.asset_types.get(item.instance.asset_type.lower())
        if type_id is None:
            raise NotInFtrackError(
                f"ftrack has no asset type '{item.instance.asset_type}' "
                f"(instance {item.instance.name})"
            )
        key = (task.parent_id, item.asset_name.lower(), type_id)
        existing = lookup.assets.get(key)
        if existing is not None:
            versions.append(_Version(item, existing, type_id, asset_is_new=False))
        else:
            asset_id = new_assets.setdefault(key, new_id())
            versions.append(_Version(item, asset_id, type_id, asset_is_new=True))
    return versions


def _create_versions(
    session: ftrack_api.Session,
    versions: list[_Version],
    lookup: Lookup,
    comment: str,
    settings: IntegrationSettings,
    journal: Journal,
) -> dict[str, dict[str, Any]]:
    """Create missing assets and the unpublished versions; returns upload targets by id."""
    operations, created, uploads = [], [], []
    for version in versions:
        task = lookup.tasks[version.item.task_id]
        if version.asset_is_new and ("Asset", version.asset_id) not in created:
            operations.append(
                create(
                    "Asset",
                    version.asset_id,
                    name=version.item.asset_name,
                    type=ref("AssetType", version.asset_type_id),
                    parent=ref(task.parent_type, task.parent_id),
                )
            )
            created.append(("Asset", version.asset_id))
        operations.append(
            create(
                "AssetVersion",
                version.version_id,
                asset=ref("Asset", version.asset_id),
                task=ref("Task", task.id),
                comment=comment,
                is_published=False,
            )
        )
        created.append(("AssetVersion", version.version_id))
        for representation in version.item.instance.representations:
            if comp.is_server_bound(representation):
                component_id = new_id()
                version.uploads[representation.name] = component_id
                uploads.append(
                    upload_request(
                        component_id, representation.path, _component_name(version, representation)
                    )
                )
    journal.ftrack(created)
    results = send(
        session, operations + uploads, "create the versions", settings.retry, created=created
    )
    if len(results) != len(operations) + len(uploads):
        # The reply was lost but the batch applied: ask again for what the reply held.
        results = [None] * len(operations)
        if uploads:
            results += send(session, uploads, "ask where to upload", settings.retry)
    with session.auto_populating(False):
        numbers = {
            result["data"]["id"]: result["data"]["version"]
            for result in results[: len(operations)]
            if result is not None
            and result["data"].entity_type == "AssetVersion"
            and isinstance(result["data"]["version"], int)
        }
    if len(numbers) < len(versions):
        numbers = _version_numbers(session, versions, settings)
    for version in versions:
        version.number = numbers[version.version_id]
    return {result["component_id"]: result for result in results[len(operations) :]}


def _version_numbers(
    session: ftrack_api.Session, versions: list[_Version], settings: IntegrationSettings
) -> dict[str, int]:
    ids = quoted(v.version_id for v in versions)
    result = send(
        session,
        [query(f"select version from AssetVersion where id in ({ids})")],
        "read the new version numbers",
        settings.retry,
    )
    with session.auto_populating(False):
        return {item["id"]: item["version"] for item in result[0]["data"]}


def _component_name(version: _Version, representation: Representation) -> str:
    if comp.THUMBNAIL_TAG in representation.tags:
        return comp.THUMBNAIL_COMPONENT
    if comp.REVIEW_TAG in representation.tags:
        return comp.review_component_name(representation)
    return version.item.component_names.get(representation.name, representation.name)


def _transfer(
    versions: list[_Version],
    lookup: Lookup,
    settings: IntegrationSettings,
    journal: Journal,
    progress: Progress | None,
) -> dict[tuple[str, str], _Placed]:
    """Copy every file to its published path; returns where each representation went."""
    planned: dict[tuple[str, str], tuple[Path, dict[int, Path]]] = {}
    transfers: list[FileTransfer] = []
    numbers: dict[Path, int] = {}
    for version in versions:
        task = lookup.tasks[version.item.task_id]
        for representation in version.item.instance.representations:
            if comp.is_server_bound(representation):
                continue
            fields = PathFields(
                project=task.project_name,
                parents=task.parents,
                asset_type=lookup.asset_type_shorts[version.asset_type_id],
                asset=version.item.asset_name,
                version=version.number,
                representation=representation.name,
                ext=representation.extension,
                task=task.name,
            )
            template = version.item.path_templates.get(representation.name, settings.path_template)
            destination = render_path(template, fields, settings.publish_root, representation)
            sources = _sources(representation)
            targets = (
                members(destination, sources)
                if representation.is_sequence
                else {SINGLE_FILE: destination}
            )
            planned[(version.version_id, representation.name)] = (destination, targets)
            numbers[destination.parent] = version.number
            transfers += [FileTransfer(sources[frame], targets[frame]) for frame in sources]
    for folder in sorted({t.destination.parent for t in transfers}):
        claim_folder(folder, journal, version=numbers.get(folder))
    done = {
        t.destination: t
        for t in transfer_files(
            transfers, settings.transfer_mode, journal, progress, algorithm=settings.checksum
        )
    }
    return {
        key: _Placed(destination, {frame: done[path] for frame, path in targets.items()})
        for key, (destination, targets) in planned.items()
    }


def _sources(representation: Representation) -> dict[int, Path]:
    """Frame -> source file (a single file is frame :data:`SINGLE_FILE`)."""
    if not representation.is_sequence:
        return {SINGLE_FILE: representation.path}
    return dict(zip(sorted(set(representation.frames)), representation.files(), strict=True))


def _upload(
    versions: list[_Version],
    urls: dict[str, dict[str, Any]],
    settings: IntegrationSettings,
    journal: Journal,
) -> None:
    if urls:
        journal.uploads(list(urls))
    for version in versions:
        for representation in version.item.instance.representations:
            component_id = version.uploads.get(representation.name)
            if component_id is None:
                continue
            put(urls[component_id], representation.path, settings.retry)


def _create_components(
    session: ftrack_api.Session,
    versions: list[_Version],
    lookup: Lookup,
    stored: dict[tuple[str, str], _Placed],
    settings: IntegrationSettings,
    journal: Journal,
) -> None:
    batch = comp.ComponentBatch()
    root = settings.publish_root
    for version in versions:
        for representation in version.item.instance.representations:
            component_id = version.uploads.get(representation.name)
            if component_id is not None:
                _add_server_component(batch, version, representation, component_id, settings)
                continue
            name = _component_name(version, representation)
            file_type = representation.path.suffix
            placed = stored[(version.version_id, representation.name)]
            if representation.is_sequence:
                component_id = comp.add_sequence_component(
                    batch,
                    version.version_id,
                    name,
                    file_type,
                    comp.relative(placed.destination, root),
                    representation.collection().padding,
                    {
                        frame: comp.StoredFile(comp.relative(f.destination, root), f.size)
                        for frame, f in placed.files.items()
                    },
                    lookup.storage_location_id,
                    representation.metadata,
                )
            else:
                result = placed.files[SINGLE_FILE]
                component_id = comp.add_file_component(
                    batch,
                    version.version_id,
                    name,
                    file_type,
                    comp.StoredFile(
                        comp.relative(result.destination, root),
                        result.size,
                        f"{result.algorithm}:{result.checksum}" if result.checksum else "",
                    ),
                    lookup.storage_location_id,
                    representation.metadata,
                )
            version.component_ids.append(component_id)
    if not batch.operations:
        return
    journal.ftrack(batch.created)
    send(
        session, batch.operations, "register the components", settings.retry, created=batch.created
    )


def _add_server_component(
    batch: comp.ComponentBatch,
    version: _Version,
    representation: Representation,
    component_id: str,
    settings: IntegrationSettings,
) -> None:
    """A thumbnail (no version), a reviewable, or a source the server will encode."""
    is_thumbnail = comp.THUMBNAIL_TAG in representation.tags
    to_encode = not is_thumbnail and settings.review_mode == "encode_media"
    attached = not (is_thumbnail or to_encode)
    comp.add_server_component(
        batch,
        component_id,
        representation.name if to_encode else _component_name(version, representation),
        representation.path.suffix,
        representation.path.stat().st_size,
        SERVER_LOCATION_ID,
        version.version_id if attached else None,
        version.item.ftr_meta.get(representation.name) if attached else None,
    )
    if is_thumbnail:
        version.thumbnail_id = component_id
    elif to_encode:
        version.encode_sources.append(component_id)
    else:
        version.component_ids.append(component_id)


def _publish(
    session: ftrack_api.Session,
    versions: list[_Version],
    lookup: Lookup,
    settings: IntegrationSettings,
) -> None:
    status_id = None
    if settings.version_status:
        status_id = lookup.statuses.get(settings.version_status.lower())
        if status_id is None:
            raise NotInFtrackError(
                f"ftrack has no status '{settings.version_status}' "
                "(version_status in the studio config)"
            )
    operations = []
    for version in versions:
        data: dict[str, Any] = {"is_published": True}
        if status_id is not None:
            data["status"] = ref("Status", status_id)
        if version.thumbnail_id is not None:
            data["thumbnail"] = ref("FileComponent", version.thumbnail_id)
        operations.append(update("AssetVersion", version.version_id, **data))
    send(session, operations, "publish the versions", settings.retry)
