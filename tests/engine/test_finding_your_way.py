"""Commands a newcomer uses to find a task, see what was published, and reach the sandbox."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from ftpub.core import cli

from .cli_run import cache_instance, ftpub, task_id, write_manifest


def test_tasks_lists_ids_and_paths_as_text_and_json(sandbox: Any, tmp_path: Path) -> None:
    session = sandbox.session()
    try:
        comp = task_id(session)
    finally:
        session.close()
    run = ftpub(["tasks", "--project", "demo"], sandbox.env(), tmp_path)
    assert run.code == cli.EXIT_OK
    assert f"{comp}  demo/sq010/sh010/compositing  (Compositing, Not started)" in run.stdout
    assert run.last_line == "8 tasks"

    listed = json.loads(ftpub(["tasks", "--json"], sandbox.env(), tmp_path).stdout)
    assert {
        "id": comp,
        "name": "compositing",
        "path": "demo/sq010/sh010/compositing",
        "type": "Compositing",
        "status": "Not started",
    } in listed

    run = ftpub(["tasks", "--project", "no such show"], sandbox.env(), tmp_path)
    assert (run.code, run.stdout, run.last_line) == (0, "", "0 tasks")


def test_versions_lists_what_was_published_with_absolute_paths(
    sandbox: Any, tmp_path: Path
) -> None:
    session = sandbox.session()
    try:
        comp = task_id(session, "sh020")
    finally:
        session.close()
    asset = f"listed_{uuid.uuid4().hex[:6]}"
    env = {**sandbox.env(), "FTPUB_PUBLISH_ROOT": str(tmp_path / "publish")}
    manifest = write_manifest(tmp_path, comp, [cache_instance(tmp_path, asset)])
    assert ftpub(["publish", "--manifest", str(manifest)], env, tmp_path).code == 0

    run = ftpub(["versions", "--asset", asset], env, tmp_path)
    assert run.code == cli.EXIT_OK
    published = tmp_path / f"publish/demo/sq010/sh020/publish/geo/{asset}/v001"
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{asset} v001  ")
    assert lines[0].endswith(f"  task {comp}")
    assert lines[1] == "    comment: test"
    assert lines[2].split() == ["abc", "ftpub.storage", f"{published}/{asset}_v001_abc.abc"]
    assert run.last_line == "1 version"

    (version,) = json.loads(ftpub(["versions", "--task", comp, "--json"], env, tmp_path).stdout)
    assert (version["asset"], version["version"], version["published"]) == (asset, 1, True)
    assert Path(version["components"][0]["path"]).read_bytes() == b"cache " + asset.encode()

    run = ftpub(["versions", "--task", 'x" or "1'], env, tmp_path)
    assert run.code == cli.EXIT_USAGE
    assert run.last_line == "ftpub: a task id is letters, digits and dashes, got 'x\" or \"1'"


def test_sandbox_env_refuses_when_no_sandbox_serves_the_folder(
    sandbox: Any, tmp_path: Path
) -> None:
    run = ftpub(["sandbox", "env", "--data", str(tmp_path / "none")], {}, tmp_path)
    assert (run.code, run.stdout) == (cli.EXIT_USAGE, "")
    assert run.last_line == (
        f"ftpub sandbox: no sandbox is running on {tmp_path / 'none'}; start one with "
        f"'ftpub sandbox serve --data {tmp_path / 'none'}'"
    )
    run = ftpub(["env", "--data", str(sandbox.data_dir)], {}, tmp_path, module="ftpub.sandbox")
    assert run.code == cli.EXIT_OK
    assert f"export FTRACK_SERVER={sandbox.url}" in run.stdout


def test_demo_and_a_manual_publish_share_the_default_publish_root(tmp_path: Path) -> None:
    run = ftpub(["config"], {}, tmp_path)
    assert f'publish_root = "{tmp_path}/data/ftpub/publish"' in run.stdout
