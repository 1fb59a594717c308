"""``ftpub demo``: publish sample files into a local sandbox and show what ftrack now holds.

Uses the sandbox already serving the data folder, or starts one for the length of the demo.
The samples are a cache file and a 24-frame PNG sequence marked for review (written with
OpenImageIO; without the media packages it is published without a review movie).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .cli import data_dir_of, data_option
from .folder_lock import FolderInUseError

if TYPE_CHECKING:
    from .app import Connection

FRAMES = range(1001, 1025)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="publish sample files into a local sandbox (no ftrack account needed)"
    )
    data_option(parser)
    parser.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    from ftpub.core.cli import main
    from ftpub.core.config import load_config

    data_dir = data_dir_of(args)
    with _sandbox(data_dir) as (connection, started):
        os.environ.update(connection.env())
        work = data_dir / "demo" / uuid.uuid4().hex[:8]
        manifest = _write_samples(work, _demo_task_id(connection))
        root = load_config("demo").publish_root.absolute()
        print(
            f"Publishing the samples in {work} to {connection.url}, files into {root} …",
            flush=True,
        )
        report = work / "report.json"
        code = main(["publish", "--manifest", str(manifest), "--report", str(report)])
        if code == 0:
            _print_published(connection, report)
            _print_web_page(connection, data_dir, started)
        return code


def _print_web_page(connection: Connection, data_dir: Path, started: bool) -> None:
    if started:
        print(
            "The demo's sandbox stopped with it. To see the publishes in a browser, serve it:\n"
            f"  ftpub sandbox serve --data {shlex.quote(str(data_dir))}\n"
            "and open the one-time login link it prints."
        )
        return
    from .web.links import new_login_link

    link = new_login_link(data_dir, connection.url, connection.api_user)
    print(f"See the publishes in a browser (a one-time login link):\n  {link}")


@contextmanager
def _sandbox(data_dir: Path) -> Iterator[tuple[Connection, bool]]:
    """The sandbox serving ``data_dir`` and whether it was started here (with the demo
    project) because none was."""
    from .app import Sandbox, read_connection

    try:
        sandbox = Sandbox(data_dir)
    except FolderInUseError:
        yield read_connection(data_dir), False
        return
    from .server import SandboxServer

    sandbox.add_demo()
    server = SandboxServer(sandbox)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"Started a sandbox at {server.url} (data: {data_dir})", flush=True)
    try:
        yield read_connection(data_dir), True
    finally:
        server.shutdown()
        server.server_close()
        sandbox.close()


def _demo_task_id(connection: Connection) -> str:
    from ftpub.core.ftrack.session import open_session

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
    from ftpub.core.media import missing_libraries

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
    from ftpub.core.browse import filesystem_path
    from ftpub.core.ftrack.session import open_session

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
                        f"{filesystem_path(where)}"
                    )
    finally:
        session.close()
