"""The Houdini adapter against the fake ``hou``: the hip, marked ROPs, and what each ROP type
writes over its range."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.host import (
    FrameRange,
    HostAdapter,
    HostError,
    Publishable,
    Renderer,
)
from ftpub.core.publish_data import InstanceData
from ftpub.hosts.houdini import marks


def test_the_adapter_is_a_host_and_a_renderer(host: Any) -> None:
    assert isinstance(host, HostAdapter)
    assert isinstance(host, Renderer)


def test_an_untitled_hip_has_no_file_and_cannot_be_saved(host: Any, session: Any) -> None:
    assert host.current_file() is None
    with pytest.raises(HostError, match="never been saved"):
        host.save()
    assert session.mutations("hipFile.save") == []


def test_save_saves_the_hip_where_it_is(host: Any, session: Any, tmp_path: Path) -> None:
    session.save_as(tmp_path / "fx.hip")
    session.unsaved = True
    assert host.is_modified()
    assert host.save() == tmp_path / "fx.hip"
    [save] = session.mutations("hipFile.save")
    assert (save.args, save.kwargs) == ((None,), {"save_to_recent_files": True})
    assert not host.is_modified()


def test_the_task_is_stored_in_the_hip(host: Any, session: Any) -> None:
    assert host.stored_task_id() is None
    host.store_task_id("task-1")
    assert host.stored_task_id() == "task-1"
    [call] = session.mutations("setUserData")
    assert call.args == ("/", "ftpub_task_id", "task-1")


def test_frame_range_and_its_repair(host: Any, session: Any) -> None:
    assert host.frame_range() == FrameRange(1001, 1100)
    host.set_frame_range(FrameRange(993, 1108))
    assert host.frame_range() == FrameRange(993, 1108)
    assert [(c.command, c.args) for c in session.calls] == [
        ("playbar.setFrameRange", (993, 1108)),
        ("playbar.setPlaybackRange", (993, 1108)),
    ]
    assert host.fps() == 24.0


def test_mark_adds_the_ftpub_folder_of_spare_parameters(host: Any, session: Any) -> None:
    session.add("/out/karma1", "karma", picture="$HIP/render/$OS.$F4.exr")
    host.mark("/out/karma1", marks.mark_values(marks.KARMA, "hero"))
    [call] = session.mutations("setParmTemplateGroup")
    assert call.args == (
        "/out/karma1",
        [
            (
                "FolderParmTemplate",
                "ftpub",
                "ftpub",
                [
                    ("StringParmTemplate", "ftpub_family", "Family", ("render",), ()),
                    ("StringParmTemplate", "ftpub_asset", "Asset", ("hero",), ()),
                    ("StringParmTemplate", "ftpub_asset_type", "Asset type", ("render",), ()),
                    ("ToggleParmTemplate", "ftpub_active", "Publish", True),
                    (
                        "StringParmTemplate",
                        "ftpub_render_mode",
                        "Render mode",
                        ("local",),
                        ("existing", "local", "farm"),
                    ),
                ],
            )
        ],
    )
    data = InstanceData("out_karma1", "render", "hero", "render")
    assert host.publishables() == [Publishable(data, "/out/karma1", True, frozenset({"local"}))]
    host.mark("/out/karma1", {**marks.mark_values(marks.KARMA, "villain"), marks.ACTIVE: 0})
    [publishable] = host.publishables()
    assert (publishable.data.asset_name, publishable.active) == ("villain", False)
    assert len(session.mutations("setParmTemplateGroup")[-1].args[1]) == 1


def test_a_badly_marked_rop_names_every_problem(host: Any, session: Any) -> None:
    session.add("/out/geo1", "geometry")
    host.mark("/out/geo1", marks.mark_values(marks.GEOMETRY, "smoke"))
    node = session.nodes["/out/geo1"]
    node.parms["ftpub_family"].raw = "lookdev"
    node.parms["ftpub_render_mode"].raw = "cloud"
    with pytest.raises(HostError) as raised:
        host.publishables()
    assert str(raised.value) == (
        "the ftpub ROP '/out/geo1': unknown family 'lookdev' (known: pointcache, render, "
        "review, usd); 'ftpub_render_mode' must be existing, local, farm, is 'cloud'"
    )


ROPS = [
    ("/out/geo1", "geometry", "sopoutput", "$HIP/geo/$OS.$F4.bgeo.sc", "geo1.%04d.bgeo.sc"),
    (
        "/obj/fx/rop_geometry1",
        "rop_geometry",
        "sopoutput",
        "$HIP/geo/$OS.$F.bgeo.sc",
        "rop_geometry1.%04d.bgeo.sc",
    ),
    ("/out/abc1", "alembic", "filename", "$HIP/abc/$OS.abc", "abc1.abc"),
    ("/obj/fx/rop_alembic1", "rop_alembic", "filename", "$HIP/abc/$OS.abc", "rop_alembic1.abc"),
    ("/out/usd1", "usd", "lopoutput", "$HIP/usd/$HIPNAME.usd", "fx.usd"),
    ("/stage/usd_rop1", "usd_rop", "lopoutput", "$HIP/usd/$OS.usd", "usd_rop1.usd"),
    ("/out/karma1", "karma", "picture", "$HIP/render/$OS.$F4.exr", "karma1.%04d.exr"),
    ("/out/mantra1", "ifd", "vm_picture", "$HIP/render/$OS.${F4}.exr", "mantra1.%04d.exr"),
    ("/stage/render1", "usdrender_rop", "outputimage", "$HIP/r/$OS.$F4.exr", "render1.%04d.exr"),
    ("/out/opengl1", "opengl", "picture", "$HIP/flip/$OS.$F4.png", "opengl1.%04d.png"),
]


@pytest.mark.parametrize(("node", "type_name", "parm", "raw", "expected"), ROPS)
def test_each_rop_type_is_read_over_its_range(
    host: Any,
    session: Any,
    tmp_path: Path,
    node: str,
    type_name: str,
    parm: str,
    raw: str,
    expected: str,
) -> None:
    session.save_as(tmp_path / "fx.hip")
    session.add(node, type_name, **{parm: raw, "f1": 1001, "f2": 1005})
    output = host.rop_output(node)
    assert output.raw == raw
    assert output.frames == (1001, 1002, 1003, 1004, 1005)
    assert output.problems() == []
    assert output.path() == tmp_path / Path(raw.split("/")[1]) / expected
    representation = output.representation()
    per_frame = "%" in expected
    assert representation.frames == (output.frames if per_frame else ())


def test_frames_follow_the_step_and_the_playbar_expressions(host: Any, session: Any) -> None:
    session.add("/out/geo1", "geometry", sopoutput="/cache/$OS.$F4.bgeo.sc", f3=2)
    session.frame_range = (1001.0, 1006.0)
    assert host.rop_output("/out/geo1").frames == (1001, 1003, 1005)


def test_a_current_frame_rop_writes_one_file(host: Any, session: Any) -> None:
    session.add("/out/geo1", "geometry", sopoutput="/cache/$OS.$F4.bgeo.sc", trange="off")
    session.frame = 1010.0
    output = host.rop_output("/out/geo1")
    assert (output.ranged, output.frames) == (False, (1010,))
    assert output.representation().path == Path("/cache/geo1.1010.bgeo.sc")
    assert output.representation().frames == ()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "/out/geo1 has no output path: set its sopoutput parameter"),
        ("/cache/smoke.bgeo.sc", "which has no $F: each frame would overwrite the last"),
        ("cache/$OS.$F4.bgeo.sc", "writes to a relative path 'cache/$OS.$F4.bgeo.sc'"),
    ],
)
def test_outputs_that_cannot_be_published(host: Any, session: Any, raw: str, problem: str) -> None:
    session.add("/out/geo1", "geometry", sopoutput=raw)
    [found] = host.rop_output("/out/geo1").problems()
    assert problem in found


def test_a_node_ftpub_does_not_know_is_refused(host: Any, session: Any) -> None:
    session.add("/obj/fx/null1", "null")
    with pytest.raises(HostError, match="is a 'null' node, not a ROP ftpub knows"):
        host.rop_kind("/obj/fx/null1")


def test_set_rop_range_replaces_the_expressions(host: Any, session: Any) -> None:
    session.add("/out/geo1", "geometry", sopoutput="/c/$OS.$F4.bgeo.sc", trange="off")
    host.set_rop_range("/out/geo1", FrameRange(993, 1108))
    assert [(c.command, c.args) for c in session.calls] == [
        ("parm.set", ("/out/geo1/trange", "normal")),
        ("parm.deleteAllKeyframes", ("/out/geo1/f1",)),
        ("parm.set", ("/out/geo1/f1", 993)),
        ("parm.deleteAllKeyframes", ("/out/geo1/f2",)),
        ("parm.set", ("/out/geo1/f2", 1108)),
    ]
    assert host.rop_output("/out/geo1").frame_range == FrameRange(993, 1108)


def test_a_rop_node_renders_and_a_sop_rop_presses_render(
    host: Any, session: Any, tmp_path: Path
) -> None:
    session.add("/out/geo1", "geometry", sopoutput=f"{tmp_path}/a/$OS.$F4.bgeo.sc", f3=2)
    session.add("/obj/fx/rop_geometry1", "rop_geometry", sopoutput=f"{tmp_path}/b/$F4.bgeo.sc")
    session.frame_range = (1, 4)
    host.render("/out/geo1", FrameRange(1, 4))
    host.render("/obj/fx/rop_geometry1", FrameRange(1, 4))
    [render] = session.mutations("render")
    assert (render.args, render.kwargs) == (
        ("/out/geo1",),
        {"frame_range": (1, 4, 2), "verbose": False},
    )
    [press] = session.mutations("parm.pressButton")
    assert press.args == ("/obj/fx/rop_geometry1/execute",)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "geo1.0001.bgeo.sc",
        "geo1.0003.bgeo.sc",
    ]
    assert len(list((tmp_path / "b").iterdir())) == 4


def test_a_render_that_fails_is_a_host_error(host: Any, session: Any) -> None:
    import hou

    session.add("/out/karma1", "karma", picture="/r/$F4.exr")
    session.failures["/out/karma1"] = hou.OperationFailed("license not available")
    with pytest.raises(HostError, match="/out/karma1 failed to render: license not available"):
        host.render("/out/karma1", FrameRange(1, 2))


def test_select_replaces_the_selection(host: Any, session: Any) -> None:
    session.add("/out/geo1", "geometry")
    session.add("/out/abc1", "alembic")
    session.selection = ["/obj"]
    host.select(["/out/geo1", "/out/abc1"])
    assert host.selection() == ["/out/geo1", "/out/abc1"]
