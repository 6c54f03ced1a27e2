import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    # The anonymous rate limit counts in the cache; each test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def token_client(client, django_user_model):
    """A client that writes with an API token of an ordinary (non-staff) user."""
    token = Token.objects.create(user=django_user_model.objects.create_user("robot"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def spec(client):
    """The API's OpenAPI schema, as served."""
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()
