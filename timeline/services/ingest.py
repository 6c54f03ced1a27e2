"""Ingesting an article: extract, then merge into the stored story in one transaction.

``ingest_article`` runs the extractor; ``ingest_extraction`` stores an extraction already made, so
the merge rules can be exercised with hand-built extractions. Either stores all of an article or,
on any failure, nothing of it.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from timeline.articles import ArticleError, validate_article_text
from timeline.extraction import EXTRACTOR_VERSION

# The gazetteer lookup joins name words exactly as the extractor reads names ("Simón de Bolívar").
from timeline.extraction.lexicon import NAME_PARTICLES
from timeline.extraction.pipeline import extract_article
from timeline.extraction.types import Extraction, Publication, TimeValue
from timeline.models import Actor, Alias, Conflict, ConflictKind, Fact, Precision, Source, TimeBasis
from timeline.normalize import content_hash, fold
from timeline.services.conflicts import (
    rebuild_fact_conflict,
    refresh_date_conflicts,
    refresh_role_conflicts,
    refresh_speaker_conflicts,
)
from timeline.services.merge import (
    ArticleWrites,
    KnownAliases,
    absorb_surname_actors,
    event_uid_parts,
    merge_event,
    merge_statement,
    record_aliases,
    record_roles,
    resolve_actor,
    statement_uid_parts,
)

# Capitalised words, allowing inner apostrophes and hyphens ("O'Neill", "Jean-Luc"), and an
# optional possessive that is not part of the name.
NAME_WORD = re.compile(r"(?<![\w'’-])([^\W\d_][\w]*(?:['’-][^\W\d_]\w*)*?)(?:['’]s)?(?![\w'’-])")
# Longest name looked up in the gazetteer, in words ("Vladimir Padrino López" is three).
MAX_NAME_WORDS = 5
# Keys per query stay well under the database's limit on bound parameters.
KEYS_PER_QUERY = 10_000
# PostgreSQL advisory lock taken by every transaction that writes the story (see ``lock_story``).
STORY_LOCK_KEY = 0x54494D45  # "TIME"


@dataclass
class IngestResult:
    """What one ingest did: the source, whether it is new (or re-extracted), and how many records it
    created or merged into existing ones."""

    source: Source
    created: bool
    reextracted: bool = False
    actors_created: int = 0
    actors_matched: int = 0
    statements_created: int = 0
    statements_merged: int = 0
    events_created: int = 0
    events_merged: int = 0
    conflicts_created: int = 0


def ingest_article(*, text: str, publication: Publication, language: str = "en") -> IngestResult:
    """Extract ``text`` and merge it into the stored story; the same text again changes nothing.

    A text stored by an older extractor version is extracted again: its machine-made records are
    replaced, reviewed ones are left alone. The actors already stored lend the extractor their names.
    """
    validate_article_text(text)
    stored = Source.objects.filter(content_hash=content_hash(text)).first()
    if stored is not None and stored.extractor_version == EXTRACTOR_VERSION:
        return IngestResult(source=stored, created=False)
    extraction = extract_article(text, publication, known_actors=known_actor_gazetteer(text=text))
    return store_article(text=text, publication=publication, extraction=extraction, language=language)


def ingest_extraction(
    *, text: str, publication: Publication, extraction: Extraction, language: str = "en"
) -> IngestResult:
    """Store ``extraction`` of ``text`` in one transaction; see ``ingest_article``."""
    validate_article_text(text)
    return store_article(text=text, publication=publication, extraction=extraction, language=language)


def store_article(*, text: str, publication: Publication, extraction: Extraction, language: str) -> IngestResult:
    """``ingest_extraction`` of a text already validated."""
    with transaction.atomic():
        lock_story()
        text_hash = content_hash(text)
        url = publication.url or None
        # One read finds the text stored before and any other text stored under its URL.
        same_text = Q(content_hash=text_hash)
        stored = list(Source.objects.select_for_update().filter(same_text | Q(url=url) if url else same_text))
        source = next((row for row in stored if row.content_hash == text_hash), None)
        if source is None:
            if stored:
                raise ArticleError(
                    f"another article with the URL {url} is already stored; a changed text needs its own URL"
                )
            source = create_source(text=text, publication=publication, language=language, version=extraction.version)
            result = IngestResult(source=source, created=True)
        elif source.extractor_version == extraction.version:
            return IngestResult(source=source, created=False)
        else:
            withdraw_machine_records(source=source)
            source.extractor_version = extraction.version
            source.save(update_fields=["extractor_version"])
            result = IngestResult(source=source, created=False, reextracted=True)
        store_extraction(source=source, extraction=extraction, result=result)
    return result


def lock_story() -> None:
    """Wait until no other transaction is writing the story; the lock is held until this one ends.

    Merging matches an article against what is stored: two articles merged at once would each miss
    the actors and statements the other is adding (and the same new article twice would clash on its
    hash), storing them twice. Extraction, the slow part, runs before the lock. SQLite, the demo's
    database, lets one writer at a time anyway.

    The same statement has the transaction plan its queries without parallel workers or JIT
    compilation. Merging runs about 25 small indexed queries. PostgreSQL plans one with parallel
    workers, or compiles it, when its estimate is high (a long array of keys, a decade-long
    window), and starting the workers or compiling costs more than the query takes: about 5 ms an
    article at 100k sources, and up to 200 ms for one query. ``set_config(..., true)`` keeps the
    settings to this transaction, so a persistent connection serves the API as the server is set.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s), set_config('max_parallel_workers_per_gather', '0', true),"
                " set_config('jit', 'off', true)",
                [STORY_LOCK_KEY],
            )


def create_source(*, text: str, publication: Publication, language: str, version: str) -> Source:
    published_at, precision = publication_moment(publication.published)
    for name, value in (("outlet", publication.outlet), ("title", publication.title), ("url", publication.url)):
        limit = Source._meta.get_field(name).max_length
        if value and len(value) > limit:
            raise ArticleError(f"the {name} has {len(value)} characters; the maximum is {limit}")
    source = Source(
        text=text,
        content_hash=content_hash(text),
        outlet=publication.outlet,
        title=publication.title,
        url=publication.url or None,
        published_at=published_at,
        published_precision=precision,
        language=language,
        extractor_version=version,
    )
    # No savepoint: a refused row ends the ingest's transaction, which rolls back as a whole.
    try:
        source.save()
    except IntegrityError as error:
        raise ArticleError(f"the article cannot be stored: {error}") from None
    return source


def publication_moment(published: date | datetime | None) -> tuple[datetime | None, Precision]:
    if published is None:
        return None, Precision.UNKNOWN
    if isinstance(published, datetime):
        return (published if published.tzinfo else published.replace(tzinfo=UTC)), Precision.HOUR
    return datetime.combine(published, time.min, tzinfo=UTC), Precision.DAY


def publication_day(source: Source) -> TimeValue:
    """When a statement was made if the text does not say: the day it was published (or unknown)."""
    if source.published_at is None:
        return TimeValue(start=None, end=None, precision=Precision.UNKNOWN, expression="", basis=TimeBasis.UNKNOWN)
    day = datetime.combine(source.published_at.date(), time.min, tzinfo=source.published_at.tzinfo)
    return TimeValue(
        start=day, end=day + timedelta(days=1), precision=Precision.DAY, expression="", basis=TimeBasis.PUBLICATION
    )


def store_extraction(*, source: Source, extraction: Extraction, result: IngestResult) -> None:
    """Merge every actor, quote and event of ``extraction`` into the story, then flag disagreements."""
    actors: list[Actor | None] = []  # None: an actor a person deleted, with whatever it said or did
    # Title conflicts are recomputed for the actors whose titles or name this article changes.
    retitled = {}
    known = KnownAliases(
        keys={fold(form) for extracted in extraction.actors for form in [extracted.name, *extracted.aliases]}
    )
    for extracted in extraction.actors:
        resolved = resolve_actor(extracted=extracted, known=known)
        if resolved is None:
            actors.append(None)
            continue
        recorded = record_aliases(actor=resolved.actor, extracted=extracted)
        known.recorded(resolved.actor, recorded.keys)
        absorbed = absorb_surname_actors(actor=resolved.actor, recorded=recorded, known=known)
        if extracted.roles or resolved.renamed or absorbed:
            retitled[resolved.actor.id] = resolved.actor
        actors.append(resolved.actor)
        result.actors_created += resolved.created
        result.actors_matched += not resolved.created
    record_roles(
        titles=[(actor, extracted) for actor, extracted in zip(actors, extraction.actors, strict=True) if actor],
        source=source,
    )

    def actor_at(index: int) -> Actor | None:
        if not 0 <= index < len(actors):
            raise ValueError(f"actor index {index} is outside the extraction's {len(actors)} actors")
        return actors[index]

    # A quote nobody is credited with is not a statement: merging it by wording alone would lump
    # together different people's words.
    quotes = [
        (quote, speaker, quote.time or publication_day(source))
        for quote in extraction.quotes
        if quote.speaker is not None and (speaker := actor_at(quote.speaker)) is not None
    ]
    writes = ArticleWrites(source=source, version=extraction.version, new_source=result.created)
    writes.reserve_fact_uids(
        [statement_uid_parts(quote=quote, speaker=speaker, time=said) for quote, speaker, said in quotes]
        + [event_uid_parts(event) for event in extraction.events]
    )
    events_with_participants = [
        (event, list({actor.id: actor for index in event.actors if (actor := actor_at(index))}.values()))
        for event in extraction.events
    ]
    writes.read_candidates(quotes=quotes, events=events_with_participants)
    # The facts merged: new ones get their ids when they are written.
    statements, events = [], []
    for quote, speaker, said in quotes:
        merged = merge_statement(quote=quote, speaker=speaker, time=said, writes=writes)
        if merged is None:
            continue  # a person deleted this statement
        statements.append(merged.fact)
        result.statements_created += merged.created
        result.statements_merged += not merged.created
    for event, participants in events_with_participants:
        merged = merge_event(event=event, participants=participants, writes=writes)
        if merged is None:
            continue  # a person deleted this event
        events.append(merged.fact)
        result.events_created += merged.created
        result.events_merged += not merged.created
    writes.write_pending()
    result.conflicts_created += refresh_role_conflicts(actors=list(retitled.values()))
    # A fact merged early may have been folded into a fuller one later in the article.
    result.conflicts_created += refresh_speaker_conflicts(statements=writes.holding(statements))
    result.conflicts_created += refresh_date_conflicts(
        events=[(event, writes.participants_of(event)) for event in writes.holding(events)], naming=writes.naming
    )


def known_actor_gazetteer(*, text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Stored actors that ``text`` may name, as (canonical name, aliases), for the extractor's ``known_actors``.

    Looks up every run of capitalised words (and its sub-runs) among alias keys, in one query, so the
    cost depends on the article, not on how many actors are stored.

    The extractor takes from it only names ("Padrino" said -> the stored "Vladimir Padrino López"), for
    people and bodies the article's own rules find: what it recognises, the titles, where names end and
    who a lone surname refers to stay the article's own. Recognising more (a surname mentioned once in
    passing) would make an article's actors depend on what was ingested before it, so the same articles
    in another order would give another chronology.
    """
    keys = sorted(candidate_name_keys(text))
    names_by_key = defaultdict(set)
    aliases_by_key = defaultdict(set)
    for start in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[start : start + KEYS_PER_QUERY]
        # The actor's name as a subquery per alias: a join made the planner read every stored actor.
        actor_name = Actor.objects.filter(id=OuterRef("actor_id")).order_by().values("name")
        aliases = Alias.objects.filter(key__in=chunk).annotate(actor_name=Subquery(actor_name)).order_by()
        for key, alias, name in aliases.values_list("key", "name", "actor_name"):
            names_by_key[key].add(name)
            aliases_by_key[key].add(alias)
    # Only the text's own name forms are looked up in the extractor's gazetteer, and a form stored
    # for actors of different names names none of them: lending just the forms that name one actor
    # gives the extractor the same answers, without every namesake of a common surname.
    aliases_by_name = defaultdict(set)
    for key, names in names_by_key.items():
        if len(names) == 1:
            aliases_by_name[next(iter(names))].update(aliases_by_key[key])
    return tuple((name, tuple(sorted(aliases))) for name, aliases in sorted(aliases_by_name.items()))


def candidate_name_keys(text: str) -> set[str]:
    """Folded runs of up to ``MAX_NAME_WORDS`` capitalised words (particles allowed inside)."""
    keys = set()
    run: list[str] = []
    previous_end = None
    for match in NAME_WORD.finditer(text):
        word = match.group(1)
        adjacent = previous_end is not None and not text[previous_end : match.start()].strip()
        if not adjacent:
            add_runs(run, keys)
            run = []
        if word[0].isupper() or (run and word in NAME_PARTICLES):
            run.append(word)
        else:
            add_runs(run, keys)
            run = []
        # A possessive ends the name: "Guaido's supporters".
        previous_end = match.end() if match.end() == match.end(1) else None
    add_runs(run, keys)
    return keys


def add_runs(run: list[str], keys: set[str]) -> None:
    while run and run[-1] in NAME_PARTICLES:
        run = run[:-1]
    for start in range(len(run)):
        if run[start] in NAME_PARTICLES:
            continue
        for end in range(start + 1, min(start + MAX_NAME_WORDS, len(run)) + 1):
            keys.add(fold(" ".join(run[start:end])))


def delete_source(*, source: Source) -> None:
    """Remove ``source`` and whatever only it supported; facts that keep other sources stay, re-dated."""
    with transaction.atomic():
        lock_story()
        supported = SupportedRecords.of(source)
        source.delete()
        settle_withdrawal(supported)


def withdraw_machine_records(*, source: Source) -> None:
    """Take back what ``source`` contributed before it is extracted again, sparing reviewed records."""
    supported = SupportedRecords.of(source)
    source.evidence.filter(reviewed=False).delete()
    source.actor_roles.filter(reviewed=False).delete()
    settle_withdrawal(supported)


@dataclass
class SupportedRecords:
    """What a source's evidence and titles touch, noted before they are withdrawn."""

    fact_ids: set[int]
    actor_ids: set[int]
    conflict_ids: set[int]

    @classmethod
    def of(cls, source: Source) -> "SupportedRecords":
        fact_ids = set(source.evidence.values_list("fact_id", flat=True))
        participant_ids = Fact.objects.filter(id__in=fact_ids, participants__isnull=False).values_list(
            "participants", flat=True
        )
        return cls(
            fact_ids=fact_ids,
            actor_ids=set(source.actor_roles.values_list("actor_id", flat=True)) | set(participant_ids),
            conflict_ids=set(Conflict.objects.filter(facts__in=fact_ids).values_list("id", flat=True)),
        )


def settle_withdrawal(supported: SupportedRecords) -> None:
    """After a source's evidence is gone: drop facts and actors nothing else supports, re-date the rest,
    recompute the conflicts they were in. Reviewed records are kept as they are."""
    Fact.objects.filter(id__in=supported.fact_ids, reviewed=False, evidence__isnull=True).delete()
    redate_facts(supported.fact_ids)
    for conflict in Conflict.objects.filter(id__in=supported.conflict_ids).exclude(kind=ConflictKind.ROLE):
        rebuild_fact_conflict(conflict)
    remove_orphan_actors(supported.actor_ids)
    refresh_role_conflicts(actors=list(Actor.objects.filter(id__in=supported.actor_ids).order_by("id")))


def redate_facts(fact_ids) -> None:
    """Set first_reported_at of machine-made facts to the earliest publication among their sources."""
    remaining = Fact.objects.filter(id__in=fact_ids, reviewed=False).annotate(
        earliest=Min(Coalesce("evidence__source__published_at", "evidence__source__ingested_at"))
    )
    for fact in remaining:
        if fact.first_reported_at != fact.earliest:
            fact.first_reported_at = fact.earliest
            fact.save(update_fields=["first_reported_at"])


def remove_orphan_actors(actor_ids) -> None:
    """Machine-made actors no remaining fact, title or reviewed conflict refers to were only known through the
    withdrawn source."""
    Actor.objects.filter(id__in=actor_ids, reviewed=False).annotate(
        uses=Count("facts", distinct=True)
        + Count("statements", distinct=True)
        + Count("roles", distinct=True)
        + Count("conflicts", filter=Q(conflicts__reviewed=True), distinct=True)
    ).filter(uses=0).delete()
