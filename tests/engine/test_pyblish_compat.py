"""pyblish idioms through ``pyblish.util.publish`` and through ftpub's runner: they agree, or
differ only as the README's "Coming from pyblish" says."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pyblish.api
import pyblish.plugin
import pytest

from ftpub.core.result import Outcome, Stage
from ftpub.core.runner import Run, toggle_instance
from tests.engine.pyblish_twins import Registry, processed, through_ftpub, through_pyblish


@pytest.fixture
def registry() -> Iterator[Registry]:
    registry = Registry()
    yield registry
    registry.undo()


def _plain_publish() -> list[type[pyblish.api.Plugin]]:
    """Families matching (all three algorithms), targets, ``active``, ``optional``, the
    ``publish = False`` toggle, fractional orders, an old-style plugin and ``self.log``."""

    class CollectScene(pyblish.api.ContextPlugin):
        order = pyblish.api.CollectorOrder

        def process(self, context: pyblish.api.Context) -> None:
            self.log.info("collecting")
            context.create_instance("hero", family="model")
            context.create_instance("sh010", family="render", families=["review"])
            context.create_instance("off", family="model", publish=False)
            context.create_instance("cam", family="camera")

    class CollectLayers(pyblish.api.InstancePlugin):
        order = pyblish.api.CollectorOrder + 0.1
        families = ["render"]

        def process(self, instance: pyblish.api.Instance) -> None:
            instance.data["layers"] = ["beauty"]

    class ValidateModel(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder
        families = ["model"]

        def process(self, instance: pyblish.api.Instance) -> None:
            self.log.debug("checking %s", instance.name)

    class ValidateReview(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder + 0.1
        families = ["render", "review"]
        match = pyblish.api.Subset

        def process(self, instance: pyblish.api.Instance) -> None:
            self.log.warning("%s has %s", instance.name, instance.data["layers"])

    class ValidateCamera(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder + 0.2
        families = ["camera"]
        match = pyblish.api.Exact

        def process(self, instance: pyblish.api.Instance) -> None:
            pass

    class ValidateInactive(pyblish.api.ContextPlugin):
        order = pyblish.api.ValidatorOrder
        active = False

        def process(self, context: pyblish.api.Context) -> None:
            raise AssertionError("inactive plugins never run")

    class ValidateOptional(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder + 0.3
        optional = True
        families = ["model", "camera"]

        def process(self, instance: pyblish.api.Instance) -> None:
            pass

    class ValidateOldStyle(pyblish.api.Validator):
        families = ["model"]

        def process(self, context: pyblish.api.Context, instance: pyblish.api.Instance) -> None:
            assert instance in context

    class ExtractLocal(pyblish.api.InstancePlugin):
        order = pyblish.api.ExtractorOrder
        targets = ["local"]

        def process(self, instance: pyblish.api.Instance) -> None:
            raise AssertionError("not a requested target")

    class ExtractSummary(pyblish.api.ContextPlugin):
        order = pyblish.api.ExtractorOrder - 0.3

        def process(self, context: pyblish.api.Context) -> None:
            context.data["names"] = sorted(instance.name for instance in context)

    class ExtractAll(pyblish.api.InstancePlugin):
        order = pyblish.api.ExtractorOrder + 0.25

        def process(self, instance: pyblish.api.Instance) -> None:
            self.log.info("extracting %s", instance.name)

    class IntegrateChecked(pyblish.api.ContextPlugin):
        """The integrator idiom: look at every earlier result before publishing."""

        order = pyblish.api.IntegratorOrder

        def process(self, context: pyblish.api.Context) -> None:
            results = context.data["results"]
            if any(result["error"] for result in results):
                raise RuntimeError("an earlier plugin failed")
            context.data["seen"] = [result["plugin"].__name__ for result in results]

    return [
        CollectScene,
        CollectLayers,
        ValidateModel,
        ValidateInactive,
        ValidateReview,
        ValidateCamera,
        ValidateOptional,
        ValidateOldStyle,
        ExtractSummary,
        ExtractLocal,
        ExtractAll,
        IntegrateChecked,
    ]


def test_plain_plugins_process_the_same_steps_with_the_same_records() -> None:
    plugins = _plain_publish()
    pyblish_context = through_pyblish(plugins)
    ftpub_context, result = through_ftpub(plugins)
    assert result.outcome is Outcome.PUBLISHED
    assert processed(ftpub_context) == processed(pyblish_context)
    assert ("ValidateReview", "sh010", True) in processed(ftpub_context)
    assert ("ValidateOldStyle", "hero", True) in processed(ftpub_context)
    assert all(name != "off" for _, name, _ in processed(ftpub_context))

    def messages(context: pyblish.api.Context) -> list[list[tuple[str, str, str]]]:
        return [
            [(r.name, r.levelname, r.getMessage()) for r in result["records"]]
            for result in context.data["results"]
        ]

    assert messages(ftpub_context) == messages(pyblish_context)
    assert ("pyblish.ValidateModel", "DEBUG", "checking hero") in messages(ftpub_context)[2]
    for key in ("names", "seen"):
        assert ftpub_context.data[key] == pyblish_context.data[key]


def _failing_validation() -> list[type[pyblish.api.Plugin]]:
    class CollectNames(pyblish.api.ContextPlugin):
        order = pyblish.api.CollectorOrder

        def process(self, context: pyblish.api.Context) -> None:
            for name in ("good", "bad_a", "bad_b"):
                context.create_instance(name, family="model")

    class SelectInvalid(pyblish.api.Action):
        """The canonical "select invalid" Action."""

        label = "Select invalid"
        on = "failed"

        def process(self, context: pyblish.api.Context, plugin: type) -> None:
            failed = [
                result["instance"]
                for result in context.data["results"]
                if result["error"] and result["plugin"] == plugin
            ]
            context.data["selected"] = [instance.name for instance in failed]

    class ValidateNames(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder
        actions = [SelectInvalid]

        def process(self, instance: pyblish.api.Instance) -> None:
            if instance.name.startswith("bad"):
                raise ValueError(f"{instance.name} is not a valid name")

    class ExtractNothing(pyblish.api.InstancePlugin):
        order = pyblish.api.ExtractorOrder

        def process(self, instance: pyblish.api.Instance) -> None:
            raise AssertionError("validation failed: nothing is extracted")

    return [CollectNames, ValidateNames, ExtractNothing]


def test_results_have_pyblishs_shape_and_a_select_invalid_action_reads_them() -> None:
    plugins = _failing_validation()
    pyblish_context = through_pyblish(plugins)
    ftpub_context, result = through_ftpub(plugins)
    assert result.outcome is Outcome.INVALID
    assert processed(ftpub_context) == processed(pyblish_context)
    for ours, theirs in zip(
        ftpub_context.data["results"], pyblish_context.data["results"], strict=True
    ):
        assert set(ours) == set(theirs)
        assert ours["context"] is ftpub_context
        assert (ours["action"], type(ours["duration"])) == (None, float)
        assert all(isinstance(record, logging.LogRecord) for record in ours["records"])
        if theirs["error"] is not None:
            assert type(ours["error"]) is type(theirs["error"])
            assert str(ours["error"]) == str(theirs["error"])
            assert ours["error"].traceback[2:] == theirs["error"].traceback[2:]
            assert "ValueError: bad_" in ours["error"].formatted_traceback
    validator = plugins[1]
    [action] = validator.actions
    for context in (pyblish_context, ftpub_context):
        pyblish.plugin.process(validator, context, None, action.id)
        assert context.data["selected"] == ["bad_a", "bad_b"]


def test_a_collector_with_families_runs_before_any_instance_exists() -> None:
    class CollectRenders(pyblish.api.ContextPlugin):
        order = pyblish.api.CollectorOrder
        families = ["render"]

        def process(self, context: pyblish.api.Context) -> None:
            context.create_instance("beauty", family="render")

    class ValidateRender(pyblish.api.InstancePlugin):
        order = pyblish.api.ValidatorOrder
        families = ["render"]

        def process(self, instance: pyblish.api.Instance) -> None:
            pass

    expected = [("CollectRenders", None, True), ("ValidateRender", "beauty", True)]
    assert processed(through_pyblish([CollectRenders, ValidateRender])) == expected
    ftpub_context, _ = through_ftpub([CollectRenders, ValidateRender])
    assert processed(ftpub_context) == expected


def _listen(registry: Registry) -> list[tuple[object, ...]]:
    """Every signal pyblish's tools listen to, in the order it arrives."""
    events: list[tuple[object, ...]] = []

    def on_processed(result: dict) -> None:
        events.append(("pluginProcessed", result["plugin"].__name__, result["success"]))

    def on_failed(
        plugin: type, context: pyblish.api.Context, instance: pyblish.api.Instance, error: Exception
    ) -> None:
        events.append(("pluginFailed", plugin.__name__, instance.name, str(error)))

    registry.callback("pluginProcessed", on_processed)
    registry.callback("pluginFailed", on_failed)
    for signal in ("validated", "published"):
        registry.callback(signal, lambda context, signal=signal: events.append((signal,)))
    return events


@pytest.mark.parametrize("plugins", [_plain_publish, _failing_validation])
def test_signals_fire_at_pyblishs_moments_and_ftpub_adds_validated(
    registry: Registry, plugins: type
) -> None:
    events = _listen(registry)
    chosen = plugins()
    through_pyblish(chosen)
    pyblish_events = list(events)
    events.clear()
    through_ftpub(chosen)
    assert [event for event in events if event != ("validated",)] == pyblish_events
    assert pyblish_events[-1] == ("published",)
    assert events.count(("validated",)) == 1
    validated = events.index(("validated",))
    names = {plugin.__name__: Stage.of(plugin.order) for plugin in chosen}
    assert all(names[event[1]] <= Stage.VALIDATE for event in events[:validated])
    later = [event[1] for event in events[validated + 1 : -1] if event[0] == "pluginProcessed"]
    assert all(names[name] >= Stage.EXTRACT for name in later)


def test_validate_only_says_validated_not_published(registry: Registry) -> None:
    events = _listen(registry)
    through_ftpub(_plain_publish(), last_stage=Stage.VALIDATE)
    assert [event for event in events if len(event) == 1] == [("validated",)]


def test_a_stopped_run_says_neither_validated_nor_published(registry: Registry) -> None:
    events = _listen(registry)
    current = Run(_plain_publish(), pyblish.api.Context())
    current.step()
    current.stop()
    assert current.step() is None
    assert [event for event in events if len(event) == 1] == []


def test_toggling_an_instance_says_instance_toggled_like_pyblishs_windows(
    registry: Registry,
) -> None:
    toggles: list[tuple[str, bool, bool]] = []

    def on_toggled(instance: pyblish.api.Instance, new_value: bool, old_value: bool) -> None:
        toggles.append((instance.name, new_value, old_value))

    registry.callback("instanceToggled", on_toggled)
    current = Run(_plain_publish(), pyblish.api.Context())
    assert current.step().plugin == "CollectScene"
    hero = next(instance for instance in current.context if instance.name == "hero")
    toggle_instance(hero, False)
    toggle_instance(hero, False)
    while current.step() is not None:
        pass
    assert toggles == [("hero", False, True)]
    assert "hero" not in {step.instance for step in current.steps if step.stage > Stage.COLLECT}


# What ftpub does differently, as the README says.


def _writer(name: str, order: float, fail_on: str = "") -> type[pyblish.api.InstancePlugin]:
    def process(self: pyblish.api.InstancePlugin, instance: pyblish.api.Instance) -> None:
        if instance.name == fail_on:
            raise RuntimeError(f"{name} cannot handle {instance.name}")

    return type(name, (pyblish.api.InstancePlugin,), {"order": order, "process": process})


class CollectTwo(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context: pyblish.api.Context) -> None:
        context.create_instance("a", family="model")
        context.create_instance("b", family="model")


def _names(context: pyblish.api.Context) -> list[tuple[str, str | None]]:
    return [(plugin, instance) for plugin, instance, _ in processed(context)]


def test_a_collection_failure_stops_ftpub_before_extraction_where_pyblish_goes_on() -> None:
    plugins = [
        CollectTwo,
        _writer("CollectDetail", pyblish.api.CollectorOrder + 0.1, fail_on="b"),
        _writer("ValidateAll", pyblish.api.ValidatorOrder),
        _writer("ExtractAll", pyblish.api.ExtractorOrder),
    ]
    assert ("ExtractAll", "b") in _names(through_pyblish(plugins))
    ftpub_context, result = through_ftpub(plugins)
    assert result.outcome is Outcome.INVALID
    assert _names(ftpub_context) == [
        ("CollectTwo", None),
        ("CollectDetail", "a"),
        ("CollectDetail", "b"),
        ("ValidateAll", "a"),
    ]


def test_an_extraction_failure_stops_ftpub_where_pyblish_still_integrates() -> None:
    plugins = [
        CollectTwo,
        _writer("ExtractAll", pyblish.api.ExtractorOrder, fail_on="a"),
        _writer("IntegrateAll", pyblish.api.IntegratorOrder),
    ]
    pyblish_names = _names(through_pyblish(plugins))
    assert ("ExtractAll", "b") in pyblish_names
    assert ("IntegrateAll", "a") in pyblish_names
    ftpub_context, result = through_ftpub(plugins)
    assert result.outcome is Outcome.FAILED
    assert _names(ftpub_context) == [("CollectTwo", None), ("ExtractAll", "a")]


def test_after_collection_ftpub_runs_a_context_plugin_only_for_its_families() -> None:
    class ExtractRenders(pyblish.api.ContextPlugin):
        order = pyblish.api.ExtractorOrder
        families = ["render"]

        def process(self, context: pyblish.api.Context) -> None:
            pass

    assert ("ExtractRenders", None) in _names(through_pyblish([CollectTwo, ExtractRenders]))
    ftpub_context, _ = through_ftpub([CollectTwo, ExtractRenders])
    assert _names(ftpub_context) == [("CollectTwo", None)]


def test_registered_targets_add_to_the_requested_ones_in_ftpub(registry: Registry) -> None:
    studio = _writer("ExtractForStudio", pyblish.api.ExtractorOrder)
    studio.targets = ["studio"]
    registry.target("studio")
    assert ("ExtractForStudio", "a") in _names(through_pyblish([CollectTwo, studio]))
    assert ("ExtractForStudio", "a") not in _names(
        through_pyblish([CollectTwo, studio], targets=["default"])
    )
    ftpub_context, _ = through_ftpub([CollectTwo, studio], targets=("default",))
    assert ("ExtractForStudio", "a") in _names(ftpub_context)
