"""Every list endpoint issues the same number of queries for one item as for a full page."""

import pytest

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


@pytest.mark.parametrize(
    ("url", "build", "expected"),
    [
        ("/api/timeline/", lambda speaker, n: rich_statement(speaker, n), CHRONOLOGY_QUERIES),
        ("/api/timeline/?kind=event&q=event", lambda speaker, n: rich_event(n), CHRONOLOGY_QUERIES),
        ("/api/timeline/undated/", lambda speaker, n: rich_event(n, dated=False), CHRONOLOGY_QUERIES),
        ("/api/statements/?actor={speaker}", lambda speaker, n: rich_statement(speaker, n), CHRONOLOGY_QUERIES),
        ("/api/events/", lambda speaker, n: rich_event(n), CHRONOLOGY_QUERIES),
        # The actor itself, then its statements, their evidence, their conflicts.
        ("/api/actors/{speaker}/quotes/", lambda speaker, n: rich_statement(speaker, n), 4),
        # Actors with their counts, then their aliases.
        ("/api/actors/?search=rival", lambda speaker, n: rich_statement(speaker, n), 2),
        # Sources with their fact counts.
        ("/api/sources/", lambda speaker, n: make_source(), 1),
    ],
)
def test_list_query_count_is_the_same_for_one_item_and_a_full_page(
    client, django_assert_num_queries, url, build, expected
):
    speaker = make_actor("Juan Guaidó", aliases=["Guaido"])
    url = url.format(speaker=speaker.uid)
    separator = "&" if "?" in url else "?"
    build(speaker, 1)
    count_queries(client, django_assert_num_queries, url, expected, None)
    for day in range(2, 2 + 2 * PAGE):
        build(speaker, day)
    count_queries(client, django_assert_num_queries, f"{url}{separator}page_size={PAGE}", expected, PAGE)


def test_exports_cost_the_same_queries_as_a_page(client, django_assert_num_queries):
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
