"""``ftpub tasks`` and ``ftpub versions``: find a task id, see what was published and where."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from ftpub.core.cli import EXIT_OK, EXIT_USAGE
from ftpub.core.report import plural, shorten


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``tasks`` and ``versions``."""
    parser = subparsers.add_parser(
        "tasks", help="list ftrack tasks with their ids and paths (for a manifest's task_id)"
    )
    parser.add_argument("--project", help="only the tasks of this project")
    parser.add_argument("--json", action="store_true", help="one JSON list on stdout")
    parser.set_defaults(func=_tasks)

    parser = subparsers.add_parser(
        "versions", help="list published versions, newest first, with their component paths"
    )
    parser.add_argument("--task", help="only the versions of this task id")
    parser.add_argument("--asset", help="only the versions of assets of this name")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    parser.add_argument("--json", action="store_true", help="one JSON list on stdout")
    parser.set_defaults(func=_versions)


def _session_errors() -> tuple[type[Exception], ...]:
    import ftrack_api.exception

    from ftpub.core.browse import BrowseError
    from ftpub.core.ftrack.session import SessionError

    return (BrowseError, SessionError, ftrack_api.exception.ServerError)


def _run(args: argparse.Namespace, read: Any, show: Any) -> int:
    from ftpub.core.ftrack.session import open_session

    session = None
    try:
        session = open_session()
        rows = read(session)
    except _session_errors() as error:
        print(shorten(f"ftpub: {error}"), file=sys.stderr)
        return EXIT_USAGE
    finally:
        if session is not None:
            session.close()
    if args.json:
        print(json.dumps([dataclasses.asdict(row) for row in rows], indent=2))
    else:
        show(rows)
    return EXIT_OK


def _tasks(args: argparse.Namespace) -> int:
    from ftpub.core.browse import tasks

    def show(rows: list[Any]) -> None:
        for row in rows:
            print(f"{row.id}  {row.path}  ({row.type}, {row.status})")
        print(plural(len(rows), "task"), file=sys.stderr)

    return _run(args, lambda session: tasks(session, args.project), show)


def _versions(args: argparse.Namespace) -> int:
    from ftpub.core.browse import versions

    def show(rows: list[Any]) -> None:
        for row in rows:
            state = "" if row.published else "  (not published)"
            print(f"{row.asset} v{row.version:03d}  {row.id}  task {row.task_id}{state}")
            if row.comment:
                print(f"    comment: {row.comment}")
            for component in row.components:
                print(f"    {component.name:<20} {component.location:<16} {component.path}")
        print(plural(len(rows), "version"), file=sys.stderr)

    return _run(args, lambda session: versions(session, args.task, args.asset, args.limit), show)
