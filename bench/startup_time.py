"""Start-up time: ``ftpub --help`` against ``python -c pass``, side by side.

Each round runs both as fresh processes of the same Python, alternating which goes first, and
also ``ftpub --version`` and ``python -m ftpub.sandbox --help``. Prints the best and median
wall time of each, its median CPU time (user + system: steadier than wall time on a busy
machine), and each command's medians minus the baseline's (goal for ``--help``: at most
+0.3 s).

    python bench/startup_time.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
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


def _time(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    every = [BASELINE, *COMMANDS]
    times: dict[str, list[float]] = {name: [] for name, _ in every}
    cpu: dict[str, list[float]] = {name: [] for name, _ in every}
    for _name, command in every:
        _time(command)  # warm the file cache and the byte-code
    for round_number in range(args.rounds):
        order = every if round_number % 2 == 0 else list(reversed(every))
        for name, command in order:
            wall, used = _time(command)
            times[name].append(wall)
            cpu[name].append(used)
    baseline = statistics.median(times[BASELINE[0]])
    baseline_cpu = statistics.median(cpu[BASELINE[0]])
    print(f"{'command':<32} {'best':>7} {'median':>7} {'vs base':>8} {'cpu':>7} {'vs base':>8}")
    for name, _ in every:
        median, used = statistics.median(times[name]), statistics.median(cpu[name])
        print(
            f"{name:<32} {min(times[name]):7.3f} {median:7.3f} {median - baseline:+8.3f}"
            f" {used:7.3f} {used - baseline_cpu:+8.3f}"
        )
    extra = statistics.median(times[COMMANDS[0][0]]) - baseline
    extra_cpu = statistics.median(cpu[COMMANDS[0][0]]) - baseline_cpu
    verdict = "within" if extra <= GOAL_SECONDS else "over"
    print(
        f"ftpub --help: {extra:+.3f} s wall, {extra_cpu:+.3f} s CPU over python -c pass "
        f"({verdict} the +{GOAL_SECONDS} s goal by wall time)"
    )


if __name__ == "__main__":
    main()
