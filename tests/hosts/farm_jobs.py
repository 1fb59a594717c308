"""What the hosts' farm tests share: a studio config, the jobs a publish wrote, and running a
job bundle with the real Open Job Description runtime (``openjd run``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.farm.conftest import worker_env


def studio_config(monkeypatch: pytest.MonkeyPatch, folder: Path, text: str) -> Path:
    """A studio config file of ``text`` (TOML), used through ``FTPUB_CONFIG``."""
    path = folder / "studio.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.setenv("FTPUB_CONFIG", str(path))
    return path


def jobs_in(folder: Path) -> list[Path]:
    """The job folders written into ``folder`` (each holds a manifest)."""
    return sorted(path.parent for path in folder.glob("*/manifest.json"))


def manifest(job: Path) -> dict[str, Any]:
    return dict(json.loads((job / "manifest.json").read_text(encoding="utf-8")))


def step_commands(job: Path) -> dict[str, list[str]]:
    """Each step of the job bundle's template: its command and arguments."""
    table = yaml.safe_load((job / "template.yaml").read_text(encoding="utf-8"))
    commands = {}
    for step in table["steps"]:
        action = step["script"]["actions"]["onRun"]
        commands[step["name"]] = [action["command"], *action.get("args", [])]
    return commands


def job_info(job: Path, name: str) -> dict[str, str]:
    """A Deadline job file (``job_info.job``, ``plugin_info.job``) as its keys and values."""
    lines = (job / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


FAKES = Path(__file__).parents[1] / "fakes"


def standin(folder: Path, name: str, module: str, fakes: Path = FAKES) -> Path:
    """An executable ``name`` in ``folder`` that runs ``module``'s ``main`` with ``fakes`` on
    ``sys.path``: the DCC's command line on a farm worker, standing in for the real one."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"sys.path.insert(0, {str(fakes)!r})\n"
        f"from {module} import main\n"
        "sys.exit(main(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def openjd_run(
    job: Path, sandbox: Any, publish_root: Path, renderer: Path, calls_variable: str
) -> tuple[int, str, list[list[str]]]:
    """``openjd run`` on a job bundle, as a farm worker with ``renderer`` (a :func:`standin`)
    first on its PATH: the exit code, the output, and the command lines the stand-in recorded
    (one JSON list a line, in the file its ``calls_variable`` names)."""
    calls = renderer.parent / "calls.jsonl"
    env = worker_env(sandbox, publish_root, {calls_variable: str(calls)})
    env["PATH"] = os.pathsep.join([str(renderer.parent), env["PATH"]])
    values = yaml.safe_load((job / "parameter_values.yaml").read_text(encoding="utf-8"))
    params = {item["name"]: item["value"] for item in values["parameterValues"]}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "openjd", "run", str(job / "template.yaml")),
            *("--job-param", json.dumps(params)),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
    return done.returncode, done.stdout + done.stderr, [json.loads(line) for line in lines]


def published_from(ftrack: Any, job: Path) -> list[Any]:
    """The versions that record the job's ``manifest_id`` (its asset, state and components)."""
    manifest_id = manifest(job)["manifest_id"]
    return list(
        ftrack.query(
            "select asset.name, is_published, components.name from AssetVersion where "
            f'metadata any (key is "ftpub_manifest_id" and value is "{manifest_id}")'
        ).all()
    )
