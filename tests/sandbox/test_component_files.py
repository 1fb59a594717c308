"""Component files over HTTP: only a component id (a UUID) ever becomes a file name."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

TRAVERSAL = "../../planted-outside.txt"


@pytest.fixture
def planted(sandbox) -> Path:
    """A file outside the sandbox's data folder, where ``TRAVERSAL`` leads from its files."""
    path = (sandbox.data_dir / "server_files" / TRAVERSAL).resolve()
    assert not path.is_relative_to(sandbox.data_dir.resolve())
    path.write_text("not the sandbox's")
    yield path
    path.unlink(missing_ok=True)


def _get(sandbox, route: str, component_id: str) -> requests.Response:
    return requests.get(
        f"{sandbox.url}{route}",
        params={"id": component_id, "username": sandbox.api_user, "apiKey": sandbox.api_key},
        timeout=10,
    )


@pytest.mark.parametrize("route", ["/component/get", "/component/thumbnail"])
def test_traversal_id_reads_nothing(sandbox, planted, route):
    response = _get(sandbox, route, TRAVERSAL)

    assert response.status_code == 404
    assert "is not a component id (a UUID)" in response.json()["content"]
    assert "not the sandbox's" not in response.text


def test_traversal_id_deletes_nothing(sandbox, planted):
    response = _get(sandbox, "/component/remove", TRAVERSAL)

    assert response.status_code == 404
    assert response.json()["removed"] is False
    assert "is not a component id (a UUID)" in response.json()["content"]
    assert planted.read_text() == "not the sandbox's"


def test_traversal_id_in_an_upload_path_is_refused(sandbox, planted):
    address = urlsplit(sandbox.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("PUT", f"/upload/{TRAVERSAL}?token=x", body=b"overwritten")
    response = connection.getresponse()

    assert response.status == 400
    assert "is not a component id (a UUID)" in response.read().decode()
    assert planted.read_text() == "not the sandbox's"
    connection.close()


def test_an_uploaded_file_is_found_by_any_spelling_of_its_id(sandbox, session, tmp_path):
    path = tmp_path / "data.json"
    path.write_text('{"a": 1}')
    server = session.query('Location where name is "ftrack.server"').one()
    component = session.create_component(str(path), location=server)
    session.commit()

    response = _get(sandbox, "/component/get", component["id"].upper())

    assert response.status_code == 200
    assert response.content == path.read_bytes()
