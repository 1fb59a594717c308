"""Concurrent publish steps of one manifest publish once: the claim on the task, taken through
the real client against the sandbox, by threads and by real ``ftpub farm publish`` processes."""

from __future__ import annotations

import itertools
import subprocess
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from ftpub.hosts.farm.claim import BREAK_PREFIX, CLAIM_PREFIX, Claim, Holder, acquire
from tests.farm.conftest import FTPUB, Shot
from tests.farm.test_publish_step import publish_step, render

WORKERS = 4


def claims_on(sandbox: Any, task_id: str, manifest_id: str) -> list[str]:
    """The keys of the claim entries (claims and breaks) on the task for ``manifest_id``."""
    session = sandbox.session()
    try:
        found = session.query(f'select key, value from Metadata where parent_id is "{task_id}"')
        return sorted(
            m["key"]
            for m in found
            if m["key"].startswith((CLAIM_PREFIX, BREAK_PREFIX))
            and (manifest_id in m["key"] or manifest_id in m["value"])
        )
    finally:
        session.close()


def hold(sandbox: Any, task_id: str, manifest_id: str, renewed: datetime) -> Holder:
    """A claim of another worker, written as the publish step writes its own."""
    holder = Holder(f"{manifest_id}-other", "render-node-7", 4242, renewed)
    session = sandbox.session()
    try:
        task = session.get("Task", task_id)
        task["metadata"][CLAIM_PREFIX + manifest_id] = holder.value()
        session.commit()
    finally:
        session.close()
    return holder


def let_go(sandbox: Any, task_id: str, manifest_id: str) -> None:
    session = sandbox.session()
    try:
        entry = session.query(
            f'Metadata where parent_id is "{task_id}" and key is "{CLAIM_PREFIX}{manifest_id}"'
        ).one()
        session.delete(entry)
        session.commit()
    finally:
        session.close()


def test_threads_hold_the_claim_one_at_a_time(sandbox: Any, shot: Shot) -> None:
    manifest_id = str(uuid.uuid4())
    start = threading.Barrier(WORKERS)
    held: list[tuple[float, float]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        session = sandbox.session()
        try:
            start.wait()
            claim = acquire(session, shot.task_id, manifest_id, lambda holder: None, poll=0.1)
            assert isinstance(claim, Claim)
            began = time.monotonic()
            time.sleep(0.3)
            held.append((began, time.monotonic()))
            claim.release()
        except BaseException as error:
            errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(held) == WORKERS
    spans = sorted(held)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert claims_on(sandbox, shot.task_id, manifest_id) == []


def test_two_publish_steps_at_once_publish_once(sandbox: Any, shot: Shot, versions_of: Any) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot)

    steps = [
        subprocess.Popen(
            [*FTPUB, "farm", "publish", "--manifest", str(shot.root / "manifest.json")],
            env=shot.env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(step.wait(timeout=300), step.communicate()[1]) for step in steps]

    assert [code for code, _ in results] == [0, 0], results
    [(asset, number, published)] = versions_of(manifest_id)
    assert published is True
    last_lines = sorted(stderr.splitlines()[-1] for _, stderr in results)
    assert last_lines == [
        f"ftpub: already published: {asset} v{number:03d}",
        "ftpub: published: 1 instance",
    ]
    assert claims_on(sandbox, shot.task_id, manifest_id) == []


def _wait_for(path: Path, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while text not in path.read_text(encoding="utf-8", errors="replace"):
        assert time.monotonic() < deadline, f"{path.name} never said {text!r}"
        time.sleep(0.1)


def test_runs_waiting_on_a_claim_publish_once_when_it_goes(
    sandbox: Any, shot: Shot, versions_of: Any, tmp_path: Path
) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot)
    hold(sandbox, shot.task_id, manifest_id, datetime.now(timezone.utc))
    logs = [tmp_path / f"step{n}.log" for n in range(2)]
    steps = []
    for log in logs:
        with log.open("w") as stderr:
            steps.append(
                subprocess.Popen(
                    [*FTPUB, "farm", "publish", "--manifest", str(shot.root / "manifest.json")],
                    env=shot.env,
                    stderr=stderr,
                )
            )
    for log in logs:
        _wait_for(log, "render-node-7 (process 4242, alive at ")

    assert versions_of(manifest_id) == []
    let_go(sandbox, shot.task_id, manifest_id)
    codes = [step.wait(timeout=300) for step in steps]

    outputs = [log.read_text(encoding="utf-8") for log in logs]
    assert codes == [0, 0], outputs
    [(asset, number, published)] = versions_of(manifest_id)
    assert published is True
    for output in outputs:
        assert output.splitlines()[0].endswith("is publishing this manifest; waiting for it")
    assert sorted(output.splitlines()[-1] for output in outputs) == [
        f"ftpub: already published: {asset} v{number:03d}",
        "ftpub: published: 1 instance",
    ]
    assert claims_on(sandbox, shot.task_id, manifest_id) == []


def test_a_stale_claim_of_a_killed_worker_is_broken(
    sandbox: Any, shot: Shot, versions_of: Any
) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot)
    hold(sandbox, shot.task_id, manifest_id, datetime.now(timezone.utc) - timedelta(hours=1))

    step = publish_step(shot)

    assert step.code == 0, step.stderr
    assert step.last_line == "ftpub: published: 1 instance"
    assert len(versions_of(manifest_id)) == 1
    assert claims_on(sandbox, shot.task_id, manifest_id) == []


def test_a_failed_publish_lets_go_of_its_claim(sandbox: Any, shot: Shot, versions_of: Any) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot, skip="1005")

    failed = publish_step(shot)

    assert failed.code == 3
    assert claims_on(sandbox, shot.task_id, manifest_id) == []
    render(shot)
    assert publish_step(shot).code == 0
    assert len(versions_of(manifest_id)) == 1


@pytest.mark.parametrize("value", ["not json", '{"token": "t"}'])
def test_an_unreadable_claim_counts_as_stale(value: str) -> None:
    assert Holder.parse(value).is_stale()


def test_the_holder_renews_its_claim_while_it_publishes(sandbox: Any, shot: Shot) -> None:
    manifest_id = str(uuid.uuid4())
    session = sandbox.session()
    try:
        claim = acquire(session, shot.task_id, manifest_id, lambda holder: None)
        assert isinstance(claim, Claim)
        taken = claim.holder.renewed
        with claim.renewing(every=0.2):
            time.sleep(1)
        stored = session.query(
            f'select value from Metadata where parent_id is "{shot.task_id}" '
            f'and key is "{CLAIM_PREFIX}{manifest_id}"'
        ).one()
        renewed = Holder.parse(stored["value"])
        claim.release()
    finally:
        session.close()

    assert renewed.token == claim.holder.token
    assert renewed.renewed > taken + timedelta(seconds=0.5)
    assert claims_on(sandbox, shot.task_id, manifest_id) == []


def test_a_claim_taken_over_is_neither_renewed_nor_released(sandbox: Any, shot: Shot) -> None:
    manifest_id = str(uuid.uuid4())
    session = sandbox.session()
    try:
        claim = acquire(session, shot.task_id, manifest_id, lambda holder: None)
        assert isinstance(claim, Claim)
        other = hold(sandbox, shot.task_id, manifest_id, datetime.now(timezone.utc))
        claim.renew()
        claim.release()
    finally:
        session.close()

    session = sandbox.session()
    try:
        [entry] = session.query(
            f'select value from Metadata where parent_id is "{shot.task_id}" '
            f'and key is "{CLAIM_PREFIX}{manifest_id}"'
        ).all()
        assert Holder.parse(entry["value"]) == other
    finally:
        session.close()
    let_go(sandbox, shot.task_id, manifest_id)
