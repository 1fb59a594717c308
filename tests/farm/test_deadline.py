"""Deadline 10: the job files ``deadlinecommand`` submits, and the Post-Job Script driven by a
fake ``deadlinePlugin`` (the only faked part: Deadline itself), publishing into the sandbox."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ftpub.core.config import PathRule
from ftpub.hosts.farm.deadline.job_files import write_job_files
from ftpub.hosts.farm.job import RenderCommand
from ftpub.hosts.farm.manifest import load_manifest
from tests.farm.conftest import Shot


class FailRenderError(Exception):
    """What Deadline's FailRender raises: the task fails with the message."""


class FakeJob:
    """Deadline's Job, with its method names."""

    def __init__(self, name: str, extra_info: dict[str, str], calls: list[tuple]) -> None:
        self.JobName = name
        self.extra_info = extra_info
        self.calls = calls

    def GetJobExtraInfoKeyValue(self, key: str) -> str:
        self.calls.append(("GetJobExtraInfoKeyValue", key))
        return self.extra_info.get(key, "")


class FakeDeadlinePlugin:
    """Records every call the script makes, with its exact arguments."""

    def __init__(self, extra_info: dict[str, str]) -> None:
        self.calls: list[tuple] = []
        self.job = FakeJob("sh010 lighting [deadline]", extra_info, self.calls)

    def GetJob(self) -> FakeJob:
        self.calls.append(("GetJob",))
        return self.job

    def LogInfo(self, message: str) -> None:
        self.calls.append(("LogInfo", message))

    def FailRender(self, message: str) -> None:
        self.calls.append(("FailRender", message))
        raise FailRenderError(message)

    def logged(self) -> list[str]:
        return [call[1] for call in self.calls if call[0] == "LogInfo"]


def _script(path: Path) -> ModuleType:
    """The Post-Job Script as Deadline loads it: a file, not an ftpub module."""
    spec = importlib.util.spec_from_file_location("ftpub_post_job", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _render(shot: Shot, skip: str = "") -> None:
    subprocess.run(
        [sys.executable, str(shot.script), "1001", "1010", str(shot.renders), skip],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def worker(shot: Shot, monkeypatch: pytest.MonkeyPatch) -> Shot:
    """The worker's environment for the script's own child process."""
    for name in ("FTPUB_CONFIG", "PYBLISHPLUGINPATH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in shot.env.items():
        monkeypatch.setenv(name, value)
    return shot


def _job(shot: Shot, out: Path) -> Any:
    command = RenderCommand(("Render", "-s", "{start}", "-e", "{end}", "-rl", "main layer"))
    return write_job_files(load_manifest(shot.manifest()), command, out, (), 4)


def test_job_files_for_deadlinecommand(shot: Shot, tmp_path: Path) -> None:
    rules = (PathRule(str(tmp_path), "/farm"),)
    args = ("Render", "-s", "{start}", "-e", "{end}", "{scene}")
    command = RenderCommand(args, tmp_path / "a.ma")
    out = tmp_path / "deadline"

    job = write_job_files(load_manifest(shot.manifest()), command, out, rules, 4, "sh010 light")

    assert [path.name for path in job.files] == [
        "manifest.json",
        "job_info.job",
        "plugin_info.job",
        "ftpub_post_job.py",
    ]
    assert (out / "job_info.job").read_text(encoding="utf-8").splitlines() == [
        "Plugin=CommandLine",
        "Name=sh010 light",
        "Comment=lighting from the farm",
        "Frames=1001-1010",
        "ChunkSize=4",
        "PostJobScript=/farm/deadline/ftpub_post_job.py",
        "ExtraInfoKeyValue0=ftpub_manifest=/farm/deadline/manifest.json",
        f"OutputFilename0=/farm/{shot.root.name}/renders/sh010_light.####.exr",
    ]
    assert (out / "plugin_info.job").read_text(encoding="utf-8").splitlines() == [
        "Executable=Render",
        "Arguments=-s <STARTFRAME> -e <ENDFRAME> /farm/a.ma",
    ]


def test_post_job_script_publishes_once(worker: Shot, tmp_path: Path, versions_of: Any) -> None:
    job = _job(worker, tmp_path / "deadline")
    _render(worker)
    script = _script(tmp_path / "deadline" / "ftpub_post_job.py")
    plugin = FakeDeadlinePlugin({"ftpub_manifest": str(job.manifest_file)})

    script.__main__(plugin)
    again = FakeDeadlinePlugin({"ftpub_manifest": str(job.manifest_file)})
    script.__main__(again)

    assert plugin.calls[:2] == [("GetJob",), ("GetJobExtraInfoKeyValue", "ftpub_manifest")]
    assert plugin.logged()[-1] == "ftpub: published: 1 instance"
    [(asset, number, published)] = versions_of(job.manifest_id)
    assert published is True
    assert again.logged() == [f"ftpub: already published: {asset} v{number:03d}"]
    assert not [call for call in plugin.calls + again.calls if call[0] == "FailRender"]


def test_post_job_script_fails_the_job_with_ftpubs_line_and_notes_the_task(
    worker: Shot, tmp_path: Path, versions_of: Any, notes_on: Any
) -> None:
    job = _job(worker, tmp_path / "deadline")
    _render(worker, skip="1002")
    script = _script(tmp_path / "deadline" / "ftpub_post_job.py")
    plugin = FakeDeadlinePlugin({"ftpub_manifest": str(job.manifest_file)})

    with pytest.raises(FailRenderError):
        script.__main__(plugin)

    line = (
        "ftpub: Missing files: exr: 1 of 10 frames missing from "
        f"{worker.renders}/sh010_light.%04d.exr: 1002"
    )
    assert plugin.calls[-1] == ("FailRender", line)
    assert versions_of(job.manifest_id) == []
    note = f"Farm publish failed (job 'sh010 lighting [deadline]'): {line.removeprefix('ftpub: ')}"
    assert note in notes_on(worker.task_id)


def test_post_job_script_without_a_manifest_fails_readably(worker: Shot, tmp_path: Path) -> None:
    _job(worker, tmp_path / "deadline")
    script = _script(tmp_path / "deadline" / "ftpub_post_job.py")
    plugin = FakeDeadlinePlugin({})

    with pytest.raises(FailRenderError):
        script.__main__(plugin)

    assert plugin.calls == [
        ("GetJob",),
        ("GetJobExtraInfoKeyValue", "ftpub_manifest"),
        (
            "FailRender",
            "ftpub: the job has no 'ftpub_manifest' in its extra info, so there is nothing to "
            "publish (submit it with the files 'ftpub farm deadline' writes)",
        ),
    ]


def test_deadline_command_writes_the_job(shot: Shot, tmp_path: Path) -> None:
    manifest_id = str(uuid.uuid4())
    done = subprocess.run(
        [
            *(sys.executable, "-m", "ftpub.core.cli", "farm", "deadline"),
            *("--manifest", str(shot.manifest(manifest_id=manifest_id))),
            *("--out", str(tmp_path / "job"), "--render-command", "nuke -F {start}-{end} x.nk"),
        ],
        env=shot.env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].startswith("ftpub: wrote Deadline job 'ftpub render ")
    assert done.stderr.splitlines()[-1].endswith(f"(manifest {manifest_id})")
    plugin_info = (tmp_path / "job" / "plugin_info.job").read_text(encoding="utf-8")
    assert plugin_info == "Executable=nuke\nArguments=-F <STARTFRAME>-<ENDFRAME> x.nk\n"


def test_post_job_scripts_running_at_once_publish_once(
    worker: Shot, tmp_path: Path, versions_of: Any
) -> None:
    job = _job(worker, tmp_path / "deadline")
    _render(worker)
    script = _script(tmp_path / "deadline" / "ftpub_post_job.py")
    plugins = [FakeDeadlinePlugin({"ftpub_manifest": str(job.manifest_file)}) for _ in range(2)]

    threads = [threading.Thread(target=script.__main__, args=(plugin,)) for plugin in plugins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    [(asset, number, published)] = versions_of(job.manifest_id)
    assert published is True
    assert sorted(plugin.logged()[-1] for plugin in plugins) == [
        f"ftpub: already published: {asset} v{number:03d}",
        "ftpub: published: 1 instance",
    ]
    assert not [call for plugin in plugins for call in plugin.calls if call[0] == "FailRender"]


def test_post_job_script_with_ftrack_down_fails_the_job_in_one_line(
    worker: Shot, tmp_path: Path, versions_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _job(worker, tmp_path / "deadline")
    _render(worker)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("FTRACK_SERVER", f"http://127.0.0.1:{port}")
    script = _script(tmp_path / "deadline" / "ftpub_post_job.py")
    plugin = FakeDeadlinePlugin({"ftpub_manifest": str(job.manifest_file)})

    with pytest.raises(FailRenderError):
        script.__main__(plugin)

    kind, message = plugin.calls[-1]
    assert kind == "FailRender"
    assert message.startswith(f"ftpub: cannot reach ftrack at http://127.0.0.1:{port}")
    assert not [line for line in plugin.logged() if "Traceback" in line]
    assert worker.env["FTRACK_API_KEY"] not in repr(plugin.calls)
    assert versions_of(job.manifest_id) == []


def test_post_job_script_on_a_worker_without_ftpub_fails_readably(
    worker: Shot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _job(worker, tmp_path / "deadline")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    script = _script(tmp_path / "deadline" / "ftpub_post_job.py")
    plugin = FakeDeadlinePlugin({"ftpub_manifest": str(job.manifest_file)})

    with pytest.raises(FailRenderError):
        script.__main__(plugin)

    assert plugin.calls[-1] == (
        "FailRender",
        "ftpub: cannot run ftpub on this worker: [Errno 2] No such file or directory: 'ftpub'",
    )
