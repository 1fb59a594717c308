"""Path templates: the default layout, sequences, safe values and template errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftpub.core.config import DEFAULT_PATH_TEMPLATE
from ftpub.core.files.template import (
    FIELD_NAMES,
    PathFields,
    TemplateError,
    members,
    render_path,
    sanitise,
)
from ftpub.core.publish_data import Representation

ROOT = Path("/mnt/publish")


def fields(**changes: object) -> PathFields:
    values: dict[str, object] = {
        "project": "demo",
        "parents": ("seq010", "sh010"),
        "asset_type": "geo",
        "asset": "chair",
        "version": 7,
        "representation": "abc",
        "ext": "abc",
        "task": "model",
    }
    values.update(changes)
    return PathFields(**values)  # type: ignore[arg-type]


def test_default_template_lays_out_project_parents_asset_and_version() -> None:
    path = render_path(DEFAULT_PATH_TEMPLATE, fields(), ROOT)

    assert path == ROOT / "demo/seq010/sh010/publish/geo/chair/v007/chair_v007_abc.abc"


def test_two_representations_with_one_extension_get_different_names() -> None:
    main = render_path(DEFAULT_PATH_TEMPLATE, fields(representation="main", ext="exr"), ROOT)
    beauty = render_path(DEFAULT_PATH_TEMPLATE, fields(representation="beauty", ext="exr"), ROOT)

    assert main.parent == beauty.parent
    assert main.name == "chair_v007_main.exr"
    assert beauty.name == "chair_v007_beauty.exr"


def test_no_parents_leaves_no_empty_folder() -> None:
    path = render_path(DEFAULT_PATH_TEMPLATE, fields(parents=()), ROOT)

    assert path == ROOT / "demo/publish/geo/chair/v007/chair_v007_abc.abc"


def test_sequence_gets_the_source_frame_token_before_the_extension() -> None:
    plate = Representation("exr", Path("/stage/plate.%05d.exr"), frames=(1001, 1002))

    path = render_path(DEFAULT_PATH_TEMPLATE, fields(representation="exr", ext="exr"), ROOT, plate)

    assert path.name == "chair_v007_exr.%05d.exr"
    assert members(path, plate.frames) == {
        1001: path.with_name("chair_v007_exr.01001.exr"),
        1002: path.with_name("chair_v007_exr.01002.exr"),
    }


def test_unpadded_sequence_keeps_an_unpadded_token() -> None:
    plate = Representation("exr", Path("/stage/plate.%d.exr"), frames=(9, 10))

    path = render_path("{asset}.{ext}", fields(ext="exr"), ROOT, plate)

    assert path == ROOT / "chair.%d.exr"
    assert members(path, [9, 10]) == {9: ROOT / "chair.9.exr", 10: ROOT / "chair.10.exr"}


def test_single_file_representation_has_no_frame_token() -> None:
    cache = Representation("abc", Path("/stage/chair.abc"))

    assert render_path("{asset}.{ext}", fields(), ROOT, cache) == ROOT / "chair.abc"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a/b", "a_b"),
        ("a\\b", "a_b"),
        ("..", "__"),
        (".", "_"),
        ("tab\there", "tab_here"),
        ("new\nline\x00", "new_line_"),
        ("50%", "50_"),
        ("  padded ", "padded"),
        ("a..b", "a..b"),
        ("sh010_v2", "sh010_v2"),
    ],
)
def test_sanitise(value: str, expected: str) -> None:
    assert sanitise(value) == expected


def test_values_cannot_add_folders_or_climb_out() -> None:
    path = render_path(
        DEFAULT_PATH_TEMPLATE,
        fields(project="../../etc", parents=("..", "sh/010"), asset="a\x00/b"),
        ROOT,
    )

    assert path == ROOT / ".._.._etc/__/sh_010/publish/geo/a__b/v007/a__b_v007_abc.abc"


def test_unknown_field_is_named_with_the_available_ones() -> None:
    with pytest.raises(TemplateError) as raised:
        render_path("{project}/{shot}/{asset}.{ext}", fields(), ROOT)

    message = str(raised.value)
    assert "'shot'" in message
    assert all(name in message for name in FIELD_NAMES)


@pytest.mark.parametrize("template", ["{asset.__class__}", "{parents[0]}", "{}", "{0}"])
def test_attribute_index_and_positional_fields_are_unknown(template: str) -> None:
    with pytest.raises(TemplateError, match="unknown field"):
        render_path(template, fields(), ROOT)


def test_bad_format_spec_names_the_field() -> None:
    with pytest.raises(TemplateError, match=r"field 'asset' has a bad format spec '03d'"):
        render_path("{asset:03d}.{ext}", fields(), ROOT)


def test_unbalanced_braces_are_a_template_error() -> None:
    with pytest.raises(TemplateError, match="not valid"):
        render_path("{asset", fields(), ROOT)


def test_conversion_is_refused() -> None:
    with pytest.raises(TemplateError, match="conversion"):
        render_path("{asset!r}", fields(), ROOT)


def test_empty_value_is_refused() -> None:
    with pytest.raises(TemplateError, match="field 'task' is empty"):
        render_path("{task}/{asset}.{ext}", fields(task=""), ROOT)


@pytest.mark.parametrize("template", ["../{asset}.{ext}", "{project}/../../{asset}.{ext}", "."])
def test_path_outside_the_root_is_refused(template: str) -> None:
    with pytest.raises(TemplateError, match="outside the publish root"):
        render_path(template, fields(), ROOT)


def test_absolute_template_is_refused() -> None:
    with pytest.raises(TemplateError, match="relative"):
        render_path("/etc/{asset}.{ext}", fields(), ROOT)


def test_climbing_that_stays_inside_the_root_is_allowed() -> None:
    path = render_path("{project}/x/../{asset}.{ext}", fields(), ROOT)

    assert path == ROOT / "demo/chair.abc"
