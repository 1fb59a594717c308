"""``ftpub startup HOST [--json | --batch]``: the environment a launcher sets to load ftpub into a
DCC, or (``--batch``) the script the DCC runs headless to publish a scene.

Each host says what it needs through its ``ftpub.hosts`` entry (``HostEntry.environment``);
this command knows no host. Each line is ``NAME=PATHS``: the launcher (ftrack Connect, a
studio wrapper) puts ``PATHS`` before the variable's current value. Nothing is copied into a
DCC's install or preferences.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pluggy

DESCRIPTION = (
    "Print the environment a launcher (ftrack Connect, a studio wrapper) sets to load ftpub "
    "into a DCC, one NAME=PATHS line each: put PATHS before the variable's current value. "
    "Nothing is copied into the DCC's install or preferences."
)

EXIT_OK = 0
EXIT_USAGE = 2


def startup_environment(host: str, hooks: pluggy.PluginManager | None = None) -> dict[str, str]:
    """The variables for ``host``, each value its paths joined with ``os.pathsep``."""
    from ftpub.core.host import HostError
    from ftpub.core.host_registry import find_host

    entry = find_host(host, hooks)
    if entry.environment is None:
        raise HostError(f"the {host} host is not launched as an application: nothing to set")
    return {name: os.pathsep.join(paths) for name, paths in entry.environment().items()}


def batch_script(host: str, hooks: pluggy.PluginManager | None = None) -> Path:
    """The script ``host`` runs headless to publish a scene (``nuke -t SCRIPT SCENE``)."""
    from ftpub.core.host import HostError
    from ftpub.core.host_registry import find_host

    entry = find_host(host, hooks)
    if entry.batch is None:
        raise HostError(f"the {host} host has no batch script")
    return entry.batch


def _startup(args: argparse.Namespace) -> int:
    from ftpub.core.hooks import HookLoadError
    from ftpub.core.host import HostError

    try:
        if args.batch:
            print(batch_script(args.host))
            return EXIT_OK
        environment = startup_environment(args.host)
    except (HostError, HookLoadError) as error:
        print(f"ftpub: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(environment, indent=2))
    else:
        for name, value in environment.items():
            print(f"{name}={value}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "startup",
        help="print the environment that loads ftpub into a DCC (maya, nuke, houdini)",
        description=DESCRIPTION,
    )
    parser.add_argument("host", help="the DCC: maya, nuke, houdini (any installed host)")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    parser.add_argument(
        "--batch", action="store_true", help="print the script that publishes a scene headless"
    )
    parser.set_defaults(func=_startup)
