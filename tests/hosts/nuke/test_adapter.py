"""The Nuke adapter over the fake: the script, Write nodes, their outputs and renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.host import FrameRange, FrameRangeSetter, HostAdapter, HostError, Renderer
from ftpub.hosts.nuke.marks import WriteMark
from ftpub.hosts.nuke.outputs import sequence_pattern


def test_the_adapter_is_a_host_a_renderer_and_sets_its_range(host: Any) -> None:
    assert isinstance(host, HostAdapter)
    assert isinstance(host, Renderer)
    assert isinstance(host, FrameRangeSetter)
    assert (host.name, host.targets) == ("nuke", ("default", "local"))


def test_the_script_its_range_fps_and_format(script: Any, host: Any, tmp_path: Path) -> None:
    assert (host.current_file(), host.is_modified()) == (None, False)
    with pytest.raises(HostError, match="untitled script"):
        host.save()
    assert (host.frame_range(), host.fps(), host.resolution()) == (
        FrameRange(1, 100),
        24.0,
        (2048, 1556),
    )
    path = tmp_path / "a.nk"
    script.save(str(path))
    script.modified = True
    assert (host.current_file(), host.is_modified()) == (path, True)
    assert host.save() == path
    assert (script.calls[-1], host.is_modified()) == (("scriptSave", None), False)
    host.set_frame_range(FrameRange(1001, 1100))
    assert script.calls[-2:] == [
        ("setValue", "root", "first_frame", 1001),
        ("setValue", "root", "last_frame", 1100),
    ]


def test_a_write_range_is_its_limit_when_on_else_the_scripts(script: Any, host: Any) -> None:
    write = script.add_write("Write1", "/r/a.%04d.exr")
    assert host.write_settings("Write1").frames == FrameRange(1, 100)
    write["use_limit"]._value = True
    write["first"]._value, write["last"]._value = 1010, 1020
    settings = host.write_settings("Write1")
    assert (settings.frames, settings.file_type, settings.disabled) == (
        FrameRange(1010, 1020),
        "exr",
        False,
    )
    assert not settings.colorspace_is_explicit
    write["colorspace"]._value = "ACES - ACEScg"
    assert host.write_settings("Write1").colorspace_is_explicit


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/r/a.%04d.exr", "/r/a.%04d.exr"),
        ("/r/a.####.exr", "/r/a.%04d.exr"),
        ("/r/v1000/a_#.dpx", "/r/v1000/a_%d.dpx"),
        ("/r/a.mov", "/r/a.mov"),
        ("/r/[value shot]/a.%05d.exr", "/r/sh010/a.%05d.exr"),
    ],
)
def test_a_write_file_is_evaluated_into_a_pattern(
    script: Any, host: Any, path: str, pattern: str
) -> None:
    script.tcl["[value shot]"] = "sh010"
    script.add_write("Write1", path)
    assert host.render_outputs("Write1") == [Path(pattern)]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "Write1 has no file: set the path it renders to"),
        ("/r/[nosuch]/a.%04d.exr", "Write1: its file '/r/[nosuch]/a.%04d.exr' does not evaluate"),
        ("renders/a.%04d.exr", "Write1: its file evaluates to a relative path, 'renders/a.0001"),
    ],
)
def test_a_write_file_that_does_not_evaluate_is_a_host_error(
    script: Any, host: Any, path: str, message: str
) -> None:
    script.add_write("Write1", path)
    with pytest.raises(HostError) as raised:
        host.render_outputs("Write1")
    assert str(raised.value).startswith(message)


def test_the_frame_pattern_of_two_evaluated_paths() -> None:
    assert sequence_pattern("/r/a.0099.exr", "/r/a.0100.exr") == Path("/r/a.%04d.exr")
    assert sequence_pattern("/r/a.99.exr", "/r/a.100.exr") == Path("/r/a.%d.exr")
    with pytest.raises(ValueError, match="differ by more than a frame number"):
        sequence_pattern("/r/a.1.exr", "/r/b.2.exr")


def test_render_executes_the_write_by_name_over_its_frames(script: Any, host: Any) -> None:
    script.add_write("Write1", "/nonexistent/a.%04d.exr")
    script.render_error = "Write1: cannot open /nonexistent for writing"
    with pytest.raises(HostError, match="rendering Write1 over 1-3 failed: Write1: cannot open"):
        host.render("Write1", FrameRange(1, 3))
    assert script.calls == [("execute", "Write1", 1, 3, 1)]
    with pytest.raises(HostError, match="no Write node 'Blur1'"):
        host.render("Blur1", FrameRange(1, 3))


def test_publishables_are_the_marked_writes(script: Any, host: Any) -> None:
    script.add_write("Write1", "/r/a.%04d.exr")
    script.add_write("Write2", "/r/b.%04d.exr")
    host.mark("Write2", WriteMark("comp", active=False, render_mode="local"))
    [publishable] = host.publishables()
    assert (publishable.node, publishable.active) == ("Write2", False)
    data = publishable.data
    assert (data.name, data.family, data.asset_name, data.asset_type) == (
        "Write2",
        "render",
        "comp",
        "render",
    )
    assert (data.frame_start, data.frame_end) == (1, 100)
    script.node("Write2")["ftpub_render_mode"]._value = "bogus"
    with pytest.raises(HostError, match="Write2: its ftpub tab is incomplete or wrong"):
        host.publishables()


def test_select_and_the_stored_task(script: Any, host: Any) -> None:
    script.add_write("Write1").selected = True
    script.add_write("Write2")
    host.select(["Write2"])
    assert host.selected_writes() == ["Write2"]
    assert host.stored_task_id() is None
    host.store_task_id("task-1")
    assert host.stored_task_id() == "task-1"
    assert host.main_window() is None
