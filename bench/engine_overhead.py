"""Engine overhead: ftpub's runner against bare ``pyblish.util.publish``, side by side.

200 instances x 20 trivial InstancePlugins (plus one collector); each round runs both on a
fresh context, alternating which goes first. Prints the best and median time of each and the
ratio of the medians (goal: at most 1.2).

    python bench/engine_overhead.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import pyblish.api
import pyblish.util

from ftpub.core.result import Outcome
from ftpub.core.runner import run

INSTANCES = 200
PLUGINS = 20


class CollectMany(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context: pyblish.api.Context) -> None:
        for index in range(INSTANCES):
            context.create_instance(f"instance_{index:03d}", family="model")


def _trivial(index: int) -> type[pyblish.api.InstancePlugin]:
    def process(self: pyblish.api.InstancePlugin, instance: pyblish.api.Instance) -> None:
        instance.data[self.key] = True

    order = pyblish.api.ValidatorOrder + (index % 3) + index / 100
    attributes = {"order": order, "key": f"done_{index}", "process": process}
    return type(f"Trivial{index:02d}", (pyblish.api.InstancePlugin,), attributes)


PLUGIN_SET = [CollectMany, *(_trivial(index) for index in range(PLUGINS))]


def bare_pyblish() -> None:
    context = pyblish.util.publish(pyblish.api.Context(), plugins=PLUGIN_SET)
    assert len(context.data["results"]) == 1 + INSTANCES * PLUGINS


def ftpub_runner() -> None:
    result = run(PLUGIN_SET, pyblish.api.Context())
    assert result.outcome is Outcome.PUBLISHED
    assert len(result.steps) == 1 + INSTANCES * PLUGINS


def _timed(function: Callable[[], None]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    times: dict[str, list[float]] = {"pyblish.util.publish": [], "ftpub runner": []}
    functions = {"pyblish.util.publish": bare_pyblish, "ftpub runner": ftpub_runner}
    for function in functions.values():
        function()
    for round_index in range(rounds):
        order = list(functions) if round_index % 2 == 0 else list(reversed(functions))
        for name in order:
            times[name].append(_timed(functions[name]))
    print(f"{INSTANCES} instances x {PLUGINS} plugins, {rounds} rounds each")
    for name, values in times.items():
        best, median = min(values) * 1000, statistics.median(values) * 1000
        print(f"  {name:<22} best {best:8.1f} ms   median {median:8.1f} ms")
    ratio = statistics.median(times["ftpub runner"]) / statistics.median(
        times["pyblish.util.publish"]
    )
    print(f"  overhead ratio (ftpub / pyblish, medians): {ratio:.2f}x  (goal <= 1.20x)")


if __name__ == "__main__":
    main()
