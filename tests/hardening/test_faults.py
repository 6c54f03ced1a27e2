"""The database lost in the middle of an ingest: its server process is terminated while the ingest,
having written the article's source row, waits to update a stored fact. Nothing of the article is
kept, the API answers 503 in its JSON error shape, and the same article succeeds once the database
is back."""

import threading
import time

import pytest
from django.db import connection, transaction

from tests.hardening.conftest import ingest_seed, post_article, seed_article, table_counts
from timeline.models import Actor, Fact

pytestmark = pytest.mark.django_db(transaction=True)

# Polls of pg_stat_activity while waiting for the ingest to reach the held rows; a bound, not a timing.
MAX_POLLS = 600


def blocked_backend() -> int:
    """The server process of the one other session of this database waiting for a lock."""
    with connection.cursor() as cursor:
        for _ in range(MAX_POLLS):
            # Inside a transaction PostgreSQL keeps showing the activity it saw first, unless told not to.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            )
            waiting = [pid for (pid,) in cursor.fetchall()]
            if waiting:
                (pid,) = waiting
                return pid
            time.sleep(0.05)
    raise AssertionError("the ingest never reached the held rows")


def holds_uncommitted_source_row(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_locks JOIN pg_class ON pg_class.oid = pg_locks.relation "
            "WHERE pg_locks.pid = %s AND pg_class.relname = 'timeline_source' AND mode = 'RowExclusiveLock'",
            [pid],
        )
        return cursor.fetchone() is not None


def test_database_lost_mid_ingest_keeps_nothing_answers_503_and_the_retry_succeeds(live_server, api_token):
    ingest_seed(3)
    before = table_counts()
    # Article 4 reports people and words article 3 stored, so its ingest updates stored rows.
    article = seed_article(4)
    answers = []

    with transaction.atomic():
        list(Actor.objects.select_for_update())
        list(Fact.objects.select_for_update())
        poster = threading.Thread(target=lambda: answers.append(post_article(live_server, api_token, article)))
        poster.start()
        ingest = blocked_backend()
        assert holds_uncommitted_source_row(ingest), "the source row is written when the database goes"
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [ingest])
    poster.join()

    [(status, body)] = answers
    assert status == 503, body
    assert body == {
        "status": 503,
        "code": "database_unavailable",
        "detail": "The database is unavailable; try again shortly.",
        "fields": {},
    }
    assert table_counts() == before

    status, body = post_article(live_server, api_token, article)
    assert status == 201, body
    assert body["counts"]["statements_merged"] > 0
    assert table_counts()["Source"] == before["Source"] + 1
