"""The database lost in the middle of an ingest: its server process is terminated while the ingest,
having written the article's source row, waits to update a stored fact. Nothing of the article is
kept, the API answers 503 in its JSON error shape, the command reports the article and goes on with
the next, and the same article succeeds once the database is back."""

import contextlib
import threading
import time

import pytest
from django.db import connection, transaction

from tests.hardening.support import (
    ARTICLE,
    finish,
    ingest_seed,
    manage,
    post_article,
    seed_article,
    start_manage,
    table_counts,
)
from timeline.models import Actor, Fact, Source

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


@contextlib.contextmanager
def database_lost_mid_ingest():
    """Holds every stored actor and fact; once an ingest has written its source row and waits for one
    of them, its database server process is terminated. The ingest is started inside the block."""
    with transaction.atomic():
        list(Actor.objects.select_for_update())
        list(Fact.objects.select_for_update())
        yield
        ingest = blocked_backend()
        assert holds_uncommitted_source_row(ingest), "the source row is written when the database goes"
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [ingest])


@pytest.fixture
def stored_story():
    # Article 4 reports people and words article 3 stored, so ingesting it updates stored rows.
    ingest_seed(3)
    return seed_article(4)


def test_api_keeps_nothing_answers_503_and_the_retry_succeeds(live_server, api_token, stored_story):
    before = table_counts()
    answers = []

    with database_lost_mid_ingest():
        poster = threading.Thread(target=lambda: answers.append(post_article(live_server, api_token, stored_story)))
        poster.start()
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

    status, body = post_article(live_server, api_token, stored_story)
    assert status == 201, body
    assert body["counts"]["statements_merged"] > 0
    assert table_counts()["Source"] == before["Source"] + 1


def test_ingest_command_reports_the_article_goes_on_with_the_next_and_a_rerun_stores_it(tmp_path, stored_story):
    lost = tmp_path / "lost.txt"
    lost.write_text(stored_story["text"], encoding="utf-8")
    (tmp_path / "next.txt").write_text(ARTICLE, encoding="utf-8")
    before = table_counts()

    with database_lost_mid_ingest():
        command = start_manage("ingest", lost, tmp_path / "next.txt", "--published", "2019-04-30")
    result = finish(command)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "lost.txt: FAILED: " in result.stderr
    assert "next.txt: new" in result.stderr
    assert not Source.objects.filter(text=stored_story["text"]).exists()
    assert Source.objects.count() == before["Source"] + 1

    rerun = manage("ingest", lost, "--published", "2019-04-30")
    assert rerun.returncode == 0, rerun.stderr
    assert "lost.txt: new" in rerun.stderr
