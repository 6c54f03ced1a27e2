import pytest
from rest_framework.test import APIClient


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def spec(client):
    """The API's OpenAPI schema, as served."""
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()
