"""Query parameters of the list endpoints: validated by serializers, applied by the selectors.

A parameter an endpoint does not know is refused (400) rather than ignored, so a misspelt filter
does not silently return everything.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from timeline.models import ActorKind, FactType

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class TimeWindow:
    """What a date at some precision covers: "2019-04" is [2019-04-01, 2019-05-01)."""

    start: datetime
    end: datetime


@extend_schema_field({"type": "string", "example": "2019-04"})
class PartialDateField(serializers.Field):
    """A year ("2019"), month ("2019-04"), day ("2019-04-30") or ISO datetime; naive means UTC."""

    default_error_messages = {
        "invalid": "Expected a date at any precision: 2019, 2019-04, 2019-04-30 or an ISO datetime.",
    }

    def to_internal_value(self, data) -> TimeWindow:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return self._window(data.strip())
        except (ValueError, OverflowError):
            # Not a date, or one at the edge of the calendar (a window past the year 9999: datetime
            # raises ValueError for a year out of range, OverflowError when arithmetic leaves it).
            self.fail("invalid")

    @staticmethod
    def _window(text: str) -> TimeWindow:
        match = _PARTIAL_DATE.match(text)
        if match is None:
            moment = datetime.fromisoformat(text)
            moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
            return TimeWindow(moment, moment)
        year, month, day = (int(part) if part else None for part in match.groups())
        start = datetime(year, month or 1, day or 1, tzinfo=UTC)
        if day is not None:
            return TimeWindow(start, start + timedelta(days=1))
        if month is not None:
            end = start.replace(year=year + 1, month=1) if month == 12 else start.replace(month=month + 1)
            return TimeWindow(start, end)
        return TimeWindow(start, start.replace(year=year + 1))

    def to_representation(self, value):
        return value.start.isoformat()


class FactFilters(serializers.Serializer):
    actor = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        help_text="Actor id (uid), as speaker or participant; repeat for any of several actors.",
    )
    source = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="Source id; repeat for any of several sources.",
    )
    outlet = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="Outlet name, case-insensitive; repeat for any of several outlets.",
    )
    since = PartialDateField(
        required=False,
        help_text="Facts whose time overlaps this date or later: 2019, 2019-04, 2019-04-30 or an ISO datetime.",
    )
    until = PartialDateField(
        required=False,
        help_text="Facts whose time begins within or before this date: 2019, 2019-04, 2019-04-30 or an ISO datetime.",
    )
    # An empty search box (?q=) searches for nothing in particular, as a form submitted empty does.
    q = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Full-text search in the quote or event summary; empty means no search.",
    )

    def validate(self, attrs):
        since, until = attrs.get("since"), attrs.get("until")
        if since is not None and until is not None and since.start >= until.end:
            raise ValidationError({"until": ["Must not be earlier than since."]})
        return attrs

    def selector_arguments(self) -> dict:
        """The validated values as keyword arguments of ``timeline.selectors.chronology``."""
        data = self.validated_data
        arguments = {
            "actor_ids": data.get("actor"),
            "source_ids": data.get("source"),
            "outlets": data.get("outlet"),
            "since": data["since"].start if "since" in data else None,
            "until": data["until"].end if "until" in data else None,
            "query": data.get("q"),
        }
        if "kind" in data:
            arguments["kinds"] = data["kind"]
        return arguments


class TimelineFilters(FactFilters):
    kind = serializers.ListField(
        child=serializers.ChoiceField(choices=FactType.choices),
        required=False,
        help_text="statement or event; repeat for both.",
    )


class UndatedFilters(TimelineFilters):
    # Undated facts have no time to compare.
    since = None
    until = None


class ActorFilters(serializers.Serializer):
    search = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Part of a name or alias; case and accents are ignored; empty means no search.",
    )
    kind = serializers.ChoiceField(
        choices=ActorKind.choices, required=False, allow_blank=True, help_text="Empty means any kind."
    )


class NoFilters(serializers.Serializer):
    """For endpoints that take no filters: only pagination and ``format``."""


# A serializer deep-copies its fields when it is made, which costs more than the rest of the
# validation; the names, and the filters of a request that gives none, are made once per class.


@cache
def _parameter_names(filters_class) -> frozenset[str]:
    return frozenset(filters_class().fields)


@cache
def _no_filters(filters_class) -> serializers.Serializer:
    filters = filters_class(data={})
    filters.is_valid(raise_exception=True)
    return filters


def validated_query(filters_class, request, *, also_allowed=()) -> serializers.Serializer:
    """The request's query parameters validated by ``filters_class``; 400 for any value or name it refuses."""
    names = _parameter_names(filters_class)
    known = names | set(also_allowed) | {api_settings.URL_FORMAT_OVERRIDE}
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        accepted = ", ".join(sorted(known))
        raise ValidationError({name: [f"Unknown parameter; this endpoint accepts: {accepted}."] for name in unknown})
    if names.isdisjoint(request.query_params):
        # Shared between requests: read only (``validated_data``, ``selector_arguments``).
        return _no_filters(filters_class)
    filters = filters_class(data=request.query_params)
    filters.is_valid(raise_exception=True)
    return filters
