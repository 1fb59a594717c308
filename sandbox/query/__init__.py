"""ftrack's query language: parse an expression, evaluate it over a graph, project results.

The pipeline: :func:`parse` (text to :class:`Query`), then :func:`execute` (criteria compiled
to predicates, rows scanned, ordered, paged, and encoded for the wire). :func:`run_query` does
both.
"""

from .execute import QueryPage, execute, run_query
from .nodes import Query
from .parser import QuerySyntaxError, parse

__all__ = ["Query", "QueryPage", "QuerySyntaxError", "execute", "parse", "run_query"]
