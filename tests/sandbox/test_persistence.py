"""A sandbox keeps its data across restarts and keeps a second sandbox out of its folder."""

from __future__ import annotations

import subprocess
import sys

from ftpub.sandbox.testing import SandboxProcess


def test_data_survives_a_restart(tmp_path):
    data_dir = tmp_path / "data"
    with SandboxProcess(data_dir) as first:
        session = first.session()
        shot = session.query('Shot where name is "sh010"').one()
        asset_type = session.query('AssetType where short is "geo"').one()
        asset = session.create("Asset", {"name": "persisted", "type": asset_type, "parent": shot})
        version = session.create("AssetVersion", {"asset": asset, "comment": "kept"})
        session.commit()
        version_id = version["id"]
        session.close()
        api_key = first.api_key

    with SandboxProcess(data_dir) as second:
        assert second.api_key == api_key
        session = second.session()
        stored = session.query(
            f'select version, comment, asset.name from AssetVersion where id is "{version_id}"'
        ).one()
        assert (stored["version"], stored["comment"], stored["asset"]["name"]) == (
            1,
            "kept",
            "persisted",
        )
        assert len(session.query('Project where name is "demo"').all()) == 1
        session.close()


def test_a_version_and_its_thumbnail_are_read_after_a_restart(tmp_path):
    """The version names its thumbnail's component and the component its version."""
    data_dir = tmp_path / "data"
    with SandboxProcess(data_dir) as first:
        session = first.session()
        shot = session.query('Shot where name is "sh010"').one()
        asset_type = session.query('AssetType where short is "img"').one()
        asset = session.create("Asset", {"name": "thumbed", "type": asset_type, "parent": shot})
        version = session.create("AssetVersion", {"asset": asset})
        thumbnail = session.create("FileComponent", {"name": "thumbnail", "version": version})
        version["thumbnail"] = thumbnail
        session.commit()
        version_id, thumbnail_id = version["id"], thumbnail["id"]
        session.close()

    with SandboxProcess(data_dir) as second:
        session = second.session()
        stored = session.query(
            f'select thumbnail_id, components.name from AssetVersion where id is "{version_id}"'
        ).one()
        assert stored["thumbnail_id"] == thumbnail_id
        assert [component["name"] for component in stored["components"]] == ["thumbnail"]
        session.close()


def test_second_sandbox_on_same_folder_is_refused(tmp_path):
    data_dir = tmp_path / "data"
    with SandboxProcess(data_dir, demo=False):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "ftpub.core.cli",
                "sandbox",
                "serve",
                "--data",
                str(data_dir),
                "--port",
                "0",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "is in use by process" in result.stderr


def test_env_prints_exports_for_the_sandbox(tmp_path):
    data_dir = tmp_path / "data"
    with SandboxProcess(data_dir, demo=False) as running:
        result = subprocess.run(
            [sys.executable, "-m", "ftpub.core.cli", "sandbox", "env", "--data", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        lines = result.stdout.splitlines()
        assert lines == [
            f"export FTRACK_SERVER={running.url}",
            f"export FTRACK_API_USER={running.api_user}",
            f"export FTRACK_API_KEY={running.api_key}",
        ]
