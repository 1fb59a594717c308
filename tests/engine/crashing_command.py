"""A command module whose only command has a bug, to test how ``ftpub`` reports one."""

from __future__ import annotations

import argparse


def _crash(args: argparse.Namespace) -> int:
    raise KeyError("frame_start")


def register(subparsers: argparse._SubParsersAction) -> None:
    subparsers.add_parser("crash", help="raise a KeyError").set_defaults(func=_crash)
