"""Marked Writes in the fake script, collected → validated → rendered → published into the
sandbox in every render mode; and the failures that must publish nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftpub.core.result import Outcome
from ftpub.core.scene_publish import publish_scene
from ftpub.hosts.nuke.marks import WriteMark
from tests.hosts.nuke.helpers import failures, marked_write, render_frames
from tests.hosts.published import published_components

WORKFILE = ("compositing", "scene")


def test_existing_frames_are_published_without_a_render(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any
) -> None:
    write = marked_write(shot_script, mode="existing")
    render_frames(shot_script, write, range(1001, 1006))
    result = publish_scene(host, comment="slap comp")
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert [c for c in shot_script.calls if c[0] == "execute"] == []
    assert published_components(ftrack, result) == {("comp", "render"): {"exr"}, WORKFILE: {"nk"}}
    published = sorted(p.name for p in publishing.rglob("*.exr"))
    assert len(published) == 5


def test_render_locally_executes_the_write_over_its_range(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any
) -> None:
    marked_write(shot_script, mode="local")
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert [c for c in shot_script.calls if c[0] == "execute"] == [
        ("execute", "Write1", 1001, 1005, 1)
    ]
    assert published_components(ftrack, result)[("comp", "render")] == {"exr"}


def test_render_missing_frames_renders_only_those(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any
) -> None:
    write = marked_write(shot_script, mode="missing")
    render_frames(shot_script, write, range(1001, 1002))
    render_frames(shot_script, write, range(1003, 1004))
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert [c for c in shot_script.calls if c[0] == "execute"] == [
        ("execute", "Write1", 1002, 1002, 1),
        ("execute", "Write1", 1004, 1005, 1),
    ]


def test_the_limit_range_of_a_write_is_what_renders(
    shot_script: Any, host: Any, publishing: Path
) -> None:
    write = marked_write(shot_script, mode="local")
    write["use_limit"]._value = True
    write["first"]._value, write["last"]._value = 1002, 1003
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert [c for c in shot_script.calls if c[0] == "execute"] == [
        ("execute", "Write1", 1002, 1003, 1)
    ]


def test_a_review_and_thumbnail_are_made_from_the_rendered_frames(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any
) -> None:
    marked_write(shot_script, mode="local", review=True, file_type="png")
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    names = published_components(ftrack, result)[("comp", "render")]
    assert names == {"png", "ftrackreview-mp4"}
    [version] = [v for v in result.versions if v.asset_name == "comp"]
    entity = ftrack.get("AssetVersion", version.asset_version_id)
    assert entity["thumbnail_id"] is not None


def test_frames_missing_after_the_render_publish_nothing(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any
) -> None:
    marked_write(shot_script, mode="local")
    shot_script.skip_frames = {1003}
    result = publish_scene(host)
    assert result.outcome is Outcome.FAILED
    assert failures(result) == [
        (
            "ValidateRenderedFrames",
            "Frames missing after the render",
            f"1 of 5 frames of Write1 are not in {Path(shot_script.root.name()).parent}"
            "/renders/comp: 1003",
        )
    ]
    assert result.versions == ()
    assert not publishing.exists() or not any(p.is_file() for p in publishing.rglob("*"))


def test_a_render_that_fails_publishes_nothing(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any
) -> None:
    marked_write(shot_script, mode="local")
    shot_script.render_error = "Write1: disk full"
    result = publish_scene(host)
    assert result.outcome is Outcome.FAILED
    assert failures(result) == [
        (
            "ExtractRender",
            "Render failed",
            "rendering Write1 over 1001-1005 failed: Write1: disk full",
        )
    ]
    assert result.error is not None and result.error.line().startswith("Render failed")
    assert not publishing.exists() or not any(p.is_file() for p in publishing.rglob("*"))


def test_an_inactive_write_is_left_out(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any
) -> None:
    marked_write(shot_script, mode="local")
    host.mark("Write1", WriteMark("comp", active=False, render_mode="local"))
    shot_script.save(shot_script.root.name())
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert published_components(ftrack, result) == {WORKFILE: {"nk"}}
    assert [c for c in shot_script.calls if c[0] == "execute"] == []


def test_a_publish_that_fails_in_integration_is_rolled_back(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any, monkeypatch: Any
) -> None:
    marked_write(shot_script, mode="local", review=True, file_type="png")
    query = (
        "select id from AssetVersion where asset.parent.name is sh990 "
        'and asset.name in ("comp", "compositing")'
    )
    before = {version["id"] for version in ftrack.query(query).all()}
    blocked = publishing.parent / "not-a-folder"
    blocked.write_text("a file where the publish root should be", encoding="utf-8")
    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(blocked / "publish"))
    result = publish_scene(host)
    assert result.outcome is Outcome.FAILED
    assert result.error is not None and "Traceback" not in result.error.line()
    [failure] = result.failures
    assert failure.plugin == "IntegrateFtrack", failure.error
    assert failure.error is not None
    assert "Nothing of this publish was kept" in failure.error.description
    assert result.versions == ()
    ftrack.reset()
    assert {version["id"] for version in ftrack.query(query).all()} == before
    assert blocked.read_text(encoding="utf-8") == "a file where the publish root should be"
