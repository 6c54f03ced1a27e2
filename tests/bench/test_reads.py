"""The chronology-read benchmark's cases at a tiny scale: each API page it times answers, and each
lower bound returns the same page."""

import pytest
from django.db import connection

from bench.generate import Scale, generate_corpus
from bench.reads import PAGE_SIZE, PAGE_SQL, read_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    generate_corpus(Scale(sources=60, actors=30), seed=2, log=lambda message: None)
    return read_cases()


def test_every_timed_page_answers_a_full_page(client, cases):
    assert [case.name for case in cases][0] == "timeline page"
    for case in cases:
        response = client.get(case.path)
        assert response.status_code == 200, (case.name, response.content[:300])
        assert response.json()["results"], case.name


def test_each_lower_bound_returns_the_facts_of_its_page(client, cases):
    for case in cases:
        api_ids = [entry["id"] for entry in client.get(case.path).json()["results"]]
        with connection.cursor() as cursor:
            cursor.execute(PAGE_SQL.format(where=case.where), {**case.params, "limit": PAGE_SIZE})
            sql_ids = [str(row[0]) for row in cursor.fetchall()]
        assert sql_ids == api_ids, case.name
