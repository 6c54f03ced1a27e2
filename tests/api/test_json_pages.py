"""List pages built as JSON by PostgreSQL (api.json_pages) are the very bytes the Python path writes.

Every case is requested twice, once as served (one statement) and once with the database's JSON
turned off (facts, evidence and conflicts read as rows and shaped in Python), page by page along the
``next`` links, and the two responses must be identical byte for byte.
"""

import base64
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import json_pages
from tests.api.factories import (
    at,
    cite,
    make_actor,
    make_event,
    make_role,
    make_role_conflict,
    make_source,
    make_speaker_conflict,
    make_statement,
)
from timeline.models import Conflict, ConflictSide, Fact, Precision

pytestmark = pytest.mark.django_db

# Everything JSON must escape, and what it must not: quotes, backslashes, control characters,
# the two separators DRF escapes for JavaScript, markup, accents and characters beyond the BMP.
AWKWARD = 'He said "enough" \\ not\nnow\ttoday \x01\x1f \u2028 \u2029 <b>&amp;</b> Ñandú 😀 \u00a0 end'


@pytest.fixture
def story():
    """Facts at every precision (and none), with every kind of provenance a page can show."""
    reuters = make_source(outlet="Reuters", published_at=at(2019, 4, 30, 9, 15, 30, 123456))
    bare = make_source(outlet="", title="", url=None, published_at=at(2019, 4, 30, 7))
    odd = make_source(text=f"Article. {AWKWARD} More.", outlet='The "Odd" \\ Times', title=AWKWARD)
    speaker = make_actor("Juan Guaidó")
    quoted = make_actor('Dana O\'Neil "the \\ Voice"', kind="organisation")
    facts = []
    times = [
        (Precision.HOUR, at(2019, 4, 30, 9, 30)),
        (Precision.HOUR, at(2019, 4, 30, 0, 0, 0, 250)),
        (Precision.PART_OF_DAY, at(2019, 4, 30, 0)),
        (Precision.PART_OF_DAY, at(2019, 4, 30, 6)),
        (Precision.PART_OF_DAY, at(2019, 4, 30, 12)),
        (Precision.PART_OF_DAY, at(2019, 4, 30, 18)),
        (Precision.DAY, at(2019, 5, 1)),
        (Precision.WEEK, at(2019, 4, 29)),
        (Precision.MONTH, at(2019, 1, 1)),
        (Precision.YEAR, at(2014, 1, 1)),
        (Precision.DECADE, at(1990, 1, 1)),
        (Precision.DECADE, at(950, 1, 1)),
        (Precision.DAY, at(2019, 12, 31, 23, 59, 59, 999999)),
    ]
    for number, (precision, start) in enumerate(times):
        statement = make_statement(
            f"Statement {number} {AWKWARD if number % 4 == 0 else ''}".strip(),
            speaker=speaker,
            start=start,
            precision=precision,
            sources=[reuters, bare] if number % 2 else [odd],
            participants=[quoted] if number % 3 == 0 else [],
        )
        facts.append(statement)
        facts.append(
            make_event(
                f"Event {number}",
                start=start + timedelta(minutes=number),
                precision=precision,
                sources=[bare] if number % 2 else [],
                participants=[make_actor(f"Marcher {number}"), make_actor(f"Álvaro {number}"), quoted],
            )
        )
    # Two spans of one source, listed by offset.
    cite(facts[0], odd, "More.")
    undated_statement = make_statement("Undated words", speaker=speaker, sources=[reuters])
    make_event(f"Undated {AWKWARD}", sources=[odd], participants=[speaker])
    # A speaker conflict (sides with facts and sources), a reviewed role conflict about an actor
    # (sides without facts), a side without sources, and sides that code points and a language's
    # collation would order differently.
    rival = make_statement("Statement 1", speaker=make_actor("Zoë Rival"), start=times[1][1], sources=[odd])
    make_speaker_conflict(facts[2], rival)
    roles = [make_role(speaker, "interim president", reuters), make_role(speaker, "Ñ president", odd)]
    role_conflict = make_role_conflict(speaker, roles)
    Conflict.objects.filter(pk=role_conflict.pk).update(reviewed=True)
    role_conflict.facts.add(facts[2], undated_statement)
    mixed = Conflict.objects.create(kind="date", description=f"When? {AWKWARD}")
    mixed.facts.add(facts[4], facts[5])
    for value in ("alpha", "Zulu", "Émile", "émile", "_under", "10"):
        side = ConflictSide.objects.create(conflict=mixed, value=value, fact=facts[5] if value == "Zulu" else None)
        if value != "10":
            side.sources.add(bare, reuters)
    # A statement whose speaker a person left out of its participants.
    lone = make_statement("Lone words", speaker=make_actor("Lone Speaker"), start=at(2019, 4, 30), sources=[bare])
    lone.participants.clear()
    return {"speaker": speaker, "quoted": quoted, "reuters": reuters, "lone": lone.speaker}


def walk(client, url, *, link="next"):
    """Every page from ``url`` on, following ``link`` (``next`` or ``previous``): the responses' bytes."""
    pages = []
    while url:
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content
        pages.append(response.content)
        url = response.json()[link]
    return pages


def page_urls(story):
    speaker, quoted, reuters = story["speaker"].uid, story["quoted"].uid, story["reuters"].pk
    return [
        "/api/timeline/",
        "/api/timeline/?page_size=3",
        f"/api/timeline/?page_size=4&actor={speaker}&since=2019-04&until=2019",
        f"/api/timeline/?page_size=5&actor={quoted}&actor={story['lone'].uid}",
        "/api/timeline/?page_size=2&kind=event&q=event",
        "/api/timeline/?page_size=2&q=enough",
        f"/api/timeline/?page_size=3&source={reuters}&outlet=reuters",
        "/api/timeline/undated/?page_size=1",
        "/api/statements/?page_size=4",
        "/api/events/?page_size=7",
        f"/api/actors/{speaker}/quotes/?page_size=4",
        f"/api/actors/{story['lone'].uid}/quotes/",
    ]


def test_postgresql_pages_are_the_bytes_the_python_path_writes(client, story, monkeypatch):
    for url in page_urls(story):
        built = walk(client, url)
        with monkeypatch.context() as python_only:
            python_only.setattr(json_pages, "available", lambda request: False)
            shaped = walk(client, url)
        assert built == shaped, url
        assert json.loads(built[0])["results"], url


def results(pages):
    return [json.loads(page)["results"] for page in pages]


@pytest.mark.parametrize("share", range(4))
def test_previous_links_walk_back_through_the_same_pages_on_both_paths(client, story, monkeypatch, share):
    # A quarter of the lists a test: walking every list three ways would meet the anonymous rate limit.
    for url in page_urls(story)[share::4]:
        forward = walk(client, url)
        last_page_url = json.loads(forward[-2])["next"] if len(forward) > 1 else url
        backward = walk(client, last_page_url, link="previous")
        assert results(backward) == results(forward)[::-1], url
        assert json.loads(forward[0])["previous"] is None, url
        with monkeypatch.context() as python_only:
            python_only.setattr(json_pages, "available", lambda request: False)
            assert walk(client, last_page_url, link="previous") == backward, url


def test_the_fixture_reaches_every_shape(client, story):
    entries = [entry for page in walk(client, "/api/timeline/?page_size=200") for entry in json.loads(page)["results"]]
    displays = {entry["when"]["display"] for entry in entries}
    assert {"30 April 2019, 09:30 UTC", "30 April 2019, night", "30 April 2019, evening", "week of 29 April 2019"} <= (
        displays
    )
    assert {"January 2019", "2014", "1990s", "950s"} <= displays
    assert "0950-01-01T00:00:00Z" in {entry["when"]["start"] for entry in entries}
    assert "2019-04-30T00:00:00.000250Z" in {entry["when"]["start"] for entry in entries}
    sources = [source for entry in entries for source in entry["sources"]]
    assert "2019-04-30T09:15:30.123456Z" in {source["published_at"] for source in sources}
    assert None in {source["url"] for source in sources}
    conflicts = {conflict["kind"]: conflict for entry in entries for conflict in entry["conflicts"]}
    assert [side["value"] for side in conflicts["date"]["sides"]] == ["10", "Zulu", "_under", "alpha", "Émile", "émile"]
    assert conflicts["role"]["reviewed"] is True and conflicts["role"]["actor"]["name"] == "Juan Guaidó"
    assert [side["sources"] for side in conflicts["date"]["sides"]][0] == []
    assert AWKWARD in {entry["text"].removeprefix("Statement 0 ") for entry in entries}


def test_a_page_is_one_statement(client, story):
    for url in page_urls(story):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert len(captured.captured_queries) == json_pages.PAGE_QUERIES, url


def test_separators_are_escaped_as_drf_escapes_them(client, story):
    body = client.get("/api/timeline/?q=enough", HTTP_ACCEPT="application/json").content
    assert b"\\u2028" in body and b"\\u2029" in body
    assert "\u2028".encode() not in body and "\u2029".encode() not in body
    assert "Ñandú 😀".encode() in body


def test_indented_and_browsable_responses_are_shaped_in_python(client, story):
    compact = client.get("/api/timeline/", HTTP_ACCEPT="application/json")
    indented = client.get("/api/timeline/", HTTP_ACCEPT="application/json; indent=2")
    assert indented.content.startswith(b'{\n  "next"')
    assert json.loads(indented.content) == json.loads(compact.content)
    browsable = client.get("/api/timeline/?format=api")
    assert browsable.status_code == 200
    assert "Juan Guaidó" in browsable.content.decode()


def test_quotes_of_an_unknown_actor_are_not_found_and_of_a_quiet_actor_empty(client, story):
    unknown = client.get("/api/actors/00000000-0000-4000-8000-000000000000/quotes/")
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"
    quiet = make_actor("Quiet Person")
    assert client.get(f"/api/actors/{quiet.uid}/quotes/").json() == {"next": None, "previous": None, "results": []}


def test_the_sort_key_of_the_last_row_makes_the_next_cursor(client, story):
    first = client.get("/api/timeline/?page_size=2").json()
    following = client.get(first["next"]).json()
    everything = [entry["id"] for entry in client.get("/api/timeline/?page_size=200").json()["results"]]
    assert [entry["id"] for entry in first["results"] + following["results"]] == everything[:4]
    # The cursor is the API's own: the last row's time_start, precision, first report and id.
    cursor = parse_qs(urlsplit(first["next"]).query)["cursor"][0]
    last = Fact.objects.get(uid=first["results"][-1]["id"])
    assert json.loads(base64.urlsafe_b64decode(cursor)) == [
        last.time_start.isoformat(),
        last.time_precision,
        last.first_reported_at.isoformat(),
        last.pk,
    ]
