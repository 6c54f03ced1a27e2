"""Keyset ("cursor") pagination over a total ordering.

A page is "the next N rows after this row's sort key", so rows inserted elsewhere never shift a
page the way an offset would. The sort key is read from the queryset's own ``order_by``, whose last
field must be unique (``id``); a nullable field must be ordered NULLS LAST, which the "after"
condition below assumes.
"""

import base64
import binascii
import json
import operator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, OrderBy, Q
from django.db.models.lookups import IsNull
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api.json_pages import RawJSON, read_page

CURSOR_PARAM = "cursor"
PAGE_SIZE_PARAM = "page_size"


@dataclass(frozen=True)
class SortKey:
    name: str
    descending: bool
    nullable: bool


def sort_keys(queryset) -> list[SortKey]:
    meta = queryset.model._meta
    never_null = _filtered_not_null(queryset)
    keys = []
    for item in queryset.query.order_by:
        if isinstance(item, str):
            item = F(item.lstrip("-")).desc() if item.startswith("-") else F(item).asc()
        if not isinstance(item, OrderBy) or not isinstance(item.expression, F):
            raise ImproperlyConfigured(f"keyset pagination needs plain field ordering, not {item!r}")
        name = "id" if item.expression.name == "pk" else item.expression.name
        nullable = meta.get_field(name).null and name not in never_null
        if nullable and not item.nulls_last:
            raise ImproperlyConfigured(f"keyset pagination needs nullable {name!r} ordered with nulls_last=True")
        keys.append(SortKey(name=name, descending=item.descending, nullable=nullable))
    if not keys or keys[-1].name != "id":
        raise ImproperlyConfigured("keyset pagination needs an ordering that ends with the unique id")
    return keys


def _filtered_not_null(queryset) -> set[str]:
    """Fields the queryset's own filter keeps non-null (``field__isnull=False`` at its top level)."""
    where = queryset.query.where
    if where.connector != "AND" or where.negated:
        return set()
    return {
        condition.lhs.target.name
        for condition in where.children
        if isinstance(condition, IsNull) and condition.rhs is False and hasattr(condition.lhs, "target")
    }


def after(keys: list[SortKey], values: list) -> Q:
    """Rows that sort strictly after the row whose key is ``values`` (NULLs last in each field)."""
    key, value, rest = keys[0], values[0], keys[1:]
    if value is None:
        # Only NULLs follow a NULL; among them the rest of the key decides.
        return Q(**{f"{key.name}__isnull": True}) & after(rest, values[1:])
    beyond = Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": value})
    if rest:
        # The bound repeats what the OR implies, but only a bound gives the index scan a place to
        # start: without it PostgreSQL reads the index from its first row and filters.
        bound = Q(**{f"{key.name}__{'lte' if key.descending else 'gte'}": value})
        beyond = bound & (beyond | (Q(**{key.name: value}) & after(rest, values[1:])))
    if key.nullable:
        beyond |= Q(**{f"{key.name}__isnull": True})
    return beyond


def before(keys: list[SortKey], values: list) -> Q:
    """Rows that sort strictly before the row whose key is ``values`` (NULLs last in each field)."""
    key, value, rest = keys[0], values[0], keys[1:]
    if value is None:
        # Every non-NULL precedes a NULL; among NULLs the rest of the key decides.
        return Q(**{f"{key.name}__isnull": False}) | (Q(**{f"{key.name}__isnull": True}) & before(rest, values[1:]))
    earlier = Q(**{f"{key.name}__{'gt' if key.descending else 'lt'}": value})
    if rest:
        # As in ``after``: the bound lets the index scan start at the cursor.
        bound = Q(**{f"{key.name}__{'gte' if key.descending else 'lte'}": value})
        earlier = bound & (earlier | (Q(**{key.name: value}) & before(rest, values[1:])))
    return earlier


@dataclass(frozen=True)
class Cursor:
    """A position in the order, and the way a page goes from it: after it (``next``) or before it."""

    position: list
    backward: bool = False


# The page a link without a cursor gives.
FIRST_PAGE = Cursor([])


class KeysetPagination(BasePagination):
    """Pages of ``page_size`` rows (default ``API_DEFAULT_PAGE_SIZE``, at most ``API_MAX_PAGE_SIZE``).

    The response is ``{"next": url-or-null, "previous": url-or-null, "results": [...]}``; the links
    carry opaque cursors. A page before a cursor is read in reverse order and turned round.
    """

    query_params = (CURSOR_PARAM, PAGE_SIZE_PARAM)

    def paginate_queryset(self, queryset, request, view=None, *, fetch=list):
        """The page's rows: ``fetch`` of the queryset sliced to the page, model instances by default,
        or dicts holding the sort key's fields (such as ``timeline.selectors.fact_rows``)."""
        queryset, keys, size = self._bounded(queryset, request)
        # One row more than the page tells whether a page follows it (in the reading order) without counting.
        rows = fetch(queryset[: size + 1])
        page = rows[:size]
        if self.cursor is not None and self.cursor.backward:
            page.reverse()

        def position(row):
            read = operator.itemgetter if isinstance(row, dict) else operator.attrgetter
            return [read(key.name)(row) for key in keys]

        self._set_links(
            first=position(page[0]) if page else None,
            last=position(page[-1]) if page else None,
            more=len(rows) > size,
        )
        return page

    def paginate_json(self, queryset, request, view=None, *, entry="fact") -> RawJSON:
        """The page's entries as JSON text built by PostgreSQL in one statement (see
        ``api.json_pages``); the same entries as ``paginate_queryset`` with ``fact_rows`` gives,
        shaped by ``serializers.fact_entry`` (``entry="quote"``: ``quote_entry``)."""
        queryset, keys, size = self._bounded(queryset, request)
        backward = self.cursor is not None and self.cursor.backward
        page = read_page(queryset, keys=keys, size=size, entry=entry, backward=backward)
        self._set_links(first=page.first_position, last=page.last_position, more=page.more)
        return page.entries

    def _bounded(self, queryset, request):
        """The queryset from the request's cursor on (in reverse order when it reads backward), its
        sort key, and the page size."""
        self.request = request
        keys = sort_keys(queryset)
        size = self._page_size(request)
        self.cursor = self._decode_cursor(request, queryset.model, keys)
        if self.cursor is not None and self.cursor.backward:
            queryset = queryset.filter(before(keys, self.cursor.position)).reverse()
        elif self.cursor is not None:
            queryset = queryset.filter(after(keys, self.cursor.position))
        return queryset, keys, size

    def _set_links(self, *, first: list | None, last: list | None, more: bool) -> None:
        """Where the links lead, from the page's first and last rows in the order (or, on an empty
        page, the cursor) and whether rows lie beyond the page in the way it was read."""
        cursor = self.cursor
        if cursor is not None and cursor.backward:
            # Read backward from a row that is after the page: a next page exists. With no row before
            # that one (deleted since), it is the first page's.
            self.next_cursor = Cursor(last) if last else FIRST_PAGE
            self.previous_cursor = Cursor(first, backward=True) if more else None
        else:
            self.next_cursor = Cursor(last) if more else None
            # The first page has nothing before it; a page after a cursor has at least that row.
            self.previous_cursor = Cursor(first or cursor.position, backward=True) if cursor is not None else None

    def get_paginated_response(self, data):
        return Response(
            {"next": self._link(self.next_cursor), "previous": self._link(self.previous_cursor), "results": data}
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last page.",
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The page before this one, or null on the first page.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": CURSOR_PARAM,
                "in": "query",
                "required": False,
                "description": "Opaque position from a page's `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": PAGE_SIZE_PARAM,
                "in": "query",
                "required": False,
                "description": f"Rows per page (default {settings.API_DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": settings.API_MAX_PAGE_SIZE},
            },
        ]

    def _page_size(self, request) -> int:
        raw = request.query_params.get(PAGE_SIZE_PARAM)
        if raw is None:
            return settings.API_DEFAULT_PAGE_SIZE
        if not raw.isdigit() or not 1 <= int(raw) <= settings.API_MAX_PAGE_SIZE:
            raise ValidationError(
                {PAGE_SIZE_PARAM: [f"Must be a whole number from 1 to {settings.API_MAX_PAGE_SIZE}."]}
            )
        return int(raw)

    def _decode_cursor(self, request, model, keys) -> Cursor | None:
        raw = request.query_params.get(CURSOR_PARAM)
        if raw is None:
            return None
        try:
            values = json.loads(base64.urlsafe_b64decode(raw.encode("ascii")))
            # A backward cursor is {"before": key}; a forward one is the key itself.
            backward = isinstance(values, dict) and list(values) == ["before"]
            if backward:
                values = values["before"]
            if not isinstance(values, list) or len(values) != len(keys):
                raise ValueError("wrong length")
            if any(value is None and not key.nullable for key, value in zip(keys, values, strict=True)):
                raise ValueError("null in a field that is never null")
            position = [
                None if value is None else model._meta.get_field(key.name).to_python(value)
                for key, value in zip(keys, values, strict=True)
            ]
            return Cursor(position, backward=backward)
        except (ValueError, TypeError, UnicodeEncodeError, binascii.Error, DjangoValidationError):
            raise ValidationError(
                {CURSOR_PARAM: ["Invalid cursor; use a `next` or `previous` link as given."]}
            ) from None

    def _link(self, cursor: Cursor | None) -> str | None:
        if cursor is None:
            return None
        if cursor is FIRST_PAGE:
            return remove_query_param(self.request.build_absolute_uri(), CURSOR_PARAM)
        values = [value.isoformat() if hasattr(value, "isoformat") else value for value in cursor.position]
        payload = {"before": values} if cursor.backward else values
        encoded = base64.urlsafe_b64encode(json.dumps(payload).encode("ascii")).decode("ascii")
        return replace_query_param(self.request.build_absolute_uri(), CURSOR_PARAM, encoded)
