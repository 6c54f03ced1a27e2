"""The OpenAPI schema validates, describes every endpoint and filter, and real responses match it."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator

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
from tests.api.openapi import assert_matches, response_schema

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def api_routes():
    [api] = [p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and str(p.pattern) == "api/"]
    for pattern in api.url_patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name is None:
            continue  # the catch-all JSON 404
        route = "/api/" + str(pattern.pattern)
        # drf-spectacular names a primary key "id", as the API does.
        route = route.replace("<uuid:uid>", "{uid}").replace("<int:pk>", "{id}")
        yield route


def test_every_endpoint_and_filter_is_described(spec):
    documented = set(spec["paths"])
    for route in api_routes():
        if route in ("/api/", "/api/schema/", "/api/docs/"):
            continue
        assert route in documented
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and "enum" not in parameter["schema"]:
                    assert parameter.get("description"), f"{method} {path} ?{parameter['name']} undescribed"
    timeline_parameters = {p["name"] for p in spec["paths"]["/api/timeline/"]["get"]["parameters"]}
    assert timeline_parameters == {
        "actor",
        "source",
        "outlet",
        "since",
        "until",
        "kind",
        "q",
        "cursor",
        "page_size",
        "format",
    }
    assert "uid" in spec["info"]["description"]


def test_real_responses_match_the_schema(client, spec):
    guaido = make_actor("Juan Guaidó", aliases=["Guaido"])
    source = make_source(text="Interim president Juan Guaidó said: the moment is now.")
    make_role_conflict(guaido, [make_role(guaido, "Interim president", source)])
    statement = make_statement(speaker=guaido, start=at(2019, 4, 30), sources=[source, make_source(url=None)])
    rival = make_statement(speaker=make_actor("Other"), sources=[make_source()])
    make_speaker_conflict(statement, rival)
    event = make_event(start=at(2019, 4, 30), sources=[source], participants=[guaido])
    make_event("undated", sources=[source])

    checks = [
        ("/api/timeline/", "/api/timeline/?page_size=1"),
        ("/api/timeline/undated/", "/api/timeline/undated/"),
        ("/api/statements/", "/api/statements/"),
        ("/api/events/", "/api/events/"),
        ("/api/statements/{uid}/", f"/api/statements/{statement.uid}/"),
        ("/api/events/{uid}/", f"/api/events/{event.uid}/"),
        ("/api/actors/", "/api/actors/"),
        ("/api/actors/{uid}/", f"/api/actors/{guaido.uid}/"),
        ("/api/actors/{uid}/quotes/", f"/api/actors/{guaido.uid}/quotes/"),
        ("/api/sources/", "/api/sources/"),
        ("/api/sources/{id}/", f"/api/sources/{source.pk}/"),
        ("/api/timeline/", "/api/timeline/?since=never"),
        ("/api/actors/{uid}/", "/api/actors/00000000-0000-0000-0000-000000000000/"),
    ]
    for path, url in checks:
        response = client.get(url)
        assert response.status_code in (200, 400, 404)
        assert_matches(spec, path, "get", response)


def test_a_response_that_breaks_the_schema_is_caught(spec):
    # The check above must be able to fail: a wrong shape is reported.
    schema = response_schema(spec, "/api/actors/", "get", 200)
    broken = {"next": None, "results": [{"id": "not-checked", "name": 3}]}
    assert list(Draft202012Validator(schema).iter_errors(broken))


def test_swagger_ui_is_served_without_a_cdn(client):
    page = client.get("/api/docs/").content.decode()
    bundle = "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    assert f"/static/{bundle}" in page
    assert "cdn" not in page.lower()
    assert finders.find(bundle), "the installed sidecar provides the file the page loads"


def test_api_root_links_every_collection(client):
    links = client.get("/api/").json()
    assert links["timeline"] == "http://testserver/api/timeline/"
    assert links["docs"] == "http://testserver/api/docs/"
    for url in links.values():
        assert client.get(url).status_code == 200


def test_browsable_api_renders(client):
    make_statement(start=at(2019, 4, 30), sources=[make_source()])
    for url in ("/api/", "/api/timeline/", "/api/sources/", "/api/actors/"):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert b"Fact timeline" in response.content or b"Django REST framework" in response.content


def test_schema_command_output_is_stable_yaml(tmp_path):
    out = io.StringIO()
    call_command("spectacular", stdout=out)
    assert out.getvalue().startswith("openapi: 3.0.3")
