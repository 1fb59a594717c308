"""What is retried: server trouble (5xx, dropped connections) yes, a refused request no."""

from __future__ import annotations

import uuid

import pytest
import requests

from ftpub.core.ftrack.calls import RetryPolicy, retried


def _post(sandbox) -> None:
    requests.post(
        f"{sandbox.url}/api",
        json=[{"action": "query_server_information"}],
        headers={"ftrack-user": sandbox.api_user, "ftrack-api-key": sandbox.api_key},
        timeout=10,
    ).raise_for_status()


def test_a_503_is_retried_until_it_goes_away(sandbox):
    sandbox.reset_stats()
    sandbox.set_faults([{"call": 1, "effect": "http_503"}, {"call": 2, "effect": "http_503"}])
    pauses: list[float] = []
    try:
        retried(
            lambda: _post(sandbox), RetryPolicy(attempts=5, first_delay=0.1), sleep=pauses.append
        )
    finally:
        sandbox.clear_faults()
    assert pauses == [0.1, 0.2]
    assert sandbox.stats()["calls"] == 3


def test_a_refused_request_is_not_retried(sandbox):
    url = f"{sandbox.url}/upload/{uuid.uuid4()}?token=wrong"
    pauses: list[float] = []

    with pytest.raises(requests.HTTPError, match="403"):
        retried(
            lambda: requests.put(url, data=b"x", timeout=10).raise_for_status(), sleep=pauses.append
        )

    assert pauses == []


def test_the_last_transient_error_propagates_after_the_attempts(sandbox):
    sandbox.reset_stats()
    sandbox.set_faults(
        [{"action": "query_server_information", "effect": "http_503", "times": None}]
    )
    pauses: list[float] = []
    try:
        with pytest.raises(requests.HTTPError, match="503"):
            retried(lambda: _post(sandbox), RetryPolicy(attempts=3), sleep=pauses.append)
    finally:
        sandbox.clear_faults()
    assert len(pauses) == 2
    assert sandbox.stats()["calls"] == 3
