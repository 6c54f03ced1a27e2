"""Fill PostgreSQL with a synthetic corpus at a benchmark scale, in minutes, with COPY.

    python bench/generate.py --scale 1k [--seed 0] [--fresh]

Stories from ``bench.corpus`` are turned into rows and written with ``COPY ... FROM STDIN`` in
chunks, one transaction each. Rows are model instances, so field defaults and ``auto_now`` values
are Django's own; primary keys the rows refer to are reserved from the table's sequence first.
"""

import argparse
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

STORIES_PER_CHUNK = 400


@dataclass(frozen=True)
class Scale:
    sources: int
    actors: int


SCALES = {
    "1k": Scale(sources=1_000, actors=800),
    "10k": Scale(sources=10_000, actors=2_500),
    "100k": Scale(sources=100_000, actors=5_000),
}


def generate_corpus(scale: Scale, *, seed: int = 0, log=print) -> dict:
    """Write ``scale.sources`` articles and what they report into an empty database; return row counts.

    The corpus stands for articles the running product ingested: its records carry the current
    extractor version, so merging a new report into one does not also upgrade it.
    """
    from django.db import transaction

    from bench.corpus import make_actors

    rng = random.Random(seed)
    actors = make_actors(rng, scale.actors)
    with transaction.atomic():
        _write_actors(actors)
    written, seen_hashes = 0, set()
    while written < scale.sources:
        stories = _next_stories(rng, actors, written, scale.sources - written)
        with transaction.atomic():
            _write_stories(stories, seen_hashes)
        written += sum(len(story.articles) for story in stories)
        log(f"  {written:,} / {scale.sources:,} sources")
    return corpus_counts()


def _next_stories(rng, actors, written, remaining):
    from bench.corpus import make_story

    stories, count = [], 0
    while len(stories) < STORIES_PER_CHUNK and count < remaining:
        story = make_story(rng, actors, written + count, max_articles=remaining - count)
        stories.append(story)
        count += len(story.articles)
    return stories


def corpus_counts() -> dict:
    """How many rows of each kind the database holds: what a benchmark actually ran against."""
    from django.db import connection

    queries = {
        "sources": "SELECT count(*) FROM timeline_source",
        "facts": "SELECT count(*) FROM timeline_fact",
        "statements": "SELECT count(*) FROM timeline_fact WHERE type = 'statement'",
        "undated_facts": "SELECT count(*) FROM timeline_fact WHERE time_start IS NULL",
        "evidence": "SELECT count(*) FROM timeline_evidence",
        "actors": "SELECT count(*) FROM timeline_actor",
        "aliases": "SELECT count(*) FROM timeline_alias",
        "roles": "SELECT count(*) FROM timeline_actorrole",
        "conflicts": "SELECT count(*) FROM timeline_conflict",
    }
    with connection.cursor() as cursor:
        counts = {}
        for name, sql in queries.items():
            cursor.execute(sql)
            counts[name] = cursor.fetchone()[0]
    return counts


def empty_corpus():
    """Remove every source, actor, fact and conflict (and all that hangs off them)."""
    from django.db import connection

    from timeline.models import Actor, Conflict, Fact, Source

    tables = ", ".join(model._meta.db_table for model in (Source, Actor, Fact, Conflict))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def analyze_corpus():
    """Fresh statistics and visibility maps, as autovacuum would leave them, so plans are realistic."""
    from django.db import connection

    from timeline.models import Actor, Alias, Conflict, Evidence, Fact, Source

    with connection.cursor() as cursor:
        for model in (Source, Actor, Alias, Fact, Fact.participants.through, Evidence, Conflict):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def reserve_ids(model, count: int) -> int:
    """The first of ``count`` consecutive primary keys taken from ``model``'s sequence."""
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        return cursor.fetchone()[0] - count + 1


def copy_instances(model, instances, *, with_ids: bool):
    """COPY model instances into their table; without ids the table's sequence numbers them."""
    from django.db import connection

    fields = [field for field in model._meta.concrete_fields if with_ids or not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        for instance in instances:
            copy.write_row([field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields])


def copy_pairs(through, first: str, second: str, pairs):
    """COPY (first_id, second_id) rows into a many-to-many table."""
    from django.db import connection

    table = through._meta.db_table
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({first}, {second}) FROM STDIN") as copy:
        for pair in pairs:
            copy.write_row(pair)


def _write_actors(actors):
    from timeline.models import Actor, Alias
    from timeline.normalize import fold

    first_id = reserve_ids(Actor, len(actors))
    rows, aliases = [], []
    for number, spec in enumerate(actors):
        spec.id = first_id + number
        rows.append(Actor(id=spec.id, name=spec.name, key=fold(spec.name), kind=spec.kind))
        # One alias per distinct folded form: the constraint allows each key once per actor.
        by_key = {fold(name): name for name in [spec.name, *spec.aliases]}
        aliases.extend(Alias(actor_id=spec.id, name=name, key=key) for key, name in by_key.items())
    copy_instances(Actor, rows, with_ids=True)
    copy_instances(Alias, aliases, with_ids=False)


def _write_stories(stories, seen_hashes):
    from timeline.models import Fact, Source

    articles = [article for story in stories for article in story.articles]
    facts = [fact for story in stories for fact in story.facts]
    for number, article in enumerate(articles, reserve_ids(Source, len(articles))):
        article.id = number
    for number, fact in enumerate(facts, reserve_ids(Fact, len(facts))):
        fact.id = number
    copy_instances(Source, (_source_row(article, seen_hashes) for article in articles), with_ids=True)
    _write_facts(facts, articles)
    _write_evidence(articles)
    _write_roles(articles)
    _write_conflicts(articles)


def _source_row(article, seen_hashes):
    from bench.corpus import FILLER
    from timeline.extraction import EXTRACTOR_VERSION
    from timeline.models import Precision, Source
    from timeline.normalize import content_hash

    text = article.text
    # Texts are random enough never to repeat, but the content hash is unique: never fail on a repeat.
    while content_hash(text) in seen_hashes:
        text += f" {FILLER[len(text) % len(FILLER)]}"
    seen_hashes.add(content_hash(text))
    return Source(
        id=article.id,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        author=article.author,
        published_at=article.published_at,
        published_precision=Precision.HOUR,
        text=text,
        content_hash=content_hash(text),
        extractor_version=EXTRACTOR_VERSION,
    )


def _write_facts(facts, articles):
    from timeline.extraction import EXTRACTOR_VERSION
    from timeline.models import Fact

    first_reported = {}
    for article in articles:
        for mention in article.mentions:
            known = first_reported.get(mention.fact.id)
            first_reported[mention.fact.id] = min(known, article.published_at) if known else article.published_at

    def keyed(row):
        row.derive_keys()  # as Fact.save would: COPY bypasses it
        return row

    rows = (
        keyed(
            Fact(
                id=fact.id,
                type=fact.type,
                text=fact.text,
                time_start=fact.time.start,
                time_end=fact.time.end,
                time_precision=fact.time.precision,
                time_expression=fact.time.expression,
                time_basis=fact.time.basis,
                speaker_id=fact.speaker.id if fact.speaker else None,
                quote_kind=fact.quote_kind,
                cue=fact.cue,
                channel=fact.channel,
                place=fact.place,
                first_reported_at=first_reported[fact.id],
                extractor_version=EXTRACTOR_VERSION,
            )
        )
        for fact in facts
    )
    copy_instances(Fact, rows, with_ids=True)
    # A statement's speaker is one of its participants, as the merge stores it.
    pairs = ((fact.id, actor.id) for fact in facts for actor in [*filter(None, [fact.speaker]), *fact.participants])
    copy_pairs(Fact.participants.through, "fact_id", "actor_id", pairs)


def _write_evidence(articles):
    from timeline.extraction import EXTRACTOR_VERSION
    from timeline.models import Evidence

    rows = (
        Evidence(
            source_id=article.id,
            fact_id=mention.fact.id,
            start=mention.start,
            end=mention.end,
            excerpt=article.text[mention.start : mention.end],
            extractor_version=EXTRACTOR_VERSION,
            confidence=0.6 + (mention.start % 40) / 100,
        )
        for article in articles
        for mention in article.mentions
    )
    copy_instances(Evidence, rows, with_ids=False)


def _write_roles(articles):
    from timeline.models import ActorRole
    from timeline.normalize import fold

    # A title is recorded once per actor and source, as the constraint requires.
    unique = {(m.actor.id, fold(m.title), article.id): (m, article) for article in articles for m in article.roles}
    rows = (
        ActorRole(actor_id=actor_id, title=m.title, key=key, source_id=source_id, start=m.start, end=m.end)
        for (actor_id, key, source_id), (m, article) in unique.items()
    )
    copy_instances(ActorRole, rows, with_ids=False)


def _write_conflicts(articles):
    """A conflict for every fact whose sources name different speakers, one side per speaker."""
    from timeline.models import Conflict, ConflictKind, ConflictSide

    sides_by_fact = defaultdict(lambda: defaultdict(list))
    facts = {}
    for article in articles:
        for mention in article.mentions:
            if mention.speaker is not None:
                sides_by_fact[mention.fact.id][mention.speaker.name].append(article.id)
                facts[mention.fact.id] = mention.fact
    disputed = [fact_id for fact_id, sides in sides_by_fact.items() if len(sides) > 1]
    if not disputed:
        return
    conflicts, sides, side_sources = [], [], []
    side_id = reserve_ids(ConflictSide, sum(len(sides_by_fact[fact_id]) for fact_id in disputed))
    for conflict_id, fact_id in enumerate(disputed, reserve_ids(Conflict, len(disputed))):
        fact = facts[fact_id]
        description = f"Sources disagree on who said “{fact.text[:120]}”"
        conflicts.append(Conflict(id=conflict_id, kind=ConflictKind.SPEAKER, description=description))
        for speaker, source_ids in sides_by_fact[fact_id].items():
            on_record = speaker == fact.speaker.name
            sides.append(
                ConflictSide(id=side_id, conflict_id=conflict_id, value=speaker, fact_id=fact_id if on_record else None)
            )
            side_sources.extend((side_id, source_id) for source_id in set(source_ids))
            side_id += 1
    copy_instances(Conflict, conflicts, with_ids=True)
    copy_pairs(
        Conflict.facts.through,
        "conflict_id",
        "fact_id",
        ((c.id, fid) for c, fid in zip(conflicts, disputed, strict=True)),
    )
    copy_instances(ConflictSide, sides, with_ids=True)
    copy_pairs(ConflictSide.sources.through, "conflictside_id", "source_id", side_sources)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="1k")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fresh", action="store_true", help="empty the timeline tables first")
    args = parser.parse_args(argv)

    from bench.database import benchmark_database

    with benchmark_database():
        if args.fresh:
            empty_corpus()
        if corpus_counts()["sources"]:
            sys.exit("the database already holds sources; pass --fresh to replace them with a generated corpus")
        began = time.perf_counter()
        counts = generate_corpus(SCALES[args.scale], seed=args.seed)
        analyze_corpus()
        print(f"generated in {time.perf_counter() - began:.1f} s: {counts}")


if __name__ == "__main__":
    # Run as a script, bench/ is on the path instead of the repository root that holds `bench` and `config`.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
