"""Run a sandbox in a child process, for test suites and benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

from .app import Connection, read_connection


class SandboxProcess:
    """A sandbox served by ``ftpub sandbox serve`` on a free loopback port."""

    def __init__(self, data_dir: Path, demo: bool = True, test_hooks: bool = True) -> None:
        self.data_dir = data_dir
        self.demo = demo
        self.test_hooks = test_hooks
        self.process: subprocess.Popen[bytes] | None = None
        self.connection: Connection | None = None
        self.log_path = data_dir.parent / f"{data_dir.name}.log"

    def start(self, timeout: float = 60.0) -> SandboxProcess:
        command = [
            sys.executable,
            "-m",
            "ftpub.core.cli",
            "sandbox",
            "serve",
            "--data",
            str(self.data_dir),
            "--port",
            "0",
        ]
        command += ["--demo"] * self.demo + ["--test-hooks"] * self.test_hooks
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        start = len(self.log())
        deadline = time.monotonic() + timeout
        while "serving http" not in self.log()[start:]:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"The sandbox did not start:\n{self.log()[start:]}")
            time.sleep(0.05)
        self.connection = read_connection(self.data_dir)
        return self

    def log(self) -> str:
        """Everything the sandbox process printed and logged."""
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def __enter__(self) -> SandboxProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return self._connection().url

    @property
    def api_user(self) -> str:
        return self._connection().api_user

    @property
    def api_key(self) -> str:
        return self._connection().api_key

    def env(self) -> dict[str, str]:
        return self._connection().env()

    def session(self, **options: Any) -> Any:
        """A new ``ftrack_api.Session`` against this sandbox (no schema cache, no event hub)."""
        return client_session(self._connection(), **options)

    def stats(self) -> dict[str, Any]:
        return self._hook("get", "/sandbox/stats")

    def reset_stats(self) -> dict[str, Any]:
        return self._hook("post", "/sandbox/stats/reset")

    def set_faults(self, rules: list[dict[str, Any]]) -> dict[str, Any]:
        return self._hook("post", "/sandbox/faults", {"rules": rules})

    def clear_faults(self) -> dict[str, Any]:
        return self._hook("delete", "/sandbox/faults")

    def _hook(self, method: str, path: str, body: Any = None) -> Any:
        response = requests.request(
            method,
            self.url + path,
            json=body,
            timeout=30,
            headers={"ftrack-user": self.api_user, "ftrack-api-key": self.api_key},
        )
        response.raise_for_status()
        return response.json()

    def _connection(self) -> Connection:
        if self.connection is None:
            raise RuntimeError("The sandbox is not running.")
        return self.connection


def client_session(connection: Connection, **options: Any) -> Any:
    """A new ``ftrack_api.Session`` through ``connection`` (no schema cache, no event hub)."""
    import ftrack_api

    options.setdefault("schema_cache_path", False)
    options.setdefault("auto_connect_event_hub", False)
    return ftrack_api.Session(
        server_url=connection.url,
        api_user=connection.api_user,
        api_key=connection.api_key,
        **options,
    )
