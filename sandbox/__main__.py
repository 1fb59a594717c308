"""``python -m ftpub.sandbox serve|env``: the ``ftpub sandbox`` commands on their own."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .cli import add_commands


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ftpub.sandbox", description="The local ftrack-compatible sandbox server."
    )
    add_commands(parser)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
