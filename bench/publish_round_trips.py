"""ftrack ``/api`` calls of a publish: ftpub against ftrack's documented publishing example.

Both publish the same instances (a cache file, a 5-frame sequence and a thumbnail each) into
one sandbox, side by side; the sandbox counts the calls. ftpub's count should not move with
the number of instances; the documented way grows with instances and files.
Run: ``python bench/publish_round_trips.py [--instances 1 20]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import ftrack_api.accessor.disk
import ftrack_api.structure.standard
import OpenImageIO as oiio

from ftpub.sandbox.testing import SandboxProcess

FRAMES = range(1001, 1006)


def make_samples(folder: Path) -> dict[str, Path]:
    (folder / "hero.abc").write_bytes(b"cache" * 10000)
    for frame in FRAMES:
        (folder / f"beauty.{frame}.exr").write_bytes(b"frame" * 2000)
    thumbnail = oiio.ImageBuf(oiio.ImageSpec(64, 48, 3, "uint8"))
    oiio.ImageBufAlgo.fill(thumbnail, (0.2, 0.4, 0.6))
    thumbnail.write(str(folder / "thumb.jpg"))
    return {
        "cache": folder / "hero.abc",
        "sequence": folder / "beauty.%04d.exr",
        "thumbnail": folder / "thumb.jpg",
    }


def ftpub_publish(
    box: SandboxProcess, task_id: str, samples: dict[str, Path], count: int, folder: Path
) -> tuple[int, float]:
    suffix = uuid.uuid4().hex[:6]
    manifest = folder / f"manifest-{suffix}.json"
    manifest.write_text(
        json.dumps(
            {
                "ftpub_manifest": 1,
                "task_id": task_id,
                "instances": [
                    {
                        "name": f"i{n}",
                        "family": "render",
                        "asset": f"ftpub{n}_{suffix}",
                        "asset_type": "geo",
                        "representations": [
                            {"name": "abc", "path": str(samples["cache"])},
                            {
                                "name": "exr",
                                "path": str(samples["sequence"]),
                                "frames": f"{FRAMES[0]}-{FRAMES[-1]}",
                            },
                            {
                                "name": "thumbnail",
                                "path": str(samples["thumbnail"]),
                                "tags": ["thumbnail"],
                            },
                        ],
                    }
                    for n in range(count)
                ],
            }
        )
    )
    env = {
        **os.environ,
        **box.env(),
        "FTPUB_PUBLISH_ROOT": str(folder / "publish"),
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    command = [sys.executable, "-m", "ftpub.core.cli", "publish", "--manifest", str(manifest)]
    subprocess.run(command, env=env, check=True, capture_output=True)  # warms the schema cache
    box.reset_stats()
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return box.stats()["calls"], time.perf_counter() - started


def documented_publish(
    box: SandboxProcess, samples: dict[str, Path], count: int, folder: Path
) -> tuple[int, float]:
    """The publishing example of ftrack's API documentation, one instance after another."""
    box.reset_stats()
    started = time.perf_counter()
    session = box.session(schema_cache_path=str(folder / "cache"))
    location = session.query('Location where name is "ftpub.storage"').first() or session.create(
        "Location", {"name": "ftpub.storage"}
    )
    session.commit()
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(prefix=str(folder / "documented"))
    location.structure = ftrack_api.structure.standard.StandardStructure()
    location.priority = 1
    suffix = uuid.uuid4().hex[:6]
    for n in range(count):
        task = session.query('Task where name is "compositing" and parent.name is "sh010"').one()
        asset_type = session.query('AssetType where short is "geo"').one()
        asset = session.create(
            "Asset", {"name": f"doc{n}_{suffix}", "type": asset_type, "parent": task["parent"]}
        )
        version = session.create(
            "AssetVersion", {"asset": asset, "task": task, "is_published": False}
        )
        session.commit()
        version.create_component(str(samples["cache"]), data={"name": "abc"}, location=location)
        version.create_component(
            f"{samples['sequence']} [{FRAMES[0]}-{FRAMES[-1]}]",
            data={"name": "exr"},
            location=location,
        )
        version.create_thumbnail(str(samples["thumbnail"]))
        status = session.query('Status where name is "Pending Review"').one()
        version["status"] = status
        version["is_published"] = True
        session.commit()
    session.close()
    return box.stats()["calls"], time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 20])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, SandboxProcess(Path(temp) / "data") as box:
        folder = Path(temp)
        samples = make_samples(folder)
        session = box.session()
        task_id = session.query(
            'Task where name is "compositing" and parent.name is "sh010"'
        ).one()["id"]
        session.close()
        print(
            f"{'instances':>9} {'ftpub calls':>12} {'documented calls':>17} {'ratio':>7} "
            f"{'ftpub s':>8} {'documented s':>13}"
        )
        for count in args.instances:
            ours, our_time = ftpub_publish(box, task_id, samples, count, folder)
            theirs, their_time = documented_publish(box, samples, count, folder)
            print(
                f"{count:9d} {ours:12d} {theirs:17d} {theirs / ours:6.1f}x "
                f"{our_time:8.2f} {their_time:13.2f}"
            )
        print(
            "ftpub's calls include its session start (2: server information with the schemas "
            "cached, and its storage location) and the task look-up; the documented run's "
            "include its own session start. 'ftpub s' includes starting its process."
        )


if __name__ == "__main__":
    main()
