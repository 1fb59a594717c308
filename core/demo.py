"""``ftpub demo``: publish sample files into a local sandbox and show what ftrack now holds.

Uses the sandbox already serving the data folder, or starts one for the length of the demo.
The samples are a cache file and a 24-frame PNG sequence marked for review (written with
OpenImageIO; without the media packages it is published without a review movie).
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ftpub.core.ftrack.session import open_session
from ftpub.core.media import missing_libraries
from ftpub.sandbox.app import Connection, Sandbox, default_data_dir, read_connection
from ftpub.sandbox.folder_lock import FolderInUseError

FRAMES = range(1001, 1025)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="publish sample files into a local sandbox (no ftrack account needed)"
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"sandbox data folder (default {default_data_dir()})",
    )
    parser.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    from ftpub.core.cli import main

    data_dir = args.data or default_data_dir()
    with _sandbox(data_dir) as connection:
        os.environ.update(connection.env())
        os.environ.setdefault("FTPUB_PUBLISH_ROOT", str(data_dir / "publish"))
        work = data_dir / "demo" / uuid.uuid4().hex[:8]
        manifest = _write_samples(work, _demo_task_id(connection))
        print(f"Publishing the samples in {work} to {connection.url} …", flush=True)
        report = work / "report.json"
        code = main(["publish", "--manifest", str(manifest), "--report", str(report)])
        if code == 0:
            _print_published(connection, report)
        return code


@contextmanager
def _sandbox(data_dir: Path) -> Iterator[Connection]:
    """The sandbox serving ``data_dir``, started here (with the demo project) if none is."""
    try:
        sandbox = Sandbox(data_dir)
    except FolderInUseError:
        yield read_connection(data_dir)
        return
    from ftpub.sandbox.server import SandboxServer

    sandbox.add_demo()
    server = SandboxServer(sandbox)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"Started a sandbox at {server.url} (data: {data_dir})", flush=True)
    try:
        yield read_connection(data_dir)
    finally:
        server.shutdown()
        server.server_close()
        sandbox.close()


def _demo_task_id(connection: Connection) -> str:
    session = open_session(connection.env())
    try:
        task = session.query(
            'select id from Task where name is "compositing" and '
            'parent.name is "sh010" and project.name is "demo"'
        ).first()
    finally:
        session.close()
    if task is None:
        raise SystemExit("ftpub demo: the sandbox has no demo project; serve it with --demo")
    return str(task["id"])


def _write_frame(path: Path, index: int) -> None:
    """A 640x360 PNG: a ramp with an orange square moving across it."""
    import OpenImageIO as oiio  # a media package: present, as missing_libraries() said

    image = oiio.ImageBuf(oiio.ImageSpec(640, 360, 3, "uint8"))
    oiio.ImageBufAlgo.fill(
        image, (0.01, 0.01, 0.02), (1.0, 0.9, 0.8), (0.01, 0.01, 0.02), (1, 0.9, 0.8)
    )
    left = 40 + index * 20
    oiio.ImageBufAlgo.fill(image, (1.0, 0.6, 0.1), roi=oiio.ROI(left, left + 80, 140, 220))
    image.write(str(path))


def _write_samples(work: Path, task_id: str) -> Path:
    frames = work / "renders"
    frames.mkdir(parents=True)
    (work / "hero.abc").write_bytes(b"ftpub demo cache\n" * 4096)
    if missing_libraries():
        for frame in FRAMES:
            (frames / f"beauty.{frame:04d}.png").write_bytes(b"frame %d" % frame)
        tags = []
        print(
            "The media packages (openimageio, opencolorio, av) are not installed: "
            "the sequence is published without a review movie."
        )
    else:
        for frame in FRAMES:
            _write_frame(frames / f"beauty.{frame:04d}.png", frame - FRAMES[0])
        tags = ["review"]
    manifest = work / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "ftpub_manifest": 1,
                "task_id": task_id,
                "comment": "ftpub demo",
                "instances": [
                    {
                        "name": "hero_cache",
                        "family": "pointcache",
                        "asset": "hero",
                        "asset_type": "geo",
                        "representations": [{"name": "abc", "path": "hero.abc"}],
                    },
                    {
                        "name": "beauty",
                        "family": "render",
                        "asset": "sh010_beauty",
                        "asset_type": "img",
                        "frame_start": FRAMES[0],
                        "frame_end": FRAMES[-1],
                        "representations": [
                            {
                                "name": "png",
                                "path": "renders/beauty.####.png",
                                "frames": f"{FRAMES[0]}-{FRAMES[-1]}",
                                "tags": tags,
                            }
                        ],
                    },
                ],
            },
            indent=2,
        )
    )
    return manifest


def _print_published(connection: Connection, report: Path) -> None:
    versions = json.loads(report.read_text()).get("versions", [])
    ids = ", ".join(f'"{version["asset_version_id"]}"' for version in versions)
    session = open_session(connection.env())
    try:
        published = session.query(
            "select version, asset.name, thumbnail_id, components.name, "
            "components.component_locations.resource_identifier, "
            "components.component_locations.location.name "
            f"from AssetVersion where id in ({ids})"
        ).all()
        print("Created in ftrack:")
        for version in published:
            thumbnail = "with thumbnail" if version["thumbnail_id"] else "no thumbnail"
            print(f"  {version['asset']['name']} v{version['version']:03d} ({thumbnail})")
            for component in version["components"]:
                for where in component["component_locations"]:
                    print(
                        f"    {component['name']:<18} {where['location']['name']:<15} "
                        f"{where['resource_identifier']}"
                    )
    finally:
        session.close()
