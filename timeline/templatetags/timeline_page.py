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
