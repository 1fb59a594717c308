"""Review media through a real publish into the sandbox: an EXR sequence becomes a review
movie and a thumbnail; a source extract could not use fails validation and publishes nothing."""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import resolve_task
from ftpub.core.media import MediaSource
from ftpub.core.plugins.extract_review_media import _next_version
from ftpub.core.publish_data import InstanceData
from tests.ftrack import conftest as ftrack
from tests.ftrack.conftest import Publisher

from .samples import write_image

# The ftrack suite's fixtures, shared: an isolated publisher and the demo tasks' ids.
publisher = ftrack.publisher
task_id = ftrack.task_id


def render_instance(asset: str, sequence: MediaSource) -> dict[str, Any]:
    first, last = sequence.frames[0], sequence.frames[-1]
    return {
        "name": "beauty",
        "family": "render",
        "asset": asset,
        "asset_type": "img",
        "representations": [
            {
                "name": "exr",
                "path": str(sequence.path),
                "frames": f"{first}-{last}",
                "tags": ["review"],
            }
        ],
    }


def test_an_exr_sequence_is_published_with_its_review_and_thumbnail(
    publisher: Publisher,
    task_id: Callable[..., str],
    session: Any,
    exr_sequence: MediaSource,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    studio = tmp_path / "studio.toml"
    studio.write_text("review_fps = 25\nreview_max_width = 320\n")
    monkeypatch.setenv("FTPUB_CONFIG", str(studio))
    asset = f"beauty_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [render_instance(asset, exr_sequence)])

    assert publisher.run("publish", "--manifest", str(manifest)) == 0

    version = session.query(
        f'select thumbnail_id, components.name from AssetVersion where asset.name is "{asset}"'
    ).one()
    assert sorted(c["name"] for c in version["components"]) == ["exr", "ftrackreview-mp4"]
    assert version["thumbnail_id"] is not None
    review = session.query(
        'select metadata from FileComponent where name is "ftrackreview-mp4" '
        f'and version_id is "{version["id"]}"'
    ).one()
    # The shot's ``fps`` custom attribute (24 in the demo project) wins over the config's 25.
    assert json.loads(review["metadata"]["ftr_meta"]) == {
        "frameIn": 1001,
        "frameOut": 1010,
        "frameRate": 24,
        "width": 320,
        "height": 180,
    }


def test_a_frame_of_another_size_fails_validation_and_publishes_nothing(
    publisher: Publisher,
    task_id: Callable[..., str],
    session: Any,
    exr_sequence: MediaSource,
    capsys: pytest.CaptureFixture[str],
) -> None:
    odd_one = exr_sequence.frame_file(1004)
    write_image(odd_one, (320, 180), 0.5, "half")
    asset = f"beauty_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [render_instance(asset, exr_sequence)])

    assert publisher.run("publish", "--manifest", str(manifest)) == 3

    last_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert f"{odd_one} is 320x180, but the sequence's first frame is 641x361" in last_line
    assert session.query(f'Asset where name is "{asset}"').all() == []
    assert publisher.files() == []


def test_without_the_media_packages_validate_says_what_to_install(
    publisher: Publisher,
    task_id: Callable[..., str],
    exr_sequence: MediaSource,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "av", None)
    asset = f"beauty_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [render_instance(asset, exr_sequence)])

    assert publisher.run("validate", "--manifest", str(manifest)) == 3

    last_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "Reviewing beauty needs the Python packages av" in last_line
    assert last_line.endswith("python -m pip install av")


def test_the_burn_in_version_is_the_next_one_ftrack_will_give(
    publisher: Publisher,
    task_id: Callable[..., str],
    session: Any,
    exr_sequence: MediaSource,
) -> None:
    asset = f"beauty_{uuid.uuid4().hex[:6]}"
    task = resolve_task(session, task_id())
    data = InstanceData("beauty", "render", asset, "img")
    before = _next_version(session, task, data)
    manifest = publisher.manifest(task_id(), [render_instance(asset, exr_sequence)])
    assert publisher.run("publish", "--manifest", str(manifest)) == 0

    after = _next_version(session, task, data)

    assert (before, after) == (1, 2)
