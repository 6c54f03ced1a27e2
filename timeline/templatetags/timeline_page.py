"""Template filters for the timeline page: how a fact's time reads inside its period."""

from datetime import UTC

from django import template

from timeline.models import Precision, TimeBasis

register = template.Library()


@register.filter
def time_within_period(fact) -> str:
    """The part of a fact's time its period heading does not already say: "09:00 UTC", "morning"."""
    if fact.time_precision == Precision.HOUR:
        return fact.time_start.astimezone(UTC).strftime("%H:%M UTC")
    if fact.time_precision == Precision.PART_OF_DAY:
        return fact.time_expression
    return ""


@register.filter
def is_dated_by_publication(fact) -> bool:
    """The text gave no date, so the fact was placed at its source's publication date."""
    return fact.time_basis == TimeBasis.PUBLICATION


# Characters of the source shown on each side of a cited span, so a reader sees who it was said by.
CONTEXT_CHARS = 160


@register.filter
def in_context(evidence) -> dict:
    """The words around a cited span within its paragraph: {"before", "after", "cut_before", "cut_after"}.

    The source text is already loaded with the evidence, so this costs no query.
    """
    text = evidence.source.text
    paragraph_start = text.rfind("\n", 0, evidence.start) + 1
    paragraph_end = text.find("\n", evidence.end)
    if paragraph_end < 0:
        paragraph_end = len(text)
    start = max(paragraph_start, evidence.start - CONTEXT_CHARS)
    end = min(paragraph_end, evidence.end + CONTEXT_CHARS)
    # Cut at a space so no word is shown in half.
    if start > paragraph_start:
        space = text.find(" ", start, evidence.start)
        if space >= 0:
            start = space + 1
    if end < paragraph_end:
        space = text.rfind(" ", evidence.end, end)
        if space > evidence.end:
            end = space
    return {
        "before": text[start : evidence.start],
        "after": text[evidence.end : end],
        "cut_before": start > paragraph_start,
        "cut_after": end < paragraph_end,
    }
