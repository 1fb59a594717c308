"""The parsed form of a query: small immutable nodes, free of any schema knowledge."""

from __future__ import annotations

from dataclasses import dataclass

#: A literal: its text (quoted or bare, numbers included), ``True``/``False``, or ``None``.
#: The attribute it is compared with decides how the text is read.
Value = str | bool | None


@dataclass(frozen=True)
class Segment:
    """One step of a path: an attribute name, optionally cast to a type (``parent[Project]``)."""

    name: str
    cast: str | None = None


@dataclass(frozen=True)
class Path:
    """A dotted attribute path such as ``asset.parent.name``."""

    segments: tuple[Segment, ...]

    def __str__(self) -> str:
        return ".".join(
            segment.name + (f"[{segment.cast}]" if segment.cast else "")
            for segment in self.segments
        )


@dataclass(frozen=True)
class Comparison:
    """``path operator value``.

    ``operator`` is canonical: ``is``, ``is_not``, ``<``, ``>``, ``<=``, ``>=``, ``like``,
    ``not_like`` (``=`` is ``is``, ``after`` is ``>``, and so on).
    """

    path: Path
    operator: str
    value: Value


@dataclass(frozen=True)
class Membership:
    """``path in (…)`` or ``path not_in (…)``, over literal values or a subquery's values."""

    path: Path
    negated: bool
    values: tuple[Value, ...] | Query


@dataclass(frozen=True)
class Relation:
    """``path has (…)`` or ``path any (…)``: some related entity satisfies ``criteria``.

    ``criteria`` is ``None`` for ``any ()``: some related entity exists.
    """

    path: Path
    quantifier: str
    criteria: Criteria | None


@dataclass(frozen=True)
class Not:
    operand: Criteria


@dataclass(frozen=True)
class And:
    operands: tuple[Criteria, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Criteria, ...]


Criteria = Comparison | Membership | Relation | Not | And | Or


@dataclass(frozen=True)
class Ordering:
    path: Path
    descending: bool = False


@dataclass(frozen=True)
class Query:
    """A whole query.

    ``projections`` is ``None`` when the query has no ``select`` clause (the type's default
    projections apply) and empty for ``select  from T`` (the primary key only).
    """

    type: str
    projections: tuple[Path, ...] | None = None
    criteria: Criteria | None = None
    order_by: tuple[Ordering, ...] = ()
    offset: int | None = None
    limit: int | None = None
