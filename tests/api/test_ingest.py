"""POST /api/sources/ ingests an article end to end; DELETE /api/sources/{id}/ withdraws one."""

import pytest

from tests.api.factories import at, make_source, make_statement
from tests.api.openapi import assert_matches
from tests.seeds import seed_article
from timeline.models import Fact, Source

pytestmark = pytest.mark.django_db


def test_post_ingests_an_article_and_answers_with_what_was_extracted(token_client, spec):
    article = seed_article(3)

    response = token_client.post("/api/sources/", article, format="json")

    assert response.status_code == 201, response.content
    assert_matches(spec, "/api/sources/", "post", response)
    body = response.json()
    assert body["created"] is True
    assert body["counts"]["statements_created"] > 0
    assert all(isinstance(count, int) for count in body["counts"].values())
    source = body["source"]
    assert source["text"] == article["text"]
    assert (source["outlet"], source["title"]) == (article["outlet"], article["title"])
    assert source["published_at"].startswith("2019-04-30")
    assert source["published_precision"] == "day"
    assert source["facts"], "the article yields statements and events"
    for fact in source["facts"]:
        assert article["text"][fact["start"] : fact["end"]] == fact["excerpt"]

    # What was extracted is in the chronology, with this source as its provenance.
    timeline = token_client.get(f"/api/timeline/?source={source['id']}&page_size=200").json()["results"]
    undated = token_client.get(f"/api/timeline/undated/?source={source['id']}&page_size=200").json()["results"]
    assert {entry["id"] for entry in timeline + undated} == {fact["id"] for fact in source["facts"]}
    moment = [entry for entry in timeline if "moment is now" in entry["text"].lower()]
    assert moment and moment[0]["speaker"]["name"].startswith("Juan Guaid")


def test_the_same_text_again_answers_200_with_the_existing_source(token_client, spec):
    article = seed_article(1)
    first = token_client.post("/api/sources/", article, format="json").json()

    again = token_client.post("/api/sources/", {**article, "title": "Another title"}, format="json")

    assert again.status_code == 200
    assert again.json()["created"] is False
    assert_matches(spec, "/api/sources/", "post", again)
    assert again.json()["source"]["id"] == first["source"]["id"]
    assert Source.objects.count() == 1


def test_a_second_outlet_merges_into_the_same_statement(token_client):
    first = token_client.post("/api/sources/", seed_article(3), format="json").json()["source"]["id"]
    second = token_client.post("/api/sources/", seed_article(4), format="json").json()["source"]["id"]

    results = token_client.get("/api/timeline/?q=moment&kind=statement").json()["results"]
    merged = [entry for entry in results if {first, second} <= {source["id"] for source in entry["sources"]}]
    assert merged, "one statement carries evidence from both articles"


def test_a_staff_session_may_ingest(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    assert client.post("/api/sources/", seed_article(1), format="json").status_code == 201


@pytest.mark.parametrize(
    ("article", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": 42}, "text"),
        ({"text": "Words.", "published": "last Tuesday"}, "published"),
        ({"text": "Words.", "url": "not a url"}, "url"),
    ],
)
def test_invalid_article_fields_are_400_naming_the_field(token_client, spec, article, field):
    response = token_client.post("/api/sources/", article, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert_matches(spec, "/api/sources/", "post", response)


def test_an_article_the_ingest_refuses_is_400_with_its_message(token_client):
    response = token_client.post("/api/sources/", {"text": "   \n  "}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_article"
    assert body["detail"] == "article text is empty"
    assert not Source.objects.exists()


def test_delete_removes_the_source_and_what_only_it_supported(token_client):
    kept_source, deleted_source = make_source(), make_source()
    only_deleted = make_statement("Only in the deleted source", start=at(2019, 4, 30), sources=[deleted_source])
    shared = make_statement("In both", start=at(2019, 4, 30), sources=[kept_source, deleted_source])

    response = token_client.delete(f"/api/sources/{deleted_source.pk}/")

    assert response.status_code == 204
    assert not Source.objects.filter(pk=deleted_source.pk).exists()
    assert not Fact.objects.filter(pk=only_deleted.pk).exists()
    assert [evidence.source_id for evidence in Fact.objects.get(pk=shared.pk).evidence.all()] == [kept_source.pk]
    assert token_client.get(f"/api/sources/{deleted_source.pk}/").status_code == 404


def test_delete_needs_credentials(client):
    source = make_source()
    assert client.delete(f"/api/sources/{source.pk}/").status_code == 401
    assert Source.objects.filter(pk=source.pk).exists()
