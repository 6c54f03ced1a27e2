"""The reader's pages: the merged chronology at ``/`` and one actor's quotes.

Views only parse the filters and arrange what the selectors return into days; every read goes
through ``timeline.selectors``, the same functions the API uses, so the page and the API agree.
"""

from dataclasses import dataclass, field
from datetime import UTC

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from timeline import selectors
from timeline.models import Actor, Fact, Precision

# The page is one long read; past this many items a reader narrows the filters (the API pages on).
DEFAULT_PAGE_MAX_ITEMS = 500


@dataclass
class Period:
    """One stretch of the time axis (a day, or a coarser period such as a month) and its facts."""

    heading: str
    machine_date: str
    is_day: bool
    facts: list[Fact] = field(default_factory=list)


def _period_of(fact: Fact) -> tuple[tuple, str, str, bool]:
    """Grouping key, heading, ISO date for ``<time datetime>``, and whether the period is a day."""
    start = fact.time_start.astimezone(UTC)
    precision = fact.time_precision
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if precision <= Precision.DAY:
        return ("day", start.date()), day, start.date().isoformat(), True
    if precision == Precision.WEEK:
        return (precision, start.date()), f"Week of {day}", start.date().isoformat(), False
    if precision == Precision.MONTH:
        return (precision, start.year, start.month), f"{start:%B %Y}", f"{start:%Y-%m}", False
    if precision == Precision.YEAR:
        return (precision, start.year), str(start.year), str(start.year), False
    decade = start.year // 10 * 10
    return (Precision.DECADE, decade), f"{decade}s", str(decade), False


def time_axis(facts) -> list[Period]:
    """Dated facts grouped into periods, in the chronology's order of first appearance.

    Grouping by key rather than by runs keeps one heading per day even when a coarser period that
    starts at the same midnight (a week, a month) sorts between that day's facts.
    """
    periods: dict[tuple, Period] = {}
    for fact in facts:
        key, heading, machine_date, is_day = _period_of(fact)
        if key not in periods:
            periods[key] = Period(heading=heading, machine_date=machine_date, is_day=is_day)
        periods[key].facts.append(fact)
    return list(periods.values())


class TimelineFilterForm(forms.Form):
    """The page's filters. Choices come from rows the view already read, so validating costs no query."""

    actor = forms.ChoiceField(required=False, label="Actor")
    source = forms.ChoiceField(required=False, label="Source")
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.SearchInput(attrs={"placeholder": "words in a quote or event"}),
    )

    def __init__(self, data, *, actors, sources):
        super().__init__(data)
        self.fields["actor"].choices = [("", "All actors")] + [(str(actor.uid), actor.name) for actor in actors]
        self.fields["source"].choices = [("", "All sources")] + [
            (str(source.pk), source_label(source)) for source in sources
        ]


def source_label(source) -> str:
    """What a reader calls a source: its outlet and, when known, its title."""
    if source.outlet and source.title:
        return f"{source.outlet}: {source.title}"
    return source.outlet or source.title or f"Source {source.pk}"


def timeline_page(request):
    actors = list(selectors.actor_list())
    sources = list(selectors.source_list())
    form = TimelineFilterForm(request.GET, actors=actors, sources=sources)
    # An unknown actor or source in a stale link drops that filter and says so, rather than failing.
    form.is_valid()
    filters = form.cleaned_data
    actor_uid, source_id, query = filters.get("actor"), filters.get("source"), filters.get("q")

    limit = getattr(settings, "TIMELINE_PAGE_MAX_ITEMS", DEFAULT_PAGE_MAX_ITEMS)
    chronology = selectors.chronology(
        actor_ids=[actor_uid] if actor_uid else None,
        source_ids=[int(source_id)] if source_id else None,
        query=query or None,
        undated=None,
    )
    # One row past the limit tells whether there is more, without a count query.
    facts = list(chronology[: limit + 1])
    truncated = len(facts) > limit
    facts = facts[:limit]
    dated = [fact for fact in facts if fact.time_start is not None]
    undated = [fact for fact in facts if fact.time_start is None]
    return render(
        request,
        "timeline/timeline.html",
        {
            "form": form,
            "periods": time_axis(dated),
            "undated": undated,
            "fact_count": len(facts),
            "truncated": truncated,
            "is_filtered": bool(actor_uid or source_id or query),
        },
    )


def actor_page(request, uid):
    try:
        actor = selectors.actor_detail(uid=uid)
    except Actor.DoesNotExist:
        raise Http404("No such actor") from None
    quotes = list(selectors.actor_quotes(actor=actor))
    return render(
        request,
        "timeline/actor.html",
        {
            "actor": actor,
            "other_names": [alias.name for alias in actor.aliases.all() if alias.name != actor.name],
            "periods": time_axis(quote for quote in quotes if quote.time_start is not None),
            "undated": [quote for quote in quotes if quote.time_start is None],
        },
    )
