"""Widget URLs open a page; thumbnail URLs with a size give a scaled-down image."""

from __future__ import annotations

import uuid

import OpenImageIO as oiio
import requests


def _image(path, width, height):
    image = oiio.ImageBuf(oiio.ImageSpec(width, height, 3, "uint8"))
    oiio.ImageBufAlgo.fill(image, (0.2, 0.4, 0.8))
    assert image.write(str(path))
    return path


def test_a_widget_url_answers_with_a_page(session):
    task = session.query('Task where name is "lighting" and parent.name is "sh010"').one()
    url = session.get_widget_url("tasks", entity=task, theme="dark")
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<h1>tasks</h1>" in response.text
    assert task["id"] in response.text


def test_a_thumbnail_url_with_a_size_gives_the_image_scaled_to_fit(session, tmp_path):
    shot = session.query('Shot where name is "sh010"').one()
    asset = session.create("Asset", {"name": f"thumb_{uuid.uuid4().hex[:6]}", "parent": shot})
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    thumbnail = version.create_thumbnail(str(_image(tmp_path / "big.png", 64, 32)))
    server = session.query('Location where name is "ftrack.server"').one()

    small = requests.get(server.get_thumbnail_url(thumbnail, size=16), timeout=10)
    assert small.status_code == 200
    assert small.headers["Content-Type"] == "image/jpeg"
    (tmp_path / "small.jpg").write_bytes(small.content)
    spec = oiio.ImageBuf(str(tmp_path / "small.jpg")).spec()
    assert (spec.width, spec.height) == (16, 8)

    original = requests.get(server.get_thumbnail_url(thumbnail), timeout=10)
    assert original.content == (tmp_path / "big.png").read_bytes()
    refused = requests.get(server.get_thumbnail_url(thumbnail, size="huge"), timeout=10)
    assert refused.status_code == 422
