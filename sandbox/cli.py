"""``ftpub sandbox``: serve a local ftrack-compatible server, or print how to reach it."""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from pathlib import Path

from .app import DEFAULT_PORT, Sandbox, default_data_dir, read_connection
from .folder_lock import FolderInUseError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sandbox", help="the local ftrack-compatible sandbox server")
    commands = parser.add_subparsers(dest="sandbox_command", metavar="COMMAND")
    commands.required = True

    serve = commands.add_parser("serve", help="serve a sandbox in the foreground")
    _data_option(serve)
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one)",
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
    _data_option(env)
    env.set_defaults(func=_env)


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=None, help=f"data folder (default {default_data_dir()})"
    )


def _serve(args: argparse.Namespace) -> int:
    from .server import SandboxServer

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    data_dir = args.data or default_data_dir()
    try:
        sandbox = Sandbox(data_dir)
    except FolderInUseError as error:
        print(f"ftpub sandbox: {error}", file=sys.stderr)
        return 1
    if args.demo:
        sandbox.add_demo()
    try:
        server = SandboxServer(sandbox, args.host, args.port, test_hooks=args.test_hooks)
    except OSError as error:
        sandbox.close()
        print(
            f"ftpub sandbox: cannot listen on {args.host}:{args.port}: {error.strerror}",
            file=sys.stderr,
        )
        return 1
    connection = read_connection(data_dir)
    print(
        f"ftpub sandbox serving {server.url} (data: {data_dir}, user: "
        f"{connection.api_user}); point ftrack tools at it with:\n"
        f'  eval "$(ftpub sandbox env --data {shlex.quote(str(data_dir))})"',
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


def _env(args: argparse.Namespace) -> int:
    data_dir = args.data or default_data_dir()
    try:
        connection = read_connection(data_dir)
    except FileNotFoundError as error:
        print(f"ftpub sandbox: {error}", file=sys.stderr)
        return 1
    for name, value in connection.env().items():
        print(f"export {name}={shlex.quote(value)}")
    return 0
