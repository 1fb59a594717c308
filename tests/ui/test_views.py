"""The window's views as they take a run's steps and results in batches."""

from __future__ import annotations

from typing import Any

from qtpy import QtCore, QtWidgets

from ftpub.core.publish_data import InstanceData
from ftpub.core.result import ErrorInfo, State, StepResult
from ftpub.core.ui.instances import InstanceList
from ftpub.core.ui.results import ResultsView
from ftpub.core.ui.tracker import VersionView
from ftpub.core.ui.versions import VersionCard, VersionsView


def _step(plugin: str, instance: str | None, ms: float, failed: bool = False) -> StepResult:
    error = ErrorInfo(f"{plugin} broke", f"{instance} is wrong", "trace") if failed else None
    state = State.FAILED if failed else State.SUCCESS
    return StepResult(plugin, plugin.lower(), 1.0, instance, state, ms, (), error)


def _rows(tree: QtWidgets.QTreeWidget) -> dict[str, list[str]]:
    rows = {}
    for index in range(tree.topLevelItemCount()):
        row = tree.topLevelItem(index)
        assert row is not None
        children = [row.child(i) for i in range(row.childCount())]
        rows[f"{row.text(0)} | {row.text(1)}"] = [c.text(0) for c in children if c is not None]
    return rows


def test_steps_added_in_batches_sit_under_their_plugins_and_the_first_failure_stays_current(
    qtbot: Any,
) -> None:
    view = ResultsView()
    qtbot.addWidget(view)
    view.add_steps(
        [_step("Names", "chair", 2), _step("Files", "chair", 3), _step("Names", "desk", 4)]
    )
    view.add_steps([_step("Files", "desk", 5, failed=True), _step("Names", "lamp", 1)])
    view.add_steps([_step("Files", "lamp", 1, failed=True)])
    assert _rows(view.tree) == {
        "Validate · names | 7 ms": ["chair", "desk", "lamp"],
        "Validate · files | 9 ms": ["chair", "desk", "lamp"],
    }
    files = view.tree.topLevelItem(1)
    assert files is not None and files.isExpanded()
    current = view.tree.currentItem()
    assert current is not None and current.text(0) == "desk"
    assert view.title.text() == "Files broke"
    assert view.description.text() == "desk is wrong"

    view.clear()
    view.add_steps([_step("Names", "chair", 2, failed=True)])
    current = view.tree.currentItem()
    assert current is not None and current.text(0) == "chair"


def test_instance_states_change_no_toggle(qtbot: Any) -> None:
    instances = InstanceList()
    qtbot.addWidget(instances)
    instances.set_instances(
        [InstanceData(name, "pointcache", name, "cache") for name in ("chair", "desk")]
    )
    changed: list[str] = []
    instances.itemChanged.connect(lambda item, column: changed.append(item.text(0)))
    instances.set_states({"chair": ("validated", "running"), "gone": ("failed", "failed")})
    assert (instances.state_of("chair"), instances.state_of("desk")) == ("validated", "ready")
    assert changed == []
    instances.set_checked("desk", False)
    assert instances.state_of("desk") == "skipped"
    assert instances.excluded() == {"desk"}


def _view(name: str) -> VersionView:
    return VersionView(f"id-{name}", name, 1, ("main",), f"http://ftrack/{name}", None, None)


def test_a_new_publish_replaces_the_version_cards(qtbot: Any) -> None:
    versions = VersionsView()
    qtbot.addWidget(versions)
    versions.show()
    versions.show_versions("2 versions published.", [_view("chair"), _view("desk")])
    assert [card.view.asset_name for card in versions.cards] == ["chair", "desk"]
    assert all(card.isVisible() for card in versions.cards)

    versions.show_versions("Published 1 version. Reading it back from ftrack…", [])
    assert versions.cards == []
    assert versions.summary.text().startswith("Published 1 version.")
    page = versions.widget()
    assert not [card for card in page.findChildren(VersionCard) if card.isVisible()]
    QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
    assert page.findChildren(VersionCard) == []

    versions.show_versions("1 version published.", [_view("lamp")])
    assert [card.view.asset_name for card in page.findChildren(VersionCard)] == ["lamp"]
    assert versions.cards[0].isVisible()
