"""The Maya adapter's scene facts and changes against the recording fake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.host import (
    AlembicExporter,
    FrameRange,
    HostAdapter,
    HostError,
    Playblaster,
    SceneExporter,
)


def test_the_adapter_is_a_host_adapter_with_mayas_exports(host: Any) -> None:
    assert isinstance(host, HostAdapter)
    assert all(isinstance(host, kind) for kind in (SceneExporter, AlembicExporter, Playblaster))
    assert (host.name, host.targets) == ("maya", ("default", "local"))


def test_scene_facts_come_from_maya(host: Any, scene: Any) -> None:
    scene.min_time, scene.max_time, scene.fps = 1009.0, 1120.0, 25.0
    scene.nodes["defaultResolution"].attributes.update(width=2048, height=858)
    assert host.current_file() is None
    assert host.frame_range() == FrameRange(1009, 1120)
    assert (host.fps(), host.resolution(), host.linear_unit()) == (25.0, (2048, 858), "cm")
    scene.scene_name = "/work/sh010.ma"
    assert host.current_file() == Path("/work/sh010.ma")


def test_an_untitled_scene_is_not_saved(host: Any, scene: Any) -> None:
    with pytest.raises(HostError, match="never been saved"):
        host.save()
    assert scene.calls == []


def test_save_saves_where_the_scene_is(host: Any, scene: Any, tmp_path: Path) -> None:
    scene.scene_name, scene.modified = str(tmp_path / "sh010.ma"), True
    assert host.save() == tmp_path / "sh010.ma"
    [saved] = scene.calls
    assert (saved.command, saved.args, saved.kwargs) == ("file", (), {"save": True, "force": True})
    assert not host.is_modified()


def test_the_task_is_stored_in_the_scene(host: Any, scene: Any) -> None:
    assert host.stored_task_id() is None
    host.store_task_id("task-1")
    assert host.stored_task_id() == "task-1"
    [stored] = scene.calls
    assert (stored.command, stored.args) == ("fileInfo", ("ftpubTaskId", "task-1"))


def test_select_replaces_the_selection_without_expanding_sets(host: Any, scene: Any) -> None:
    scene.add("|hero_GRP")
    host.select(["|hero_GRP"])
    host.select([])
    assert [(c.args, c.kwargs) for c in scene.mutations("select")] == [
        ((["|hero_GRP"],), {"replace": True, "noExpand": True}),
        ((), {"clear": True}),
    ]
    assert scene.selection == []


def test_cameras_and_descendants(host: Any, scene: Any) -> None:
    scene.add("|cam_GRP|shotCam", "camera")
    scene.add("|cam_GRP|target_LOC", "locator")
    assert host.cameras(["|cam_GRP|shotCam", "|cam_GRP|target_LOC"]) == ["|cam_GRP|shotCam"]
    assert host.descendants(["|cam_GRP"]) == [
        "|cam_GRP",
        "|cam_GRP|shotCam",
        "|cam_GRP|target_LOC",
        "|cam_GRP|shotCam|shotCamShape",
        "|cam_GRP|target_LOC|target_LOCShape",
    ]
    assert host.missing(["|cam_GRP|shotCam", "|gone"]) == ["|gone"]


def test_a_plug_in_command_is_missing_until_its_plug_in_loads(
    host: Any, scene: Any, tmp_path: Path
) -> None:
    with pytest.raises(HostError, match="AbcExport is not loaded"):
        host.export_alembic(["|a"], tmp_path / "a.abc", FrameRange(1, 1))
    host.load_plugin("AbcExport")
    assert host.plugin_loaded("AbcExport")
    host.export_alembic(["|a"], tmp_path / "a.abc", FrameRange(1, 2))
    assert (tmp_path / "a.abc").is_file()


def test_no_main_window_in_batch(host: Any, scene: Any) -> None:
    scene.batch = True
    assert host.main_window() is None
    assert not host.is_interactive()


def test_the_main_window_is_mayas_qt_widget(
    host: Any, scene: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    try:
        from qtpy import QtWidgets
    except ImportError:
        pytest.skip("no Qt binding installed")
    application = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    window = QtWidgets.QMainWindow()
    window.setObjectName("MayaWindow")
    assert application is not None
    assert host.main_window() is window
