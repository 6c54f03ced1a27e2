"""A catalogue of bad input to the API: each is answered with a 4xx JSON error saying what is wrong, or
with a correct result, never a 500; a refused request leaves every timeline table as it was."""

import base64
import json
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.hardening.support import (
    ARTICLE,
    ARTICLE_WITH_MARKUP,
    MARKUP,
    SOURCES,
    assert_refused,
    seed_article,
    table_counts,
)
from timeline.extraction.pipeline import extract_article
from timeline.extraction.types import Publication
from timeline.models import Source, Statement

pytestmark = pytest.mark.django_db

FACT_LISTS = ["/api/timeline/", "/api/timeline/undated/", "/api/statements/", "/api/events/"]
LIST_ENDPOINTS = [*FACT_LISTS, "/api/actors/", SOURCES]


def post_json(client, body):
    return client.post(SOURCES, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"text": ""}, "text", "may not be blank"),
        ({"text": "\n \t \n"}, None, "article text is empty"),
        ({"text": "The mayor\x00 said."}, "text", "Null characters are not allowed"),
        ({"text": "The mayor said.", "outlet": "Daily\x00"}, "outlet", "Null characters are not allowed"),
        ({"text": "The mayor \ud800 said."}, "text", "Surrogate characters are not allowed"),
        ({"text": ["The mayor said."]}, "text", "Not a valid string"),
        ({"text": "The mayor said.", "outlet": 7}, "outlet", "Not a valid string"),
        ({"text": "The mayor said.", "language": 0}, "language", "Not a valid string"),
        ({"text": "The mayor said.", "published": 20190430}, "published", "Not a valid string"),
        ({"text": "The mayor said.", "published": ["2019-04-30"]}, "published", "Not a valid string"),
        ({"text": "The mayor said.", "published": "last Tuesday"}, "published", "not an ISO date"),
        ({"text": "The mayor said.", "published": "2019-02-30"}, "published", "not an ISO date"),
        ({"text": "The mayor said.", "published": "10000-01-01"}, "published", "not an ISO date"),
        ({"text": "The mayor said.", "published": "9999-12-31"}, "published", "outside the years"),
        ({"text": "The mayor said.", "published": "0001-01-01T00:30:00+01:00"}, "published", "outside the years"),
        ({"text": "The mayor said.", "url": "javascript:alert(1)"}, "url", "Enter a valid URL"),
        ({"text": "The mayor said.", "language": "x" * 17}, "language", "no more than 16 characters"),
        (["The mayor said."], None, "Expected a dictionary"),
        (None, None, "No data provided"),
    ],
)
def test_a_malformed_article_is_refused_saying_why_and_nothing_is_stored(
    token_client, stored_source, body, field, says
):
    before = table_counts()
    assert_refused(post_json(token_client, body), 400, field=field, says=says)
    assert table_counts() == before


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "says"),
    [
        # Latin-1 bytes: not UTF-8, which JSON must be.
        ('{"text": "Caf\u00e9 society"}'.encode("latin-1"), "application/json", 400, "can't decode byte 0xe9"),
        (b'{"text": "The mayor said.",}', "application/json", 400, "JSON parse error"),
        (b"", "application/json", 400, "This field is required"),
        (b'{"text": "The mayor said."}', "text/plain", 415, "text/plain"),
        (b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nx\r\n--b--\r\n', "multipart/form-data; boundary=b",
         415, "multipart/form-data"),
    ],
)  # fmt: skip
def test_a_body_that_is_not_a_json_article_is_refused(token_client, stored_source, raw, content_type, status, says):
    before = table_counts()
    assert_refused(token_client.post(SOURCES, raw, content_type=content_type), status, says=says)
    assert table_counts() == before


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_body_over_the_limit_is_413_and_nothing_is_stored(token_client, stored_source):
    before = table_counts()
    response = token_client.post(SOURCES, {"text": "The mayor said. " * 1000}, format="json")
    assert_refused(response, 413, says="larger than the server accepts")
    assert table_counts() == before


def test_relative_times_that_would_leave_the_calendar_are_no_dates():
    # The API and the commands refuse such a publication date; the pipeline itself must not fail on one.
    extraction = extract_article(
        '"We will rebuild the bridge next year," Mayor Ana Perez said on Monday.',
        Publication(published=date(9999, 12, 31), outlet="", title="", url=""),
    )
    assert [quote.text for quote in extraction.quotes] == ["We will rebuild the bridge next year,"]
    assert all(event.time.expression != "next year" for event in extraction.events)


@pytest.mark.parametrize(
    ("published", "stored"),
    [
        ("2019-04-30T09:00:00", "2019-04-30T09:00:00Z"),
        ("2019-04-30T09:00:00+02:00", "2019-04-30T07:00:00Z"),
        ("2019-04-30T09:00:00Z", "2019-04-30T09:00:00Z"),
    ],
)
def test_datetimes_with_and_without_a_timezone_are_stored_as_aware_utc(token_client, published, stored):
    response = token_client.post(SOURCES, {"text": ARTICLE, "published": published}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["source"]["published_at"] == stored
    assert response.json()["source"]["published_precision"] == "hour"
    published_at = Source.objects.get().published_at
    assert published_at.utcoffset().total_seconds() == 0
    assert published_at.isoformat().replace("+00:00", "Z") == stored


def test_an_article_of_one_character_is_stored_with_nothing_extracted(token_client):
    response = token_client.post(SOURCES, {"text": "x"}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["source"]["text"] == "x"
    assert response.json()["source"]["facts"] == []
    assert Source.objects.get().text == "x"


def test_an_article_of_fifty_thousand_words_is_ingested(token_client):
    seeds = "\n\n".join(seed_article(number)["text"] for number in range(5))
    copies = 50_000 // len(seeds.split()) + 1
    # Each copy says when it was filed, so the texts of the copies differ as real follow-ups would.
    text = "\n\n".join(f"Update {copy}.\n\n{seeds}" for copy in range(copies))
    assert len(text.split()) >= 50_000

    response = token_client.post(SOURCES, {"text": text, "published": "2019-04-30"}, format="json")

    assert response.status_code == 201, response.content[:500]
    body = response.json()
    assert body["counts"]["statements_created"] > 0
    assert Source.objects.get().text == text
    for fact in body["source"]["facts"]:
        assert text[fact["start"] : fact["end"]] == fact["excerpt"]


def test_markup_in_an_article_is_stored_verbatim_and_escaped_wherever_it_is_shown(token_client, staff_client):
    response = token_client.post(SOURCES, {"text": ARTICLE_WITH_MARKUP, "published": "2021-03-08"}, format="json")
    assert response.status_code == 201, response.content
    source = Source.objects.get()
    assert source.text == ARTICLE_WITH_MARKUP
    statement = Statement.objects.get()
    assert MARKUP in statement.text
    assert response.json()["source"]["text"] == ARTICLE_WITH_MARKUP

    pages = {
        "timeline": reverse("timeline:timeline"),
        "actor": reverse("timeline:actor", args=[statement.speaker.uid]),
        "admin source": reverse("admin:timeline_source_change", args=[source.pk]),
        "admin statement": reverse("admin:timeline_statement_change", args=[statement.pk]),
        "admin evidence": reverse("admin:timeline_evidence_changelist"),
        # TimelineJS shows its slides' text as HTML.
        "TimelineJS export": "/api/timeline/?format=timelinejs",
    }
    for name, url in pages.items():
        page = staff_client.get(url)
        assert page.status_code == 200, name
        html = page.content.decode()
        assert "&lt;script&gt;alert(" in html, name
        assert "<script>alert(" not in html, name
        assert "<img src=x" not in html, name
        assert "<b>channel</b>" not in html, name


INJECTIONS = [
    ("actor", "1;DROP TABLE timeline_fact;--", 400),
    ("actor", "' OR '1'='1", 400),
    ("source", "1 OR 1=1", 400),
    ("source", "99999999999999999999", 200),
    ("since", "'; --", 400),
    ("since", "2019-04-30T25:00", 400),
    ("since", "9999-12-31", 400),
    ("until", "10000", 400),
    ("outlet", "\x00", 400),
    ("outlet", "' OR ''='", 200),
    ("outlet", "%' OR 1=1 --", 200),
    ("q", "a & | !", 200),
    ("q", "!!(()) <-> :* '", 200),
    ("q", "'; DROP TABLE timeline_fact; --", 200),
    ("q", "\x00", 400),
    ("kind", "statement' --", 400),
]


@pytest.mark.parametrize("url", FACT_LISTS)
@pytest.mark.parametrize(("parameter", "value", "status"), INJECTIONS)
def test_injection_strings_in_fact_filters_are_refused_or_match_nothing(
    client, stored_source, url, parameter, value, status
):
    before = table_counts()

    response = client.get(url, {parameter: value})

    if status == 400:
        assert_refused(response, 400, field=parameter)
    else:
        assert response.status_code == 200, response.content
        assert response.json()["results"] == []
    assert table_counts() == before


@pytest.mark.parametrize(
    ("parameter", "value", "status"),
    [
        ("search", "' OR 1=1 --", 200),
        ("search", "%", 200),
        ("search", "_", 200),
        ("search", "\x00", 400),
        ("search", "x" * 201, 400),
        ("kind", "person' OR '1'='1", 400),
    ],
)
def test_injection_strings_in_the_actor_filters_are_refused_or_match_nothing(
    client, stored_source, parameter, value, status
):
    before = table_counts()
    response = client.get("/api/actors/", {parameter: value})
    if status == 400:
        assert_refused(response, 400, field=parameter)
    else:
        assert response.status_code == 200, response.content
        assert response.json()["results"] == []
    assert table_counts() == before


def test_tsquery_operators_in_a_search_are_read_as_separators_between_words(client, stored_source):
    # Passed to a raw to_tsquery, "& !wreck |" would be a syntax error (500) or negate "wreck".
    plain = client.get("/api/timeline/", {"q": "channel wreck"}).json()["results"]
    assert [entry["text"] for entry in plain] == ["The channel stays closed until the wreck is lifted."]

    response = client.get("/api/timeline/", {"q": "channel & !wreck |"})

    assert response.status_code == 200, response.content
    assert response.json()["results"] == plain


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_an_unknown_filter_is_refused_naming_it(client, url):
    assert_refused(client.get(url, {"colour": "red"}), 400, field="colour", says="Unknown parameter")


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
@pytest.mark.parametrize("size", ["201", "99999999999999999999", "0", "-1", "1.5", "ten"])
def test_a_page_size_outside_1_to_200_is_refused(client, url, size):
    assert_refused(client.get(url, {"page_size": size}), 400, field="page_size", says="from 1 to 200")


def _cursor(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        base64.urlsafe_b64encode(b"not json").decode(),
        _cursor({"id": 1}),
        _cursor([]),
        _cursor(["x"] * 9),
        _cursor([{"a": 1}] * 4),
    ],
)
def test_an_invalid_cursor_is_refused(client, url, cursor):
    assert_refused(client.get(url, {"cursor": cursor}), 400, field="cursor", says="Invalid cursor")


def test_a_cursor_past_every_row_is_an_empty_page(client, stored_source):
    # A well-formed position beyond the last id (larger than any bigint) is a correct, empty answer.
    response = client.get(SOURCES, {"cursor": _cursor([None, 2**70])})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["next"], body["results"]) == (None, [])
    # The way back leads to the rows before that position: every one.
    assert client.get(body["previous"]).json()["results"]


def test_an_id_beyond_bigint_is_not_found(client):
    assert_refused(client.get("/api/sources/99999999999999999999/"), 404)
