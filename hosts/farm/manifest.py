"""Publish manifests: what a farm job (or a batch ingest) publishes, as JSON.

::

    {"ftpub_manifest": 1, "task_id": "<ftrack Task id>", "comment": "…",
     "manifest_id": "<optional: a farm job's id; a version published from it records it>",
     "instances": [
       {"name": "hero_geo", "family": "model", "asset": "hero", "asset_type": "geo",
        "task_id": "<optional override>",
        "representations": [
          {"name": "abc", "path": "/abs/hero.abc"},
          {"name": "exr", "path": "renders/sh010.####.exr", "frames": "1001-1100",
           "tags": ["review"], "colorspace": "<optional: an OCIO colour space>"}]}]}

Relative paths are relative to the manifest's folder. A sequence is a ``%04d`` or ``####``
pattern; without ``frames`` its range is the first to the last frame found on disk. A key not
listed in :data:`MANIFEST_KEYS`, :data:`INSTANCE_KEYS` or :data:`REPRESENTATION_KEYS` is an
error (with the closest known key as a suggestion): a misspelt ``frames`` must not publish
every frame on disk.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import clique

from ftpub.core.files.errors import file_problem
from ftpub.core.publish_data import (
    COLORSPACE_KEY,
    SEQUENCE_PATTERN,
    InstanceData,
    PublishDataError,
    Representation,
    frames_on_disk,
)

MANIFEST_VERSION = 1
HASHES = re.compile(r"#+")
MANIFEST_KEYS = frozenset({"ftpub_manifest", "task_id", "comment", "instances", "manifest_id"})
INSTANCE_KEYS = frozenset(
    {
        "name",
        "family",
        "families",
        "asset",
        "asset_type",
        "task_id",
        "frame_start",
        "frame_end",
        "representations",
    }
)
REPRESENTATION_KEYS = frozenset({"name", "path", "frames", "tags", "colorspace"})


class ManifestError(Exception):
    """A manifest that cannot be read; the message names the file and every problem."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclass(frozen=True)
class Manifest:
    path: Path
    task_id: str
    comment: str
    instances: tuple[InstanceData, ...]
    manifest_id: str | None = None


class _Reader:
    """Reads one manifest, collecting every problem with its JSON location."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[str] = []

    def known_keys(self, table: dict[str, Any], where: str, known: Collection[str]) -> None:
        """Name every key of ``table`` that is not in ``known``, with the closest known one."""
        for key in sorted(set(table) - set(known)):
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = (
                f"; did you mean '{close[0]}'?"
                if close
                else f" (known: {', '.join(sorted(known))})"
            )
            self.problems.append(f"{where}{key}: unknown key{hint}")

    def field(self, table: dict[str, Any], key: str, where: str, kind: type, required: bool) -> Any:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, kind) or isinstance(value, bool):
            expected = {str: "a string", list: "a list", int: "an integer"}[kind]
            self.problems.append(f"{where}{key}: expected {expected}, got {json.dumps(value)}")
            return None
        return value

    def representation(self, table: Any, where: str) -> Representation | None:
        if not isinstance(table, dict):
            self.problems.append(f"{where}: expected an object, got {json.dumps(table)}")
            return None
        self.known_keys(table, where, REPRESENTATION_KEYS)
        name = self.field(table, "name", where, str, True)
        path_text = self.field(table, "path", where, str, True)
        frames_text = self.field(table, "frames", where, str, False)
        tags = self.field(table, "tags", where, list, False) or []
        colorspace = self.field(table, COLORSPACE_KEY, where, str, False)
        if name is None or path_text is None:
            return None
        if not path_text.strip():
            self.problems.append(f"{where}path: the path is empty")
            return None
        path = self.folder / HASHES.sub(lambda m: f"%0{len(m.group())}d", path_text)
        frames: tuple[int, ...] = ()
        if SEQUENCE_PATTERN.search(path.name):
            frames = self.frames(path, frames_text, f"{where}frames")
        elif frames_text is not None:
            self.problems.append(f"{where}frames: given, but the path has no %04d or #### token")
        try:
            metadata = {COLORSPACE_KEY: colorspace} if colorspace else {}
            return Representation(name, path, frames, frozenset(map(str, tags)), metadata=metadata)
        except PublishDataError as error:
            self.problems.extend(f"{where}{problem}" for problem in error.problems)
            return None

    def frames(self, pattern: Path, text: str | None, where: str) -> tuple[int, ...]:
        if text is None:
            found = frames_on_disk(pattern)
            return tuple(range(min(found), max(found) + 1)) if found else ()
        try:
            return tuple(clique.parse(f"{pattern} [{text}]").indexes)
        except ValueError:
            self.problems.append(f"{where}: expected frames such as '1001-1100', got '{text}'")
            return ()

    def instance(self, table: Any, where: str) -> InstanceData | None:
        if not isinstance(table, dict):
            self.problems.append(f"{where}: expected an object, got {json.dumps(table)}")
            return None
        self.known_keys(table, where, INSTANCE_KEYS)
        values = {
            key: self.field(table, key, where, str, True)
            for key in ("name", "family", "asset", "asset_type")
        }
        task_id = self.field(table, "task_id", where, str, False)
        families = self.field(table, "families", where, list, False) or []
        frame_start = self.field(table, "frame_start", where, int, False)
        frame_end = self.field(table, "frame_end", where, int, False)
        tables = self.field(table, "representations", where, list, True) or []
        representations = [
            self.representation(item, f"{where}representations[{index}].")
            for index, item in enumerate(tables)
        ]
        if None in values.values() or None in representations:
            return None
        return InstanceData(
            name=values["name"],
            family=values["family"],
            asset_name=values["asset"],
            asset_type=values["asset_type"],
            families=tuple(map(str, families)),
            task_id=task_id,
            frame_start=frame_start,
            frame_end=frame_end,
            representations=tuple(r for r in representations if r is not None),
        )


#: Where the task comes from when the manifest names none (ftrack Connect sets these when it
#: launches an application from a task).
TASK_VARIABLES = ("FTRACK_TASKID", "FTRACK_CONTEXTID")


def load_manifest(path: Path, environ: Mapping[str, str] | None = None) -> Manifest:
    """Read and check a manifest; raise :class:`ManifestError` listing every problem.

    Without a ``task_id``, the task is ``FTRACK_TASKID`` or else ``FTRACK_CONTEXTID``.
    """
    environ = os.environ if environ is None else environ
    path = path.expanduser()
    problem = file_problem(path)
    if problem is not None:
        raise ManifestError(path.absolute(), [problem])
    path = path.resolve()
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        problem = f"not UTF-8 text: {error.reason} at byte {error.start}"
        raise ManifestError(path, [problem]) from None
    except OSError as error:
        raise ManifestError(path, [f"cannot read: {error.strerror}"]) from None
    except json.JSONDecodeError as error:
        raise ManifestError(path, [f"not JSON: {error}"]) from None
    except RecursionError:
        raise ManifestError(path, ["nested too deeply to be a manifest"]) from None
    if not isinstance(table, dict) or table.get("ftpub_manifest") != MANIFEST_VERSION:
        version = table.get("ftpub_manifest") if isinstance(table, dict) else None
        raise ManifestError(path, [f"ftpub_manifest: expected {MANIFEST_VERSION}, got {version!r}"])
    reader = _Reader(path.parent)
    reader.known_keys(table, "", MANIFEST_KEYS)
    task_id = reader.field(table, "task_id", "", str, False)
    if "task_id" not in table:
        task_id = next((environ[name] for name in TASK_VARIABLES if environ.get(name)), None)
        if task_id is None:
            reader.problems.append(
                f"task_id: expected the ftrack Task id (or set {' or '.join(TASK_VARIABLES)})"
            )
    comment = reader.field(table, "comment", "", str, False) or ""
    manifest_id = reader.field(table, "manifest_id", "", str, False)
    items = reader.field(table, "instances", "", list, True) or []
    if not items and not reader.problems:
        reader.problems.append("instances: expected at least one instance")
    instances = [reader.instance(item, f"instances[{index}].") for index, item in enumerate(items)]
    names = [instance.name for instance in instances if instance is not None]
    reader.problems.extend(
        f"instances: the name '{name}' is used twice"
        for name in sorted(set(names))
        if names.count(name) > 1
    )
    if reader.problems:
        raise ManifestError(path, reader.problems)
    return Manifest(
        path, task_id, comment, tuple(i for i in instances if i is not None), manifest_id
    )
