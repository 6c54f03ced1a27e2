import pytest
from django.core.cache import cache
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
