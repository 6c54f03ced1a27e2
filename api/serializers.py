"""The shapes the API answers with. Shape only: what to fetch is the selectors' business."""

import dataclasses
import uuid
from datetime import datetime

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from timeline.articles import ArticleError, parse_published
from timeline.models import Precision

_PARTS_OF_DAY = ((6, "night"), (12, "morning"), (18, "afternoon"), (24, "evening"))


def precision_name(value: int) -> str:
    """The Precision member's name ("day", "part_of_day"), which stays put when its label is reworded."""
    return Precision(value).name.lower()


def display_time(start: datetime | None, precision: int) -> str | None:
    """A reader's rendering of a time anchor at its precision: "30 April 2019, morning", "January 2019"."""
    if start is None or precision == Precision.UNKNOWN:
        return None
    day = f"{start.day} {start:%B %Y}"
    if precision == Precision.HOUR:
        return f"{day}, {start:%H:%M} UTC"
    if precision == Precision.PART_OF_DAY:
        part = next(name for limit, name in _PARTS_OF_DAY if start.hour < limit)
        return f"{day}, {part}"
    if precision == Precision.DAY:
        return day
    if precision == Precision.WEEK:
        return f"week of {day}"
    if precision == Precision.MONTH:
        return f"{start:%B %Y}"
    if precision == Precision.YEAR:
        return f"{start:%Y}"
    return f"{start.year // 10 * 10}s"


PRECISION_NAMES = [precision_name(value) for value in Precision.values]


class WhenSerializer(serializers.Serializer):
    start = serializers.DateTimeField(source="time_start", allow_null=True)
    end = serializers.DateTimeField(
        source="time_end", allow_null=True, help_text="Exclusive end of the interval the time anchor covers."
    )
    precision = serializers.SerializerMethodField()
    expression = serializers.CharField(source="time_expression", help_text="The words of the text that gave the time.")
    basis = serializers.CharField(source="time_basis", help_text="stated, publication or unknown.")
    display = serializers.SerializerMethodField(help_text='"30 April 2019, morning", "January 2019", "2014".')

    @extend_schema_field(serializers.ChoiceField(choices=PRECISION_NAMES))
    def get_precision(self, fact) -> str:
        return precision_name(fact.time_precision)

    def get_display(self, fact) -> str | None:
        return display_time(fact.time_start, fact.time_precision)


class ActorRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uid")
    name = serializers.CharField()
    kind = serializers.CharField()


class SourceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    outlet = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)


class EvidenceSerializer(serializers.Serializer):
    """One source's support for a fact: where in its text, and the words there."""

    id = serializers.IntegerField(source="source.id", help_text="The source's id.")
    outlet = serializers.CharField(source="source.outlet")
    title = serializers.CharField(source="source.title")
    url = serializers.URLField(source="source.url", allow_null=True)
    published_at = serializers.DateTimeField(source="source.published_at", allow_null=True)
    excerpt = serializers.CharField(help_text="source.text[start:end]")
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class EvidenceDetailSerializer(EvidenceSerializer):
    evidence_id = serializers.UUIDField(source="uid")
    confidence = serializers.FloatField()
    extractor_version = serializers.CharField()


class ConflictSideSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    outlet = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class ConflictSideSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="What these sources say: a speaker, a title, a date.")
    fact = serializers.UUIDField(allow_null=True, help_text="The fact holding this version, if any.")
    sources = ConflictSideSourceSerializer(many=True)


class ConflictSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uid")
    kind = serializers.CharField(help_text="speaker, role or date.")
    description = serializers.CharField()
    actor = ActorRefSerializer(allow_null=True, help_text="The actor a role conflict is about.")
    reviewed = serializers.BooleanField()
    sides = serializers.SerializerMethodField()

    @extend_schema_field(ConflictSideSerializer(many=True))
    def get_sides(self, conflict):
        return conflict_sides(conflict.sides_data)


def conflict_sides(sides_data: list[dict] | None) -> list[dict]:
    """``ConflictSideSerializer`` entries of the sides the database aggregated as JSON (see
    ``timeline.selectors.conflicts_with_sides``)."""
    # Ordered here because JSON aggregates do not keep an order on every database.
    return [
        {
            "value": side["value"],
            # SQLite stores UUIDs as bare hex; give them the one spelling the API uses.
            "fact": str(uuid.UUID(side["fact"])) if side["fact"] else None,
            "sources": [
                {"id": source["id"], "outlet": source["outlet"], "title": source["title"], "url": source["url"]}
                for source in sorted(side["sources"] or [], key=lambda source: source["id"])
            ],
        }
        for side in sorted(sides_data or [], key=lambda side: side["value"])
    ]


class FactSerializer(serializers.Serializer):
    """One entry of the chronology: a statement or an event, with its sources and conflicts."""

    id = serializers.UUIDField(source="uid")
    type = serializers.CharField(help_text="statement or event.")
    when = WhenSerializer(source="*")
    text = serializers.CharField(help_text="The quote, or the event summary.")
    speaker = ActorRefSerializer(allow_null=True, help_text="Who said it (statements only).")
    actors = ActorRefSerializer(source="participants", many=True)
    sources = EvidenceSerializer(source="evidence", many=True)
    conflicts = ConflictSerializer(many=True)


# The entries of the list endpoints, built from ``timeline.selectors.fact_rows`` by plain functions:
# model instances and serializer fields cost most of a page's time. Each function gives exactly the
# shape of the serializer it names, which stays the documented response.


def _datetime_text(value: datetime | None, zone) -> str | None:
    """What DRF's DateTimeField gives (ISO 8601 in the current time ``zone``, UTC as "Z"), at a
    fraction of its cost: a page has a few hundred datetimes."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def actor_ref(actor: dict | None) -> dict | None:
    """An ``ActorRefSerializer`` entry."""
    return None if actor is None else {"id": str(actor["uid"]), "name": actor["name"], "kind": actor["kind"]}


def when_entry(fact: dict, zone) -> dict:
    """A ``WhenSerializer`` entry, its times in ``zone``."""
    return {
        "start": _datetime_text(fact["time_start"], zone),
        "end": _datetime_text(fact["time_end"], zone),
        "precision": precision_name(fact["time_precision"]),
        "expression": fact["time_expression"],
        "basis": fact["time_basis"],
        "display": display_time(fact["time_start"], fact["time_precision"]),
    }


def evidence_entry(evidence: dict, zone) -> dict:
    """An ``EvidenceSerializer`` entry, its times in ``zone``."""
    source = evidence["source"]
    return {
        "id": source["id"],
        "outlet": source["outlet"],
        "title": source["title"],
        "url": source["url"],
        "published_at": _datetime_text(source["published_at"], zone),
        "excerpt": evidence["excerpt"],
        "start": evidence["start"],
        "end": evidence["end"],
    }


def conflict_entry(conflict: dict) -> dict:
    """A ``ConflictSerializer`` entry."""
    return {
        "id": str(conflict["uid"]),
        "kind": conflict["kind"],
        "description": conflict["description"],
        "actor": actor_ref(conflict["actor"]),
        "reviewed": conflict["reviewed"],
        "sides": conflict_sides(conflict["sides_data"]),
    }


def fact_entry(fact: dict) -> dict:
    """A ``FactSerializer`` entry."""
    zone = timezone.get_current_timezone()
    return {
        "id": str(fact["uid"]),
        "type": fact["type"],
        "when": when_entry(fact, zone),
        "text": fact["text"],
        "speaker": actor_ref(fact["speaker"]),
        "actors": [actor_ref(actor) for actor in fact["participants"]],
        "sources": [evidence_entry(evidence, zone) for evidence in fact["evidence"]],
        "conflicts": [conflict_entry(conflict) for conflict in fact["conflicts"]],
    }


def quote_entry(fact: dict) -> dict:
    """A ``QuoteSerializer`` entry."""
    zone = timezone.get_current_timezone()
    return {
        "id": str(fact["uid"]),
        "when": when_entry(fact, zone),
        "text": fact["text"],
        "quote_kind": fact["quote_kind"],
        "cue": fact["cue"],
        "channel": fact["channel"],
        "sources": [evidence_entry(evidence, zone) for evidence in fact["evidence"]],
        "conflicts": [conflict_entry(conflict) for conflict in fact["conflicts"]],
    }


class FactDetailSerializer(FactSerializer):
    """A fact with full provenance."""

    quote_kind = serializers.CharField(help_text="direct, partial or indirect (statements).")
    cue = serializers.CharField(help_text="The verb that introduced the quote.")
    channel = serializers.CharField()
    place = serializers.CharField()
    first_reported_at = serializers.DateTimeField(allow_null=True)
    reviewed = serializers.BooleanField()
    extractor_version = serializers.CharField()
    sources = EvidenceDetailSerializer(source="evidence", many=True)


class QuoteSerializer(serializers.Serializer):
    """A statement of a known speaker."""

    id = serializers.UUIDField(source="uid")
    when = WhenSerializer(source="*")
    text = serializers.CharField()
    quote_kind = serializers.CharField()
    cue = serializers.CharField()
    channel = serializers.CharField()
    sources = EvidenceSerializer(source="evidence", many=True)
    conflicts = ConflictSerializer(many=True)


class ActorSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uid")
    name = serializers.CharField()
    kind = serializers.CharField()
    aliases = serializers.SerializerMethodField(help_text="Other names the actor was reported under.")
    statement_count = serializers.IntegerField(help_text="Statements with this actor as speaker.")
    fact_count = serializers.IntegerField(help_text="Statements and events with this actor as a participant.")

    def get_aliases(self, actor) -> list[str]:
        return [alias.name for alias in actor.aliases.all()]


class RoleSerializer(serializers.Serializer):
    """A title a source reported for the actor, and where it said so."""

    id = serializers.UUIDField(source="uid")
    title = serializers.CharField()
    source = SourceRefSerializer(allow_null=True)
    start = serializers.IntegerField(allow_null=True)
    end = serializers.IntegerField(allow_null=True)
    reviewed = serializers.BooleanField()


class ActorDetailSerializer(ActorSerializer):
    description = serializers.CharField()
    reviewed = serializers.BooleanField()
    roles = RoleSerializer(many=True)
    conflicts = ConflictSerializer(many=True, help_text="Where sources disagree about this actor.")


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    outlet = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    author = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    published_precision = serializers.SerializerMethodField()
    language = serializers.CharField()
    ingested_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ChoiceField(choices=PRECISION_NAMES))
    def get_published_precision(self, source) -> str:
        return precision_name(source.published_precision)


class SourceListItemSerializer(SourceSerializer):
    fact_count = serializers.IntegerField(help_text="Statements and events this source supports.")


class ExtractedFactSerializer(serializers.Serializer):
    """A fact this source supports, with the span of this source's text that supports it."""

    id = serializers.UUIDField(source="fact.uid")
    type = serializers.CharField(source="fact.type")
    text = serializers.CharField(source="fact.text")
    speaker = ActorRefSerializer(source="fact.speaker", allow_null=True)
    excerpt = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class ExtractedRoleSerializer(serializers.Serializer):
    actor = ActorRefSerializer()
    title = serializers.CharField()
    start = serializers.IntegerField(allow_null=True)
    end = serializers.IntegerField(allow_null=True)


class SourceDetailSerializer(SourceSerializer):
    text = serializers.CharField(help_text="The article exactly as received; every offset points into it.")
    extractor_version = serializers.CharField()
    facts = ExtractedFactSerializer(source="evidence", many=True)
    roles = ExtractedRoleSerializer(source="actor_roles", many=True)


class StringField(serializers.CharField):
    """A JSON string only: DRF's CharField would also take a number and turn it into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ArticleSerializer(serializers.Serializer):
    """An article to ingest."""

    # Stored exactly as sent: every offset the API reports points into this text.
    text = StringField(trim_whitespace=False)
    published = StringField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text="ISO date (2019-04-30) or datetime (2019-04-30T09:00:00Z).",
    )
    outlet = StringField(required=False, allow_blank=True, max_length=200, default="")
    title = StringField(required=False, allow_blank=True, max_length=500, default="")
    url = serializers.URLField(required=False, allow_blank=True, max_length=2000, default="")
    language = StringField(required=False, max_length=16, default="en")

    def validate_published(self, value):
        """The date or datetime of ``value``; the ingest service reads its precision from its type."""
        try:
            published, _precision = parse_published(value)
        except ArticleError as error:
            raise serializers.ValidationError(str(error)) from None
        return published


class IngestResultSerializer(serializers.Serializer):
    """A ``timeline.services.ingest.IngestResult``."""

    created = serializers.BooleanField(help_text="False when the same text had been ingested before.")
    counts = serializers.SerializerMethodField(
        help_text="What was extracted and merged: actors, statements, events and conflicts created or matched."
    )
    source = SourceDetailSerializer()

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_counts(self, result) -> dict:
        # Every whole-number field of the result is a count (``created`` and flags are booleans).
        return {
            field.name: getattr(result, field.name)
            for field in dataclasses.fields(result)
            if type(getattr(result, field.name)) is int
        }


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error response."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Offending request fields or query parameters, each with its messages.",
    )


class TimelinePageSerializer(serializers.Serializer):
    """A page of the chronology (what ``KeysetPagination`` answers), for the schema of /api/timeline/."""

    next = serializers.URLField(allow_null=True, help_text="The next page, or null on the last page.")
    results = FactSerializer(many=True)


class TimelineJSTextSerializer(serializers.Serializer):
    headline = serializers.CharField()
    text = serializers.CharField()


class TimelineJSSlideSerializer(serializers.Serializer):
    unique_id = serializers.UUIDField()
    start_date = serializers.DictField(child=serializers.CharField(), help_text="year, month, day, hour, minute")
    end_date = serializers.DictField(child=serializers.CharField(), required=False)
    display_date = serializers.CharField(required=False)
    group = serializers.CharField()
    text = TimelineJSTextSerializer()


class TimelineJSSerializer(serializers.Serializer):
    """The TimelineJS3 data file (``format=timelinejs``): one slide per dated entry."""

    events = TimelineJSSlideSerializer(many=True)
