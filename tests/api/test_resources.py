"""Actors, their quotes, statements, events and sources as resources."""

import pytest

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
from timeline.models import Precision

pytestmark = pytest.mark.django_db


def names(response):
    assert response.status_code == 200, response.content
    return [actor["name"] for actor in response.json()["results"]]


def test_actor_search_ignores_case_and_accents_in_names_and_aliases(client):
    make_actor("Juan Guaidó", aliases=["Guaido", "Juan Gerardo Guaidó Márquez"])
    make_actor("Vladimir Padrino López", aliases=["Padrino"])
    make_actor("Leopoldo López")

    assert names(client.get("/api/actors/?search=guaido")) == ["Juan Guaidó"]
    assert names(client.get("/api/actors/?search=GUAIDÓ")) == ["Juan Guaidó"]
    assert names(client.get("/api/actors/?search=marquez")) == ["Juan Guaidó"]
    assert names(client.get("/api/actors/?search=lopez")) == ["Leopoldo López", "Vladimir Padrino López"]
    assert names(client.get("/api/actors/?search=nobody")) == []


def test_actor_kind_filter(client):
    make_actor("Juan Guaidó")
    make_actor("Venezuelan government", kind="government")
    assert names(client.get("/api/actors/?kind=government")) == ["Venezuelan government"]
    assert names(client.get("/api/actors/")) == ["Juan Guaidó", "Venezuelan government"]


def test_actor_list_entry_has_aliases_and_counts(client):
    guaido = make_actor("Juan Guaidó", aliases=["Guaido"])
    make_statement(speaker=guaido, start=at(2019, 4, 30), sources=[make_source()])
    make_event(participants=[guaido], start=at(2019, 4, 30), sources=[make_source()])
    [entry] = client.get("/api/actors/").json()["results"]
    assert entry == {
        "id": str(guaido.uid),
        "name": "Juan Guaidó",
        "kind": "person",
        "aliases": ["Guaido"],
        "statement_count": 1,
        "fact_count": 2,
    }


def test_actor_detail_has_roles_with_their_sources(client):
    padrino = make_actor("Vladimir Padrino López", aliases=["Padrino"])
    reuters = make_source(text="Defense Minister Vladimir Padrino said so.", outlet="Reuters")
    ap = make_source(text="Foreign Minister Padrino said so.", outlet="AP")
    roles = [make_role(padrino, "Defense Minister", reuters), make_role(padrino, "Foreign Minister", ap)]
    conflict = make_role_conflict(padrino, roles)

    body = client.get(f"/api/actors/{padrino.uid}/").json()

    assert body["name"] == "Vladimir Padrino López"
    assert body["aliases"] == ["Padrino"]
    assert body["statement_count"] == 0
    assert [(role["title"], role["source"]["outlet"], role["start"], role["end"]) for role in body["roles"]] == [
        ("Defense Minister", "Reuters", 0, len("Defense Minister")),
        ("Foreign Minister", "AP", 0, len("Foreign Minister")),
    ]
    [flagged] = body["conflicts"]
    assert (flagged["id"], flagged["kind"], flagged["actor"]["name"]) == (str(conflict.uid), "role", padrino.name)
    assert [(side["value"], [source["id"] for source in side["sources"]]) for side in flagged["sides"]] == [
        ("Defense Minister", [reuters.pk]),
        ("Foreign Minister", [ap.pk]),
    ]


def test_actor_quotes_are_that_actors_statements_in_time_order_each_with_sources(client):
    guaido = make_actor("Juan Guaidó")
    later = make_statement("Later words", speaker=guaido, start=at(2019, 5, 1), sources=[make_source()])
    earlier = make_statement(
        "Earlier words", speaker=guaido, start=at(2019, 4, 30), sources=[make_source(), make_source(outlet="AP")]
    )
    undated = make_statement("Undated words", speaker=guaido, sources=[make_source()])
    make_statement("Someone else's words", speaker=make_actor("Other"), start=at(2019, 4, 1), sources=[make_source()])
    make_event(participants=[guaido], start=at(2019, 4, 1), sources=[make_source()])

    body = client.get(f"/api/actors/{guaido.uid}/quotes/").json()

    assert [quote["id"] for quote in body["results"]] == [str(earlier.uid), str(later.uid), str(undated.uid)]
    assert [source["outlet"] for source in body["results"][0]["sources"]] == ["Reuters", "AP"]
    assert body["results"][0]["quote_kind"] == "direct"


def test_statement_and_event_lists_take_the_same_filters(client):
    guaido = make_actor("Juan Guaidó")
    statement = make_statement(speaker=guaido, start=at(2019, 4, 30), sources=[make_source()])
    undated_statement = make_statement("Sometime", speaker=guaido, sources=[make_source()])
    event = make_event(start=at(2019, 4, 30), sources=[make_source()], participants=[guaido])
    make_event("Another", start=at(2018, 1, 1), precision=Precision.YEAR, sources=[make_source()])

    statements = client.get("/api/statements/").json()["results"]
    assert [entry["id"] for entry in statements] == [str(statement.uid), str(undated_statement.uid)]
    events = client.get(f"/api/events/?actor={guaido.uid}&since=2019").json()["results"]
    assert [entry["id"] for entry in events] == [str(event.uid)]
    # A kind is implied by the endpoint, so it is no filter there.
    assert client.get("/api/events/?kind=statement").status_code == 400


def test_fact_detail_has_full_provenance(client):
    source = make_source(text="Padrino said: we reject this coup.", outlet="Reuters")
    padrino = make_actor("Vladimir Padrino López")
    statement = make_statement("we reject this coup", speaker=padrino, start=at(2019, 4, 30))

    evidence = cite(statement, source, "we reject this coup")
    rival = make_statement("we reject this coup", speaker=make_actor("Other"), sources=[make_source()])
    make_speaker_conflict(statement, rival)

    body = client.get(f"/api/statements/{statement.uid}/").json()

    assert body["id"] == str(statement.uid)
    assert body["speaker"]["name"] == "Vladimir Padrino López"
    assert (body["quote_kind"], body["cue"]) == ("direct", "said")
    assert body["first_reported_at"] == "2019-05-01T12:00:00Z"
    [cited] = body["sources"]
    assert cited["evidence_id"] == str(evidence.uid)
    assert (cited["start"], cited["end"], cited["excerpt"]) == (14, 33, "we reject this coup")
    assert cited["confidence"] == 1.0
    assert [side["value"] for side in body["conflicts"][0]["sides"]] == ["Other", "Vladimir Padrino López"]

    event = make_event(start=at(2019, 4, 30), sources=[source], place="La Carlota")
    event_body = client.get(f"/api/events/{event.uid}/").json()
    assert (event_body["type"], event_body["place"], event_body["speaker"]) == ("event", "La Carlota", None)


def test_sources_newest_first_with_fact_counts(client):
    old = make_source(published_at=at(2019, 4, 30, 8))
    new = make_source(published_at=at(2019, 5, 2))
    unknown_date = make_source()
    unknown_date.published_at = None
    unknown_date.save()
    make_statement(start=at(2019, 4, 30), sources=[old, new])
    make_event(start=at(2019, 4, 30), sources=[old])

    body = client.get("/api/sources/").json()

    assert [(entry["id"], entry["fact_count"]) for entry in body["results"]] == [
        (new.pk, 1),
        (old.pk, 2),
        (unknown_date.pk, 0),
    ]
    assert "text" not in body["results"][0]
    second_page = client.get(client.get("/api/sources/?page_size=2").json()["next"]).json()
    assert [entry["id"] for entry in second_page["results"]] == [unknown_date.pk]


def test_source_detail_shows_what_was_extracted_from_it(client):
    text = 'Defense Minister Padrino said "we reject this coup". Troops gathered at La Carlota.'
    source = make_source(text=text)
    padrino = make_actor("Vladimir Padrino López")
    make_role(padrino, "Defense Minister", source)
    statement = make_statement("we reject this coup", speaker=padrino, start=at(2019, 4, 30))
    event = make_event("Troops gathered at La Carlota", start=at(2019, 4, 30))

    cite(statement, source, "we reject this coup")
    cite(event, source, "Troops gathered at La Carlota")

    body = client.get(f"/api/sources/{source.pk}/").json()

    assert body["text"] == text
    assert [(fact["id"], fact["type"], fact["excerpt"]) for fact in body["facts"]] == [
        (str(statement.uid), "statement", "we reject this coup"),
        (str(event.uid), "event", "Troops gathered at La Carlota"),
    ]
    for fact in body["facts"]:
        assert text[fact["start"] : fact["end"]] == fact["excerpt"]
    assert [(role["actor"]["name"], role["title"]) for role in body["roles"]] == [
        ("Vladimir Padrino López", "Defense Minister")
    ]
