"""One sandbox: its data folder, its entities, its files, its users and its test hooks."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from .api import Api
from .auth import Credentials
from .demo import add_demo_project
from .entity import Entity
from .files import ServerFiles
from .folder_lock import FolderLock
from .monitor import Monitor
from .schema import Schema
from .seed import SiteBuilder, seed_custom_attribute_types, seed_site
from .store import Store

DEFAULT_API_USER = "admin"
DEFAULT_PORT = 8719
CREDENTIALS_FILE = "credentials.json"
SERVER_FILE = "server.json"


def default_data_dir() -> Path:
    """Where a sandbox keeps its data when no folder is given."""
    return Path(platformdirs.user_data_dir("ftpub")) / "sandbox"


@dataclass(frozen=True)
class Connection:
    """How a client reaches a sandbox: what ``ftpub sandbox env`` prints."""

    url: str
    api_user: str
    api_key: str

    def env(self) -> dict[str, str]:
        return {
            "FTRACK_SERVER": self.url,
            "FTRACK_API_USER": self.api_user,
            "FTRACK_API_KEY": self.api_key,
        }

    def __repr__(self) -> str:
        return f"Connection(url={self.url!r}, api_user={self.api_user!r}, api_key='***')"


class Sandbox:
    """The state of a sandbox, opened from its data folder (created on first use)."""

    def __init__(self, data_dir: Path, api_user: str = DEFAULT_API_USER) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FolderLock(data_dir / "sandbox.lock")
        self._lock.acquire()
        self.schema = Schema.load()
        self.store = Store(data_dir / "sandbox.sqlite", self.schema)
        self.credentials = Credentials(self.store.db, self.store.lock)
        self.files = ServerFiles(data_dir / "server_files")
        self.monitor = Monitor()
        self.server_url = ""
        if not any(True for _ in self.store.scan("Location")):
            with self.store.batch() as batch:
                seed_site(batch, api_user)
            self._write_credentials(api_user, self.credentials.issue(api_user))
        elif not (data_dir / CREDENTIALS_FILE).exists():
            self._write_credentials(api_user, self.credentials.issue(api_user))
        if not any(True for _ in self.store.scan("CustomAttributeType")):
            with self.store.batch() as batch:
                seed_custom_attribute_types(SiteBuilder(batch))
        self.api = Api(self.store, self.files, self.credentials, self.server_url)

    def close(self) -> None:
        self.store.close()
        self._lock.release()

    def serving_at(self, url: str) -> None:
        """Record the address clients use, for replies and for ``ftpub sandbox env``."""
        self.server_url = url
        self.api = Api(self.store, self.files, self.credentials, url)
        _write_private(self.data_dir / SERVER_FILE, {"url": url})

    def add_demo(self) -> None:
        """Add the demo project (once)."""
        add_demo_project(self.api.graph, self.admin())

    def admin(self) -> Entity:
        user = self.user(read_connection(self.data_dir).api_user)
        if user is None:
            raise RuntimeError("The sandbox's API user is missing from its database.")
        return user

    def user(self, username: str) -> Entity | None:
        """The user of this name (every request asks: an indexed look-up, not a scan)."""
        with self.store.reading():
            users = self.store.referencing("User", "username", username)
        return users[0] if users else None

    def _write_credentials(self, api_user: str, api_key: str) -> None:
        _write_private(self.data_dir / CREDENTIALS_FILE, {"api_user": api_user, "api_key": api_key})


def read_connection(data_dir: Path) -> Connection:
    """The URL and credentials of the sandbox in ``data_dir``."""
    try:
        credentials = json.loads((data_dir / CREDENTIALS_FILE).read_text())
    except FileNotFoundError:
        raise FileNotFoundError(
            f"No sandbox in {data_dir}: start one with 'ftpub sandbox serve --data {data_dir}'."
        ) from None
    try:
        url = json.loads((data_dir / SERVER_FILE).read_text())["url"]
    except FileNotFoundError:
        url = f"http://127.0.0.1:{DEFAULT_PORT}"
    return Connection(url, credentials["api_user"], credentials["api_key"])


def _write_private(path: Path, content: dict[str, Any]) -> None:
    partial = path.with_suffix(".tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(content, handle)
    os.replace(partial, path)
