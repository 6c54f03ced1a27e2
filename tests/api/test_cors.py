"""Browsers on other sites may read the API (a TimelineJS embed on a newsroom's page), never write."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

NEWSROOM = "https://news.example.org"


def test_another_site_may_read_the_timelinejs_export(client):
    response = client.get("/api/timeline/?format=timelinejs", HTTP_ORIGIN=NEWSROOM)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_for_reading_is_answered_and_one_for_writing_is_not_allowed(client):
    reading = client.options("/api/timeline/", HTTP_ORIGIN=NEWSROOM, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    writing = client.options("/api/sources/", HTTP_ORIGIN=NEWSROOM, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")

    assert reading.status_code == 200
    assert reading["Access-Control-Allow-Origin"] == "*"
    allowed = {method.strip() for method in writing["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_pages_outside_the_api_are_not_shared_with_other_sites(client):
    response = client.get("/admin/login/", HTTP_ORIGIN=NEWSROOM)

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@override_settings(CORS_ALLOWED_ORIGINS=[NEWSROOM], CORS_ALLOW_ALL_ORIGINS=False)
def test_listed_origins_are_the_only_ones_that_may_read(client):
    listed = client.get("/api/timeline/", HTTP_ORIGIN=NEWSROOM)
    other = client.get("/api/timeline/", HTTP_ORIGIN="https://elsewhere.example")

    assert listed["Access-Control-Allow-Origin"] == NEWSROOM
    assert "Access-Control-Allow-Origin" not in other
