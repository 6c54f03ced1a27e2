"""Fixtures of the hardening tests: real credentials, real clients and a real story to read."""

import pytest
from rest_framework.test import APIClient

from tests.hardening.support import ARTICLE, SOURCES, ingest_seed
from timeline.models import Source


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def anonymous_client():
    return APIClient()


@pytest.fixture
def story(db):
    """Two seed articles that report some of the same statements, ingested through the real service."""
    return [ingest_seed(3).source, ingest_seed(4).source]


@pytest.fixture
def stored_source(token_client):
    """An article already stored through the API, so a refused request has rows it could disturb."""
    response = token_client.post(SOURCES, {"text": ARTICLE, "published": "2021-03-08"}, format="json")
    assert response.status_code == 201
    return Source.objects.get(pk=response.json()["source"]["id"])
