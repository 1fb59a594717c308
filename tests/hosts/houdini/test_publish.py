"""Every ROP type from the fake hip, collected → validated → rendered → published into the
sandbox, in each render mode; and the failures that must publish nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.result import Outcome, PublishResult
from ftpub.core.scene_publish import publish_scene
from ftpub.hosts.houdini import marks
from tests.hosts.published import published_components


def rop(host: Any, session: Any, path: str, type_name: str, raw: str, **values: Any) -> str:
    """A ROP writing ``raw`` (its output parameter), marked as asset ``hero``."""
    from hou._nodes import OUTPUT_PARMS

    session.add(path, type_name, **{OUTPUT_PARMS[type_name]: raw})
    kind = marks.ROP_KINDS[type_name]
    host.mark(path, {**marks.mark_values(kind, "hero"), **values})
    session.unsaved = False
    return path


def failure(result: PublishResult) -> tuple[str, str]:
    assert len(result.failures) == 1, [(f.plugin, f.error.line()) for f in result.failures]
    [failed] = result.failures
    return failed.plugin, failed.error.title


REVIEWED = {"ftrackreview-mp4"}
ROPS = [
    ("/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc", "cache", {"bgeo.sc"}),
    ("/obj/fx/rop_geometry1", "rop_geometry", "$HIP/geo/$OS.$F4.bgeo.sc", "cache", {"bgeo.sc"}),
    ("/out/abc1", "alembic", "$HIP/abc/$OS.abc", "cache", {"abc"}),
    ("/obj/fx/rop_alembic1", "rop_alembic", "$HIP/abc/$OS.abc", "cache", {"abc"}),
    ("/out/usd1", "usd", "$HIP/usd/$OS.usd", "cache", {"usd"}),
    ("/stage/usd_rop1", "usd_rop", "$HIP/usd/$OS.usd", "cache", {"usd"}),
    ("/out/karma1", "karma", "$HIP/render/$OS.$F4.exr", "render", {"exr", *REVIEWED}),
    ("/out/mantra1", "ifd", "$HIP/render/$OS.$F4.exr", "render", {"exr", *REVIEWED}),
    ("/stage/karma1", "usdrender_rop", "$HIP/render/$OS.$F4.exr", "render", {"exr", *REVIEWED}),
    ("/out/opengl1", "opengl", "$HIP/flip/$OS.$F4.png", "review", {"png", *REVIEWED}),
]


@pytest.mark.parametrize(("node", "type_name", "raw", "asset_type", "published"), ROPS)
def test_a_rop_rendered_locally_is_published_with_the_hip(
    host: Any,
    shot_hip: Any,
    publishing: Path,
    ftrack: Any,
    node: str,
    type_name: str,
    raw: str,
    asset_type: str,
    published: set[str],
) -> None:
    rop(host, shot_hip, node, type_name, raw)
    result = publish_scene(host, comment="sim v1")
    assert result.outcome is Outcome.PUBLISHED, result.error
    found = published_components(ftrack, result)
    assert found[("hero", asset_type)] == published
    assert found[("animation", "scene")] == {"hip"}
    renders = shot_hip.mutations("render") + shot_hip.mutations("parm.pressButton")
    assert len(renders) == 1
    if node.startswith("/out/"):
        assert (renders[0].args, renders[0].kwargs) == (
            (node,),
            {"frame_range": (993, 1108, 1), "verbose": False},
        )
    else:
        assert renders[0].args == (f"{node}/execute",)
    files = {p.name for p in publishing.rglob("*") if p.is_file()}
    sequence = "%" in raw or "$F" in raw
    assert len([f for f in files if f.endswith(raw.rsplit(".", 1)[-1])]) == (116 if sequence else 1)


def test_the_opengl_review_has_a_thumbnail(
    host: Any, shot_hip: Any, publishing: Path, ftrack: Any
) -> None:
    rop(host, shot_hip, "/out/opengl1", "opengl", "$HIP/flip/$OS.$F4.png")
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    [review] = [v for v in result.versions if v.asset_name == "hero"]
    assert ftrack.get("AssetVersion", review.asset_version_id)["thumbnail_id"]


def test_existing_frames_are_published_without_rendering(
    host: Any, shot_hip: Any, publishing: Path, ftrack: Any
) -> None:
    raw = "$HIP/geo/$OS.$F4.bgeo.sc"
    rop(host, shot_hip, "/out/geo1", "geometry", raw, ftpub_render_mode="existing")
    shot_hip.nodes["/out/geo1"].write_outputs(None)
    before = len(shot_hip.calls)
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert published_components(ftrack, result)[("hero", "cache")] == {"bgeo.sc"}
    assert shot_hip.calls[before:] == []


def test_existing_frames_with_a_frame_missing_are_invalid(
    host: Any, shot_hip: Any, publishing: Path
) -> None:
    rop(host, shot_hip, "/out/karma1", "karma", "$HIP/r/$OS.$F4.exr", ftpub_render_mode="existing")
    shot_hip.lost_frames["/out/karma1"] = {1000, 1001}
    shot_hip.nodes["/out/karma1"].write_outputs(None)
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    assert failure(result) == ("ValidateRepresentationFiles", "Missing files")
    assert "2 of 116 frames missing" in result.failures[0].error.description
    assert not publishing.exists()


def test_inactive_rops_are_not_published(host: Any, shot_hip: Any, publishing: Path) -> None:
    rop(host, shot_hip, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc", ftpub_active=0)
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED
    assert [version.asset_name for version in result.versions] == ["animation"]
    assert shot_hip.mutations("render") == []


def _no_path(host: Any, session: Any) -> None:
    rop(host, session, "/out/geo1", "geometry", "")


def _no_frame_variable(host: Any, session: Any) -> None:
    rop(host, session, "/out/geo1", "geometry", "$HIP/geo/smoke.bgeo.sc")


def _outside(host: Any, session: Any) -> None:
    rop(host, session, "/out/geo1", "geometry", "/tmp/elsewhere/$OS.$F4.bgeo.sc")


def _erroring(host: Any, session: Any) -> None:
    rop(host, session, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc")
    session.nodes["/out/geo1"].error_messages.append("Invalid source /obj/fx/OUT")


def _wrong_range(host: Any, session: Any) -> None:
    rop(host, session, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc")
    session.nodes["/out/geo1"].parms["f2"].raw = 1050


def _marked_null(host: Any, session: Any) -> None:
    session.add("/obj/fx/null1", "null")
    host.mark("/obj/fx/null1", marks.mark_values(marks.GEOMETRY, "hero"))
    session.unsaved = False


def _bad_mark(host: Any, session: Any) -> None:
    rop(host, session, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc")
    session.nodes["/out/geo1"].parms["ftpub_family"].raw = "lookdev"


INVALID = [
    (_marked_null, "CollectRopOutputs", "The ROP cannot be read", "is a 'null' node, not a ROP"),
    (_no_path, "ValidateRopOutput", "Bad output path", "/out/geo1 has no output path"),
    (_no_frame_variable, "ValidateRopOutput", "Bad output path", "which has no $F"),
    (_outside, "ValidateRopOutput", "Output outside the allowed area", "/out/geo1 writes /tmp/"),
    (_erroring, "ValidateRopErrors", "ROP has errors", "/out/geo1: Invalid source /obj/fx/OUT"),
    (
        _wrong_range,
        "ValidateRopFrameRange",
        "Wrong ROP frame range",
        "/out/geo1 renders 993-1050; the shot is 993-1108",
    ),
    (_bad_mark, "CollectPublishables", "The scene's products cannot be read", "unknown family"),
    (
        lambda h, s: setattr(s, "unsaved", True),
        "ValidateSceneSaved",
        "Unsaved changes",
        "sh010_fx_v001.hip has changes",
    ),
    (lambda h, s: setattr(s, "new_file", True), "ValidateSceneSaved", "Scene not saved", ""),
]


@pytest.mark.parametrize(("change", "plugin", "title", "says"), INVALID)
def test_invalid_hips_publish_nothing_and_change_nothing(
    host: Any, shot_hip: Any, publishing: Path, change: Any, plugin: str, title: str, says: str
) -> None:
    change(host, shot_hip)
    before = len(shot_hip.calls)
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    assert failure(result) == (plugin, title)
    assert says in result.failures[0].error.description
    assert shot_hip.calls[before:] == []
    assert not publishing.exists()


def test_the_studio_sets_the_allowed_area(
    host: Any, shot_hip: Any, publishing: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "studio.toml"
    config.write_text(
        f'[plugins.ValidateRopOutput]\nallowed_roots = ["{tmp_path / "renders"}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FTPUB_CONFIG", str(config))
    rop(host, shot_hip, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc")
    result = publish_scene(host)
    assert failure(result) == ("ValidateRopOutput", "Output outside the allowed area")
    assert f"outside {tmp_path / 'renders'}" in result.failures[0].error.description
    shot_hip.nodes["/out/geo1"].parms["sopoutput"].raw = f"{tmp_path}/renders/$OS.$F4.bgeo.sc"
    assert publish_scene(host).outcome is Outcome.PUBLISHED


def test_a_render_that_raises_rolls_back_and_publishes_nothing(
    host: Any, shot_hip: Any, publishing: Path, ftrack: Any
) -> None:
    import hou

    rop(host, shot_hip, "/out/karma1", "karma", "$HIP/r/$OS.$F4.exr", ftpub_asset="crashtest")
    shot_hip.failures["/out/karma1"] = hou.OperationFailed("Karma: license not available")
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.FAILED, ())
    assert failure(result) == ("ExtractRopRender", "Render failed")
    assert result.error.description == "/out/karma1 failed to render: Karma: license not available"
    assert ftrack.query('select id from Asset where name is "crashtest"').all() == []
    assert not publishing.exists()


def test_a_render_that_leaves_frames_missing_publishes_nothing(
    host: Any, shot_hip: Any, publishing: Path, ftrack: Any
) -> None:
    rop(host, shot_hip, "/out/karma1", "karma", "$HIP/r/$OS.$F4.exr", ftpub_asset="holes")
    shot_hip.lost_frames["/out/karma1"] = {1050}
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.FAILED, ())
    assert failure(result) == ("ExtractRopRender", "Render incomplete")
    assert result.error.description.endswith(
        f"1 frames missing from {Path(shot_hip.hip_path).parent}/r/karma1.%04d.exr: 1050"
    )
    assert ftrack.query('select id from Asset where name is "holes"').all() == []
    assert not publishing.exists()
