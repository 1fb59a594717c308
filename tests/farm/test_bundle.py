"""Writing farm jobs: frame chunks, the path map, and OpenJD bundles checked against the
real OpenJD model; bad input is one readable line and nothing written."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from openjd.model import decode_job_template

from ftpub.core.config import PathRule
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.job import RenderCommand, chunks
from ftpub.hosts.farm.manifest import load_manifest
from ftpub.hosts.farm.openjd import write_bundle
from ftpub.hosts.farm.path_map import to_farm
from tests.farm.conftest import FTPUB, Shot

RULES = (
    PathRule("/home/artist/shows", "/mnt/shows"),
    PathRule("/home/artist/shows/big", "/mnt/big"),
    PathRule("P:\\projects", "/mnt/projects"),
)
COMMAND = RenderCommand(("Render", "-s", "{start}", "-e", "{end}", "{scene}"), Path("/s/x.ma"))


def test_chunks_cut_runs_of_frames() -> None:
    assert chunks(range(1001, 1011), 4) == ((1001, 1004), (1005, 1008), (1009, 1010))
    assert chunks([7, 1, 2, 3, 8], 10) == ((1, 3), (7, 8))
    assert chunks([5], 1) == ((5, 5),)
    with pytest.raises(FarmError, match="the chunk size must be 1 or more, got 0"):
        chunks([1], 0)


@pytest.mark.parametrize(
    ("path", "farm"),
    [
        ("/home/artist/shows/a/b.exr", "/mnt/shows/a/b.exr"),
        ("/home/artist/shows/big/sh010.%04d.exr", "/mnt/big/sh010.%04d.exr"),
        ("/home/artist/shows", "/mnt/shows"),
        ("p:\\Projects\\Demo\\sh010.####.exr", "/mnt/projects/Demo/sh010.####.exr"),
        ("P:/projects/demo/a.nk", "/mnt/projects/demo/a.nk"),
    ],
)
def test_the_longest_matching_folder_wins(path: str, farm: str) -> None:
    assert to_farm(path, RULES) == farm


@pytest.mark.parametrize("path", ["/home/artist/showsX/a.exr", "/tmp/a.exr", "Q:\\projects\\a"])
def test_a_path_no_rule_covers_is_an_error(path: str) -> None:
    with pytest.raises(FarmError) as error:
        to_farm(path, RULES)
    assert str(error.value) == (
        f"{path} is in none of the folders of the farm path map "
        "(/home/artist/shows, /home/artist/shows/big, P:\\projects): add a rule to [farm] "
        "path_map in the studio config, or keep the file there"
    )


def test_without_rules_paths_stay() -> None:
    assert to_farm("/anything/a.exr", ()) == "/anything/a.exr"


def test_a_bundle_is_a_valid_openjd_job_with_farm_paths(shot: Shot, tmp_path: Path) -> None:
    manifest = load_manifest(shot.manifest())
    rules = (PathRule(str(tmp_path), "/farm"),)
    out = tmp_path / "bundle"
    scene = shot.root / "light.ma"

    job = write_bundle(manifest, RenderCommand(COMMAND.args, scene), out, rules, 4, "sh010 light")

    names = ("manifest.json", "template.yaml", "parameter_values.yaml")
    assert job.files == tuple(out / name for name in names)
    template = yaml.safe_load((out / "template.yaml").read_text(encoding="utf-8"))
    decode_job_template(template=template)
    render, publish = template["steps"]
    assert render["parameterSpace"] == {
        "taskParameterDefinitions": [
            {"name": "ChunkStart", "type": "INT", "range": [1001, 1005, 1009]},
            {"name": "ChunkEnd", "type": "INT", "range": [1004, 1008, 1010]},
        ],
        "combination": "(ChunkStart, ChunkEnd)",
    }
    farm_root = "/farm/" + shot.root.name
    assert render["script"]["actions"]["onRun"] == {
        "command": "Render",
        "args": [
            *("-s", "{{Task.Param.ChunkStart}}", "-e", "{{Task.Param.ChunkEnd}}"),
            f"{farm_root}/light.ma",
        ],
    }
    assert publish["dependencies"] == [{"dependsOn": "Render"}]
    assert publish["script"]["actions"]["onRun"] == {
        "command": "ftpub",
        "args": [
            *("farm", "publish", "--manifest", "{{Param.ManifestFile}}"),
            *("--job-name", "sh010 light"),
        ],
    }
    values = yaml.safe_load((out / "parameter_values.yaml").read_text(encoding="utf-8"))
    assert values == {
        "parameterValues": [{"name": "ManifestFile", "value": "/farm/bundle/manifest.json"}]
    }
    farm_manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert farm_manifest["manifest_id"] == job.manifest_id
    representation = farm_manifest["instances"][0]["representations"][0]
    assert representation == {
        "name": "exr",
        "path": f"{farm_root}/renders/sh010_light.%04d.exr",
        "frames": "1001-1010",
    }


def test_a_manifest_keeps_its_id(shot: Shot, tmp_path: Path) -> None:
    manifest = load_manifest(shot.manifest(manifest_id="job-42"))

    job = write_bundle(manifest, RenderCommand(("r", "{start}", "{end}")), tmp_path / "b")

    assert job.manifest_id == "job-42"
    assert load_manifest(job.manifest_file).manifest_id == "job-42"


def test_the_farms_manifest_keeps_each_colour_space(shot: Shot, tmp_path: Path) -> None:
    table = json.loads(shot.manifest().read_text(encoding="utf-8"))
    table["instances"][0]["representations"][0]["colorspace"] = "ACEScg"
    path = shot.root / "colour.json"
    path.write_text(json.dumps(table), encoding="utf-8")

    job = write_bundle(load_manifest(path), RenderCommand(("r", "{start}", "{end}")), tmp_path)

    [instance] = load_manifest(job.manifest_file).instances
    assert instance.representations[0].metadata == {"colorspace": "ACEScg"}


@pytest.mark.parametrize(
    ("args", "scene", "message"),
    [
        (("r", "{start}"), None, "must hold {start} and {end} (the chunk's first and last frame)"),
        (("r", "{start}", "{end}", "{scene}"), None, "give the scene file and use {scene}"),
        (("r", "{start}", "{end}"), Path("/s.ma"), "give the scene file and use {scene}"),
        (("r", "{start}", "{end}", "{{x}}"), None, "render command cannot hold '{{' or '}}'"),
    ],
)
def test_a_bad_render_command_writes_nothing(
    shot: Shot, tmp_path: Path, args: tuple[str, ...], scene: Path | None, message: str
) -> None:
    manifest = load_manifest(shot.manifest())

    with pytest.raises(FarmError, match=message.replace("(", r"\(").replace(")", r"\)")):
        write_bundle(manifest, RenderCommand(args, scene), tmp_path / "bundle")

    assert not (tmp_path / "bundle").exists()


def test_bundle_command_with_a_path_map_that_does_not_match(shot: Shot, tmp_path: Path) -> None:
    config = tmp_path / "studio.toml"
    config.write_text('[farm]\npath_map = [{ from = "/mnt/ws", to = "/farm" }]\n')
    manifest = shot.manifest()

    done = subprocess.run(
        [
            *(*FTPUB, "farm", "bundle", "--manifest", str(manifest)),
            *("--out", str(tmp_path / "bundle"), "--render-command", "r {start} {end}"),
        ],
        env={**shot.env, "FTPUB_CONFIG": str(config)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"ftpub: {shot.renders}/sh010_light.%04d.exr is in none of the folders of the farm "
        "path map (/mnt/ws): add a rule to [farm] path_map in the studio config, or keep the "
        "file there"
    ]
    assert not (tmp_path / "bundle").exists()


def test_a_manifest_without_frames_cannot_be_rendered(shot: Shot, tmp_path: Path) -> None:
    path = shot.manifest()
    table = json.loads(path.read_text(encoding="utf-8"))
    del table["instances"][0]["representations"][0]["frames"]
    path.write_text(json.dumps(table), encoding="utf-8")

    with pytest.raises(FarmError, match="no frames to render; a farm manifest lists"):
        write_bundle(load_manifest(path), RenderCommand(("r", "{start}", "{end}")), tmp_path)


def test_the_job_name_says_what_renders(shot: Shot, tmp_path: Path) -> None:
    manifest = load_manifest(shot.manifest())
    [light] = manifest.instances
    two = replace(manifest, instances=(light, replace(light, name="fog", asset_name="sh010_fog")))
    command = RenderCommand(("r", "{start}", "{end}"))

    assert (
        write_bundle(manifest, command, tmp_path / "a").name == f"ftpub render {light.asset_name}"
    )
    assert write_bundle(two, command, tmp_path / "b").name == (
        f"ftpub render {light.asset_name} and 1 more"
    )
    with pytest.raises(FarmError, match="the job name cannot hold"):
        write_bundle(manifest, command, tmp_path / "c", name="{{Param.X}}")
    assert not (tmp_path / "c").exists()
