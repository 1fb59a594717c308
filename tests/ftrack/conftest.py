"""Fixtures for publishing into the sandbox: sample files, manifests, an isolated publish."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.cli import main
from tests.media.samples import write_image, write_movie

SEQUENCE_FRAMES = range(1001, 1006)


@dataclass(frozen=True)
class Samples:
    """Files a publish can pick from: a cache, a frame sequence, a thumbnail, a review movie."""

    cache: Path
    sequence: Path
    thumbnail: Path
    review: Path


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Samples:
    folder = tmp_path_factory.mktemp("samples")
    cache = folder / "hero.abc"
    cache.write_bytes(b"ABC cache " * 1000)
    for frame in SEQUENCE_FRAMES:
        (folder / f"beauty.{frame}.exr").write_bytes(f"exr frame {frame}".encode() * 100)
    review = write_movie(folder / "review.mp4", [40, 80, 120, 160, 200, 240] * 2, (64, 48))
    thumbnail = write_image(folder / "thumbnail.jpg", (64, 48), (0.2, 0.4, 0.6), "uint8")
    return Samples(cache, folder / "beauty.%04d.exr", thumbnail, review)


@dataclass
class Publisher:
    """Runs ``ftpub`` in this process against the sandbox, with its own publish folder."""

    sandbox: Any
    root: Path
    folder: Path

    def manifest(self, task_id: str, instances: list[dict[str, Any]], comment: str = "") -> Path:
        path = self.folder / f"manifest-{uuid.uuid4().hex[:8]}.json"
        path.write_text(
            json.dumps(
                {
                    "ftpub_manifest": 1,
                    "task_id": task_id,
                    "comment": comment,
                    "instances": instances,
                }
            )
        )
        return path

    def run(self, *args: str) -> int:
        return main(list(args))

    def files(self) -> list[Path]:
        """Every file under the publish root."""
        return sorted(p for p in self.root.rglob("*") if p.is_file())


@pytest.fixture
def publisher(sandbox: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Publisher:
    for name, value in sandbox.env().items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "publish"
    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(root))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("FTPUB_CONFIG", raising=False)
    monkeypatch.delenv("PYBLISHPLUGINPATH", raising=False)
    return Publisher(sandbox, root, tmp_path)


@pytest.fixture(scope="session")
def task_id(sandbox: Any) -> Callable[[str, str], str]:
    """The id of a demo task: ``task_id("sh010", "compositing")``."""
    session = sandbox.session()
    ids = {
        (t["parent"]["name"], t["name"]): t["id"]
        for t in session.query("select id, name, parent.name from Task")
    }
    session.close()
    return lambda parent="sh010", task="compositing": ids[(parent, task)]


def instance(name: str, asset: str, samples: Samples, *, review: bool = True) -> dict[str, Any]:
    """A manifest instance with a cache, a sequence and (optionally) thumbnail and review."""
    representations = [
        {"name": "abc", "path": str(samples.cache)},
        {"name": "exr", "path": str(samples.sequence), "frames": "1001-1005"},
    ]
    if review:
        representations += [
            {"name": "thumbnail", "path": str(samples.thumbnail), "tags": ["thumbnail"]},
            {"name": "review", "path": str(samples.review), "tags": ["review"]},
        ]
    return {
        "name": name,
        "family": "render",
        "asset": asset,
        "asset_type": "geo",
        "representations": representations,
    }
