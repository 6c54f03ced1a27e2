"""Small builders of test data by direct ORM inserts, following the ingest service's conventions:
a statement's participants include its speaker, ``Evidence.excerpt == source.text[start:end]``, and
``first_reported_at`` is the earliest publication among a fact's sources."""

import itertools
from datetime import UTC, datetime, timedelta

from timeline.models import (
    Actor,
    ActorRole,
    Alias,
    Conflict,
    ConflictSide,
    Evidence,
    Fact,
    FactType,
    Precision,
    QuoteKind,
    Source,
    TimeBasis,
)
from timeline.normalize import content_hash, word_key

_numbers = itertools.count(1)

PRECISION_LENGTH = {
    Precision.HOUR: timedelta(hours=1),
    Precision.PART_OF_DAY: timedelta(hours=6),
    Precision.DAY: timedelta(days=1),
    Precision.WEEK: timedelta(days=7),
}


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def interval_end(start: datetime, precision: Precision) -> datetime:
    if precision in PRECISION_LENGTH:
        return start + PRECISION_LENGTH[precision]
    if precision == Precision.MONTH:
        if start.month == 12:
            return start.replace(year=start.year + 1, month=1)
        return start.replace(month=start.month + 1)
    if precision == Precision.YEAR:
        return start.replace(year=start.year + 1)
    return start.replace(year=start.year + 10)


_NUMBERED = object()


def make_source(*, text=None, outlet="Reuters", title=None, url=_NUMBERED, published_at=None) -> Source:
    """A source with a numbered title and URL unless given; ``url=None`` makes one without a URL."""
    number = next(_numbers)
    text = text or f"Article {number}. Somebody said something on a day, and something happened."
    return Source.objects.create(
        text=text,
        content_hash=content_hash(text),
        outlet=outlet,
        title=title if title is not None else f"Report {number}",
        url=f"https://news.example/{number}" if url is _NUMBERED else url,
        published_at=published_at or at(2019, 5, 1, 12),
        published_precision=Precision.HOUR,
    )


def make_actor(name="Juan Guaidó", *, kind="person", aliases=()) -> Actor:
    actor = Actor.objects.create(name=name, kind=kind)
    for alias in aliases:
        Alias.objects.create(actor=actor, name=alias)
    return actor


def cite(fact: Fact, source: Source, words: str | None = None) -> Evidence:
    """Evidence for ``fact`` in ``source``: ``words`` (default the source's first 20 characters)."""
    words = words or source.text[:20]
    start = source.text.index(words)
    evidence = Evidence.objects.create(
        fact=fact, source=source, start=start, end=start + len(words), excerpt=source.text[start : start + len(words)]
    )
    earliest = min(filter(None, [fact.first_reported_at, source.published_at]), default=None)
    Fact.objects.filter(pk=fact.pk).update(first_reported_at=earliest)
    fact.first_reported_at = earliest
    return evidence


def _time(start, precision):
    if start is None:
        return {"time_start": None, "time_end": None, "time_precision": Precision.UNKNOWN, "time_basis": "unknown"}
    return {
        "time_start": start,
        "time_end": interval_end(start, precision),
        "time_precision": precision,
        "time_basis": TimeBasis.STATED,
    }


def make_statement(
    text="The moment is now",
    *,
    speaker=None,
    start=None,
    precision=Precision.DAY,
    sources=(),
    expression="on Tuesday",
    participants=(),
) -> Fact:
    speaker = speaker or make_actor()
    fact = Fact.objects.create(
        type=FactType.STATEMENT,
        text=text,
        text_key=word_key(text)[:255],
        speaker=speaker,
        quote_kind=QuoteKind.DIRECT,
        cue="said",
        time_expression=expression if start else "",
        **_time(start, precision),
    )
    fact.participants.add(speaker, *participants)
    for source in sources:
        cite(fact, source)
    return fact


def make_event(
    text="Protesters marched to the air base",
    *,
    start=None,
    precision=Precision.DAY,
    sources=(),
    participants=(),
    place="Caracas",
    expression="on Tuesday",
) -> Fact:
    fact = Fact.objects.create(
        type=FactType.EVENT,
        text=text,
        text_key=word_key(text)[:255],
        place=place,
        time_expression=expression if start else "",
        **_time(start, precision),
    )
    fact.participants.add(*participants)
    for source in sources:
        cite(fact, source)
    return fact


def make_speaker_conflict(first: Fact, second: Fact) -> Conflict:
    """The same words attributed to two speakers: one side per fact, each with that fact's sources."""
    conflict = Conflict.objects.create(kind="speaker", description=f"Who said {first.text!r}?")
    conflict.facts.add(first, second)
    for fact in (first, second):
        side = ConflictSide.objects.create(conflict=conflict, value=fact.speaker.name, fact=fact)
        side.sources.add(*{evidence.source for evidence in fact.evidence.all()})
    return conflict


def make_role(actor: Actor, title: str, source: Source) -> ActorRole:
    start = source.text.find(title)
    span = {"start": start, "end": start + len(title)} if start >= 0 else {}
    return ActorRole.objects.create(actor=actor, title=title, source=source, **span)


def make_role_conflict(actor: Actor, roles: list[ActorRole]) -> Conflict:
    """Sources give ``actor`` different titles: one side per title, with the sources that gave it."""
    conflict = Conflict.objects.create(kind="role", description=f"Titles of {actor.name} disagree", actor=actor)
    for role in roles:
        side = ConflictSide.objects.create(conflict=conflict, value=role.title)
        side.sources.add(role.source)
    return conflict
