"""The ``ftpub`` command: one entry point, one module per group of sub-commands.

Adding a command group
    Write a module with ``register(subparsers)``: it adds its sub-commands to the
    ``argparse`` sub-parsers and sets ``func`` on each parser; ``func(args)`` returns the exit
    code. Declare the module in ``pyproject.toml`` and re-run ``pip install -e .``::

        [project.entry-points."ftpub.commands"]
        tasks = "ftpub.core.browse_cli"

    Every ``ftpub`` run imports every command module to build its help, so a command module
    imports only ``argparse`` and the standard library at the top, and everything heavy (the
    ftrack client, pyblish, the sandbox server) inside the functions that run the command.
    Groups are listed in the order of their entry-point names. A module that fails to import
    is named in a warning; the other commands still work.

Exit codes (every command)
    - 0: done (published, validated, listed).
    - 1: an internal error: a bug in ftpub; the last stderr line says where the crash report
      with the traceback is.
    - 2: ftpub could not start the work: a usage, config, manifest, credentials, server,
      ftrack-context or plugin-discovery problem.
    - 3: collection or validation refused the publish; nothing was published.
    - 4: the publish failed after validation and was rolled back.
    - 130: interrupted (Ctrl+C).

The last line on stderr is the one thing to read: short, without a traceback. ``--debug``
(or ``FTPUB_DEBUG=1``) prints tracebacks and technical detail on stderr as well.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from importlib import metadata

ENTRY_POINT_GROUP = "ftpub.commands"
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INVALID = 3
EXIT_FAILED = 4
EXIT_INTERRUPTED = 130


class _VersionAction(argparse.Action):
    """``--version``: looks the installed version up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print ftpub's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        try:
            version = metadata.version("ftpub")
        except metadata.PackageNotFoundError:
            version = "unknown (not installed)"
        print(f"ftpub {version}")
        parser.exit()


def command_modules() -> list[str]:
    """The modules that add ``ftpub``'s sub-commands, in the order of their entry points' names."""
    found = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)
    return [entry.value for entry in found]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ftpub", description="Publish to ftrack.")
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--debug",
        action="store_true",
        default=os.environ.get("FTPUB_DEBUG", "") not in ("", "0"),
        help="print tracebacks and technical detail on stderr too (or set FTPUB_DEBUG=1)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in command_modules():
        try:
            module = importlib.import_module(module_name)
        except Exception as error:  # one broken command module must not disable the others
            print(
                f"ftpub: warning: the commands of {module_name} are unavailable: "
                f"{type(error).__name__}: {error}",
                file=sys.stderr,
            )
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if not command_modules():
        print(
            f"ftpub: no commands are registered (entry point group {ENTRY_POINT_GROUP!r}); "
            "reinstall ftpub, e.g. pip install -e .",
            file=sys.stderr,
        )
        return EXIT_USAGE
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("ftpub: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: the traceback goes to a crash report, not the terminal
        from ftpub.core.report import shorten, write_crash_report

        if args.debug:
            traceback.print_exc()
        path = write_crash_report(error, list(sys.argv if argv is None else argv))
        what = shorten(f"{type(error).__name__}: {error}", 120)
        print(f"ftpub: internal error ({what}); crash report: {path}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
