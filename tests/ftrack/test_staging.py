"""The staging folders extraction makes are removed once the publish is over."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import pytest

from ftpub.core.config import load_config
from ftpub.core.context import resolve_task
from ftpub.core.discovery import discover
from ftpub.core.hooks import plugin_manager
from ftpub.core.host_registry import open_host
from ftpub.core.result import Outcome
from ftpub.core.runner import Run, start
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


FULL_DISK = """
import pyblish.api

class ExtractToFullDisk(pyblish.api.ContextPlugin):
    order = pyblish.api.ExtractorOrder + 0.45

    def process(self, context):
        raise OSError(28, "No space left on device")
"""


def _extracted(manifest: Path, session, task: str) -> Run:
    """A publish of ``manifest`` stepped until the review media are extracted."""
    hooks = plugin_manager()
    host = open_host("farm", manifest, hooks)
    context = resolve_task(session, task)
    config = load_config(context.project_name)
    discovery = discover(host.name, config, hooks)
    current = start(discovery, host, context, config, host.targets, session=session, hooks=hooks)
    assert isinstance(current, Run)
    while (step := current.step()) is not None and step.plugin != "ExtractReviewMedia":
        pass
    assert step is not None
    return current


def test_staging_is_removed_when_a_publish_is_stopped_before_integration(
    publisher, samples, task_id, session, temp_root, movie
):
    asset = f"staged_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [_with_movie(asset, samples, movie)])
    current = _extracted(manifest, session, task_id())
    [staged] = temp_root.iterdir()
    assert (staged / "review.mp4").is_file()

    current.stop()

    assert current.result().outcome is Outcome.STOPPED
    assert list(temp_root.iterdir()) == []
    assert session.query(f'Asset where name is "{asset}"').all() == []


def test_staging_is_removed_when_a_publish_fails_before_integration(
    publisher, samples, task_id, session, temp_root, movie, tmp_path, monkeypatch
):
    studio = tmp_path / "studio_plugins"
    studio.mkdir()
    (studio / "extract_to_full_disk.py").write_text(FULL_DISK, encoding="utf-8")
    monkeypatch.setenv("PYBLISHPLUGINPATH", str(studio))
    asset = f"staged_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(task_id(), [_with_movie(asset, samples, movie)])
    current = _extracted(manifest, session, task_id())
    [staged] = temp_root.iterdir()
    assert (staged / "review.mp4").is_file()

    while current.step() is not None:
        pass

    result = current.result()
    assert result.outcome is Outcome.FAILED
    assert [step.plugin for step in current.failures] == ["ExtractToFullDisk"]
    assert list(temp_root.iterdir()) == []
    assert session.query(f'Asset where name is "{asset}"').all() == []
