"""Eight clients ingesting overlapping articles at once, over real HTTP against a live server on
PostgreSQL: every request succeeds, and the story stored is the one ingesting them one by one gives,
with no actor, statement or source twice and no evidence lost."""

import threading
from collections import Counter

import pytest
from django.db.models import Count

from tests.hardening.support import ingest_seed, post_article
from tests.seeds import seed_article
from timeline.models import Actor, Evidence, Fact, Source

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8
SEEDS = range(5)


def story_summary() -> dict:
    """What the stored story consists of, independent of ids and of the order rows were written in."""
    return {
        "sources": sorted(Source.objects.values_list("content_hash", flat=True)),
        "actors": sorted(Actor.objects.values_list("name", flat=True)),
        "facts": sorted(Fact.objects.values_list("type", "text")),
        "evidence": sorted(
            Evidence.objects.values_list("source__content_hash", "start", "end", "fact__type", "fact__text")
        ),
    }


def test_eight_clients_ingesting_overlapping_articles_at_once_store_each_thing_once(live_server, api_token):
    for number in SEEDS:
        ingest_seed(number)
    one_by_one = story_summary()
    for model in (Source, Fact, Actor):
        model.objects.all().delete()

    articles = [seed_article(number) for number in SEEDS]
    start_together = threading.Barrier(WORKERS)
    statuses: list[tuple[int, dict]] = []

    def client(worker: int):
        start_together.wait()
        # Each client sends every article, starting at a different one, so the same article and
        # articles naming the same people and quotes arrive at the same moment.
        for offset in range(len(articles)):
            article = articles[(worker + offset) % len(articles)]
            statuses.append(post_article(live_server, api_token, article))

    threads = [threading.Thread(target=client, args=(worker,)) for worker in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [status for status in statuses if status[0] not in (200, 201)] == []
    assert Counter(status for status, _ in statuses) == {201: len(articles), 200: (WORKERS - 1) * len(articles)}
    assert not Actor.objects.values("key").annotate(copies=Count("id")).filter(copies__gt=1).exists()
    assert story_summary() == one_by_one
