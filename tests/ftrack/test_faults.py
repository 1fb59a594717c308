"""A publish either completes, or leaves nothing behind: faults in every ftrack call and in
the file transfer, and a process killed mid-transfer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .conftest import instance

EFFECTS = ("error", "http_503", "drop")


def _names() -> tuple[str, str]:
    suffix = uuid.uuid4().hex[:6]
    return f"fa_{suffix}", f"fb_{suffix}"


def _manifest(publisher, samples, task_id, names):
    return publisher.manifest(
        task_id("sh020", "lighting"),
        [
            instance("a", names[0], samples),
            instance("b", names[1], samples, review=False),
        ],
    )


def _outcome(session, publisher, names) -> str:
    """'published' (one published version per instance, files in place) or 'nothing'."""
    versions = session.query(
        "select is_published, asset.name from AssetVersion where asset.name in "
        f'("{names[0]}", "{names[1]}")'
    ).all()
    assets = session.query(f'Asset where name in ("{names[0]}", "{names[1]}")').all()
    files = [p for p in publisher.files() if names[0] in str(p) or names[1] in str(p)]
    if not versions and not assets and not files:
        return "nothing"
    published = sorted(v["asset"]["name"] for v in versions if v["is_published"])
    assert published == sorted(names), f"half-made: {len(versions)} versions, {published}"
    assert len(versions) == 2 and len(assets) == 2
    assert len(files) == 2 * (1 + 5), files
    return "published"


def _journals(publisher) -> list[Path]:
    return list((publisher.folder / "state").rglob("*.journal"))


def _manifest_of(kind, publisher, samples, task_id, names):
    if kind == "plain":
        return publisher.manifest(
            task_id("sh020", "lighting"),
            [
                instance("a", names[0], samples, review=False),
                instance("b", names[1], samples, review=False),
            ],
        )
    return _manifest(publisher, samples, task_id, names)


def _publish_calls(sandbox, publisher, samples, task_id, kind) -> int:
    """The calls of a publish, once the schema cache and the storage location exist."""
    for _ in range(2):
        manifest = _manifest_of(kind, publisher, samples, task_id, _names())
        sandbox.reset_stats()
        assert publisher.run("publish", "--manifest", str(manifest)) == 0
    return sandbox.stats()["calls"]


@pytest.mark.parametrize("kind", ["with_uploads", "plain"])
@pytest.mark.parametrize("effect", EFFECTS)
def test_a_transient_fault_in_any_call_is_survived(
    sandbox, publisher, samples, task_id, session, effect, kind
):
    calls = _publish_calls(sandbox, publisher, samples, task_id, kind)
    try:
        for call in range(1, calls + 1):
            names = _names()
            manifest = _manifest_of(kind, publisher, samples, task_id, names)
            sandbox.reset_stats()
            sandbox.set_faults([{"call": call, "effect": effect}])
            code = publisher.run("publish", "--manifest", str(manifest))
            made = sandbox.stats()["calls"]
            sandbox.clear_faults()
            assert code == 0, f"{effect} in call {call} of {calls}"
            assert _outcome(session, publisher, names) == "published"
            assert made > calls, f"the fault in call {call} did not hit the publish"
    finally:
        sandbox.clear_faults()
    assert not _journals(publisher)


@pytest.mark.parametrize("effect", EFFECTS)
def test_with_server_encoding_a_fault_leaves_a_whole_publish_or_nothing(
    sandbox, publisher, samples, task_id, session, effect, monkeypatch
):
    studio = publisher.folder / "studio.toml"
    studio.write_text('review_mode = "encode_media"\n')
    monkeypatch.setenv("FTPUB_CONFIG", str(studio))
    calls = _publish_calls(sandbox, publisher, samples, task_id, "with_uploads")
    outcomes = []
    try:
        for call in range(1, calls + 1):
            names = _names()
            manifest = _manifest(publisher, samples, task_id, names)
            sandbox.reset_stats()
            sandbox.set_faults([{"call": call, "effect": effect}])
            code = publisher.run("publish", "--manifest", str(manifest))
            sandbox.clear_faults()
            outcome = _outcome(session, publisher, names)
            assert (code == 0) == (outcome == "published"), (call, code, outcome)
            outcomes.append(outcome)
    finally:
        sandbox.clear_faults()
    assert not _journals(publisher)
    assert outcomes.count("published") >= calls - 1


@pytest.mark.parametrize(
    ("action", "entity_type"),
    [
        ("create", "AssetVersion"),
        ("get_upload_metadata", None),
        ("create", "FileComponent"),
        ("update", "AssetVersion"),
    ],
)
def test_a_step_that_keeps_failing_is_undone(
    sandbox, publisher, samples, task_id, session, action, entity_type
):
    names = _names()
    manifest = _manifest(publisher, samples, task_id, names)
    sandbox.set_faults(
        [{"action": action, "entity_type": entity_type, "effect": "error", "times": None}]
    )
    try:
        code = publisher.run("publish", "--manifest", str(manifest))
    finally:
        sandbox.clear_faults()
    assert code == 4
    assert _outcome(session, publisher, names) == "nothing"
    assert not _journals(publisher)


def test_disk_full_is_undone(sandbox, publisher, samples, task_id, session, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(small)])
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    big = tmp_path / "big.abc"
    big.write_bytes(os.urandom(400 * 1024))
    names = _names()
    manifest = publisher.manifest(
        task_id(),
        [
            instance("a", names[0], samples),
            {
                "name": "b",
                "family": "model",
                "asset": names[1],
                "asset_type": "geo",
                "representations": [{"name": "abc", "path": str(big)}],
            },
        ],
    )
    try:
        os.environ["FTPUB_PUBLISH_ROOT"] = str(small)
        publisher.root = small

        code = publisher.run("publish", "--manifest", str(manifest))

        assert code == 4
        assert _outcome(session, publisher, names) == "nothing"
        assert list(small.iterdir()) == []
    finally:
        subprocess.run(["umount", str(small)], check=True)


def test_permission_denied_is_undone(sandbox, publisher, samples, task_id, session, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    names = _names()
    manifest = _manifest(publisher, samples, task_id, names)
    env = {**os.environ, "FTPUB_PUBLISH_ROOT": str(locked)}
    without_root_powers = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"]

    done = subprocess.run(
        [
            *without_root_powers,
            sys.executable,
            "-m",
            "ftpub.core.cli",
            "publish",
            "--manifest",
            str(manifest),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 4, done.stderr
    assert "ermission" in done.stderr.strip().splitlines()[-1]
    assert _outcome(session, publisher, names) == "nothing"
    assert list(locked.iterdir()) == []


def test_killed_publish_is_undone_by_the_next_one(
    sandbox, publisher, samples, task_id, session, tmp_path
):
    big = tmp_path / "big"
    big.mkdir()
    for frame in range(1, 201):
        (big / f"plate.{frame:04d}.exr").write_bytes(os.urandom(512 * 1024))
    killed_asset = f"killed_{uuid.uuid4().hex[:6]}"
    manifest = publisher.manifest(
        task_id(),
        [
            {
                "name": "plate",
                "family": "plate",
                "asset": killed_asset,
                "asset_type": "img",
                "representations": [
                    {"name": "exr", "path": str(big / "plate.%04d.exr"), "frames": "1-200"}
                ],
            }
        ],
    )
    sandbox.set_faults(
        [{"action": "create", "entity_type": "FileComponent", "effect": "delay_ms:30000"}]
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "ftpub.core.cli", "publish", "--manifest", str(manifest)],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while len([p for p in publisher.files() if killed_asset in str(p)]) < 200:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        time.sleep(0.5)
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        sandbox.clear_faults()
    assert _journals(publisher)

    next_publish = publisher.manifest(
        task_id(), [instance("next", f"next_{uuid.uuid4().hex[:6]}", samples, review=False)]
    )
    assert publisher.run("publish", "--manifest", str(next_publish)) == 0

    assert session.query(f'Asset where name is "{killed_asset}"').all() == []
    assert [p for p in publisher.files() if killed_asset in str(p)] == []
    assert not _journals(publisher)
