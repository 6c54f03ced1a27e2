"""Every error is the one JSON shape: 400, 401, 403, 404, 405, 413, 415, 429, and Django's own 404/500."""

import json

import pytest
from django.test import RequestFactory, override_settings

from api.exceptions import server_error
from tests.api.factories import at, make_source, make_statement

pytestmark = pytest.mark.django_db


def assert_error(response, status, *, fields=()):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"status", "code", "detail", "fields"}
    assert body["status"] == status
    assert body["code"]
    assert body["detail"]
    assert sorted(body["fields"]) == sorted(fields)
    return body


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("actor=not-a-uuid", "actor"),
        ("source=abc", "source"),
        ("since=yesterday", "since"),
        ("until=2019-13", "until"),
        ("since=2019-02-30", "since"),
        ("until=9999", "until"),
        ("since=2019-05&until=2019-04", "until"),
        ("kind=rumour", "kind"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=WyJ4Il0=", "cursor"),  # ["x"]: the wrong number of values
        ("cursor=WzEsMiwzLDRd", "cursor"),  # [1,2,3,4]: a number where a time belongs
        ("cursor=WyIyMDE5LTA0LTMwVDAwOjAwOjAwWiIsIDMwLCBudWxsLCBudWxsXQ==", "cursor"),  # a null id
        ("page_size=1000", "page_size"),
        ("format=xml", "format"),
        ("colour=red", "colour"),
    ],
)
def test_invalid_or_unknown_parameter_is_400_naming_it(client, query, parameter):
    body = assert_error(client.get(f"/api/timeline/?{query}"), 400, fields=[parameter])
    assert parameter in body["detail"]


def test_invalid_actor_kind_is_400(client):
    assert_error(client.get("/api/actors/?kind=alien"), 400, fields=["kind"])


def test_detail_views_refuse_unknown_parameters(client):
    source = make_source()
    assert_error(client.get(f"/api/sources/{source.pk}/?expand=all"), 400, fields=["expand"])


def test_unknown_record_is_404(client):
    missing = "00000000-0000-0000-0000-000000000000"
    for url in (
        f"/api/statements/{missing}/",
        f"/api/events/{missing}/",
        f"/api/actors/{missing}/",
        f"/api/actors/{missing}/quotes/",
        "/api/sources/999999/",
    ):
        assert_error(client.get(url), 404)


def test_a_statement_is_not_found_as_an_event(client):
    statement = make_statement(start=at(2019, 4, 30), sources=[make_source()])
    assert_error(client.get(f"/api/events/{statement.uid}/"), 404)
    assert client.get(f"/api/statements/{statement.uid}/").status_code == 200


def test_unknown_path_under_api_is_json_404(client):
    assert_error(client.get("/api/no-such-thing/"), 404)
    assert_error(client.get("/api/actors/not-a-uuid/"), 404)


def test_unknown_path_under_api_is_json_404_even_in_debug(client, settings):
    settings.DEBUG = True
    assert_error(client.get("/api/no-such-thing/"), 404)
    assert_error(client.post("/api/no-such-thing/", {}, format="json"), 404)
    # A path without its slash is still redirected to the endpoint it names.
    response = client.get("/api/timeline")
    assert (response.status_code, response["Location"]) == (301, "/api/timeline/")


def test_server_error_under_api_is_json_and_elsewhere_is_not():
    response = server_error(RequestFactory().get("/api/timeline/"))
    assert response.status_code == 500
    assert json.loads(response.content) == {
        "status": 500,
        "code": "server_error",
        "detail": "Internal server error.",
        "fields": {},
    }
    assert not server_error(RequestFactory().get("/admin/"))["Content-Type"].startswith("application/json")


def test_a_disallowed_host_under_api_is_json_400(client):
    assert_error(client.get("/api/timeline/", HTTP_HOST="evil.example"), 400)


def test_method_not_allowed_is_405(token_client):
    # Credentials first: without them DRF answers 401 before it looks at the method.
    assert_error(token_client.put("/api/timeline/", {}, format="json"), 405)
    assert_error(token_client.delete("/api/actors/"), 405)
    assert_error(token_client.post("/api/sources/1/", {}, format="json"), 405)


def test_write_without_credentials_is_401(client):
    response = client.post("/api/sources/", {"text": "x"}, format="json")
    assert_error(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_write_by_a_non_staff_session_is_403(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader"))
    assert_error(client.post("/api/sources/", {"text": "x"}, format="json"), 403)


def test_write_with_a_bad_token_is_401(client):
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_error(client.post("/api/sources/", {"text": "x"}, format="json"), 401)


def test_body_that_is_not_json_is_415(token_client):
    response = token_client.post("/api/sources/", "text=hello", content_type="application/x-www-form-urlencoded")
    assert_error(response, 415)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_body_over_the_limit_is_413(token_client):
    response = token_client.post("/api/sources/", {"text": "word " * 1000}, format="json")
    assert_error(response, 413)


def test_malformed_json_is_400(token_client):
    assert_error(token_client.post("/api/sources/", "{not json", content_type="application/json"), 400)


def test_anonymous_requests_are_throttled_with_429(client, settings):
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
    for _ in range(limit):
        assert client.get("/api/actors/").status_code == 200
    response = client.get("/api/actors/")
    assert_error(response, 429)
    assert int(response["Retry-After"]) > 0


def test_errors_are_json_even_when_an_export_was_asked_for(client):
    assert_error(client.get("/api/timeline/?format=csv&since=never"), 400, fields=["since"])
    assert_error(client.get("/api/timeline/?format=timelinejs&kind=rumour"), 400, fields=["kind"])


def test_errors_are_json_even_for_a_browser(client):
    response = client.get("/api/timeline/?since=never", HTTP_ACCEPT="text/html")
    assert_error(response, 400, fields=["since"])
