"""Start-up time: ``ftpub --help`` against ``python -c pass``, side by side.

Each round runs both as fresh processes of the same Python, alternating which goes first, and
also ``ftpub --version`` and ``python -m ftpub.sandbox --help``. Prints the best and median
wall time of each and each command's median minus the baseline's (goal for ``--help``: at most
+0.3 s).

    python bench/startup_time.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = ("python -c pass", [sys.executable, "-c", "pass"])
FTPUB = Path(sys.executable).with_name("ftpub")
COMMANDS = [
    ("ftpub --help", [str(FTPUB), "--help"]),
    ("ftpub --version", [str(FTPUB), "--version"]),
    ("python -m ftpub.sandbox --help", [sys.executable, "-m", "ftpub.sandbox", "--help"]),
]
GOAL_SECONDS = 0.3


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    every = [BASELINE, *COMMANDS]
    times: dict[str, list[float]] = {name: [] for name, _ in every}
    for _name, command in every:
        _time(command)  # warm the file cache and the byte-code
    for round_number in range(args.rounds):
        order = every if round_number % 2 == 0 else list(reversed(every))
        for name, command in order:
            times[name].append(_time(command))
    baseline = statistics.median(times[BASELINE[0]])
    print(f"{'command':<34} {'best':>8} {'median':>8} {'vs baseline':>12}")
    for name, _ in every:
        median = statistics.median(times[name])
        print(f"{name:<34} {min(times[name]):8.3f} {median:8.3f} {median - baseline:+12.3f}")
    extra = statistics.median(times[COMMANDS[0][0]]) - baseline
    verdict = "within" if extra <= GOAL_SECONDS else "over"
    print(
        f"ftpub --help: {extra:+.3f} s over python -c pass ({verdict} the +{GOAL_SECONDS} s goal)"
    )


if __name__ == "__main__":
    main()
