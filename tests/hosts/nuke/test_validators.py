"""Each Nuke validator, and the repairs the artist asks for (never run unasked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyblish.api
import pyblish.plugin
import pytest

from ftpub.core.config import load_config
from ftpub.core.context import ShotAttributes, TaskContext
from ftpub.core.discovery import discover
from ftpub.core.host import FrameRange
from ftpub.core.result import Outcome, PublishResult, Stage
from ftpub.core.runner import Run, start
from tests.hosts.nuke.helpers import failures, marked_write, render_frames

TASK = TaskContext("t1", "comp", "s1", "sh010", "Shot", "p1", "demo")
SHOT = ShotAttributes("Shot sh010", fstart=1011, fend=1090, handles=10, fps=24.0)


@pytest.fixture
def saved(script: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("FTPUB_CONFIG", raising=False)
    path = tmp_path / "work" / "sh010_comp_v001.nk"
    path.parent.mkdir()
    script.save(str(path))
    return script


def _run(host: Any, shot: ShotAttributes | None = None, environ: Any = None) -> Run:
    config = load_config("demo", environ or {})
    discovery = discover("nuke", config, None, {})
    assert discovery.problems == ()
    started = start(discovery, host, TASK, config, host.targets, last_stage=Stage.VALIDATE)
    assert isinstance(started, Run)
    if shot is not None:
        started.context.data["shot_attributes"] = shot
    while started.step() is not None:
        pass
    return started


def _validate(host: Any, **kwargs: Any) -> PublishResult:
    return _run(host, **kwargs).result()


def _repair(run: Run, plugin_name: str) -> None:
    [validator] = [p for p in run.plugins if p.__name__ == plugin_name]
    [repair] = validator.actions
    outcome = pyblish.plugin.process(validator, run.context, None, action=repair.id)
    assert outcome["error"] is None


def test_a_valid_write_passes_every_check(saved: Any, host: Any) -> None:
    write = marked_write(saved, mode="existing")
    render_frames(saved, write, range(1001, 1006))
    result = _validate(host)
    assert result.outcome is Outcome.VALIDATED, failures(result)


@pytest.mark.parametrize(
    ("change", "plugin", "title", "description"),
    [
        (
            {"disable": True},
            "ValidateWriteEnabled",
            "Write disabled",
            "Write1 is disabled: enable it, or untick 'publish' on its ftpub tab.",
        ),
        (
            {"colorspace": "default (linear)"},
            "ValidateColorspace",
            "Colourspace not set",
            "Write1 writes in 'default (linear)': choose its colorspace explicitly, so whoever "
            "reads the frames knows what they hold.",
        ),
        (
            {"file_type": "targa"},
            "ValidateFileType",
            "File type not allowed",
            "Write1 writes targa; this show takes exr, dpx, tiff, png, jpeg, mov.",
        ),
    ],
)
def test_a_write_setting_that_is_refused(
    saved: Any, host: Any, change: dict[str, Any], plugin: str, title: str, description: str
) -> None:
    write = marked_write(saved, mode="local")
    for knob, value in change.items():
        write[knob]._value = value
    result = _validate(host)
    assert result.outcome is Outcome.INVALID
    assert failures(result) == [(plugin, title, description)]


def test_a_write_outside_the_render_area(saved: Any, host: Any, tmp_path: Path) -> None:
    write = marked_write(saved, mode="local")
    write["file"]._value = "/tmp/elsewhere/comp.####.exr"
    result = _validate(host)
    assert failures(result) == [
        (
            "ValidateRenderArea",
            "Outside the render area",
            f"Write1 renders to /tmp/elsewhere/comp.%04d.exr, outside the render area "
            f"{tmp_path}/work/renders; render there (ftpub > Create… makes a Write that does).",
        )
    ]


def test_the_show_sets_the_area_and_the_file_types(saved: Any, host: Any, tmp_path: Path) -> None:
    config = tmp_path / "studio.toml"
    config.write_text(
        '[shows.demo.plugins.ValidateRenderArea]\narea = "/mnt/renders/{project}/*"\n'
        '[shows.demo.plugins.ValidateFileType]\nallowed = ["dpx"]\n',
        encoding="utf-8",
    )
    write = marked_write(saved, mode="local")
    write["file"]._value = "/mnt/renders/demo/sh010/comp/comp.####.exr"
    result = _validate(host, environ={"FTPUB_CONFIG": str(config)})
    assert [(plugin, title) for plugin, title, _ in failures(result)] == [
        ("ValidateFileType", "File type not allowed")
    ]


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("", "Write1 has no file: set the path it renders to"),
        (
            "[python nosuch()]/comp.####.exr",
            "Write1: its file '[python nosuch()]/comp.####.exr' does not evaluate: "
            "unknown command in '[python nosuch()]/comp.####.exr'",
        ),
    ],
)
def test_a_write_file_that_cannot_be_read(
    saved: Any, host: Any, path: str, description: str
) -> None:
    write = marked_write(saved, mode="local")
    write["file"]._value = path
    result = _validate(host)
    assert result.outcome is Outcome.INVALID
    assert failures(result) == [("CollectWrites", "Cannot read the Write node", description)]
    assert result.error is not None and "Traceback" not in result.error.line()


def test_existing_frames_that_are_missing(saved: Any, host: Any) -> None:
    write = marked_write(saved, mode="existing")
    render_frames(saved, write, range(1001, 1003))
    result = _validate(host)
    [(plugin, title, description)] = failures(result)
    assert (plugin, title) == ("ValidateRepresentationFiles", "Missing files")
    assert description.endswith(": 1003-1005")


def test_an_unsaved_script_is_saved_only_when_the_artist_asks(saved: Any, host: Any) -> None:
    write = marked_write(saved, mode="existing")
    render_frames(saved, write, range(1001, 1006))
    saved.modified = True
    run = _run(host)
    assert [f[:2] for f in failures(run.result())] == [("ValidateSceneSaved", "Unsaved changes")]
    assert [c for c in saved.calls if c[0] == "scriptSave"] == []
    _repair(run, "ValidateSceneSaved")
    assert saved.calls[-1] == ("scriptSave", None)
    assert _validate(host).outcome is Outcome.VALIDATED


def test_the_root_range_is_set_from_ftrack_only_when_the_artist_asks(saved: Any, host: Any) -> None:
    marked_write(saved, mode="local")
    run = _run(host, shot=SHOT)
    assert [f[:2] for f in failures(run.result())] == [("ValidateFrameRange", "Wrong frame range")]
    assert [c for c in saved.calls if c[1:2] == ("root",)] == []
    _repair(run, "ValidateFrameRange")
    assert saved.calls[-2:] == [
        ("setValue", "root", "first_frame", 1001),
        ("setValue", "root", "last_frame", 1100),
    ]
    assert host.frame_range() == FrameRange(1001, 1100)
    saved.save(saved.root.name())
    assert _validate(host, shot=SHOT).outcome is Outcome.VALIDATED


def test_an_untitled_script_is_not_published(script: Any, host: Any) -> None:
    result = _validate(host)
    assert [f[:2] for f in failures(result)] == [("ValidateSceneSaved", "Scene not saved")]
