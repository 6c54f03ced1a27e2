"""Every list endpoint issues the same number of queries for one item as for a full page."""

import pytest

from api import json_pages
from tests.api.factories import (
    at,
    make_actor,
    make_event,
    make_role,
    make_role_conflict,
    make_source,
    make_speaker_conflict,
    make_statement,
)
from timeline.selectors import CHRONOLOGY_QUERIES

pytestmark = pytest.mark.django_db

PAGE = 5


def rich_statement(speaker, day, *, dated=True):
    """A statement with two sources, an extra participant, and a speaker conflict with a rival."""
    sources = [make_source(), make_source(outlet="AP")]
    start = at(2019, 4, day) if dated else None
    fact = make_statement(f"Statement {day}", speaker=speaker, start=start, sources=sources)
    fact.participants.add(make_actor(f"Bystander {day}"))
    rival = make_statement(f"Statement {day}", speaker=make_actor(f"Rival {day}"), start=start, sources=sources[:1])
    make_speaker_conflict(fact, rival)
    return fact


def rich_event(day, *, dated=True):
    source = make_source()
    return make_event(
        f"Event {day}",
        start=at(2019, 4, day) if dated else None,
        sources=[source, make_source()],
        participants=[make_actor(f"Marcher {day}"), make_actor(f"Police {day}")],
    )


def count_queries(client, django_assert_num_queries, url, expected, results):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, response.content
    if results is not None:
        assert len(response.json()["results"]) == results


@pytest.fixture(params=["database JSON", "Python"])
def fact_page_queries(request, monkeypatch):
    """What a page of facts costs: one statement when PostgreSQL writes the JSON (api.json_pages),
    or the facts, participants, evidence and conflicts read as rows and shaped in Python."""
    if request.param == "Python":
        monkeypatch.setattr(json_pages, "available", lambda request: False)
        return CHRONOLOGY_QUERIES
    return json_pages.PAGE_QUERIES


@pytest.mark.parametrize(
    ("url", "build", "expected"),
    [
        ("/api/timeline/", lambda speaker, n: rich_statement(speaker, n), None),
        ("/api/timeline/?kind=event&q=event", lambda speaker, n: rich_event(n), None),
        ("/api/timeline/undated/", lambda speaker, n: rich_event(n, dated=False), None),
        ("/api/statements/?actor={speaker}", lambda speaker, n: rich_statement(speaker, n), None),
        ("/api/events/", lambda speaker, n: rich_event(n), None),
        # Read by the actor's uid; the speaker is the actor, so no actors are read.
        ("/api/actors/{speaker}/quotes/", lambda speaker, n: rich_statement(speaker, n), "quotes"),
        # Actors with their counts, then their aliases.
        ("/api/actors/?search=rival", lambda speaker, n: rich_statement(speaker, n), 2),
        # Sources with their fact counts.
        ("/api/sources/", lambda speaker, n: make_source(), 1),
    ],
)
def test_list_query_count_is_the_same_for_one_item_and_a_full_page(
    client, django_assert_num_queries, fact_page_queries, url, build, expected
):
    if expected is None:
        expected = fact_page_queries
    elif expected == "quotes":
        expected = 1 if fact_page_queries == json_pages.PAGE_QUERIES else fact_page_queries - 1
    speaker = make_actor("Juan Guaidó", aliases=["Guaido"])
    url = url.format(speaker=speaker.uid)
    separator = "&" if "?" in url else "?"
    build(speaker, 1)
    count_queries(client, django_assert_num_queries, url, expected, None)
    for day in range(2, 2 + 2 * PAGE):
        build(speaker, day)
    count_queries(client, django_assert_num_queries, f"{url}{separator}page_size={PAGE}", expected, PAGE)


def test_an_actor_without_quotes_costs_one_query_more_to_tell_it_from_an_unknown_one(
    client, django_assert_num_queries, fact_page_queries
):
    quiet = make_actor("Quiet Person")
    # Its statements (none, so no provenance is read), then whether it exists.
    count_queries(client, django_assert_num_queries, f"/api/actors/{quiet.uid}/quotes/", 2, 0)
    with django_assert_num_queries(2):
        assert client.get("/api/actors/00000000-0000-4000-8000-000000000000/quotes/").status_code == 404


def test_exports_cost_the_same_queries_as_a_page(client, django_assert_num_queries):
    # Exports are shaped in Python from rows, whatever the database.
    speaker = make_actor()
    rich_statement(speaker, 1)
    for export in ("csv", "timelinejs"):
        count_queries(client, django_assert_num_queries, f"/api/timeline/?format={export}", CHRONOLOGY_QUERIES, None)
    for day in range(2, 12):
        rich_statement(speaker, day)
        rich_event(day)
    for export in ("csv", "timelinejs"):
        count_queries(client, django_assert_num_queries, f"/api/timeline/?format={export}", CHRONOLOGY_QUERIES, None)


def test_detail_query_counts(client, django_assert_num_queries):
    speaker = make_actor(aliases=["Guaido", "Juan Guaido"])
    statement = rich_statement(speaker, 1)
    source = statement.evidence.first().source
    make_role(speaker, "President of the National Assembly", source)
    make_role(speaker, "interim president", make_source())
    count_queries(client, django_assert_num_queries, f"/api/statements/{statement.uid}/", CHRONOLOGY_QUERIES, None)
    make_role_conflict(speaker, list(speaker.roles.all()))
    # The actor with counts, aliases, roles with their sources, conflicts about it with their sides.
    count_queries(client, django_assert_num_queries, f"/api/actors/{speaker.uid}/", 4, None)
    # The source, its evidence with facts and speakers, its roles with actors.
    count_queries(client, django_assert_num_queries, f"/api/sources/{source.pk}/", 3, None)
