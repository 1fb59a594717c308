"""The staging folders extraction makes are removed once the publish is over."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import pytest

from tests.media.samples import write_movie

from .conftest import instance


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own temporary folder, where ``tempfile`` makes staging folders."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def movie(tmp_path: Path) -> Path:
    """A ``.mov`` to review: not playable in ftrack, so extraction makes an ``.mp4`` of it."""
    path = tmp_path / "anim.mov"
    write_movie(path, [40, 80, 120, 160, 200, 240] * 2, (64, 48), codec="mpeg4")
    return path


def _with_movie(asset: str, samples, movie: Path, asset_type: str = "geo") -> dict:
    item = instance("anim", asset, samples, review=False)
    item["asset_type"] = asset_type
    item["representations"].append({"name": "mov", "path": str(movie), "tags": ["review"]})
    return item


def test_staging_is_removed_after_a_publish(publisher, samples, task_id, session, temp_root, movie):
    asset = f"staged_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [_with_movie(asset, samples, movie)])

    assert publisher.run("publish", "--manifest", str(manifest)) == 0

    version = session.query(
        f'select components.name from AssetVersion where asset.name is "{asset}"'
    ).one()
    assert "ftrackreview-mp4" in {c["name"] for c in version["components"]}
    assert version["thumbnail_id"]
    assert list(temp_root.iterdir()) == []


def test_staging_is_removed_after_a_failed_publish(
    publisher, samples, task_id, session, temp_root, movie
):
    asset = f"staged_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(
        task_id(), [_with_movie(asset, samples, movie, asset_type="nosuchtype")]
    )

    assert publisher.run("publish", "--manifest", str(manifest)) != 0

    assert session.query(f'Asset where name is "{asset}"').all() == []
    assert list(temp_root.iterdir()) == []
