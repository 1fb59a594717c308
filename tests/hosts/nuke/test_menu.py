"""The ftpub menu: built once in Nuke and NukeX, never in ``nuke -t``, Hiero or Studio; Create…
marks Write nodes or makes one in the render area; Set task… stores the task in the script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext
from ftpub.hosts.nuke import menu, startup
from ftpub.hosts.nuke.marks import WriteMark

MENU = ["Create…", "Set task…", "Validate…", "Publish…"]


def _menu_calls(script: Any) -> list[tuple[Any, ...]]:
    return [c for c in script.calls if c[0] in ("addMenu", "addCommand", "removeItem")]


def test_the_menu_is_built_once_and_rebuilt_not_duplicated(script: Any) -> None:
    assert startup.install() is True
    assert startup.install() is True
    menubar = script.menus["Nuke"]
    [ftpub_menu] = [item for item in menubar.items if not isinstance(item, tuple)]
    assert list(ftpub_menu.commands()) == MENU
    assert _menu_calls(script) == [
        ("addMenu", "Nuke", "ftpub"),
        *[("addCommand", "ftpub", name) for name in MENU],
        ("removeItem", "Nuke", "ftpub"),
        ("addMenu", "Nuke", "ftpub"),
        *[("addCommand", "ftpub", name) for name in MENU],
    ]


@pytest.mark.parametrize(
    ("gui", "args"),
    [
        (False, ["nuke", "-t"]),
        (True, ["nuke", "--hiero"]),
        (True, ["nuke", "--studio"]),
        (True, ["nuke", "--player"]),
    ],
)
def test_no_menu_in_terminal_mode_or_the_timeline(script: Any, gui: bool, args: list[str]) -> None:
    script.gui, script.raw_args = gui, args
    assert startup.install() is False
    assert script.menus == {}
    assert script.calls == []


def test_nukex_gets_the_menu(script: Any) -> None:
    script.raw_args = ["nuke", "--nukex"]
    assert startup.install() is True
    assert "ftpub" in [getattr(item, "name", lambda: "")() for item in script.menus["Nuke"].items]


def test_create_marks_each_selected_write(script: Any, host: Any) -> None:
    script.add_write("Write1", "/renders/a.%04d.exr").selected = True
    script.add_write("Write2", "/renders/b.%04d.exr").selected = True
    script.add_write("Write3", "/renders/c.%04d.exr")
    script.inputs = ["comp", "matte"]
    assert menu.create(host) == ["Write1", "Write2"]
    assert host.mark_of("Write1") == WriteMark("comp")
    assert host.mark_of("Write2") == WriteMark("matte")
    assert "ftpub_tab" not in script.node("Write3").knobs()
    added = [c for c in script.calls if c[0] == "addKnob" and c[1] == "Write1"]
    assert added == [
        ("addKnob", "Write1", "Tab_Knob", "ftpub_tab", "ftpub"),
        ("addKnob", "Write1", "String_Knob", "ftpub_family", "family"),
        ("addKnob", "Write1", "String_Knob", "ftpub_asset", "asset"),
        ("addKnob", "Write1", "String_Knob", "ftpub_asset_type", "asset type"),
        ("addKnob", "Write1", "Boolean_Knob", "ftpub_active", "publish"),
        ("addKnob", "Write1", "Boolean_Knob", "ftpub_review", "review"),
        ("addKnob", "Write1", "Enumeration_Knob", "ftpub_render_mode", "render"),
    ]
    assert ("setValue", "Write1", "ftpub_render_mode", "frames already rendered") in script.calls


def test_create_again_updates_the_tab_without_a_second_one(script: Any, host: Any) -> None:
    script.add_write("Write1", "/renders/a.%04d.exr").selected = True
    script.inputs = ["comp", "final"]
    menu.create(host)
    menu.create(host)
    assert host.mark_of("Write1").asset == "final"
    assert [c for c in script.calls if c[:4] == ("addKnob", "Write1", "Tab_Knob", "ftpub_tab")] == [
        ("addKnob", "Write1", "Tab_Knob", "ftpub_tab", "ftpub")
    ]


def test_a_bad_asset_name_or_a_cancel_marks_nothing(script: Any, host: Any) -> None:
    script.add_write("Write1", "/renders/a.%04d.exr").selected = True
    script.inputs = ["2 bad", None]
    assert menu.create(host) == []
    assert menu.create(host) == []
    assert script.messages == [
        "ftpub: Create: '2 bad' is not an asset name: a letter, then letters, digits or '_'."
    ]
    assert host.publishables() == []


def test_create_without_a_selection_makes_a_write_in_the_render_area(
    script: Any, host: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FTPUB_CONFIG", raising=False)
    script.save(str(tmp_path / "sh010_comp_v001.nk"))
    script.inputs = ["comp"]
    assert menu.create(host) == ["Write1"]
    assert ("createNode", "Write", "", False) in script.calls
    assert script.node("Write1")["file"].value() == f"{tmp_path}/renders/comp/comp.%04d.exr"
    assert script.node("Write1")["file_type"].value() == "exr"
    assert host.mark_of("Write1") == WriteMark("comp")


def test_the_studio_template_with_task_fields_names_the_new_write(
    script: Any,
    host: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    publishing: Path,
    short_shot_task: TaskContext,
) -> None:
    config = tmp_path / "studio.toml"
    config.write_text(
        "[plugins.ValidateRenderArea]\n"
        f'area = "{tmp_path}/renders/{{project}}/{{parent}}/{{task}}"\n'
        'template = "{area}/{asset}/v001/{asset}.####.{ext}"\n'
        'file_type = "dpx"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FTPUB_CONFIG", str(config))
    script.save(str(tmp_path / "sh010.nk"))
    script.inputs = ["comp"]
    assert menu.create(host) == []
    assert script.messages == [
        "ftpub: Create: No Write was made: the script has no ftrack task yet: use ftpub > "
        "Set task… first"
    ]
    host.store_task_id(short_shot_task.task_id)
    script.inputs = ["comp"]
    assert menu.create(host) == ["Write1"]
    assert script.node("Write1")["file"].value() == (
        f"{tmp_path}/renders/demo/sh990/compositing/comp/v001/comp.####.dpx"
    )
    assert script.node("Write1")["file_type"].value() == "dpx"


def test_an_untitled_script_gets_no_new_write(script: Any, host: Any) -> None:
    script.inputs = ["comp"]
    assert menu.create(host) == []
    assert script.messages == [
        "ftpub: Create: No Write was made: save the script first: its render path follows "
        "from where it is"
    ]
    assert script.nodes == []


def test_set_task_stores_a_task_found_in_ftrack(
    script: Any, host: Any, publishing: Path, short_shot_task: TaskContext
) -> None:
    script.inputs = ["no-such-task", short_shot_task.task_id]
    assert menu.set_task(host) is None
    assert host.stored_task_id() is None
    assert script.messages[-1].startswith(
        "ftpub: Set task: The task was not set: no ftrack Task with id"
    )
    assert menu.set_task(host) == short_shot_task.task_id
    assert host.stored_task_id() == short_shot_task.task_id
    assert script.messages[-1] == (
        "ftpub: Set task: This scene publishes to demo / sh990 / compositing."
    )
    assert script.root["ftpub_task_id"].flags == [0x400]
