"""The number of ftrack calls of a publish does not grow with instances or files."""

from __future__ import annotations

import uuid

from .conftest import instance


def _calls(sandbox, publisher, samples, task_id, count: int) -> dict:
    suffix = uuid.uuid4().hex[:6]
    manifest = publisher.manifest(
        task_id("sh020", "animation"),
        [instance(f"i{n}", f"rt{n}_{suffix}", samples) for n in range(count)],
    )
    sandbox.reset_stats()
    assert publisher.run("publish", "--manifest", str(manifest)) == 0
    return sandbox.stats()


def test_twenty_instances_cost_as_many_calls_as_one(sandbox, publisher, samples, task_id):
    _calls(sandbox, publisher, samples, task_id, 1)  # fills the schema cache

    one = _calls(sandbox, publisher, samples, task_id, 1)
    twenty = _calls(sandbox, publisher, samples, task_id, 20)

    assert one["calls"] == twenty["calls"]
    session_start = one["operations"]["query_server_information"]
    assert one["calls"] - session_start <= 7  # 1 of them: ValidateFtrackContext
    assert "query_schemas" not in one["operations"]
