"""GET /api/timeline/ and /api/timeline/undated/: order, entry shape, filters, cursor pagination."""

import json

import pytest

from api.serializers import FactSerializer, QuoteSerializer, fact_entry, quote_entry
from tests.api.factories import (
    at,
    cite,
    make_actor,
    make_event,
    make_source,
    make_speaker_conflict,
    make_statement,
)
from timeline import selectors
from timeline.models import Fact, FactType, Precision

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [entry["id"] for entry in response.json()["results"]]


def test_orders_by_time_then_finer_precision_then_first_reported(client):
    early_source = make_source(published_at=at(2019, 4, 30, 8))
    late_source = make_source(published_at=at(2019, 4, 30, 20))
    day_reported_late = make_statement("Day, reported late", start=at(2019, 4, 30), sources=[late_source])
    day_reported_early = make_statement("Day, reported early", start=at(2019, 4, 30), sources=[early_source])
    hour = make_statement("Hour", start=at(2019, 4, 30), precision=Precision.HOUR, sources=[late_source])
    month = make_event("Month", start=at(2019, 4, 1), precision=Precision.MONTH, sources=[late_source])
    year = make_event("Year", start=at(2014, 1, 1), precision=Precision.YEAR, sources=[late_source])

    assert ids(client.get("/api/timeline/")) == [
        str(fact.uid) for fact in (year, month, hour, day_reported_early, day_reported_late)
    ]


def test_undated_facts_are_listed_apart_not_guessed_into_place(client):
    dated = make_statement("Dated", start=at(2019, 4, 30), sources=[make_source()])
    undated = make_event("Undated", sources=[make_source()])

    assert ids(client.get("/api/timeline/")) == [str(dated.uid)]
    response = client.get("/api/timeline/undated/")
    assert ids(response) == [str(undated.uid)]
    when = response.json()["results"][0]["when"]
    assert when == {
        "start": None,
        "end": None,
        "precision": "unknown",
        "expression": "",
        "basis": "unknown",
        "display": None,
    }


def test_entry_carries_when_speaker_actors_sources_with_offsets_and_conflicts(client):
    text = 'Guaidó said "the moment is now" in a video on Tuesday.'
    source = make_source(text=text, outlet="Reuters", title="Uprising", url="https://news.example/uprising")
    guaido = make_actor("Juan Guaidó")
    lopez = make_actor("Leopoldo López")
    statement = make_statement(
        "the moment is now",
        speaker=guaido,
        participants=[lopez],
        start=at(2019, 4, 30, 6),
        precision=Precision.PART_OF_DAY,
        expression="Tuesday morning",
    )
    cite(statement, source, "the moment is now")
    other = make_statement("the moment is now", speaker=lopez, start=at(2019, 5, 1), sources=[make_source()])
    conflict = make_speaker_conflict(statement, other)

    entry = client.get("/api/timeline/").json()["results"][0]

    assert entry["id"] == str(statement.uid)
    assert entry["type"] == "statement"
    assert entry["when"] == {
        "start": "2019-04-30T06:00:00Z",
        "end": "2019-04-30T12:00:00Z",
        "precision": "part_of_day",
        "expression": "Tuesday morning",
        "basis": "stated",
        "display": "30 April 2019, morning",
    }
    assert entry["text"] == "the moment is now"
    assert entry["speaker"] == {"id": str(guaido.uid), "name": "Juan Guaidó", "kind": "person"}
    assert [actor["name"] for actor in entry["actors"]] == ["Juan Guaidó", "Leopoldo López"]
    start = text.index("the moment")
    assert entry["sources"] == [
        {
            "id": source.pk,
            "outlet": "Reuters",
            "title": "Uprising",
            "url": "https://news.example/uprising",
            "published_at": "2019-05-01T12:00:00Z",
            "excerpt": "the moment is now",
            "start": start,
            "end": start + len("the moment is now"),
        }
    ]
    assert text[entry["sources"][0]["start"] : entry["sources"][0]["end"]] == entry["sources"][0]["excerpt"]
    [shown] = entry["conflicts"]
    assert shown["id"] == str(conflict.uid)
    assert shown["kind"] == "speaker"
    assert [(side["value"], side["fact"], [s["id"] for s in side["sources"]]) for side in shown["sides"]] == [
        ("Juan Guaidó", str(statement.uid), [source.pk]),
        ("Leopoldo López", str(other.uid), [other.evidence.get().source_id]),
    ]


@pytest.mark.parametrize(
    ("precision", "start", "display"),
    [
        (Precision.HOUR, at(2019, 4, 30, 9), "30 April 2019, 09:00 UTC"),
        (Precision.DAY, at(2019, 4, 30), "30 April 2019"),
        (Precision.WEEK, at(2019, 4, 29), "week of 29 April 2019"),
        (Precision.MONTH, at(2019, 1, 1), "January 2019"),
        (Precision.YEAR, at(2014, 1, 1), "2014"),
        (Precision.DECADE, at(2010, 1, 1), "2010s"),
    ],
)
def test_display_is_written_at_the_precision(client, precision, start, display):
    make_event(start=start, precision=precision, sources=[make_source()])
    when = client.get("/api/timeline/").json()["results"][0]["when"]
    assert when["display"] == display
    assert when["precision"] == precision.name.lower()


def test_actor_filter_matches_speaker_or_participant_and_repeats(client):
    guaido, maduro, other = make_actor("Juan Guaidó"), make_actor("Nicolás Maduro"), make_actor("Someone Else")
    said = make_statement("Said by Guaidó", speaker=guaido, start=at(2019, 4, 30), sources=[make_source()])
    joined = make_event("Maduro took part", participants=[maduro], start=at(2019, 5, 1), sources=[make_source()])
    make_statement("Said by someone else", speaker=other, start=at(2019, 5, 2), sources=[make_source()])

    assert ids(client.get(f"/api/timeline/?actor={guaido.uid}")) == [str(said.uid)]
    assert ids(client.get(f"/api/timeline/?actor={guaido.uid}&actor={maduro.uid}")) == [
        str(said.uid),
        str(joined.uid),
    ]


def test_source_and_outlet_filters(client):
    reuters, ap = make_source(outlet="Reuters"), make_source(outlet="AP")
    both = make_statement("Both", start=at(2019, 4, 30), sources=[reuters, ap])
    only_ap = make_statement("AP only", start=at(2019, 5, 1), sources=[ap])

    assert ids(client.get(f"/api/timeline/?source={reuters.pk}")) == [str(both.uid)]
    assert ids(client.get(f"/api/timeline/?source={reuters.pk}&source={ap.pk}")) == [str(both.uid), str(only_ap.uid)]
    assert ids(client.get("/api/timeline/?outlet=ap")) == [str(both.uid), str(only_ap.uid)]
    assert ids(client.get("/api/timeline/?outlet=Reuters")) == [str(both.uid)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2019", ["year 2019", "april 2019", "30 april 2019", "may 2019"]),
        ("since=2019-04-30", ["year 2019", "april 2019", "30 april 2019", "may 2019"]),
        ("since=2019-05", ["year 2019", "may 2019"]),
        ("until=2019-04", ["2018", "year 2019", "april 2019", "30 april 2019"]),
        ("until=2019-04-29", ["2018", "year 2019", "april 2019"]),
        ("since=2019-04&until=2019-04", ["year 2019", "april 2019", "30 april 2019"]),
        ("since=2019-04-30T12:00:00Z&until=2019-04-30T13:00:00%2B00:00", ["year 2019", "april 2019", "30 april 2019"]),
        ("until=2018", ["2018"]),
    ],
)
def test_since_and_until_take_dates_at_any_precision_and_keep_overlapping_facts(client, query, expected):
    source = make_source()
    make_event("2018", start=at(2018, 6, 1), precision=Precision.MONTH, sources=[source])
    make_event("year 2019", start=at(2019, 1, 1), precision=Precision.YEAR, sources=[source])
    make_event("april 2019", start=at(2019, 4, 1), precision=Precision.MONTH, sources=[source])
    make_event("30 april 2019", start=at(2019, 4, 30), sources=[source])
    make_event("may 2019", start=at(2019, 5, 1), precision=Precision.MONTH, sources=[source])

    response = client.get(f"/api/timeline/?{query}")
    assert response.status_code == 200, response.content
    assert [entry["text"] for entry in response.json()["results"]] == expected


def test_kind_filter(client):
    statement = make_statement(start=at(2019, 4, 30), sources=[make_source()])
    event = make_event(start=at(2019, 5, 1), sources=[make_source()])

    assert ids(client.get("/api/timeline/?kind=statement")) == [str(statement.uid)]
    assert ids(client.get("/api/timeline/?kind=event")) == [str(event.uid)]
    assert ids(client.get("/api/timeline/?kind=event&kind=statement")) == [str(statement.uid), str(event.uid)]


def test_q_is_full_text_search_with_stemming(client):
    rejection = make_statement(
        "We reject this coup attempt that wants to fill the country with violence",
        start=at(2019, 4, 30),
        sources=[make_source()],
    )
    make_statement("The moment is now", start=at(2019, 4, 30), sources=[make_source()])

    # "rejects" and "attempts" appear nowhere as such: only a stemming full-text search finds them.
    assert ids(client.get("/api/timeline/?q=rejects+attempts")) == [str(rejection.uid)]
    assert ids(client.get("/api/timeline/?q=violence -coup")) == []


def test_full_text_search_uses_the_gin_index(client):
    from django.db import connection

    from timeline.selectors import chronology

    make_statement("We reject this coup", start=at(2019, 4, 30), sources=[make_source()])
    # With a handful of rows and whatever statistics earlier tests left behind, the planner may
    # rightly prefer walking the chronology index. Enough rows the search does not match, and fresh
    # statistics, make the selective full-text condition the cheap way in, as it is in production.
    Fact.objects.bulk_create(
        Fact(
            type=FactType.EVENT,
            text=f"Troops crossed bridge number {n}",
            text_key=f"troops {n}",
            time_start=at(2019, 4, 1),
            time_end=at(2019, 4, 2),
            time_precision=Precision.DAY,
        )
        for n in range(2000)
    )
    sql, params = chronology(query="reject").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeline_fact")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "fact_text_search_idx" in plan


def test_cursor_pages_walk_the_whole_chronology_once(client):
    source = make_source()
    facts = [make_event(f"event {n}", start=at(2019, 4, 1 + n % 5), sources=[source]) for n in range(7)]
    expected = [
        str(fact.uid) for fact in sorted(facts, key=lambda fact: (fact.time_start, fact.first_reported_at, fact.pk))
    ]

    seen, url = [], "/api/timeline/?page_size=3"
    while url:
        body = client.get(url).json()
        seen += [entry["id"] for entry in body["results"]]
        url = body["next"]
    assert seen == expected


def test_cursor_is_stable_under_inserts_before_it(client):
    source = make_source()
    facts = [make_event(f"event {n}", start=at(2019, 4, 10 + n), sources=[source]) for n in range(4)]
    first_page = client.get("/api/timeline/?page_size=2").json()
    assert [entry["id"] for entry in first_page["results"]] == [str(facts[0].uid), str(facts[1].uid)]

    # Facts that sort before the cursor, and one that ties its time, must not shift the next page.
    make_event("inserted earlier", start=at(2019, 4, 1), sources=[source])
    make_event("inserted at the same time", start=at(2019, 4, 10), sources=[source])

    assert ids(client.get(first_page["next"])) == [str(facts[2].uid), str(facts[3].uid)]


def test_cursor_handles_facts_without_first_report(client):
    # Facts without a dated source have no first_reported_at; they sort after their time-mates.
    dated_source = make_source(published_at=at(2019, 4, 30))
    undated_source = make_source()
    undated_source.published_at = None
    undated_source.save()
    facts = [
        make_event("reported", start=at(2019, 4, 30), sources=[dated_source]),
        make_event("never reported 1", start=at(2019, 4, 30), sources=[undated_source]),
        make_event("never reported 2", start=at(2019, 4, 30), sources=[undated_source]),
        make_event("later", start=at(2019, 5, 1), sources=[undated_source]),
    ]
    seen, url = [], "/api/timeline/?page_size=1"
    while url:
        body = client.get(url).json()
        seen += [entry["id"] for entry in body["results"]]
        url = body["next"]
    assert seen == [str(fact.uid) for fact in facts]


def test_undated_listing_pages_too(client):
    source = make_source()
    facts = [make_event(f"undated {n}", sources=[source]) for n in range(3)]
    seen, url = [], "/api/timeline/undated/?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [entry["id"] for entry in body["results"]]
        url = body["next"]
    assert seen == [str(fact.uid) for fact in facts]


def test_undated_listing_takes_the_filters_that_need_no_time(client):
    guaido = make_actor("Juan Guaidó")
    said = make_statement("Sometime", speaker=guaido, sources=[make_source(outlet="AP")])
    make_event("Undated", sources=[make_source()])

    assert ids(client.get(f"/api/timeline/undated/?actor={guaido.uid}&kind=statement&outlet=AP")) == [str(said.uid)]
    response = client.get("/api/timeline/undated/?since=2019")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["since"]


def test_page_size_up_to_200(client):
    assert client.get("/api/timeline/?page_size=200").status_code == 200
    for bad in ("201", "0", "-1", "ten"):
        response = client.get(f"/api/timeline/?page_size={bad}")
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["page_size"]


def test_statement_pages_cross_from_dated_to_undated_once(client):
    # /api/statements/ lists the undated last, so a cursor on a dated row must still reach them.
    speaker = make_actor()
    dated = [make_statement(f"dated {n}", speaker=speaker, start=at(2019, 4, 1 + n)) for n in range(3)]
    undated = [make_statement(f"undated {n}", speaker=speaker) for n in range(2)]
    seen, url = [], "/api/statements/?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [entry["id"] for entry in body["results"]]
        url = body["next"]
    assert seen == [str(fact.uid) for fact in dated + undated]


def test_actor_filter_finds_a_speaker_who_is_not_a_participant(client):
    # The merge makes every speaker a participant; a person editing in the admin need not.
    speaker = make_actor()
    said = make_statement("Edited by hand", speaker=speaker, start=at(2019, 4, 30))
    said.participants.remove(speaker)
    assert ids(client.get(f"/api/timeline/?actor={speaker.uid}")) == [str(said.uid)]


def test_entries_built_from_rows_are_what_the_serializers_give(client):
    source, other = make_source(), make_source(outlet="AP", published_at=at(2019, 4, 30, 9, 30))
    speaker = make_actor()
    statement = make_statement(
        "The moment is now", speaker=speaker, start=at(2019, 4, 30, 6), precision=Precision.PART_OF_DAY
    )
    cite(statement, source)
    cite(statement, other)
    statement.participants.add(make_actor("Leopoldo López"))
    rival = make_statement("The moment is now", speaker=make_actor("Someone Else"), start=at(2019, 4, 30))
    cite(rival, other)
    make_speaker_conflict(statement, rival)
    make_event("Undated and unsourced")

    facts = selectors.chronology(undated=None, with_provenance=False)
    by_serializer = FactSerializer(selectors.chronology(undated=None), many=True).data
    assert [fact_entry(row) for row in selectors.fact_rows(facts)] == json_round_trip(by_serializer)
    quotes = selectors.actor_quotes(actor=speaker, with_provenance=False)
    by_serializer = QuoteSerializer(selectors.actor_quotes(actor=speaker), many=True).data
    assert [quote_entry(row) for row in selectors.fact_rows(quotes, with_actors=False)] == json_round_trip(
        by_serializer
    )


def json_round_trip(data):
    # Serializer output holds ordered dicts and lazy strings; compare plain JSON values.
    return json.loads(json.dumps(data))
