"""Hand-built extractions of short articles, so each merge rule is tested apart from the extractor.

Spans are found in the article text by the words they cite, so a test reads like the article.
"""

from datetime import UTC, date, datetime, timedelta

from timeline.extraction.types import (
    ExtractedActor,
    ExtractedEvent,
    ExtractedQuote,
    Extraction,
    Publication,
    RoleMention,
    Span,
    TimeValue,
)
from timeline.models import Actor, Conflict, Fact, Precision, Source, TimeBasis
from timeline.services.ingest import ingest_extraction

VERSION = "test-1"


def span(text: str, words: str, *, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words))


def day(year: int, month: int, number: int, *, expression: str = "", basis=TimeBasis.STATED) -> TimeValue:
    start = datetime(year, month, number, tzinfo=UTC)
    return TimeValue(
        start=start, end=start + timedelta(days=1), precision=Precision.DAY, expression=expression, basis=basis
    )


def hour(year: int, month: int, number: int, at: int, *, expression: str = "") -> TimeValue:
    start = datetime(year, month, number, at, tzinfo=UTC)
    return TimeValue(
        start=start, end=start + timedelta(hours=1), precision=Precision.HOUR, expression=expression, basis="stated"
    )


def month(year: int, number: int, *, expression: str = "") -> TimeValue:
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)
    return TimeValue(start=start, end=end, precision=Precision.MONTH, expression=expression, basis="stated")


def year(number: int, *, expression: str = "") -> TimeValue:
    start = datetime(number, 1, 1, tzinfo=UTC)
    return TimeValue(
        start=start, end=start.replace(year=number + 1), precision=Precision.YEAR, expression=expression, basis="stated"
    )


class Article:
    """An article text and the extraction of it that a test describes, built up step by step."""

    def __init__(self, text: str, *, published=date(2021, 3, 9), outlet: str = "", url: str = ""):
        self.text = text
        self.publication = Publication(published=published, outlet=outlet, title="", url=url)
        self.extraction = Extraction(version=VERSION)

    def actor(self, name: str, *aliases: str, kind: str = "person", roles: tuple[str, ...] = ()) -> int:
        mentions = [RoleMention(title=title, span=span(self.text, title)) for title in roles]
        self.extraction.actors.append(
            ExtractedActor(name=name, kind=kind, aliases=[name, *aliases], roles=mentions, mentions=[])
        )
        return len(self.extraction.actors) - 1

    def quote(self, words: str, *, speaker: int | None, kind: str = "direct", time=None, confidence=1.0, nth=0):
        self.extraction.quotes.append(
            ExtractedQuote(
                text=words,
                span=span(self.text, words, nth=nth),
                kind=kind,
                speaker=speaker,
                cue="said",
                time=time,
                confidence=confidence,
            )
        )

    def event(self, clause: str, *, time: TimeValue, actors: tuple[int, ...] = (), place: str = ""):
        self.extraction.events.append(
            ExtractedEvent(summary=clause, span=span(self.text, clause), time=time, actors=list(actors), place=place)
        )

    def ingest(self, *, version: str = VERSION):
        self.extraction.version = version
        return ingest_extraction(text=self.text, publication=self.publication, extraction=self.extraction)


def clear_story():
    """Remove every source and what was extracted from them, to ingest again from nothing."""
    for model in (Conflict, Fact, Source, Actor):
        model.objects.all().delete()


def chronology():
    """What a reader sees: each fact with its text, anchor, speaker and sources, plus the conflicts."""
    facts = sorted(
        (
            fact.type,
            fact.text,
            fact.time_start,
            fact.time_end,
            fact.time_precision,
            fact.time_expression,
            fact.place,
            fact.speaker.name if fact.speaker else None,
            tuple(sorted(actor.name for actor in fact.participants.all())),
            tuple(sorted(evidence.source.outlet for evidence in fact.evidence.all())),
            fact.first_reported_at,
        )
        for fact in Fact.objects.select_related("speaker").prefetch_related("participants")
    )
    conflicts = sorted(
        (
            conflict.kind,
            tuple(
                sorted(
                    (side.value, tuple(sorted(s.outlet for s in side.sources.all()))) for side in conflict.sides.all()
                )
            ),
        )
        for conflict in Conflict.objects.all()
    )
    return facts, conflicts, sorted(Actor.objects.values_list("name", flat=True))
