"""Fixtures every test folder may use: a clean throttle and real API credentials."""

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
def api_token(django_user_model):
    """The key of a real DRF token of an ordinary (non-staff) user."""
    return Token.objects.create(user=django_user_model.objects.create_user("robot")).key


@pytest.fixture
def token_client(api_token):
    """A client that writes with an API token of an ordinary (non-staff) user."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token}")
    return client
