"""Helpers for the stage tests: each runs the real earlier stages on text written for the test."""

from timeline.extraction.actors import find_actors
from timeline.extraction.body import article_regions
from timeline.extraction.quotes import find_quotes
from timeline.extraction.sentences import paragraphs, split_sentences


def analyse(text, *, known_actors=()):
    regions = article_regions(text)
    return find_actors(text, sentences=split_sentences(text, regions), known_actors=known_actors)


def credited_quotes(text, *, title=""):
    """(speaker name, quote text, kind, cue, channel) for each credited quote."""
    regions = article_regions(text)
    sentences = split_sentences(text, regions)
    analysis = find_actors(text, sentences=sentences)
    found = find_quotes(
        text,
        paragraphs=paragraphs(text, regions),
        sentences=sentences,
        sentence_tokens=analysis.sentence_tokens,
        mentions=analysis.mentions,
        bodies=frozenset(i for i, actor in enumerate(analysis.actors) if actor.kind != "person"),
        title=title,
    )
    for item in found:
        assert text[item.quote.span.start : item.quote.span.end] == item.quote.text
    return [
        (analysis.actors[f.quote.speaker].name, f.quote.text, str(f.quote.kind), f.quote.cue, f.quote.channel)
        for f in found
    ]
