"""``ftpub events``: print the ftrack server's events as they arrive (a TD's debugging tool)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from typing import Any

EXIT_OK = 0
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("events", help="print ftrack events as they arrive")
    parser.add_argument(
        "--topic",
        default="*",
        help="the topics to show; a trailing * matches any ending, as in ftpub.* (default: all)",
    )
    parser.add_argument("--count", type=int, default=None, help="stop after this many events")
    parser.set_defaults(func=_events)


def format_event(event: Any) -> str:
    """One line per event: when it arrived, its topic, who sent it, and its data."""
    user = (event.get("source") or {}).get("user") or {}
    arrived = datetime.now().strftime("%H:%M:%S")
    data = json.dumps(event.get("data") or {}, sort_keys=True, default=str)
    return f"{arrived} {event['topic']} user={user.get('username', '?')} {data}"


def _events(args: argparse.Namespace) -> int:
    import ftrack_api.event.hub
    import ftrack_api.exception

    from ftpub.core.ftrack.session import CREDENTIAL_VARIABLES

    missing = [name for name in CREDENTIAL_VARIABLES if not os.environ.get(name)]
    if missing:
        print(f"ftpub events: ftrack is not configured: set {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    server, user, key = (os.environ[name] for name in CREDENTIAL_VARIABLES)
    hub = ftrack_api.event.hub.EventHub(server, user, key)
    try:
        hub.connect()
    except ftrack_api.exception.EventHubConnectionError:
        print(f"ftpub events: cannot reach the event hub of {server}", file=sys.stderr)
        return EXIT_USAGE
    shown = 0

    def show(event: Any) -> None:
        nonlocal shown
        shown += 1
        print(format_event(event), flush=True)

    hub.subscribe(f"topic={args.topic}", show)
    print(f"ftpub events: listening to {args.topic} on {server}", file=sys.stderr, flush=True)
    try:
        while args.count is None or shown < args.count:
            hub.wait(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        hub.disconnect()
    return EXIT_OK
