"""Phase 3a of an integration: every file in its place.

Files go to their published paths in the studio's storage; thumbnails and reviewables are
uploaded to ftrack's own storage where the version call said.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ftpub.core.files import (
    FileTransfer,
    PathFields,
    TransferredFile,
    claim_folder,
    members,
    render_path,
    transfer_files,
)
from ftpub.core.files.progress import Progress
from ftpub.core.journal import Journal
from ftpub.core.publish_data import Representation

from . import components as comp
from .lookup import Lookup
from .plan import PlannedVersion
from .settings import IntegrationSettings
from .uploads import UploadTarget, put

SINGLE_FILE = 0
"""The frame a single file is filed under."""


@dataclass(frozen=True)
class Placed:
    """Where a representation's files were published."""

    destination: Path
    """The published file, or a sequence's ``%04d`` pattern."""
    files: dict[int, TransferredFile]
    """Frame -> published file; a single file is frame :data:`SINGLE_FILE`."""


def transfer(
    versions: list[PlannedVersion],
    lookup: Lookup,
    settings: IntegrationSettings,
    journal: Journal,
    progress: Progress | None,
) -> dict[tuple[str, str], Placed]:
    """Copy every file to its published path; returns where each (version, representation) went."""
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
        key: Placed(destination, {frame: done[path] for frame, path in targets.items()})
        for key, (destination, targets) in planned.items()
    }


def _sources(representation: Representation) -> dict[int, Path]:
    """Frame -> source file (a single file is frame :data:`SINGLE_FILE`)."""
    if not representation.is_sequence:
        return {SINGLE_FILE: representation.path}
    return dict(zip(sorted(set(representation.frames)), representation.files(), strict=True))


def upload(
    versions: list[PlannedVersion],
    targets: dict[str, UploadTarget],
    settings: IntegrationSettings,
    journal: Journal,
) -> None:
    """Upload each server-bound file to its target (by component id); journaled first."""
    if targets:
        journal.uploads(list(targets))
    for version in versions:
        for representation in version.item.instance.representations:
            component_id = version.uploads.get(representation.name)
            if component_id is None:
                continue
            put(targets[component_id], representation.path, settings.retry)
