"""Render mode ``farm`` from Nuke: the publish validates the Write here, publishes the script,
and writes a farm job (an OpenJD bundle or Deadline job files) whose render step is
``nuke -X WRITE -F START-END SCRIPT`` and whose last step publishes the frames. The bundle runs
in the real ``openjd run``, the fake Nuke standing in for ``nuke`` on the worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.result import Outcome
from ftpub.core.scene_publish import publish_scene
from tests.hosts.farm_jobs import (
    job_info,
    jobs_in,
    manifest,
    openjd_run,
    published_from,
    standin,
    step_commands,
    studio_config,
)
from tests.hosts.nuke.helpers import failures, marked_write
from tests.hosts.published import published_components

CHUNK = "{{Task.Param.ChunkStart}}-{{Task.Param.ChunkEnd}}"


def _jobs(script: Any) -> list[Path]:
    return jobs_in(Path(script.root.name()).parent / "farm")


def test_a_farm_write_publishes_the_script_and_writes_an_openjd_job(
    shot_script: Any, host: Any, publishing: Path, ftrack: Any, short_shot_task: Any
) -> None:
    write = marked_write(shot_script, mode="farm", review=True)
    result = publish_scene(host, comment="comp v2 for the farm")

    assert result.outcome is Outcome.PUBLISHED, result.error
    assert published_components(ftrack, result) == {("compositing", "scene"): {"nk"}}
    assert [call for call in shot_script.calls if call[0] == "execute"] == []
    [job] = _jobs(shot_script)
    script = shot_script.root.name()
    assert step_commands(job) == {
        "Render": ["nuke", "-X", "Write1", "-F", CHUNK, script],
        "Publish": [
            *("ftpub", "farm", "publish", "--manifest", "{{Param.ManifestFile}}"),
            *("--job-name", "ftpub render comp"),
        ],
    }
    table = manifest(job)
    assert table == {
        "ftpub_manifest": 1,
        "manifest_id": table["manifest_id"],
        "task_id": short_shot_task.task_id,
        "comment": "comp v2 for the farm",
        "instances": [
            {
                "name": "Write1",
                "family": "render",
                "asset": "comp",
                "asset_type": "render",
                "frame_start": 1001,
                "frame_end": 1005,
                "representations": [
                    {
                        "name": "exr",
                        "path": write["file"].value().replace("####", "%04d"),
                        "frames": "1001-1005",
                        "tags": ["review"],
                        "colorspace": "ACES - ACEScg",
                    }
                ],
            }
        ],
    }
    [where] = [
        record.message
        for step in result.steps
        if step.plugin == "WriteFarmJobs"
        for record in step.records
    ]
    assert where == (
        f"Farm job 'ftpub render comp' written to {job} (manifest {table['manifest_id']}); "
        f"submit it with: deadline bundle submit {job}"
    )


def test_the_bundle_renders_with_nuke_and_publishes_the_frames(
    shot_script: Any,
    host: Any,
    publishing: Path,
    ftrack: Any,
    sandbox: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    marked_write(shot_script, mode="farm")
    studio_config(monkeypatch, tmp_path, "[plugins.CollectFarmJob]\nchunk_size = 2\n")
    assert publish_scene(host).outcome is Outcome.PUBLISHED
    [job] = _jobs(shot_script)
    renderer = standin(tmp_path / "bin", "nuke", "nuke.command_line")

    code, output, calls = openjd_run(job, sandbox, publishing, renderer, "FAKE_NUKE_CALLS")

    assert code == 0, output
    script = shot_script.root.name()
    assert calls == [
        ["-X", "Write1", "-F", frames, script] for frames in ("1001-1002", "1003-1004", "1005-1005")
    ]
    [version] = published_from(ftrack, job)
    assert (version["asset"]["name"], version["is_published"]) == ("comp", True)
    assert len(list(publishing.rglob("comp_v*_exr.*.exr"))) == 5


def test_deadline_job_files_with_paths_as_the_farm_sees_them(
    shot_script: Any, host: Any, publishing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = marked_write(shot_script, mode="farm")
    work = Path(shot_script.root.name()).parent
    studio_config(
        monkeypatch,
        tmp_path,
        f"""
        [farm]
        path_map = [{{ from = "{work}", to = "/mnt/work" }}]
        [plugins.CollectFarmJob]
        farm = "deadline"
        chunk_size = 3
        executables = {{ nuke = "/opt/Nuke15.1v3/Nuke15.1" }}
        """,
    )
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    [job] = _jobs(shot_script)
    script = Path(shot_script.root.name()).name
    assert job_info(job, "plugin_info.job") == {
        "Executable": "/opt/Nuke15.1v3/Nuke15.1",
        "Arguments": f"-X Write1 -F <STARTFRAME>-<ENDFRAME> /mnt/work/{script}",
    }
    info = job_info(job, "job_info.job")
    assert (info["Frames"], info["ChunkSize"]) == ("1001-1005", "3")
    assert info["ExtraInfoKeyValue0"] == f"ftpub_manifest=/mnt/work/farm/{job.name}/manifest.json"
    relative = Path(write["file"].value()).relative_to(work).as_posix()
    [representation] = manifest(job)["instances"][0]["representations"]
    assert representation["path"] == "/mnt/work/" + relative.replace("####", "%04d")


def test_a_path_the_farm_cannot_reach_is_refused_and_nothing_is_written(
    shot_script: Any, host: Any, publishing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked_write(shot_script, mode="farm")
    studio_config(monkeypatch, tmp_path, '[farm]\npath_map = [{ from = "/jobs", to = "/mnt" }]\n')
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    [(plugin, title, description)] = failures(result)
    assert (plugin, title) == ("ValidateFarmJob", "The farm cannot render this")
    assert "is in none of the folders of the farm path map (/jobs)" in description
    assert _jobs(shot_script) == []
    assert not publishing.exists()


def test_a_farm_write_is_validated_like_a_local_one(
    shot_script: Any, host: Any, publishing: Path
) -> None:
    write = marked_write(shot_script, mode="farm")
    write["colorspace"]._value = "default (linear)"
    shot_script.save(shot_script.root.name())
    result = publish_scene(host)
    assert result.outcome is Outcome.INVALID
    assert [(plugin, title) for plugin, title, _ in failures(result)] == [
        ("ValidateColorspace", "Colourspace not set")
    ]
    assert _jobs(shot_script) == []


def test_a_movie_is_not_rendered_on_the_farm(shot_script: Any, host: Any, publishing: Path) -> None:
    write = marked_write(shot_script, mode="farm", file_type="mov")
    write["file"]._value = write["file"].value().replace(".####.mov", ".mov")
    shot_script.save(shot_script.root.name())
    result = publish_scene(host)
    [(plugin, title, description)] = failures(result)
    assert (plugin, title) == ("ValidateFarmJob", "Not a frame sequence")
    assert description.startswith("Write1 writes comp.mov, one file")


def test_unknown_farm_settings_are_named(
    shot_script: Any, host: Any, publishing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked_write(shot_script, mode="farm")
    studio_config(monkeypatch, tmp_path, '[plugins.CollectFarmJob]\nfarm = "tractor"\n')
    result = publish_scene(host)
    [(plugin, title, description)] = failures(result)
    assert (plugin, title) == ("CollectFarmJob", "Farm settings wrong")
    assert "farm is 'tractor'" in description and "openjd or deadline" in description


def test_a_jobs_root_that_is_no_folder_is_refused_before_publishing(
    shot_script: Any, host: Any, publishing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked_write(shot_script, mode="farm")
    (tmp_path / "jobs").write_text("a file, not a folder", encoding="utf-8")
    config = f'[plugins.CollectFarmJob]\njobs_root = "{tmp_path / "jobs" / "farm"}"\n'
    studio_config(monkeypatch, tmp_path, config)
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    [(plugin, title, description)] = failures(result)
    assert (plugin, title) == ("ValidateFarmJob", "No place for the farm job")
    assert f"({tmp_path / 'jobs'} is not a writable folder)" in description


def test_a_job_that_cannot_be_written_after_the_publish_is_removed_whole(
    shot_script: Any, host: Any, publishing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ftpub.hosts.farm import host_plugins

    def disk_full(render: Any, out_dir: Path, *args: Any) -> Any:
        (out_dir / "manifest.json").write_text("{", encoding="utf-8")
        raise OSError(28, "No space left on device")

    marked_write(shot_script, mode="farm")
    monkeypatch.setattr(host_plugins, "submit_render", disk_full)
    result = publish_scene(host)
    assert result.outcome is Outcome.FAILED
    [(plugin, title, description)] = failures(result)
    assert (plugin, title) == ("WriteFarmJobs", "Farm job not written")
    assert description == (
        "Write1: [Errno 28] No space left on device; the versions above were published. "
        "No farm job was kept: publish the render again."
    )
    assert [v.asset_name for v in result.versions] == ["compositing"]
    assert list((Path(shot_script.root.name()).parent / "farm").iterdir()) == []
