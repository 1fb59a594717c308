"""``validate`` refuses what ``publish`` would refuse for a reason knowable before extraction,
and says what the valid choices are."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from ftpub.core import cli

from .cli_run import cache_instance, ftpub, write_manifest


def _env(sandbox: Any, tmp_path: Path, studio: str = "") -> dict[str, str]:
    config = tmp_path / "studio.toml"
    config.write_text(studio, encoding="utf-8")
    return {
        **sandbox.env(),
        "FTPUB_PUBLISH_ROOT": str(tmp_path / "publish"),
        "FTPUB_CONFIG": str(config),
    }


def _validate(sandbox: Any, tmp_path: Path, task: str, instances: list[dict[str, Any]], **kw: str):
    manifest = write_manifest(tmp_path, task, instances)
    return ftpub(["validate", "--manifest", str(manifest)], _env(sandbox, tmp_path, **kw), tmp_path)


def test_a_misspelt_manifest_key_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    instance = cache_instance(tmp_path, colour="red")
    instance["representations"][0]["frame"] = "1001-1010"
    manifest = write_manifest(tmp_path, "a-task", [instance])
    run = ftpub(["validate", "--manifest", str(manifest)], {}, tmp_path)
    assert run.code == cli.EXIT_USAGE
    assert run.last_line == (
        f"ftpub: {manifest}: instances[0].colour: unknown key (known: asset, asset_type, "
        "families, family, frame_end, frame_start, name, representations, task_id); "
        "instances[0].representations[0].frame: unknown key; did you mean 'frames'?"
    )


def test_an_instance_without_representations_is_invalid(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    instance = {**cache_instance(tmp_path), "representations": []}
    run = _validate(sandbox, tmp_path, task, [instance])
    assert (run.code, run.last_line) == (
        cli.EXIT_INVALID,
        "ftpub: Invalid instances: hero: no representations, nothing to publish",
    )


def test_a_name_longer_than_the_file_system_allows_is_refused(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    instance = {**cache_instance(tmp_path), "asset": "a" * 300}
    run = _validate(sandbox, tmp_path, task, [instance])
    assert run.code == cli.EXIT_INVALID
    assert run.last_line.startswith(
        "ftpub: Invalid instances: hero: the name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' would be "
        "300 bytes; the file system allows 255"
    )


def test_two_names_of_one_folder_in_one_publish_are_refused(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    first = {**cache_instance(tmp_path, "one"), "asset": "fx/smoke"}
    second = {**cache_instance(tmp_path, "two"), "asset": "fx_smoke"}
    run = _validate(sandbox, tmp_path, task, [first, second])
    assert (run.code, run.last_line) == (
        cli.EXIT_INVALID,
        "ftpub: Invalid instances: two: the assets 'fx/smoke' and 'fx_smoke' would be "
        f"published into one folder ({tmp_path}/publish/demo/sh010/publish/geo/fx_smoke); "
        "rename one",
    )


def test_an_asset_type_task_or_status_ftrack_lacks_fails_validation_with_the_choices(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    wrong_type = {**cache_instance(tmp_path, "one"), "asset_type": "geometry-cache"}
    wrong_task = {**cache_instance(tmp_path, "two"), "task_id": "0000-1111"}
    run = _validate(
        sandbox, tmp_path, task, [wrong_type, wrong_task], studio='version_status = "Aproved"\n'
    )
    assert run.code == cli.EXIT_INVALID
    description = run.report()["error"]["description"]
    assert (
        "one: ftrack has no asset type 'geometry-cache'; choose one of anim (Animation), "
        "audio (Audio), cache (Cache), cam (Camera), comp (Comp), geo (Geometry), img (Image), "
    ) in description
    assert "two: no ftrack Task with id 0000-1111" in description
    assert (
        "ftrack has no status 'Aproved' (version_status in the studio config); choose one of "
        "Approved, "
    ) in description
    assert run.last_line.startswith("ftpub: Not possible in ftrack: two: no ftrack Task")


def test_a_new_asset_in_an_existing_assets_folder_fails_validation(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    name = f"smoke{uuid.uuid4().hex[:6]}"
    env = _env(sandbox, tmp_path)
    manifest = write_manifest(tmp_path, task, [{**cache_instance(tmp_path), "asset": f"fx_{name}"}])
    assert ftpub(["publish", "--manifest", str(manifest)], env, tmp_path).code == cli.EXIT_OK

    run = _validate(sandbox, tmp_path, task, [{**cache_instance(tmp_path), "asset": f"fx/{name}"}])
    assert run.code == cli.EXIT_INVALID
    assert run.last_line == (
        f"ftpub: Not possible in ftrack: hero: the asset 'fx/{name}' would be published into "
        f"the folder of the existing asset 'fx_{name}' "
        f"({tmp_path}/publish/demo/sh010/publish/geo/fx_{name}); rename it"
    )


def test_an_asset_without_a_type_beside_the_new_one_does_not_stop_validation(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    session = sandbox.session()
    try:
        parent = session.get("Task", task)["parent"]
        session.create("Asset", {"name": f"untyped_{uuid.uuid4().hex[:6]}", "parent": parent})
        session.commit()
    finally:
        session.close()
    run = _validate(sandbox, tmp_path, task, [cache_instance(tmp_path)])
    assert (run.code, run.last_line) == (cli.EXIT_OK, "ftpub: validated: 1 instance")
