"""Reads: the merged chronology, actors, their quotes, sources and what was extracted from them.

Plain functions with keyword-only arguments. Each returns a queryset that already says what it
joins and prefetches, so a caller that pages it issues a fixed number of queries however long the
page is (see ``CHRONOLOGY_QUERIES``). ``fact_rows`` reads such a page of facts as plain dicts in the
same number of queries, for the API's list endpoints.
"""

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Aggregate, Count, F, Func, JSONField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, JSONObject

from timeline.models import (
    Actor,
    ActorRole,
    Alias,
    Conflict,
    ConflictSide,
    Evidence,
    Fact,
    FactType,
    Source,
)
from timeline.normalize import fold

# The chronology's order: time anchor, finer precision first, first reported, then id to make it total.
# NULLs sort last on every database (PostgreSQL's default for ascending order; SQLite needs telling).
CHRONOLOGY_ORDER = (
    F("time_start").asc(nulls_last=True),
    F("time_precision").asc(),
    F("first_reported_at").asc(nulls_last=True),
    F("id").asc(),
)

# Queries one page of facts costs: the facts with their speakers, participants, evidence with
# sources, conflicts with their sides and the sides' sources.
CHRONOLOGY_QUERIES = 4

# Full-text search configuration; the GIN index in migration ``fact_search`` is built on exactly
# this expression, so a change here needs a new index.
SEARCH_CONFIG = "english"


class JSONArrayAgg(Aggregate):
    """A JSON array of the aggregated values, on PostgreSQL and SQLite alike.

    ``JSONB_AGG`` rather than ``JSON_AGG`` on PostgreSQL because Django's driver setup hands jsonb
    back as text for ``JSONField`` to decode, while json would arrive already decoded.
    """

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


class NestedJSON(Func):
    """A JSON value produced by a subquery, embedded in an enclosing JSON object.

    SQLite forgets that a subquery's result is JSON and would embed it as a string; ``JSON()``
    restores it. PostgreSQL keeps the type, so the expression is passed through unchanged.
    """

    function = "JSON"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


def _side_sources_json():
    """The sources on one conflict side, as a JSON array of small objects."""
    rows = (
        ConflictSide.sources.through.objects.filter(conflictside_id=OuterRef("pk"))
        .order_by()
        .values("conflictside_id")
        .annotate(
            sources=JSONArrayAgg(
                JSONObject(id="source_id", outlet="source__outlet", title="source__title", url="source__url")
            )
        )
        .values("sources")
    )
    return NestedJSON(Subquery(rows))


def _conflict_sides_json(conflict_id: OuterRef):
    """The sides of the conflict ``conflict_id`` refers to, each with its sources, as one JSON value.

    Aggregated inside the conflicts query so that conflicts cost one query per page, not three.
    """
    rows = (
        ConflictSide.objects.filter(conflict_id=conflict_id)
        .order_by()
        .values("conflict_id")
        .annotate(sides=JSONArrayAgg(JSONObject(value="value", fact="fact__uid", sources=_side_sources_json())))
        .values("sides")
    )
    return Subquery(rows, output_field=JSONField())


def conflicts_with_sides() -> QuerySet[Conflict]:
    """Conflicts with ``sides_data``: [{"value", "fact", "sources": [{"id", "outlet", "title", "url"}]}]."""
    return Conflict.objects.select_related("actor").annotate(sides_data=_conflict_sides_json(OuterRef("pk")))


def _evidence_with_sources(*, source_text: bool) -> QuerySet[Evidence]:
    evidence = Evidence.objects.select_related("source").order_by("source_id", "start", "id")
    # The timeline page shows each span within its paragraph; the API only the excerpt, and article
    # texts are long.
    return evidence if source_text else evidence.defer("source__text")


def _with_provenance(facts: QuerySet[Fact], *, source_text: bool = True) -> QuerySet[Fact]:
    return facts.select_related("speaker").prefetch_related(
        Prefetch("participants", queryset=Actor.objects.order_by("name", "id")),
        Prefetch("evidence", queryset=_evidence_with_sources(source_text=source_text)),
        Prefetch("conflicts", queryset=conflicts_with_sides().order_by("kind", "id")),
    )


def _search(facts: QuerySet[Fact], query: str) -> QuerySet[Fact]:
    if connection.vendor == "postgresql":
        return facts.annotate(search=SearchVector("text", config=SEARCH_CONFIG)).filter(
            search=SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        )
    # SQLite, the local demo database, has no full-text search of its own here: substring match.
    return facts.filter(text__icontains=query)


def chronology(
    *,
    actor_ids: Iterable[str] | None = None,
    source_ids: Iterable[int] | None = None,
    outlets: Iterable[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: Iterable[str] | None = None,
    query: str | None = None,
    undated: bool | None = False,
    with_provenance: bool = True,
) -> QuerySet[Fact]:
    """Statements and events in chronological order, each with its provenance and conflicts.

    ``undated=False`` gives the facts placed in time, ``True`` those whose time is unknown (they are
    listed apart, never guessed into place), ``None`` both, undated last.
    ``actor_ids`` are actor uids (speaker or participant); ``since``/``until`` keep the facts whose
    time interval overlaps [since, until); several values of one filter are alternatives.
    ``with_provenance=False`` leaves provenance out, for ``fact_rows`` to read.
    """
    facts = Fact.objects.all()
    if undated is not None:
        facts = facts.filter(time_start__isnull=undated)
    if kinds:
        facts = facts.filter(type__in=list(kinds))
    if since is not None:
        facts = facts.filter(time_end__gt=since)
    if until is not None:
        facts = facts.filter(time_start__lt=until)
    # Filters through many-valued relations select ids in a subquery so that a fact matching twice
    # (two of the given actors, two sources) is still listed once.
    if actor_ids:
        actor_ids = list(actor_ids)
        # One id list for speakers and participants (the merge makes a speaker a participant too, a
        # person in the admin need not): an OR of the two conditions would make PostgreSQL walk every
        # dated fact instead of reading this actor's few.
        said = Fact.objects.filter(speaker__uid__in=actor_ids).order_by().values("pk")
        took_part = Fact.participants.through.objects.filter(actor__uid__in=actor_ids).values("fact_id")
        facts = facts.filter(pk__in=took_part.union(said))
    if source_ids:
        facts = facts.filter(pk__in=Evidence.objects.filter(source_id__in=list(source_ids)).values("fact_id"))
    if outlets:
        outlet_filter = Q()
        for outlet in outlets:
            outlet_filter |= Q(source__outlet__iexact=outlet)
        facts = facts.filter(pk__in=Evidence.objects.filter(outlet_filter).values("fact_id"))
    if query:
        facts = _search(facts, query)
    if with_provenance:
        facts = _with_provenance(facts)
    return facts.order_by(*CHRONOLOGY_ORDER)


# The fact columns a chronology entry is built from (``api.json_pages`` reads the same ones).
FACT_ENTRY_FIELDS = (
    "id",
    "uid",
    "type",
    "text",
    "time_start",
    "time_end",
    "time_precision",
    "time_expression",
    "time_basis",
    "first_reported_at",
    "quote_kind",
    "cue",
    "channel",
)
_ACTOR_FIELDS = ("uid", "name", "kind")
_SOURCE_FIELDS = ("id", "outlet", "title", "url", "published_at")
_CONFLICT_FIELDS = ("uid", "kind", "description", "reviewed")


def _nested(values: tuple, names: tuple) -> dict | None:
    # A left join gives all NULLs where there is no related row; its key field is then None.
    return None if values[0] is None else dict(zip(names, values, strict=True))


def fact_rows(facts: QuerySet[Fact], *, with_actors: bool = True) -> list[dict]:
    """The rows of ``facts`` (filtered, ordered, sliced, nothing prefetched) with their provenance,
    as plain dicts.

    A list endpoint's page without model instances, which cost most of its time. Four queries, or
    two for an empty page: the facts with their speakers, their participants, their evidence with
    the sources' metadata, their conflicts with the sides. Each dict has the facts' fields and,
    named like the relations they stand for, ``speaker`` {uid, name, kind} or None, ``participants``
    (ordered by name), ``evidence`` [{excerpt, start, end, source: {id, outlet, title, url,
    published_at}}] and ``conflicts`` [{uid, kind, description, reviewed, actor, sides_data}] (see
    ``conflicts_with_sides``). ``with_actors=False`` leaves out speaker and participants, for a
    page of one speaker's statements.
    """
    speaker_fields = tuple(f"speaker__{name}" for name in _ACTOR_FIELDS) if with_actors else ()
    rows = []
    for values in facts.values_list(*FACT_ENTRY_FIELDS, *speaker_fields):
        row = dict(zip(FACT_ENTRY_FIELDS, values, strict=False))
        row["evidence"] = []
        row["conflicts"] = []
        if with_actors:
            row["speaker"] = _nested(values[len(FACT_ENTRY_FIELDS) :], _ACTOR_FIELDS)
            row["participants"] = []
        rows.append(row)
    if not rows:
        return rows
    by_id = {row["id"]: row for row in rows}
    if with_actors:
        for fact_id, *actor in _participant_rows().filter(fact_id__in=by_id):
            by_id[fact_id]["participants"].append(dict(zip(_ACTOR_FIELDS, actor, strict=True)))
    for fact_id, excerpt, start, end, *source in _evidence_rows().filter(fact_id__in=by_id):
        by_id[fact_id]["evidence"].append(
            {"excerpt": excerpt, "start": start, "end": end, "source": dict(zip(_SOURCE_FIELDS, source, strict=True))}
        )
    for fact_id, *values in _conflict_rows().filter(fact_id__in=by_id):
        conflict = dict(zip(_CONFLICT_FIELDS, values, strict=False))
        conflict["actor"] = _nested(values[len(_CONFLICT_FIELDS) : -1], _ACTOR_FIELDS)
        conflict["sides_data"] = values[-1]
        by_id[fact_id]["conflicts"].append(conflict)
    return rows


# The provenance rows of all facts, for ``fact_rows`` to filter by fact. Built once per process:
# building them (resolving their joins and JSON subqueries) cost as much time as running them.


@cache
def _participant_rows() -> QuerySet:
    return Fact.participants.through.objects.order_by("actor__name", "actor_id").values_list(
        "fact_id", *(f"actor__{name}" for name in _ACTOR_FIELDS)
    )


@cache
def _evidence_rows() -> QuerySet:
    return Evidence.objects.order_by("source_id", "start", "id").values_list(
        "fact_id", "excerpt", "start", "end", *(f"source__{name}" for name in _SOURCE_FIELDS)
    )


@cache
def _conflict_rows() -> QuerySet:
    return (
        Conflict.facts.through.objects.order_by("conflict__kind", "conflict_id")
        .annotate(sides_data=_conflict_sides_json(OuterRef("conflict_id")))
        .values_list(
            "fact_id",
            *(f"conflict__{name}" for name in _CONFLICT_FIELDS),
            *(f"conflict__actor__{name}" for name in _ACTOR_FIELDS),
            "sides_data",
        )
    )


def fact_detail(*, uid, kind: str | None = None) -> Fact:
    """One fact with its full provenance, without the sources' texts; raises ``Fact.DoesNotExist``."""
    facts = _with_provenance(Fact.objects.all(), source_text=False)
    if kind is not None:
        facts = facts.filter(type=kind)
    return facts.get(uid=uid)


def actor_quotes(*, actor: Actor | None = None, actor_uid=None, with_provenance: bool = True) -> QuerySet[Fact]:
    """What ``actor`` (or the actor whose uid is ``actor_uid``) said, in chronological order (undated
    last), each with its sources and conflicts.

    The speaker is the actor itself, so neither speaker nor participants are fetched again. By uid,
    the actor is not read first: an unknown uid gives no quotes (see ``actor_exists``).
    ``with_provenance=False`` leaves sources and conflicts out, for ``fact_rows`` to read.
    """
    speaker = {"speaker": actor} if actor is not None else {"speaker__uid": actor_uid}
    quotes = Fact.objects.filter(type=FactType.STATEMENT, **speaker)
    if with_provenance:
        quotes = quotes.prefetch_related(
            Prefetch("evidence", queryset=_evidence_with_sources(source_text=True)),
            Prefetch("conflicts", queryset=conflicts_with_sides().order_by("kind", "id")),
        )
    return quotes.order_by(*CHRONOLOGY_ORDER)


def _with_actor_counts(actors: QuerySet[Actor]) -> QuerySet[Actor]:
    # Correlated subqueries rather than joins, so the two counts do not multiply each other.
    statements = (
        Fact.objects.filter(speaker=OuterRef("pk"), type=FactType.STATEMENT)
        .order_by()
        .values("speaker")
        .annotate(n=Count("pk"))
        .values("n")
    )
    facts = (
        Fact.participants.through.objects.filter(actor_id=OuterRef("pk"))
        .order_by()
        .values("actor_id")
        .annotate(n=Count("fact_id", distinct=True))
        .values("n")
    )
    return actors.annotate(statement_count=Coalesce(Subquery(statements), 0), fact_count=Coalesce(Subquery(facts), 0))


def actor_list(*, search: str | None = None, kind: str | None = None) -> QuerySet[Actor]:
    """Actors by name; ``search`` matches a part of the name or of any alias, ignoring case and accents."""
    actors = Actor.objects.all()
    if kind:
        actors = actors.filter(kind=kind)
    if search:
        key = fold(search)
        actors = actors.filter(Q(key__contains=key) | Q(pk__in=Alias.objects.filter(key__contains=key).values("actor")))
    return (
        _with_actor_counts(actors)
        .prefetch_related(Prefetch("aliases", queryset=Alias.objects.order_by("name")))
        .order_by("name", "id")
    )


def actor_detail(*, uid, with_conflicts: bool = False) -> Actor:
    """One actor with aliases, reported roles with their sources, and counts; with ``with_conflicts``
    also the conflicts about it (such as two titles for the same time), one query more.
    Raises ``Actor.DoesNotExist``."""
    prefetches = [
        Prefetch("aliases", queryset=Alias.objects.order_by("name")),
        Prefetch(
            "roles",
            # Each title names its source; a prolific actor's sources' article texts are not needed.
            queryset=ActorRole.objects.select_related("source").defer("source__text").order_by("title", "source_id"),
        ),
    ]
    if with_conflicts:
        prefetches.append(Prefetch("conflicts", queryset=conflicts_with_sides().order_by("kind", "id")))
    return _with_actor_counts(Actor.objects.all()).prefetch_related(*prefetches).get(uid=uid)


def actor_exists(*, uid) -> bool:
    return Actor.objects.filter(uid=uid).exists()


def source_list() -> QuerySet[Source]:
    """Sources, newest publication first, without their (long) texts."""
    return (
        Source.objects.defer("text")
        .annotate(
            fact_count=Coalesce(
                Subquery(
                    Evidence.objects.filter(source=OuterRef("pk"))
                    .order_by()
                    .values("source")
                    .annotate(n=Count("fact_id", distinct=True))
                    .values("n")
                ),
                0,
            )
        )
        .order_by(F("published_at").desc(nulls_last=True), "id")
    )


def source_detail(*, pk) -> Source:
    """One source with what was extracted from it: the facts it supports (with the supporting spans)
    and the roles it reported. Raises ``Source.DoesNotExist``."""
    return Source.objects.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("fact", "fact__speaker").order_by("start", "id")),
        Prefetch("actor_roles", queryset=ActorRole.objects.select_related("actor").order_by("start", "id")),
    ).get(pk=pk)
