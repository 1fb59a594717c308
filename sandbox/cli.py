"""``ftpub sandbox``: serve a local ftrack-compatible server, or print how to reach it.

Also ``python -m ftpub.sandbox`` (the same sub-commands). The server is imported only when a
command runs, so ``ftpub --help`` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from pathlib import Path

import platformdirs

from ftpub.core.cli import EXIT_USAGE

from .folder_lock import FolderInUseError, FolderLock


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``ftpub sandbox serve|env``."""
    parser = subparsers.add_parser("sandbox", help="the local ftrack-compatible sandbox server")
    add_commands(parser)


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Add ``serve`` and ``env`` under ``parser``."""
    commands = parser.add_subparsers(dest="sandbox_command", metavar="COMMAND")
    commands.required = True

    serve = commands.add_parser("serve", help="serve a sandbox in the foreground")
    data_option(serve)
    serve.add_argument(
        "--port",
        type=int,
        default=None,
        help="port to listen on (default: the sandbox's usual port; 0 picks a free one)",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--demo", action="store_true", help="add the demo project")
    serve.add_argument(
        "--test-hooks",
        action="store_true",
        help="enable fault injection (POST /sandbox/faults) for tests",
    )
    serve.set_defaults(func=_serve)

    env = commands.add_parser("env", help="print export lines pointing ftrack tools at it")
    data_option(env)
    env.set_defaults(func=_env)


def data_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--data``, the sandbox's data folder."""
    folder = Path(platformdirs.user_data_dir("ftpub")) / "sandbox"
    parser.add_argument("--data", type=Path, default=None, help=f"data folder (default {folder})")


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data folder ``--data`` names, or the default one, as an absolute path."""
    from .app import default_data_dir

    return (args.data or default_data_dir()).absolute()


def _serve(args: argparse.Namespace) -> int:
    from .app import DEFAULT_PORT, Sandbox, read_connection
    from .server import SandboxServer
    from .web.links import new_login_link

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    data_dir = data_dir_of(args)
    try:
        sandbox = Sandbox(data_dir)
    except FolderInUseError as error:
        print(f"ftpub sandbox: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.demo:
        sandbox.add_demo()
    port = DEFAULT_PORT if args.port is None else args.port
    try:
        server = SandboxServer(sandbox, args.host, port, test_hooks=args.test_hooks)
    except OSError as error:
        sandbox.close()
        print(
            f"ftpub sandbox: cannot listen on {args.host}:{port}: {error.strerror}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    connection = read_connection(data_dir)
    link = new_login_link(data_dir, server.url, connection.api_user)
    print(
        f"ftpub sandbox serving {server.url} (data: {data_dir}, user: "
        f"{connection.api_user}); point ftrack tools at it with:\n"
        f'  eval "$(ftpub sandbox env --data {shlex.quote(str(data_dir))})"\n'
        f"See the publishes in a browser (a one-time login link):\n  {link}",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sandbox.close()
    return 0


def is_serving(data_dir: Path) -> bool:
    """Whether a sandbox process has ``data_dir`` open (it holds the folder's lock)."""
    if not (data_dir / "sandbox.lock").exists():
        return False
    lock = FolderLock(data_dir / "sandbox.lock")
    try:
        lock.acquire()
    except FolderInUseError:
        return True
    lock.release()
    return False


def _env(args: argparse.Namespace) -> int:
    from .app import read_connection

    data_dir = data_dir_of(args)
    if not is_serving(data_dir):
        print(
            f"ftpub sandbox: no sandbox is running on {data_dir}; start one with "
            f"'ftpub sandbox serve --data {shlex.quote(str(data_dir))}'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        connection = read_connection(data_dir)
    except FileNotFoundError as error:
        print(f"ftpub sandbox: {error}", file=sys.stderr)
        return EXIT_USAGE
    for name, value in connection.env().items():
        print(f"export {name}={shlex.quote(value)}")
    return 0
