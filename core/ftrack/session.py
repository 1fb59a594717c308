"""Opening the one ftrack session a publish uses, with errors an artist can act on."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import ftrack_api
import ftrack_api.exception
import platformdirs
import requests

from .calls import DEFAULT_POLICY, RetryPolicy, retried, server_exception

CREDENTIAL_VARIABLES = ("FTRACK_SERVER", "FTRACK_API_USER", "FTRACK_API_KEY")
#: The server exceptions that mean it refused the API user or key.
REFUSALS = ("InvalidCredentialsError", "PermissionError")

#: ftpub's own ftrack event plugins (its storage location), loaded by every ftpub session.
EVENT_PLUGINS = Path(__file__).with_name("event_plugins")


class SessionError(Exception):
    """ftrack cannot be reached or refuses the credentials; never contains the API key."""


def schema_cache_folder() -> Path:
    """Where sessions keep the server's schemas between runs."""
    folder = Path(platformdirs.user_cache_dir("ftpub")) / "ftrack"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_session(
    environ: Mapping[str, str] | None = None,
    timeout: float = 60,
    policy: RetryPolicy = DEFAULT_POLICY,
    sleep: Callable[[float], None] = time.sleep,
) -> ftrack_api.Session:
    """A session from ``FTRACK_SERVER``, ``FTRACK_API_USER`` and ``FTRACK_API_KEY``.

    The schema cache is on, and the event hub is connected only when something needs it.
    Event plugins come from ftpub (its storage location: one query at start) and from
    ``FTRACK_EVENT_PLUGIN_PATH``, so a studio's own location plugin applies here too.
    Transient failures while starting (5xx, dropped connections, timeouts) are retried.
    """
    environ = os.environ if environ is None else environ
    missing = [name for name in CREDENTIAL_VARIABLES if not environ.get(name)]
    if missing:
        raise SessionError(f"ftrack is not configured: set {', '.join(missing)}")
    server, user, key = (environ[name] for name in CREDENTIAL_VARIABLES)
    where = f"ftrack at {server} (user {user})"
    try:
        return retried(lambda: _session(server, user, key, environ, timeout), policy, sleep)
    except Exception as error:
        raise _session_error(error, where, key, timeout) from None


def _session(
    server: str, user: str, key: str, environ: Mapping[str, str], timeout: float
) -> ftrack_api.Session:
    return ftrack_api.Session(
        server_url=server,
        api_user=user,
        api_key=key,
        schema_cache_path=str(schema_cache_folder()),
        auto_connect_event_hub=False,
        plugin_paths=_plugin_paths(environ),
        timeout=timeout,
    )


def _session_error(error: Exception, where: str, key: str, timeout: float) -> SessionError:
    if isinstance(error, requests.exceptions.Timeout):
        return SessionError(f"{where} did not answer within {timeout:g} s")
    if isinstance(error, requests.exceptions.ConnectionError):
        return SessionError(f"cannot reach {where}: is the server address right and up?")
    text = str(error).replace(key, "***")
    if isinstance(error, ftrack_api.exception.ServerError):
        if server_exception(error) in REFUSALS:
            return SessionError(f"{where} refused the API key: {_content(text)}")
        return SessionError(f"{where} failed to start a session: {_content(text)}")
    return SessionError(f"cannot use {where}: {type(error).__name__}: {text}")


def _plugin_paths(environ: Mapping[str, str]) -> list[str]:
    studio = environ.get("FTRACK_EVENT_PLUGIN_PATH", "").split(os.pathsep)
    return [str(EVENT_PLUGINS), *(path for path in studio if path)]


def _content(text: str) -> str:
    """The server's own words from a client error ``Server reported error: Name(content)``."""
    _, _, rest = text.partition("Server reported error: ")
    return rest or text
