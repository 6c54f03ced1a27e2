"""The whole extraction of one article: body, sentences, actors, quotes, times, events.

Nothing here touches the database: ``extract`` prints the result, ``ingest`` stores it.
"""

import bisect
import dataclasses
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from timeline.extraction import EXTRACTOR_VERSION
from timeline.extraction.actors import find_actors
from timeline.extraction.body import article_regions
from timeline.extraction.events import extract_events
from timeline.extraction.quotes import FoundQuote, find_quotes
from timeline.extraction.sentences import paragraphs, split_sentences
from timeline.extraction.timex import find_time_expressions
from timeline.extraction.types import ExtractedActor, Extraction, Publication, Span, TimeValue
from timeline.models import ActorKind, Precision, TimeBasis


def extract_article(
    text: str, publication: Publication, *, known_actors: Iterable[tuple[str, list[str]]] = ()
) -> Extraction:
    """Actors, quotes and events of ``text``; every span is an offset into ``text`` as given.

    Text with decomposed accents ("Pe" + U+0301 + "rez", as some editors save it) is read in its
    composed form, where the rules' letters and words are whole, and the spans are then mapped back.
    """
    composed = unicodedata.normalize("NFC", text)
    if composed != text and (origins := composed_origins(text)) is not None:
        return in_original_offsets(_extract(composed, publication, known_actors), origins)
    return _extract(text, publication, known_actors)


def composed_origins(text: str) -> list[int] | None:
    """For each character of ``text`` in NFC, and for its end, the offset in ``text`` it comes from.

    Each base character and the combining marks after it compose on their own; None in the rare
    script where composition reaches across them (the caller then reads ``text`` as it is).
    """
    origins, pieces = [], []
    start = 0
    for position in range(1, len(text) + 1):
        if position < len(text) and unicodedata.combining(text[position]):
            continue
        piece = unicodedata.normalize("NFC", text[start:position])
        pieces.append(piece)
        origins.extend([start] * len(piece))
        start = position
    if "".join(pieces) != unicodedata.normalize("NFC", text):
        return None
    origins.append(len(text))
    return origins


def in_original_offsets(extraction: Extraction, origins: list[int]) -> Extraction:
    """``extraction`` of the composed text, with every span an offset into the original."""

    def span(value: Span) -> Span:
        return Span(origins[value.start], origins[value.end])

    def time(value: TimeValue | None) -> TimeValue | None:
        if value is None or value.span is None:
            return value
        return dataclasses.replace(value, span=span(value.span))

    for actor in extraction.actors:
        actor.mentions = [span(mention) for mention in actor.mentions]
        for role in actor.roles:
            role.span = span(role.span)
    for quote in extraction.quotes:
        quote.span, quote.time = span(quote.span), time(quote.time)
    for event in extraction.events:
        event.span, event.time = span(event.span), time(event.time)
    return extraction


def _extract(text: str, publication: Publication, known_actors: Iterable[tuple[str, list[str]]]) -> Extraction:
    regions = article_regions(text)
    paragraph_spans = paragraphs(text, regions)
    sentence_spans = split_sentences(text, regions)
    analysis = find_actors(text, sentences=sentence_spans, known_actors=known_actors)
    found = find_quotes(
        text,
        paragraphs=paragraph_spans,
        sentences=sentence_spans,
        sentence_tokens=analysis.sentence_tokens,
        mentions=analysis.mentions,
        bodies=frozenset(i for i, actor in enumerate(analysis.actors) if actor.kind != ActorKind.PERSON),
        title=publication.title,
    )
    actors, renumber = _story_actors(analysis.actors, found)
    mentions = [(Span(m.start, m.end), renumber[m.actor]) for m in analysis.mentions if m.actor in renumber]
    times = find_time_expressions(text, regions=regions, publication=publication)
    quotes = []
    sentence_starts = [s.start for s in sentence_spans]
    stated = _times_outside_quotes(times, [item.quote.span for item in found])
    stated_starts = [value.span.start for value in stated]
    for item in found:
        quote = item.quote
        quote.speaker = renumber[quote.speaker]
        clause = _attribution_clause(item, sentence_spans, sentence_starts)
        quote.time = _stated_time(clause, stated, stated_starts) or publication_time(publication.published)
        quotes.append(quote)
    events = extract_events(text, sentences=sentence_spans, times=times, mentions=mentions)
    return Extraction(version=EXTRACTOR_VERSION, actors=actors, quotes=quotes, events=events)


def _story_actors(actors: list[ExtractedActor], found: list[FoundQuote]):
    """People named, and the governments and organisations that speak: a body named in passing
    ("the U.S. government backing the overthrow") is context, not an actor of the story."""
    speakers = {item.quote.speaker for item in found}
    kept = [i for i, actor in enumerate(actors) if actor.kind == ActorKind.PERSON or i in speakers]
    return [actors[i] for i in kept], {old: new for new, old in enumerate(kept)}


def _times_outside_quotes(times: list[TimeValue], quoted: list[Span]) -> list[TimeValue]:
    """Time expressions of the narration, in text order: a date inside the quoted words is not when they were said."""
    starts = [span.start for span in quoted]
    outside = []
    for value in times:
        if value.span is None:
            continue
        index = bisect.bisect_right(starts, value.span.start) - 1
        if index < 0 or value.span.start >= quoted[index].end:
            outside.append(value)
    return sorted(outside, key=lambda value: value.span.start)


def _stated_time(clause: Span | None, stated: list[TimeValue], starts: list[int]) -> TimeValue | None:
    """The first time expression inside the attribution clause ("Ortega said on Monday that ...")."""
    if clause is None:
        return None
    index = bisect.bisect_left(starts, clause.start)
    if index < len(stated) and stated[index].span.end <= clause.end:
        return stated[index]
    return None


def _attribution_clause(item: FoundQuote, sentences: list[Span], starts: list[int]) -> Span | None:
    """The words between the cue and the quote, or after the quote when the cue follows it."""
    cue = item.attribution
    if cue is None:
        return None
    index = bisect.bisect_right(starts, cue.start) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    quote = item.quote.span
    if cue.start < quote.start:
        return Span(max(sentence.start, cue.start), quote.start)
    return Span(quote.end, sentence.end)


def publication_time(published: date | datetime | None) -> TimeValue:
    """The day of publication as a time value, or an unknown one without a publication date."""
    if published is None:
        return TimeValue(None, None, Precision.UNKNOWN, "", TimeBasis.UNKNOWN)
    day = published.astimezone(UTC).date() if isinstance(published, datetime) else published
    start = datetime.combine(day, time(), tzinfo=UTC)
    return TimeValue(start, start + timedelta(days=1), Precision.DAY, "", TimeBasis.PUBLICATION)


def extraction_to_json(document_name: str, publication: Publication, extraction: Extraction) -> dict:
    """The ``extract`` command's record of one article (the format ../shared/eval/score.py reads)."""
    names = [actor.name for actor in extraction.actors]
    published = publication.published
    return {
        "document": document_name,
        "published": published.isoformat() if published is not None else None,
        "actors": [
            {
                "name": actor.name,
                "kind": str(actor.kind),
                "aliases": actor.aliases,
                "roles": [{"title": r.title, "start": r.span.start, "end": r.span.end} for r in actor.roles],
            }
            for actor in extraction.actors
        ],
        "quotes": [
            {
                "speaker": names[quote.speaker] if quote.speaker is not None else None,
                "text": quote.text,
                "kind": str(quote.kind),
                "cue": quote.cue,
                "channel": quote.channel,
                "start": quote.span.start,
                "end": quote.span.end,
            }
            for quote in extraction.quotes
        ],
        "events": [
            {
                "date": event.time.display(),
                "precision": Precision(event.time.precision).label,
                "expression": event.time.expression,
                "summary": event.summary,
                "actors": [names[i] for i in event.actors],
                "start": event.span.start,
                "end": event.span.end,
            }
            for event in extraction.events
        ],
    }
