"""Query text to :class:`~.nodes.Query`, with lark (LALR) and the grammar beside this module."""

from __future__ import annotations

import re
from functools import lru_cache

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken

from .nodes import (
    And,
    Comparison,
    Criteria,
    Membership,
    Not,
    Or,
    Ordering,
    Path,
    Query,
    Relation,
    Segment,
    Value,
)


class QuerySyntaxError(ValueError):
    """The query is malformed: its text breaks the grammar (the message names the position),
    or a clause cannot apply (``has`` on a scalar, a subquery selecting two attributes)."""


#: Operator spellings -> the canonical operator of :class:`~.nodes.Comparison`.
OPERATORS = {
    "is": "is", "=": "is",
    "is_not": "is_not", "!=": "is_not",
    ">": ">", "after": ">", "greater_than": ">",
    "<": "<", "before": "<", "less_than": "<",
    ">=": ">=", "<=": "<=",
    "like": "like", "not_like": "not_like",
}  # fmt: skip

_ESCAPED_QUOTE = re.compile(r"\\([\"'])")


@lru_cache(maxsize=4096)
def parse(expression: str) -> Query:
    """The query written in ``expression``; raises :class:`QuerySyntaxError`."""
    try:
        return _PARSER.parse(expression)
    except UnexpectedInput as error:
        raise QuerySyntaxError(_describe(error, expression)) from None


def _bare_value(word: str) -> Value:
    """An unquoted literal: ``None``/``null``, ``True``/``False``, or the word itself.

    Numbers stay text: the attribute they are compared with decides their type.
    """
    lowered = word.lower()
    if lowered in ("none", "null"):
        return None
    if lowered in ("true", "false"):
        return lowered == "true"
    return word


class _Build(Transformer):
    """Turns the parse tree into nodes, bottom-up, while the LALR parser runs."""

    def query(self, children: list) -> Query:
        projections, type_name, criteria, order_by, offset, limit = children
        return Query(
            type=str(type_name),
            projections=projections,
            criteria=criteria,
            order_by=order_by or (),
            offset=None if offset is None else int(offset),
            limit=None if limit is None else int(limit),
        )

    subquery = query

    def projections(self, children: list[Path | None]) -> tuple[Path, ...]:
        return tuple(path for path in children if path is not None)

    def order_by(self, children: list[Ordering]) -> tuple[Ordering, ...]:
        return tuple(children)

    def ordering(self, children: list) -> Ordering:
        path, direction = children
        return Ordering(path, direction is not None and direction.lower().startswith("desc"))

    def path(self, children: list[Segment]) -> Path:
        return Path(tuple(children))

    def segment(self, children: list[Token | None]) -> Segment:
        name, cast = children
        return Segment(str(name), None if cast is None else str(cast))

    def comparison(self, children: list) -> Comparison:
        path, operator, value = children
        return Comparison(path, OPERATORS[operator.lower()], value)

    def membership(self, children: list) -> Membership:
        path, operator, *values = children
        return Membership(path, operator.lower() == "not_in", tuple(values))

    def membership_subquery(self, children: list) -> Membership:
        path, operator, subquery = children
        return Membership(path, operator.lower() == "not_in", subquery)

    def relation(self, children: list) -> Relation:
        path, quantifier, criteria = children
        return Relation(path, quantifier.lower(), criteria)

    def negation(self, children: list[Criteria]) -> Not:
        return Not(children[0])

    def both(self, children: list[Criteria]) -> And:
        return And(tuple(_flatten(children, And)))

    def either(self, children: list[Criteria]) -> Or:
        return Or(tuple(_flatten(children, Or)))

    def quoted(self, children: list[Token]) -> str:
        return _ESCAPED_QUOTE.sub(r"\1", children[0][1:-1])

    def bare(self, children: list[Token]) -> Value:
        return _bare_value(str(children[0]))


def _flatten(children: list[Criteria], kind: type[And] | type[Or]) -> list[Criteria]:
    result: list[Criteria] = []
    for child in children:
        result.extend(child.operands if isinstance(child, kind) else [child])
    return result


def _describe(error: UnexpectedInput, expression: str) -> str:
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        position, problem = len(expression), "unexpected end of query"
    else:
        position = error.pos_in_stream
        found = str(error.token) if isinstance(error, UnexpectedToken) else expression[position]
        if found in ("'", '"'):
            problem = "unterminated string"
        else:
            problem = f"unexpected {found}" if found[0] in "'\"" else f'unexpected "{found}"'
    text = f"Syntax error in query at position {position}: {problem}"
    if "group by" in expression.lower():
        text += " (group by and count() are not supported)"
    return f"{text}. Query: {expression}".replace("{", "(").replace("}", ")")


_PARSER = Lark.open(
    "grammar.lark",
    rel_to=__file__,
    start="query",
    parser="lalr",
    maybe_placeholders=True,
    transformer=_Build(),
)
