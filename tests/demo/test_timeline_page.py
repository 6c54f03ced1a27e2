"""The timeline page and the actor page through the Django test client, on a small story built here."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from timeline.models import (
    Actor,
    Alias,
    Conflict,
    ConflictSide,
    Event,
    Evidence,
    Fact,
    Precision,
    Source,
    Statement,
    TimeBasis,
)
from timeline.normalize import content_hash
from timeline.selectors import CHRONOLOGY_QUERIES
from timeline.templatetags.timeline_page import CONTEXT_CHARS, in_context
from timeline.views import time_axis

# One paragraph per fact, so each excerpt's surrounding words name nothing else the tests look for.
WIRE_TEXT = (
    'Juan Guaidó said on Tuesday morning: "The moment is now."\n'
    "Protesters gathered at La Carlota air base.\n"
    "In January 2019 Guaidó declared himself interim president.\n"
    'Padrino said: "We reject this coup movement."\n'
    "The crisis began in 2014."
)
# The filters' actors and their aliases, the sources, then one page of the chronology.
PAGE_QUERIES = 2 + 1 + CHRONOLOGY_QUERIES
HOSTILE_TEXT = 'A reader wrote <script>alert("pwned")</script> in a comment, "Never again," said Guaido.'


def _source(text, outlet, title=""):
    return Source.objects.create(
        text=text,
        content_hash=content_hash(text),
        outlet=outlet,
        title=title,
        published_at=datetime(2019, 4, 30, tzinfo=UTC),
        published_precision=Precision.DAY,
    )


def _cite(fact, source, words):
    start = source.text.index(words)
    Evidence.objects.create(source=source, fact=fact, start=start, end=start + len(words), excerpt=words)


def _at(start, end, precision, expression="", basis=TimeBasis.STATED):
    return {
        "time_start": start,
        "time_end": end,
        "time_precision": precision,
        "time_expression": expression,
        "time_basis": basis,
    }


@pytest.fixture
def story():
    wire = _source(WIRE_TEXT, "Wire Service", "Uprising in Caracas")
    hostile = _source(HOSTILE_TEXT, "Comment Desk")
    guaido = Actor.objects.create(name="Juan Guaidó")
    Alias.objects.create(actor=guaido, name="Juan Guaidó")
    Alias.objects.create(actor=guaido, name="Guaido")
    padrino = Actor.objects.create(name="Vladimir Padrino López")
    moment = Statement.objects.create(
        text="The moment is now.",
        quote_kind="direct",
        speaker=guaido,
        **_at(datetime(2019, 4, 30, 9, tzinfo=UTC), datetime(2019, 4, 30, 10, tzinfo=UTC), Precision.HOUR, "Tuesday"),
    )
    _cite(moment, wire, "The moment is now.")
    rally = Event.objects.create(
        text="Protesters gathered at La Carlota air base",
        place="Caracas",
        **_at(
            datetime(2019, 4, 30, tzinfo=UTC),
            datetime(2019, 5, 1, tzinfo=UTC),
            Precision.DAY,
            basis=TimeBasis.PUBLICATION,
        ),
    )
    rally.participants.add(guaido)
    _cite(rally, wire, "Protesters gathered at La Carlota air base")
    rejection = Statement.objects.create(
        text="We reject this coup movement.",
        quote_kind="direct",
        speaker=padrino,
        **_at(datetime(2019, 4, 30, tzinfo=UTC), datetime(2019, 5, 1, tzinfo=UTC), Precision.DAY),
    )
    _cite(rejection, wire, "We reject this coup movement.")
    declared = Event.objects.create(
        text="Guaidó declared himself interim president",
        **_at(datetime(2019, 1, 1, tzinfo=UTC), datetime(2019, 2, 1, tzinfo=UTC), Precision.MONTH, "January 2019"),
    )
    declared.participants.add(guaido)
    _cite(declared, wire, "Guaidó declared himself interim president")
    crisis = Event.objects.create(
        text="The crisis began",
        **_at(datetime(2014, 1, 1, tzinfo=UTC), datetime(2015, 1, 1, tzinfo=UTC), Precision.YEAR, "2014"),
    )
    _cite(crisis, wire, "The crisis began")
    hostile_quote = Statement.objects.create(
        text='<script>alert("pwned")</script> Never again,', quote_kind="direct", speaker=guaido
    )
    _cite(hostile_quote, hostile, 'A reader wrote <script>alert("pwned")</script>')
    conflict = Conflict.objects.create(
        kind="role", description="Padrino is called defense minister and foreign minister", actor=padrino
    )
    conflict.facts.add(rejection)
    ConflictSide.objects.create(conflict=conflict, value="defense minister").sources.add(wire)
    ConflictSide.objects.create(conflict=conflict, value="foreign minister").sources.add(hostile)
    return {"wire": wire, "hostile": hostile, "guaido": guaido, "padrino": padrino}


def _page(client, **params):
    response = client.get(reverse("timeline:timeline"), params)
    assert response.status_code == 200
    return response.content.decode()


def _in_order(html, *fragments):
    positions = [html.index(fragment) for fragment in fragments]
    return positions == sorted(positions)


@pytest.mark.django_db
def test_the_page_shows_the_chronology_on_a_time_axis_with_undated_items_apart(client, story):
    html = _page(client)
    assert _in_order(
        html,
        ">2014<",
        "The crisis began",
        ">January 2019<",
        "Guaidó declared himself interim president",
        ">Tuesday 30 April 2019<",
        "The moment is now.",
        ">Undated<",
        "Never again,",
    )
    assert 'class="period period--coarse"' in html, "a month or a year is marked as a period, not a day"
    assert "09:00 UTC" in html
    assert "dated by publication" in html, "a fact placed by its publication date says so"


@pytest.mark.django_db
def test_quotes_carry_their_speaker_and_events_their_participants(client, story):
    html = _page(client)
    guaido = story["guaido"]
    assert '<blockquote class="quote-text">“The moment is now.”</blockquote>' in html
    assert f'href="/?actor={guaido.uid}" class="speaker-name">Juan Guaidó</a>' in html
    assert f'href="/actors/{guaido.uid}/">all quotes</a>' in html
    assert '<p class="event-text">Protesters gathered at La Carlota air base' in html
    assert html.count('class="fact fact--statement') == 3
    assert html.count('class="fact fact--event') == 3


@pytest.mark.django_db
def test_every_item_has_a_source_badge_holding_its_excerpt(client, story):
    html = _page(client)
    assert html.count('<details class="source">') == 6
    assert '<summary class="badge">Wire Service</summary>' in html
    # The cited words are marked inside their paragraph, so a reader sees who they were credited to.
    assert "Padrino said: &quot;<mark>We reject this coup movement.</mark>&quot;</blockquote>" in html
    assert "<cite>Uprising in Caracas</cite>" in html


@pytest.mark.django_db
def test_conflicts_are_marked_with_the_sources_on_each_side(client, story):
    html = _page(client)
    assert html.count("fact--disputed") == 1
    assert "Sources disagree: different titles for the same actor" in html
    assert "<strong>defense minister</strong>: Wire Service" in html
    assert "<strong>foreign minister</strong>: Comment Desk" in html


@pytest.mark.django_db
def test_the_actor_filter_keeps_what_the_actor_said_or_took_part_in(client, story):
    html = _page(client, actor=str(story["padrino"].uid))
    assert "We reject this coup movement." in html
    assert "The moment is now." not in html
    assert "Protesters gathered" not in html
    assert "1 item matches the filters" in html

    html = _page(client, actor=str(story["guaido"].uid))
    assert "Protesters gathered" in html, "a participant's events are kept"
    assert "We reject this coup movement." not in html


@pytest.mark.django_db
def test_the_source_filter_and_the_search_box(client, story):
    html = _page(client, source=story["hostile"].pk)
    assert "Never again," in html
    assert "The moment is now." not in html

    html = _page(client, q="carlota")
    assert "Protesters gathered at La Carlota air base" in html
    assert "The moment is now." not in html
    assert 'value="carlota"' in html, "the search box keeps what was typed"


@pytest.mark.django_db
def test_a_long_chronology_is_cut_at_the_limit_and_says_so(client, settings, story):
    settings.TIMELINE_PAGE_MAX_ITEMS = 2
    html = _page(client)
    assert html.count('class="fact fact--') == 2
    assert "Only the first 2 items are shown" in html
    assert "The crisis began" in html, "the earliest items are the ones kept"

    settings.TIMELINE_PAGE_MAX_ITEMS = 6
    assert "Only the first" not in _page(client)


@pytest.mark.django_db
def test_an_unknown_actor_in_a_link_is_reported_and_ignored(client, story):
    html = _page(client, actor="00000000-0000-0000-0000-000000000000")
    assert "The actor filter was ignored." in html
    assert "The moment is now." in html and "We reject this coup movement." in html


@pytest.mark.django_db
def test_article_text_is_shown_as_text_never_run(client, story):
    html = _page(client)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_an_empty_database_shows_an_empty_timeline(client):
    html = _page(client)
    assert "0 items." in html
    assert "Undated" not in html


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_one_item_and_for_many(client, django_assert_num_queries, story):
    # Actors (with their aliases) and sources for the filters, then the chronology.
    with django_assert_num_queries(PAGE_QUERIES):
        _page(client)
    with django_assert_num_queries(PAGE_QUERIES):
        _page(client, q="carlota")


@pytest.mark.django_db
def test_the_actor_page_lists_the_actors_quotes_in_time_order(client, django_assert_num_queries, story):
    guaido = story["guaido"]
    with django_assert_num_queries(6):
        response = client.get(reverse("timeline:actor", args=[guaido.uid]))
    html = response.content.decode()
    assert "<h1>Juan Guaidó</h1>" in html
    assert "<p>Also written: Guaido</p>" in html
    assert _in_order(html, "The moment is now.", ">Undated<", "Never again,")
    assert "We reject this coup movement." not in html
    assert "Protesters gathered" not in html, "the page lists quotes, not events"


@pytest.mark.django_db
def test_an_unknown_actor_page_is_not_found(client):
    response = client.get(reverse("timeline:actor", args=["00000000-0000-0000-0000-000000000000"]))
    assert response.status_code == 404


def test_the_time_axis_heads_each_period_once_at_its_precision():
    def fact(start, precision):
        return Fact(text="x", time_start=datetime(*start, tzinfo=UTC), time_precision=precision)

    facts = [
        fact((2010, 1, 1), Precision.DECADE),
        fact((2019, 4, 29), Precision.DAY),
        fact((2019, 4, 29), Precision.WEEK),  # starts at the same midnight, sorts inside Monday's facts
        fact((2019, 4, 29, 9), Precision.HOUR),
        fact((2019, 4, 30, 6), Precision.PART_OF_DAY),
    ]
    periods = time_axis(facts)
    assert [(period.heading, len(period.facts), period.is_day) for period in periods] == [
        ("2010s", 1, False),
        ("Monday 29 April 2019", 2, True),
        ("Week of Monday 29 April 2019", 1, False),
        ("Tuesday 30 April 2019", 1, True),
    ]


def test_an_excerpt_is_shown_in_its_paragraph_cut_at_whole_words():
    paragraph = " ".join(f"word{number}" for number in range(100))
    text = f"Headline\n{paragraph}\nNext paragraph"
    start = text.index("word50")
    source = Source(text=text)
    around = in_context(Evidence(source=source, start=start, end=start + len("word50"), excerpt="word50"))
    assert around["before"].startswith("word") and around["before"].endswith("word49 ")
    assert around["after"].startswith(" word51") and around["after"].split()[-1].startswith("word")
    assert around["cut_before"] and around["cut_after"]
    assert len(around["before"]) <= CONTEXT_CHARS

    start = text.index("word1 ")
    around = in_context(Evidence(source=source, start=start, end=start + len("word1"), excerpt="word1"))
    assert around["before"] == "word0 " and not around["cut_before"], "the paragraph's start, not the headline"
