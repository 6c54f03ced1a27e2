"""Ingest: articles per second through extract + merge + store, into the corpus already in the database.

Half the new articles are other outlets' reports of facts the database already holds (the same
quotes, the same events), so merging has real matches to find; the other half are new stories
about known actors. Each article is timed on its own, so a per-article cost that grows with the
database shows as a difference between the first and the last quarter of the run.

Alone, for working on ingest speed (``bench/run.py`` runs it with everything else):

    python bench/ingest.py --scale 1k --articles 100 --rollback

fills an empty database at ``--scale`` first, like ``run.py``, and with ``--rollback`` leaves the
database as it found it, so runs one after another ingest the same articles into the same corpus
(each article's transaction is then a savepoint inside one that is rolled back).
"""

import argparse
import json
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

# Far above any number the generator gives, so new URLs never collide with the corpus's.
URL_NUMBER_BASE = 10_000_000


def new_articles(count: int, *, seed: int) -> list:
    """``count`` articles not yet in the database: re-reports of stored facts alternating with new stories."""
    from bench.corpus import CITIES, QUOTE_OBJECTS, make_story, write_article

    rng = random.Random(seed)
    actors = _known_actors()
    re_reports = _stored_stories(rng, count - count // 2)
    articles = []
    for number in range(count):
        url_number = URL_NUMBER_BASE + seed * count + number
        if number % 2 == 0 and re_reports:
            facts, published = re_reports.pop()
            article = write_article(
                rng,
                facts,
                rng.choice(CITIES),
                published + timedelta(days=1),
                url_number,
                subject=rng.choice(QUOTE_OBJECTS),
            )
        else:
            article = make_story(rng, actors, url_number, max_articles=1).articles[0]
        articles.append(article)
    return articles


def _known_actors() -> list:
    from bench.corpus import ActorSpec
    from timeline.models import Actor

    titles = _stored_titles()
    return [
        ActorSpec(name, kind, [], titles.get(actor_id, []))
        for actor_id, name, kind in Actor.objects.order_by("id").values_list("id", "name", "kind")[:5_000]
    ]


def _stored_titles() -> dict[int, list[str]]:
    """The titles sources gave each stored actor: a new article names them with these, as the
    corpus's articles do, so ingest records titles and checks them for conflicts."""
    from timeline.models import ActorRole

    titles = {}
    for actor_id, key in ActorRole.objects.order_by("actor_id", "key").values_list("actor_id", "key").distinct():
        titles.setdefault(actor_id, []).append(key)
    return titles


def _stored_stories(rng: random.Random, count: int) -> list[tuple[list, object]]:
    """The facts of ``count`` random stored sources, as specs another outlet can report again."""
    from bench.corpus import ActorSpec, FactSpec, TimeSpec
    from timeline.models import Fact, Source

    titles = _stored_titles()
    ids = list(Source.objects.values_list("id", flat=True))
    chosen = rng.sample(ids, min(count, len(ids)))
    stories = []
    for source in Source.objects.filter(id__in=chosen).order_by("id"):
        facts = Fact.objects.filter(evidence__source=source).select_related("speaker").order_by("evidence__start")
        specs = [
            FactSpec(
                type=fact.type,
                text=fact.text,
                time=TimeSpec(
                    fact.time_start, fact.time_end, fact.time_precision, fact.time_expression, fact.time_basis
                ),
                speaker=ActorSpec(fact.speaker.name, fact.speaker.kind, [], titles.get(fact.speaker_id, []))
                if fact.speaker
                else None,
                quote_kind=fact.quote_kind,
                cue=fact.cue or "said",
                place=fact.place,
            )
            for fact in facts
        ]
        stories.append((specs, source.published_at))
    return stories


def publication_of(article):
    from timeline.extraction.types import Publication

    return Publication(published=article.published_at, outlet=article.outlet, title=article.title, url=article.url)


def measure_ingest(articles: list) -> dict:
    """Articles/s of ``ingest_article`` (extract + merge + store), one transaction per article."""
    from django.db import connection

    from bench.measure import median, percentile
    from timeline.services.ingest import ingest_article

    timings, queries, merged = [], _QueryCounter(), 0
    began = time.perf_counter()
    with connection.execute_wrapper(queries):
        for article in articles:
            started = time.perf_counter()
            result = ingest_article(text=article.text, publication=publication_of(article))
            timings.append((time.perf_counter() - started) * 1000)
            if not result.created:
                raise RuntimeError(f"{article.url} was already stored: the benchmark needs new articles")
            merged += result.statements_merged + result.events_merged
    elapsed = time.perf_counter() - began
    quarter = max(1, len(timings) // 4)
    return {
        "articles": len(articles),
        "articles_per_s": len(articles) / elapsed,
        "queries_per_article": queries.count / len(articles),
        # Facts found already stored: shows the merge had matches to look for, not only new facts.
        "facts_merged": merged,
        "ms_p50": median(timings),
        "ms_p95": percentile(timings, 0.95),
        "first_quarter_ms": median(timings[:quarter]),
        "last_quarter_ms": median(timings[-quarter:]),
    }


class _QueryCounter:
    """Counts the statements sent to the database, without keeping them as a query log would."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class _RolledBack(Exception):
    pass


def measure_ingest_rolled_back(articles: list) -> dict:
    """``measure_ingest`` in a transaction that is then rolled back, leaving the database as it was."""
    from django.db import transaction

    try:
        with transaction.atomic():
            figures = measure_ingest(articles)
            raise _RolledBack
    except _RolledBack:
        return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description="Ingest only: articles/s and queries per article into a corpus.")
    parser.add_argument("--scale", choices=["1k", "10k", "100k"], default="1k", help="corpus for an empty database")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rollback", action="store_true", help="leave the database as it was")
    args = parser.parse_args(argv)

    from bench.database import benchmark_database

    def log(message):
        print(message, file=sys.stderr, flush=True)

    with benchmark_database(log=log):
        from bench.generate import SCALES, analyze_corpus, corpus_counts, generate_corpus

        sources = corpus_counts()["sources"]
        if not sources:
            sources = generate_corpus(SCALES[args.scale], seed=0, log=log)["sources"]
            analyze_corpus()
        articles = new_articles(args.articles, seed=sources)
        figures = measure_ingest_rolled_back(articles) if args.rollback else measure_ingest(articles)
        print(json.dumps({"sources": sources, **figures}))


if __name__ == "__main__":
    # Run as a script, bench/ is on the path instead of the repository root that holds `bench` and `config`.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
