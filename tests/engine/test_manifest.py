from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.config import load_config
from ftpub.core.context import TaskContext
from ftpub.core.discovery import discover
from ftpub.core.result import Outcome, Stage
from ftpub.core.runner import publish
from ftpub.hosts.farm.adapter import TARGETS, FarmHost
from ftpub.hosts.farm.manifest import ManifestError, load_manifest

TASK = TaskContext("t1", "compositing", "s1", "sh010", "Shot", "p1", "demo")


def _manifest(tmp_path: Path, instances: list[dict[str, Any]], **extra: Any) -> Path:
    path = tmp_path / "manifest.json"
    table = {"ftpub_manifest": 1, "task_id": "task-1", "comment": "wip", "instances": instances}
    path.write_text(json.dumps({**table, **extra}), encoding="utf-8")
    return path


def _frames(folder: Path, name: str, frames: range | list[int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for frame in frames:
        (folder / f"{name}.{frame:04d}.exr").write_bytes(b"exr")


def _plate(representation: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": "plate",
        "family": "plate",
        "asset": "sh010_plate",
        "asset_type": "img",
        "representations": [representation],
    }


def test_sequences_from_hashes_and_printf_with_or_without_frames(tmp_path: Path) -> None:
    _frames(tmp_path / "renders", "sh010", [1001, 1002, 1004])
    (tmp_path / "hero.abc").write_bytes(b"abc")
    path = _manifest(
        tmp_path,
        [
            {
                "name": "hero_geo",
                "family": "model",
                "asset": "hero",
                "asset_type": "geo",
                "task_id": "task-2",
                "representations": [
                    {"name": "abc", "path": str(tmp_path / "hero.abc")},
                    {"name": "exr", "path": "renders/sh010.####.exr", "tags": ["review"]},
                    {"name": "exr2", "path": "renders/sh010.%04d.exr", "frames": "1001-1002"},
                ],
            }
        ],
    )
    manifest = load_manifest(path)
    assert (manifest.task_id, manifest.comment) == ("task-1", "wip")
    [instance] = manifest.instances
    assert (instance.asset_name, instance.task_id) == ("hero", "task-2")
    abc, hashes, printf = instance.representations
    assert abc.path == tmp_path / "hero.abc"
    assert not abc.is_sequence
    assert hashes.path == tmp_path / "renders" / "sh010.%04d.exr"
    assert hashes.frames == (1001, 1002, 1003, 1004)
    assert hashes.tags == frozenset({"review"})
    assert printf.frames == (1001, 1002)


def test_a_representation_declares_its_colour_space(tmp_path: Path) -> None:
    _frames(tmp_path / "renders", "sh010", [1001, 1002])
    path = _manifest(
        tmp_path,
        [
            {
                "name": "plate",
                "family": "plate",
                "asset": "plate",
                "asset_type": "img",
                "representations": [
                    {"name": "exr", "path": "renders/sh010.####.exr", "colorspace": "ACEScg"},
                    {"name": "exr2", "path": "renders/sh010.%04d.exr"},
                ],
            }
        ],
    )
    [instance] = load_manifest(path).instances
    declared, undeclared = instance.representations
    assert dict(declared.metadata) == {"colorspace": "ACEScg"}
    assert dict(undeclared.metadata) == {}


def test_manifest_errors_name_every_location(tmp_path: Path) -> None:
    path = _manifest(
        tmp_path,
        [
            {
                "name": "a",
                "family": "model",
                "asset": 3,
                "asset_type": "geo",
                "representations": [{"name": "abc"}],
            },
            {
                "name": "b",
                "family": "plate",
                "asset": "b",
                "asset_type": "img",
                "representations": [
                    {"name": "exr", "path": "/r/b.####.exr", "frames": "soon"},
                    {"name": "mov", "path": "/r/b.mov", "frames": "1-2"},
                ],
            },
            "c",
        ],
        task_id=12,
    )
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert caught.value.path == path
    assert caught.value.problems == [
        "task_id: expected a string, got 12",
        "instances[0].asset: expected a string, got 3",
        "instances[0].representations[0].path: expected a string, got null",
        "instances[1].representations[0].frames: expected frames such as '1001-1100', got 'soon'",
        "instances[1].representations[1].frames: given, but the path has no %04d or #### token",
        'instances[2].: expected an object, got "c"',
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "not JSON"),
        ('{"ftpub_manifest": 2}', "ftpub_manifest: expected 1, got 2"),
        ('{"ftpub_manifest": 1, "task_id": "t", "instances": []}', "at least one instance"),
    ],
)
def test_unreadable_manifests(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=problem):
        load_manifest(path)


def _validate(manifest_path: Path) -> Any:
    config = load_config(None, {})
    discovery = discover("farm", config, None, {})
    host = FarmHost(load_manifest(manifest_path))
    return publish(discovery, host, TASK, config, TARGETS, last_stage=Stage.VALIDATE)


def test_validation_lists_missing_frames_and_files(tmp_path: Path) -> None:
    _frames(tmp_path / "renders", "sh010", [1001, 1002, 1005, 1009, 1010])
    path = _manifest(
        tmp_path,
        [
            _plate({"name": "exr", "path": "renders/sh010.####.exr", "frames": "1001-1010"}),
            {**_plate({"name": "abc", "path": "missing.abc"}), "name": "geo"},
            {**_plate({"name": "exr", "path": "nothing/x.####.exr"}), "name": "empty"},
        ],
    )
    result = _validate(path)
    assert result.outcome is Outcome.INVALID
    assert [failure.error.description for failure in result.failures] == [
        f"exr: 5 of 10 frames missing from {tmp_path}/renders/sh010.%04d.exr: 1003-1004, 1006-1008",
        f"abc: {tmp_path}/missing.abc does not exist",
        f"exr: no frames of {tmp_path}/nothing/x.%04d.exr",
    ]
    assert result.failures[0].error.title == "Missing files"


def test_a_complete_manifest_validates(tmp_path: Path) -> None:
    _frames(tmp_path / "renders", "sh010", range(1001, 1011))
    path = _manifest(tmp_path, [_plate({"name": "exr", "path": "renders/sh010.%04d.exr"})])
    result = _validate(path)
    assert result.outcome is Outcome.VALIDATED
    assert [(s.plugin, s.instance) for s in result.steps] == [
        ("CollectPublishables", None),
        ("CollectFarmManifest", None),
        ("CheckPublishData", "plate"),
        ("ValidateRepresentationFiles", "plate"),
        ("ValidateInstances", None),
        ("ValidateReviewMedia", "plate"),
        ("ValidateFtrackContext", None),
    ]


def _without_task(tmp_path: Path) -> Path:
    path = _manifest(tmp_path, [_plate({"name": "abc", "path": str(tmp_path / "a.abc")})])
    table = json.loads(path.read_text(encoding="utf-8"))
    del table["task_id"]
    path.write_text(json.dumps(table), encoding="utf-8")
    return path


def test_task_comes_from_ftrack_connect_variables_when_the_manifest_has_none(
    tmp_path: Path,
) -> None:
    path = _without_task(tmp_path)
    assert load_manifest(path, {"FTRACK_CONTEXTID": "ctx-1"}).task_id == "ctx-1"
    both = {"FTRACK_CONTEXTID": "ctx-1", "FTRACK_TASKID": "task-9"}
    assert load_manifest(path, both).task_id == "task-9"
    with pytest.raises(ManifestError, match="task_id: expected the ftrack Task id"):
        load_manifest(path, {})
