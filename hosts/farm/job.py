"""What every farm job is made of, whatever the farm: the manifest the farm publishes (with its
``manifest_id`` and farm paths), the frames cut into chunks, the host's render command and the
publish step's command; and the one way a farm's job format is written (:class:`JobFormat`)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ftpub.core.config import PathRule
from ftpub.core.publish_data import COLORSPACE_KEY, InstanceData, Representation, frame_ranges
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.manifest import MANIFEST_VERSION, Manifest
from ftpub.hosts.farm.path_map import to_farm

START, END, SCENE = "{start}", "{end}", "{scene}"
MANIFEST_NAME = "manifest.json"
DEFAULT_CHUNK_SIZE = 10


@dataclass(frozen=True)
class RenderCommand:
    """The host's command rendering frames ``{start}`` to ``{end}`` (both required) of
    ``{scene}`` (the scene file, remapped for the farm like every other path)."""

    args: tuple[str, ...]
    scene: Path | None = None


@dataclass(frozen=True)
class PreparedJob:
    """A farm job's parts, ready for a farm's own job format."""

    name: str
    manifest_id: str
    manifest_file: Path
    """Where the manifest the farm publishes is written."""
    manifest_text: str
    """Its JSON, every file at its farm path."""
    chunks: tuple[tuple[int, int], ...]
    """First and last frame of each render task."""
    render_args: tuple[str, ...]
    """The render command with farm paths; ``{start}`` and ``{end}`` still to fill in."""
    comment: str
    chunk_size: int
    outputs: tuple[str, ...]
    """Every file or sequence pattern the render writes, at its farm path."""
    rules: tuple[PathRule, ...]

    def farm_file(self, name: str) -> str:
        """The file ``name`` next to the manifest, as the farm sees it."""
        return to_farm(self.manifest_file.with_name(name), self.rules)

    @property
    def farm_manifest(self) -> str:
        """The manifest as the farm sees it."""
        return self.farm_file(MANIFEST_NAME)

    def publish_args(self, manifest: str) -> tuple[str, ...]:
        """The publish step's command, ``manifest`` as the farm names the manifest."""
        return ("ftpub", "farm", "publish", "--manifest", manifest, "--job-name", self.name)


@dataclass(frozen=True)
class FarmJob:
    """A written farm job: its name, its manifest and every file written."""

    name: str
    manifest_id: str
    manifest_file: Path
    files: tuple[Path, ...]


def chunks(frames: Iterable[int], size: int) -> tuple[tuple[int, int], ...]:
    """Runs of consecutive frames, cut into pieces of at most ``size`` frames."""
    if size < 1:
        raise FarmError(f"the chunk size must be 1 or more, got {size}")
    result: list[tuple[int, int]] = []
    for frame in sorted(set(frames)):
        if result and frame == result[-1][1] + 1 and frame - result[-1][0] < size:
            result[-1] = (result[-1][0], frame)
        else:
            result.append((frame, frame))
    return tuple(result)


def render_frames(manifest: Manifest) -> set[int]:
    """Every frame the render must produce: the union of the manifest's sequences' frames."""
    frames = {
        frame
        for instance in manifest.instances
        for representation in instance.representations
        for frame in representation.frames
    }
    if not frames:
        raise FarmError(
            f"{manifest.path}: no frames to render; a farm manifest lists each sequence's "
            'frames ("frames": "1001-1100")'
        )
    return frames


def _representation_table(representation: Representation, rules: Sequence[PathRule]) -> Any:
    table: dict[str, Any] = {"name": representation.name}
    table["path"] = to_farm(representation.path, rules)
    if representation.frames:
        table["frames"] = frame_ranges(representation.frames)
    if representation.tags:
        table["tags"] = sorted(representation.tags)
    if COLORSPACE_KEY in representation.metadata:
        table["colorspace"] = representation.metadata[COLORSPACE_KEY]
    return table


def _instance_table(instance: InstanceData, rules: Sequence[PathRule]) -> Any:
    table: dict[str, Any] = {
        "name": instance.name,
        "family": instance.family,
        "asset": instance.asset_name,
        "asset_type": instance.asset_type,
    }
    optional = {
        "families": list(instance.families),
        "task_id": instance.task_id,
        "frame_start": instance.frame_start,
        "frame_end": instance.frame_end,
    }
    table.update({key: value for key, value in optional.items() if value})
    table["representations"] = [_representation_table(r, rules) for r in instance.representations]
    return table


def manifest_json(manifest: Manifest, rules: Sequence[PathRule]) -> str:
    """``manifest`` as JSON, every file at its farm path."""
    table = {
        "ftpub_manifest": MANIFEST_VERSION,
        "manifest_id": manifest.manifest_id,
        "task_id": manifest.task_id,
        "comment": manifest.comment,
        "instances": [_instance_table(instance, rules) for instance in manifest.instances],
    }
    return json.dumps(table, indent=2) + "\n"


def _render_args(command: RenderCommand, rules: Sequence[PathRule]) -> tuple[str, ...]:
    text = " ".join(command.args)
    missing = [token for token in (START, END) if token not in text]
    if not command.args or missing:
        raise FarmError(
            f"the render command must hold {START} and {END} (the chunk's first and last "
            f"frame); missing {' and '.join(missing or [START, END])} in {list(command.args)}"
        )
    if (SCENE in text) != (command.scene is not None):
        raise FarmError(f"give the scene file and use {SCENE} in the render command, or neither")
    scene = to_farm(command.scene, rules) if command.scene is not None else ""
    return tuple(arg.replace(SCENE, scene) for arg in command.args)


def prepare(
    manifest: Manifest,
    command: RenderCommand,
    out_dir: Path,
    rules: Sequence[PathRule],
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    name: str | None = None,
) -> PreparedJob:
    """Check everything and make the farm's manifest (with a new ``manifest_id`` unless it has
    one), to be written into ``out_dir``; raise :class:`FarmError` naming what to change."""
    frames = chunks(render_frames(manifest), chunk_size)
    manifest_id = manifest.manifest_id or str(uuid.uuid4())
    text = manifest_json(replace(manifest, manifest_id=manifest_id), rules)
    args = _render_args(command, rules)
    manifest_file = out_dir.resolve() / MANIFEST_NAME
    outputs = {
        to_farm(representation.path, rules)
        for instance in manifest.instances
        for representation in instance.representations
    }
    assets = list(dict.fromkeys(i.asset_name for i in manifest.instances))
    more = f" and {len(assets) - 1} more" if len(assets) > 1 else ""
    return PreparedJob(
        name=name or f"ftpub render {assets[0]}{more}",
        manifest_id=manifest_id,
        manifest_file=manifest_file,
        manifest_text=text,
        chunks=frames,
        render_args=args,
        comment=manifest.comment,
        chunk_size=chunk_size,
        outputs=tuple(sorted(outputs)),
        rules=tuple(rules),
    )


def write_files(job: PreparedJob, contents: dict[str, str]) -> FarmJob:
    """Write the job's manifest and ``contents`` (file name -> text) next to it."""
    folder = job.manifest_file.parent
    folder.mkdir(parents=True, exist_ok=True)
    files = {job.manifest_file: job.manifest_text, **{folder / n: t for n, t in contents.items()}}
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return FarmJob(job.name, job.manifest_id, job.manifest_file, tuple(files))


@dataclass(frozen=True)
class JobFormat:
    """A farm's job format: what it is called, and the files (name -> text) it writes next to
    the manifest for a prepared job."""

    label: str
    files: Callable[[PreparedJob], dict[str, str]]

    def write(
        self,
        manifest: Manifest,
        command: RenderCommand,
        out_dir: Path,
        rules: Sequence[PathRule] = (),
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        name: str | None = None,
    ) -> FarmJob:
        """Write the job of ``manifest`` into ``out_dir``, paths mapped by ``rules``; raise
        :class:`FarmError` naming what to change, and write nothing, when it cannot be made."""
        job = prepare(manifest, command, out_dir, rules, chunk_size, name)
        return write_files(job, self.files(job))
