"""Merging one article's extraction into the stored story: actors, statements and events.

Each extracted record is matched against candidates found through indexes (alias keys, speaker and
time window, text keys, participants and time window), never against everything stored, so the cost
of one article stays flat as the database grows. A match adds evidence to the stored fact; no match
creates one. Reviewed records only ever gain evidence and aliases: their fields, and their identity,
stay as a person left them.

Where several reports of one fact differ (wording, time anchor), the stored value is the best report
by a fixed order, so the result does not depend on the order in which articles arrive.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from timeline.extraction.types import ExtractedActor, ExtractedEvent, ExtractedQuote, Span, TimeValue
from timeline.models import (
    LONGEST_MERGED_ANCHOR,
    Actor,
    ActorRole,
    Alias,
    Conflict,
    DeletedRecord,
    Evidence,
    Fact,
    FactType,
    QuoteKind,
    Source,
    TimeBasis,
    happening_hashes,
    integer_array,
    months,
    text_key,
)
from timeline.normalize import fold, word_key, words
from timeline.services.similarity import happening_words, same_happening, same_quote

FACTS = Fact._meta.db_table
ACTORS = Actor._meta.db_table
ALIASES = Alias._meta.db_table
DELETED = DeletedRecord._meta.db_table
PARTICIPANTS = Fact.participants.through._meta.db_table
ROLES = ActorRole._meta.db_table
SOURCES = Source._meta.db_table
# Every model's uid is this same kind of field; raw SQL adapts uids through it.
UID_FIELD = Fact._meta.get_field("uid")
UID_NAMESPACE = uuid.UUID("5b0c7d0e-6a8f-4f43-9d0e-2f4c1d6b7a10")
# The length of Actor.name, Alias.name and ActorRole.title: a longer extracted name is cut, not refused.
NAME_LENGTH = 200
# The same words are reported a day apart (time zones, next-day coverage) and are still one statement.
STATEMENT_WINDOW = timedelta(days=1)
# How many of a new record's candidate uids are looked up at once (see ``new_uid``); content rarely
# repeats more often than that.
UIDS_LOOKED_UP_AT_ONCE = 4
# What absorbing one more report may change in a stored fact.
ABSORBED_FIELDS = [
    "text",
    "text_key",
    "word_hashes",
    "quote_kind",
    "cue",
    "channel",
    "place",
    "time_start",
    "time_end",
    "time_precision",
    "time_expression",
    "time_basis",
    "first_reported_at",
    "extractor_version",
]


def content_uid(*parts) -> uuid.UUID:
    """A uid that is a pure function of ``parts``, for records identified by their content."""
    return uuid.uuid5(UID_NAMESPACE, "\x1f".join(str(part) for part in parts))


def new_uid(model, *parts) -> uuid.UUID:
    """A content uid for a new ``model`` row, so one ingest run in one order reproduces the same uids.

    Two records can share content (two people of one name); the later one gets the next free uid.
    """
    attempt = 0
    while True:
        uid = content_uid(*parts, attempt)
        if not model.objects.filter(uid=uid).exists():
            return uid
        attempt += 1


def db_moment(moment: datetime):
    """A datetime as the database compares it (SQLite keeps naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def read_moment(value) -> datetime | None:
    """A datetime read by raw SQL, aware: SQLite returns the naive UTC text ``db_moment`` writes."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if isinstance(value, str) else value


def either(conditions) -> tuple[str, list]:
    """Raw SQL conditions, each (sql, params), joined by OR."""
    conditions = list(conditions)
    return "(" + " OR ".join(sql for sql, _params in conditions) + ")", [
        param for _sql, params in conditions for param in params
    ]


def both(*conditions) -> tuple[str, list]:
    """Raw SQL conditions, each (sql, params), joined by AND."""
    return "(" + " AND ".join(sql for sql, _params in conditions) + ")", [
        param for _sql, params in conditions for param in params
    ]


def placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def facts_where(condition: tuple[str, list], *, columns: tuple[str, ...] = ("*",)) -> list[Fact]:
    """The facts meeting ``condition``, raw SQL on the facts table named ``fact``, by id; only
    ``columns`` are read, the other fields on access.

    The merge's lookups are ORs of a few conditions per quote or event of an article. Built with the
    ORM they cost several times what the database takes to answer them; as SQL, microseconds.
    """
    sql, params = condition
    selected = ", ".join(columns)
    return list(Fact.objects.raw(f"SELECT {selected} FROM {FACTS} fact WHERE {sql} ORDER BY fact.id", params))


def events_where(condition: tuple[str, list]) -> list[tuple[Fact, set[int]]]:
    """``facts_where`` for events, each with the ids of its participants, read in the same query."""
    if connection.vendor == "postgresql":
        taking_part = f"ARRAY(SELECT actor_id FROM {PARTICIPANTS} WHERE fact_id = fact.id)"
    else:
        taking_part = f"(SELECT group_concat(actor_id) FROM {PARTICIPANTS} WHERE fact_id = fact.id)"
    events = facts_where(condition, columns=("*", f"{taking_part} AS participant_ids"))
    return [(event, participant_set(event.participant_ids)) for event in events]


def participant_set(ids: list[int] | str | None) -> set[int]:
    """The participant ids ``events_where`` read: an array on PostgreSQL, a comma-separated text on SQLite."""
    if isinstance(ids, str):
        return {int(actor_id) for actor_id in ids.split(",")}
    return set(ids or ())


def with_participant_among(actor_ids) -> tuple[str, list]:
    """Facts one of ``actor_ids`` takes part in, as raw SQL on the facts table named ``fact``."""
    actor_ids = list(actor_ids)
    return (
        f"fact.id IN (SELECT taking_part.fact_id FROM {PARTICIPANTS} taking_part"
        f" WHERE taking_part.actor_id IN ({placeholders(actor_ids)}))",
        actor_ids,
    )


def participants_by_fact(fact_ids) -> defaultdict[int, set[int]]:
    """The ids of the participants of each of the facts ``fact_ids``, by fact id (empty for none)."""
    fact_ids = list(fact_ids)
    participants = defaultdict(set)
    if not fact_ids:
        return participants
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT fact_id, actor_id FROM {PARTICIPANTS} WHERE fact_id IN ({placeholders(fact_ids)})",
            fact_ids,
        )
        for fact_id, actor_id in cursor.fetchall():
            participants[fact_id].add(actor_id)
    return participants


def link_participants(pairs: set[tuple[int, int]]) -> None:
    """Make each actor of the (fact id, actor id) ``pairs`` a participant of the fact, if not already.

    Plain SQL: ``bulk_create`` of the through model costs more to build than the insert takes."""
    if not pairs:
        return
    rows = sorted(pairs)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PARTICIPANTS} (fact_id, actor_id) VALUES {', '.join(['(%s, %s)'] * len(rows))}"
            " ON CONFLICT DO NOTHING",
            [value for row in rows for value in row],
        )


def uid_attempts(*parts) -> list[uuid.UUID]:
    """The first uids ``new_uid`` would try, to be looked up together."""
    return [content_uid(*parts, attempt) for attempt in range(UIDS_LOOKED_UP_AT_ONCE)]


def first_free_uid(model, parts: tuple, *, taken: set[uuid.UUID]) -> uuid.UUID:
    """``new_uid`` for one of many records looked up together: ``taken`` holds those of
    ``uid_attempts(*parts)`` that are stored and the uids already given to the others."""
    attempt = 0
    while True:
        uid = content_uid(*parts, attempt)
        if uid not in taken and (attempt < UIDS_LOOKED_UP_AT_ONCE or not model.objects.filter(uid=uid).exists()):
            taken.add(uid)
            return uid
        attempt += 1


def uid_params(uids) -> list:
    """``uids`` as the database takes them in raw SQL (SQLite keeps a uuid as hex text)."""
    return [UID_FIELD.get_db_prep_value(uid, connection) for uid in uids]


def deleted_among(attempts: list[uuid.UUID], *, padding: str = "") -> tuple[str, list]:
    """A ``UNION ALL`` branch of raw SQL giving ('deleted', uid``padding``) for each of ``attempts``
    a person deleted (``DeletedRecord``), to read with the rows holding them in one query."""
    sql = f" UNION ALL SELECT 'deleted', uid{padding} FROM {DELETED} WHERE uid IN ({placeholders(attempts)})"
    return sql, uid_params(attempts)


class ArticleWrites:
    """What merging one article reads and writes in bulk instead of record by record.

    The stored facts its quotes and events may be are read at once (``read_candidates``), and so
    are the uids of the facts it may create (which are stored, which a person deleted). The evidence
    it cites, the participants it adds and the changes to stored facts are written by
    ``write_pending``, which must run before anything reads them from the database.
    """

    def __init__(self, *, source: Source, version: str, new_source: bool = False):
        self.source = source
        self.version = version
        # Only evidence written here can cite a source created in this transaction.
        self.source_may_be_cited = not new_source
        self.citations: list[tuple[Fact, Span, float]] = []
        self.uid_attempts: dict[tuple, list[uuid.UUID]] = {}
        self.taken_uids: set[uuid.UUID] = set()
        self.deleted_uids: set[uuid.UUID] = set()
        self.statements: list[Fact] = []
        self.events: list[Fact] = []
        # Keyed by the fact object's identity: the article's new facts have no id until they are written.
        self.event_participants: defaultdict[int, set[int]] = defaultdict(set)
        # The words naming each participant of the article's events (``naming_words``).
        self.naming: dict[int, set[str]] = {}
        self.new_facts: list[Fact] = []
        self.participants: list[tuple[Fact, int]] = []
        self.changed_facts: dict[int, Fact] = {}
        self.folded_into: dict[int, Fact] = {}
        # The absorbed fields of each fact as the database holds them (by object identity), so that a
        # fact that gained only evidence is not written again.
        self.stored_values: dict[int, tuple] = {}
        # What the candidate read covered, to tell whether a later lookup can be answered from it:
        # (speaker id, window or None, text key) per quote; (window or None, participant ids, text
        # key, ``searched_words``) per event.
        self.statement_reach: list[tuple[int, tuple[datetime, datetime] | None, str]] = []
        self.event_reach: list[tuple[tuple[datetime, datetime] | None, frozenset[int], str, frozenset[str] | None]] = []

    def read_candidates(
        self,
        *,
        quotes: list[tuple[ExtractedQuote, Actor, TimeValue]],
        events: list[tuple[ExtractedEvent, list[Actor]]],
    ) -> None:
        """Read the stored facts any of the article's quotes and events may be, in four queries for all.

        The facts the article creates join them as it is merged, and those folded into others leave.
        """
        self.statements = []
        if quotes:
            self.statements = facts_where(
                either(
                    statements_near(speaker=speaker, time=time, key=text_key(quote.text))
                    for quote, speaker, time in quotes
                )
            )
        self.naming = naming_words({actor.id for _event, participants in events for actor in participants})
        read_events = events_where(events_near_any(events, naming=self.naming)) if events else []
        self.events = [fact for fact, _taking_part in read_events]
        for fact in [*self.statements, *self.events]:
            self.stored_values[id(fact)] = absorbed_values(fact)
        self.event_participants = defaultdict(set)
        for fact, taking_part in read_events:
            self.event_participants[id(fact)] = taking_part
        self.statement_reach = [
            (speaker.id, merge_window(time) if time.start else None, text_key(quote.text))
            for quote, speaker, time in quotes
        ]
        self.event_reach = [
            (
                merge_window(event.time) if event.time.start else None,
                frozenset(actor.id for actor in participants),
                text_key(event.summary),
                searched_words(event.summary, unsaid=naming_all(self.naming, (actor.id for actor in participants))),
            )
            for event, participants in events
        ]

    def holds_statements(self, *, speaker: Actor, time: TimeValue, text: str) -> bool:
        """Whether the candidates read hold every statement ``statement_candidates`` would read for these."""
        key = text_key(text)
        reach = [(window, reached) for speaker_id, window, reached in self.statement_reach if speaker_id == speaker.id]
        if time.start is None:
            return (None, key) in reach
        return any(within(merge_window(time), window) for window, _key in reach) and any(
            reached == key for _window, reached in reach
        )

    def holds_events(self, *, time: TimeValue, participants: list[Actor], text: str) -> bool:
        """Whether the candidates read hold every event ``event_candidates`` would read for these."""
        if time.start is None:
            return any(window is None and key == text_key(text) for window, _who, key, _words in self.event_reach)
        wanted = {actor.id for actor in participants}
        # Each dated event's read holds its window's events holding one of its words: those naming
        # nobody for an event naming nobody; those naming any participant of the article's dated
        # events for the others.
        dated = [(window, who, searched) for window, who, _key, searched in self.event_reach if window is not None]
        if wanted and not wanted <= set().union(*(who for _window, who, _words in dated)):
            return False
        around = [
            searched
            for window, who, searched in dated
            if bool(who) == bool(wanted) and within(merge_window(time), window)
        ]
        needed = searched_words(text, unsaid=naming_all(self.naming, wanted))
        return None in around or (needed is not None and needed <= set().union(*around))

    def statement_candidates(self, *, speaker: Actor, time: TimeValue, text: str) -> list[Fact]:
        """``statement_candidates`` from the candidates read when they hold them all, else from the
        database once it holds what the article has merged so far (a fold's wider lookup)."""
        if not self.holds_statements(speaker=speaker, time=time, text=text):
            self.write_pending()
            return statement_candidates(speaker=speaker, time=time, text=text)
        key = text_key(text)
        near = [fact for fact in self.statements if is_statement_near(fact, speaker=speaker, time=time, key=key)]
        return exact_wording_first(near, key=key)

    def event_candidates(self, *, time: TimeValue, participants: list[Actor], text: str) -> list[tuple[Fact, set[int]]]:
        """``event_candidates`` from the candidates read when they hold them all, else from the database."""
        if not self.holds_events(time=time, participants=participants, text=text):
            self.write_pending()
            return event_candidates(time=time, participants=participants, text=text, naming=self.naming)
        near = [
            (fact, self.event_participants[id(fact)])
            for fact in self.events
            if is_event_near(fact, time=time, text=text)
        ]
        if time.start is None:
            return near
        wanted = {actor.id for actor in participants}
        if wanted:
            return [(fact, taking_part) for fact, taking_part in near if taking_part & wanted]
        return [(fact, taking_part) for fact, taking_part in near if not taking_part]

    def created(self, fact: Fact) -> None:
        """A new fact, written with the rest (``write_pending``); it is a candidate from now on."""
        self.new_facts.append(fact)
        (self.statements if fact.type == FactType.STATEMENT else self.events).append(fact)

    def changed(self, fact: Fact) -> None:
        if fact.pk is not None:  # a new one is written as it is at the end
            self.changed_facts[id(fact)] = fact

    def add_participants(self, fact: Fact, actors: list[Actor]) -> None:
        self.participants.extend((fact, actor.id) for actor in actors)
        if fact.type == FactType.EVENT:
            self.event_participants[id(fact)].update(actor.id for actor in actors)

    def fold(self, others: list[Fact], *, into: Fact) -> None:
        """Fold the stored facts ``others``, whose reports ``into`` absorbed, into it: their evidence,
        conflicts and participants become its own, and they leave the database and the candidates."""
        self.changed(into)
        self.write_pending()  # folding moves what the database holds; new facts get their ids
        participants = participants_by_fact(other.id for other in others)
        link_participants({(into.id, actor_id) for actor_ids in participants.values() for actor_id in actor_ids})
        hand_over_and_delete(others, fact=into)
        gone = {other.id for other in others}
        self.folded_into.update(dict.fromkeys(gone, into))
        for fact in [*self.statements, *self.events]:
            if fact.id in gone:
                self.event_participants.pop(id(fact), None)
        self.statements = [fact for fact in self.statements if fact.id not in gone]
        self.events = [fact for fact in self.events if fact.id not in gone]
        if into.type == FactType.EVENT:
            self.event_participants[id(into)].update(*participants.values())

    def holding(self, facts: list[Fact]) -> list[Fact]:
        """The facts that now hold ``facts``, once each, by id: a fact folded into another is that one."""
        held = {}
        for fact in facts:
            while fact.id in self.folded_into:
                fact = self.folded_into[fact.id]
            held[fact.id] = fact
        return [held[fact_id] for fact_id in sorted(held)]

    def participants_of(self, event: Fact) -> set[int]:
        return self.event_participants[id(event)]

    def write_pending(self) -> None:
        """Write the new facts (one INSERT), the changed ones (``update_absorbed_fields``), the
        participants and the evidence gathered so far."""
        Fact.objects.bulk_create(self.new_facts)
        rewritten = [
            fact for fact in self.changed_facts.values() if absorbed_values(fact) != self.stored_values.get(id(fact))
        ]
        update_absorbed_fields(rewritten)
        for fact in rewritten:
            self.stored_values[id(fact)] = absorbed_values(fact)
        for fact in self.new_facts:
            self.stored_values[id(fact)] = absorbed_values(fact)
        self.new_facts = []
        self.changed_facts = {}
        if self.participants:
            link_participants({(fact.id, actor_id) for fact, actor_id in self.participants})
            self.participants = []
        self.write_citations()

    def reserve_fact_uids(self, parts_of_each: list[tuple]) -> None:
        """Look up the first few uids ``new_uid`` would try for each of these facts, in one query."""
        for parts in parts_of_each:
            self.uid_attempts[parts] = uid_attempts(*parts)
        attempts = [uid for uids in self.uid_attempts.values() for uid in uids]
        if not attempts:
            return
        deleted_sql, deleted_params = deleted_among(attempts)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 'taken', uid FROM {FACTS} WHERE uid IN ({placeholders(attempts)}){deleted_sql}",
                [*uid_params(attempts), *deleted_params],
            )
            for held, uid in cursor.fetchall():
                (self.deleted_uids if held == "deleted" else self.taken_uids).add(UID_FIELD.to_python(uid))

    def take_fact_uid(self, *parts) -> uuid.UUID | None:
        """``new_uid`` for a new fact whose ``parts`` were reserved, or None if a person deleted the
        fact with that uid."""
        uid = first_free_uid(Fact, parts, taken=self.taken_uids)
        beyond_reserved = uid not in self.uid_attempts[parts]
        if uid in self.deleted_uids or (beyond_reserved and DeletedRecord.objects.filter(uid=uid).exists()):
            self.taken_uids.discard(uid)  # the same words again are the same deleted fact
            return None
        return uid

    def cite(self, *, fact: Fact, span: Span, confidence: float) -> None:
        self.citations.append((fact, span, confidence))

    def write_citations(self) -> None:
        """Store the evidence cited so far that is not stored already: one query to read, one to write."""
        if not self.citations:
            return
        source = self.source
        pending = {}
        for fact, span, confidence in self.citations:
            pending.setdefault((fact.id, span.start, span.end), (fact, span, confidence))
        self.citations = []
        parts = {
            citation: ("evidence", fact.uid, source.content_hash, span.start, span.end)
            for citation, (fact, span, _confidence) in pending.items()
        }
        stored = []
        if self.source_may_be_cited:
            stored = Evidence.objects.filter(
                Q(source=source, fact_id__in={fact_id for fact_id, _start, _end in pending})
                | Q(uid__in=[uid for citation in parts.values() for uid in uid_attempts(*citation)])
            ).values_list("uid", "fact_id", "source_id", "start", "end")
        self.source_may_be_cited = True
        taken = set()
        for uid, fact_id, source_id, start, end in stored:
            taken.add(uid)
            if source_id == source.id:
                pending.pop((fact_id, start, end), None)
        Evidence.objects.bulk_create(
            Evidence(
                uid=first_free_uid(Evidence, parts[citation], taken=taken),
                fact=fact,
                source=source,
                start=span.start,
                end=span.end,
                excerpt=source.text[span.start : span.end],
                extractor_version=self.version,
                confidence=confidence,
            )
            for citation, (fact, span, confidence) in pending.items()
        )


def absorbed_values(fact: Fact) -> tuple:
    return tuple(getattr(fact, name) for name in ABSORBED_FIELDS)


def update_absorbed_fields(facts: list[Fact]) -> None:
    """Write what absorbing reports changed in these stored facts: one statement run for each, sent
    together. Model ``save`` costs more to build than the database takes to run it, and
    ``bulk_update``'s CASE per field and row more still."""
    if not facts:
        return
    now = timezone.now()
    for fact in facts:
        fact.updated_at = now
    fields = [Fact._meta.get_field(name) for name in [*ABSORBED_FIELDS, "updated_at"]]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    rows = [
        [*(field.get_db_prep_save(getattr(fact, field.attname), connection) for field in fields), fact.id]
        for fact in facts
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {FACTS} SET {assignments} WHERE id = %s", rows)


def check_span(span: Span, *, source: Source, what: str) -> None:
    """Refuse a span that does not point into the source text: evidence must cite real words."""
    if not (0 <= span.start < span.end <= len(source.text)):
        raise ValueError(
            f"{what} span {span.start}:{span.end} lies outside the article text (length {len(source.text)})"
        )


def reported_at(source: Source) -> datetime:
    return source.published_at or source.ingested_at


# Actors


class KnownAliases:
    """The stored actors under the alias keys an article's actors may be found by, read in one query
    before they are resolved.

    Resolving them adds aliases and folds actors into others; ``recorded`` and ``folded`` keep the
    keys' holders as the database now has them, so a lookup of these keys answers what a query would.
    Resolving an actor otherwise took a query of its own.
    """

    def __init__(self, *, keys: set[str]):
        self.keys = frozenset(keys)
        self.actors: dict[int, Actor] = {}
        self.holders: defaultdict[str, set[int]] = defaultdict(set)
        if not self.keys:
            return
        keys = sorted(self.keys)
        held = Actor.objects.raw(
            f"SELECT actor.*, alias.key AS alias_key FROM {ACTORS} actor"
            f" JOIN {ALIASES} alias ON alias.actor_id = actor.id"
            f" WHERE alias.key IN ({placeholders(keys)})",
            keys,
        )
        for actor in held:
            self.actors.setdefault(actor.id, actor)
            self.holders[actor.alias_key].add(actor.id)

    def holds(self, keys) -> bool:
        return set(keys) <= self.keys

    def actors_under(self, keys, *, kind: str | None = None) -> list[Actor]:
        """The actors holding any of ``keys`` (all of them among ``self.keys``), of ``kind`` if given, by id."""
        ids = set().union(*(self.holders[key] for key in keys))
        return sorted(
            (self.actors[actor_id] for actor_id in ids if kind is None or self.actors[actor_id].kind == kind),
            key=lambda actor: actor.id,
        )

    def as_known(self, actors: list[Actor]) -> list[Actor]:
        """``actors`` read by another query, each as the object held here if it is: one actor renamed
        while resolving the article is renamed everywhere."""
        return [self.actors.get(actor.id, actor) for actor in actors]

    def recorded(self, actor: Actor, alias_keys: set[str]) -> None:
        """``actor`` is stored with aliases of ``alias_keys`` (and maybe others)."""
        self.actors.setdefault(actor.id, actor)
        for key in alias_keys & self.keys:
            self.holders[key].add(actor.id)

    def folded(self, lone: Actor, *, into: Actor) -> None:
        """``fold_actor_into``: the keys ``lone`` held are ``into``'s now."""
        for holders in self.holders.values():
            if lone.id in holders:
                holders.discard(lone.id)
                holders.add(into.id)
        self.actors.pop(lone.id, None)
        self.actors.setdefault(into.id, into)


@dataclass
class ResolvedActor:
    actor: Actor
    created: bool
    renamed: bool = False


def resolve_actor(*, extracted: ExtractedActor, known: KnownAliases) -> ResolvedActor | None:
    """The stored actor this extracted actor is, or a new one; its name becomes the fullest form seen.

    None if the new one is an actor a person deleted.
    """
    actor = find_actor(extracted=extracted, known=known)
    if actor is None:
        name = best_name(name_forms(extracted))
        uid = new_uid(Actor, "actor", fold(name))
        if DeletedRecord.objects.filter(uid=uid).exists():
            return None
        actor = Actor(uid=uid, name=name, kind=extracted.kind)
        actor.save()
        return ResolvedActor(actor=actor, created=True)
    name = best_name([actor.name, *name_forms(extracted)])
    if not actor.reviewed and name != actor.name:
        actor.name = name
        actor.save(update_fields=["name", "key"])
        return ResolvedActor(actor=actor, created=False, renamed=True)
    return ResolvedActor(actor=actor, created=False)


def name_forms(extracted: ExtractedActor) -> list[str]:
    """The forms that may name the actor: a person's name is spelled many ways ("Guaido", "Guaidó"), an
    organisation's is the one the extractor settled on."""
    if extracted.kind == "person":
        return [extracted.name, *extracted.aliases]
    return [extracted.name]


def best_name(names: list[str]) -> str:
    """The fullest form of a name: most words, then accents kept, then alphabetical, whatever the order seen."""

    def rank(name):
        accents = sum(char.isalpha() and not char.isascii() for char in name)
        return (-len(words(name)), -accents, fold(name), name)

    return min((name.strip()[:NAME_LENGTH] for name in names if words(name)), key=rank)


def find_actor(*, extracted: ExtractedActor, known: KnownAliases) -> Actor | None:
    name_words = words(extracted.name)
    if not name_words:
        raise ValueError(f"extracted actor {extracted.name!r} has no name")
    forms = {fold(form) for form in [extracted.name, *extracted.aliases] if words(form)}
    is_person = extracted.kind == "person"
    if is_person and len(name_words) == 1:
        return find_by_surname(key=fold(extracted.name), extracted=extracted, known=known)
    # A one-word alias of a person ("Lopez") may be shared by several people: only full names identify.
    keys = {key for key in forms if len(key.split()) > 1} if is_person else forms
    candidates = actors_seen_as(keys, known=known)
    if not candidates and is_person:
        candidates = known.as_known(actors_with_name_variants(name_words))
    return pick_actor(candidates, extracted=extracted)


def actors_seen_as(keys, *, kind: str | None = None, known: KnownAliases) -> list[Actor]:
    """The actors with an alias of one of ``keys`` (of ``kind`` if given), by id."""
    if known.holds(keys):
        return known.actors_under(keys, kind=kind)
    seen_as = Actor.objects.filter(aliases__key__in=keys)
    if kind is not None:
        seen_as = seen_as.filter(kind=kind)
    return known.as_known(list(seen_as.distinct().order_by("id")))


def actors_with_name_variants(name_words: list[str]) -> list[Actor]:
    """Actors named with or without a trailing surname: "Vladimir Padrino" and "Vladimir Padrino Lopez".

    Both directions are prefix lookups on the indexed alias key (PostgreSQL serves ``startswith`` from
    the key's pattern index), so no scan is needed.
    """
    full = " ".join(name_words)
    shorter = [" ".join(name_words[:size]) for size in range(2, len(name_words))]
    condition = Q(aliases__key__startswith=full + " ") | Q(aliases__key__in=shorter)
    return list(Actor.objects.filter(condition, kind="person").distinct().order_by("id"))


def find_by_surname(*, key: str, extracted: ExtractedActor, known: KnownAliases) -> Actor | None:
    """A surname alone is the one person seen under it whose name ends with it; with several, none."""
    seen_as = actors_seen_as([key], kind="person", known=known)
    candidates = [actor for actor in seen_as if words(actor.name)[-1:] == [key] or actor.key == key]
    exact = [actor for actor in candidates if actor.key == key]
    if exact:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    return pick_by_role(candidates, extracted=extracted)


def pick_actor(candidates: list[Actor], *, extracted: ExtractedActor) -> Actor | None:
    """One actor among candidates: the only one, the one named exactly so, the one holding the same title."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    same_kind = [actor for actor in candidates if actor.kind == extracted.kind] or candidates
    exact = [actor for actor in same_kind if actor.key == fold(extracted.name)]
    if len(exact) == 1:
        return exact[0]
    return pick_by_role(exact or same_kind, extracted=extracted) or (exact or same_kind)[0]


def pick_by_role(candidates: list[Actor], *, extracted: ExtractedActor) -> Actor | None:
    """The one candidate already known under a title this article gives, if exactly one is."""
    titles = {fold(role.title) for role in extracted.roles}
    if not titles or not candidates:
        return None
    holders = set(ActorRole.objects.filter(actor__in=candidates, key__in=titles).values_list("actor_id", flat=True))
    matching = [actor for actor in candidates if actor.id in holders]
    return matching[0] if len(matching) == 1 else None


@dataclass
class RecordedAliases:
    """What ``record_aliases`` found: the keys of all the actor's aliases, and the machine-made people
    named only by one of its one-word aliases (``absorb_surname_actors``)."""

    keys: set[str]
    surname_actors: list[Actor]


def record_aliases(*, actor: Actor, extracted: ExtractedActor) -> RecordedAliases:
    """Every surface form the article uses for the actor, so later articles find it under any of them.

    One query reads the actor's aliases, which uids are taken or deleted and, for a person named in
    full, who else is named by one of its one-word aliases; one writes the new aliases. The read is
    plain SQL: built with the ORM, these two lookups cost an article several milliseconds.
    """
    names = {}
    for form in [extracted.name, *extracted.aliases]:
        name = form.strip()[:NAME_LENGTH]
        if fold(name):
            names.setdefault(fold(name), name)
    parts = {key: ("alias", actor.uid, key) for key in names}
    attempts = [uid for key in parts for uid in uid_attempts(*parts[key])]
    deleted_sql, deleted_params = deleted_among(attempts, padding=", NULL, NULL")
    sql = f"SELECT 'alias', uid, actor_id, key FROM {ALIASES} WHERE actor_id = %s OR uid IN ({placeholders(attempts)})"
    sql += deleted_sql
    params = [actor.id, *uid_params(attempts), *deleted_params]
    if absorbs_surname_actors(actor):
        # Its one-word aliases: those stored, and those this article adds.
        surnames = [key for key in names if " " not in key]
        stored_surnames = f"SELECT key FROM {ALIASES} WHERE actor_id = %s AND key NOT LIKE %s"
        sql += (
            f" UNION ALL SELECT 'surname', NULL, id, key FROM {ACTORS}"
            f" WHERE kind = %s AND NOT reviewed AND id <> %s AND key IN ({stored_surnames}"
            + " UNION ALL SELECT %s" * len(surnames)
            + ")"
        )
        params += ["person", actor.id, actor.id, "% %", *surnames]
    known, taken, deleted, surname_actor_ids = set(), set(), set(), []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row_kind, uid, actor_id, key in cursor.fetchall():
            if row_kind == "surname":
                surname_actor_ids.append(actor_id)
            elif row_kind == "deleted":
                deleted.add(UID_FIELD.to_python(uid))
            else:
                taken.add(UID_FIELD.to_python(uid))
                if actor_id == actor.id:
                    known.add(key)
    new = [
        Alias(uid=uid, actor=actor, name=name, key=key)
        for key, name in names.items()
        if key not in known and (uid := first_free_uid(Alias, parts[key], taken=taken)) not in deleted
    ]
    Alias.objects.bulk_create(new)
    surname_actors = list(Actor.objects.filter(id__in=surname_actor_ids).order_by("id")) if surname_actor_ids else []
    return RecordedAliases(keys=known | {alias.key for alias in new}, surname_actors=surname_actors)


def absorbs_surname_actors(actor: Actor) -> bool:
    return actor.kind == "person" and len(words(actor.name)) >= 2


def absorb_surname_actors(*, actor: Actor, recorded: RecordedAliases, known: KnownAliases) -> bool:
    """Fold machine-made actors named only by a surname ("Maduro") into the one full-named person seen so.

    Such an actor exists when an article naming only the surname came before any naming the person in
    full; in the other order the surname attaches to the person directly (``find_by_surname``). Folding
    it in here gives the same actors whatever the order. ``recorded`` holds the candidates, read with
    the person's aliases. True if it folded one in.
    """
    folded = False
    for lone in recorded.surname_actors:
        if only_full_name_seen_as(lone.key, known=known) == actor:
            known.folded(lone, into=actor)  # before deleting ``lone`` takes its id
            fold_actor_into(lone, actor=actor)
            folded = True
    return folded


def only_full_name_seen_as(surname: str, *, known: KnownAliases) -> Actor | None:
    seen_as = actors_seen_as([surname], kind="person", known=known)
    full_names = [actor for actor in seen_as if len(words(actor.name)) > 1]
    return full_names[0] if len(full_names) == 1 else None


def fold_actor_into(lone: Actor, *, actor: Actor) -> None:
    """Give ``actor`` everything ``lone`` holds (statements, participations, titles, aliases), then drop ``lone``."""
    Fact.objects.filter(speaker=lone).update(speaker=actor)
    for fact in lone.facts.all():
        fact.participants.add(actor)
    held_titles = set(actor.roles.values_list("key", "source_id"))
    for role in lone.roles.all():
        if (role.key, role.source_id) in held_titles:
            role.delete()
        else:
            role.actor = actor
            role.save(update_fields=["actor"])
    held_aliases = set(actor.aliases.values_list("key", flat=True))
    lone.aliases.exclude(key__in=held_aliases).update(actor=actor)
    # A person's judgement on a conflict moves with it; machine-made title conflicts are recomputed for
    # ``actor`` once the article is stored.
    Conflict.objects.filter(actor=lone, reviewed=True).update(actor=actor)
    lone.delete()


def record_roles(*, titles: list[tuple[Actor, ExtractedActor]], source: Source) -> None:
    """The titles the article gives its actors, each with where it says so (the first place per title).

    One query reads which are stored already (and which uids are taken or deleted), one writes the rest.
    """
    mentions = {}
    for actor, extracted in titles:
        for mention in extracted.roles:
            check_span(mention.span, source=source, what=f"role {mention.title!r}")
            title = mention.title.strip()[:NAME_LENGTH]
            if fold(title):
                mentions.setdefault((actor, fold(title)), (title, mention.span))
    if not mentions:
        return
    parts = {(actor, key): ("role", actor.uid, key, source.content_hash) for actor, key in mentions}
    attempts = [uid for role in parts.values() for uid in uid_attempts(*role)]
    actor_ids = sorted({actor.id for actor, _key in mentions})
    deleted_sql, deleted_params = deleted_among(attempts, padding=", NULL, NULL")
    known, taken, deleted = set(), set(), set()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 'role', uid, actor_id, key FROM {ROLES}"
            f" WHERE (source_id = %s AND actor_id IN ({placeholders(actor_ids)})) OR uid IN ({placeholders(attempts)})"
            + deleted_sql,
            [source.id, *actor_ids, *uid_params(attempts), *deleted_params],
        )
        for row_kind, uid, actor_id, key in cursor.fetchall():
            if row_kind == "deleted":
                deleted.add(UID_FIELD.to_python(uid))
                continue
            taken.add(UID_FIELD.to_python(uid))
            known.add((actor_id, key))
    ActorRole.objects.bulk_create(
        ActorRole(uid=uid, actor=actor, title=title, key=key, source=source, start=span.start, end=span.end)
        for (actor, key), (title, span) in mentions.items()
        if (actor.id, key) not in known
        and (uid := first_free_uid(ActorRole, parts[actor, key], taken=taken)) not in deleted
    )


# Facts


@dataclass
class MergedFact:
    fact: Fact
    created: bool


def overlapping(start: datetime, end: datetime, *, table: str = "fact", scan_time: bool = True) -> tuple[str, list]:
    """Facts (the facts table named ``table``) whose time anchor overlaps [start, end), as raw SQL.

    The lower bound on time_start adds nothing for anchors up to ``LONGEST_MERGED_ANCHOR`` long, but
    turns the lookup into a bounded range scan of the time index instead of one over all earlier facts.
    With ``scan_time`` false, PostgreSQL tests each row read instead: beside a word lookup
    (``holding_searched_words``), which picks a few hundred of a year's events at 100k sources, the
    planner also scanned the year's ten thousand entries of the time index, only to AND the two.
    """
    start_column = f"{table}.time_start"
    if not scan_time and connection.vendor == "postgresql":
        start_column = f"({start_column} + interval '0 seconds')"  # the same value, not indexed
    return (
        f"({start_column} < %s AND {start_column} > %s AND {table}.time_end > %s)",
        [db_moment(end), db_moment(start - LONGEST_MERGED_ANCHOR), db_moment(start)],
    )


def overlaps(fact: Fact, start: datetime, end: datetime) -> bool:
    """``overlapping`` for a fact already read: the same test, in Python."""
    return (
        fact.time_start is not None and start - LONGEST_MERGED_ANCHOR < fact.time_start < end and fact.time_end > start
    )


def within(inner: tuple[datetime, datetime], outer: tuple[datetime, datetime] | None) -> bool:
    return outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def interval(time: TimeValue) -> tuple[datetime, datetime]:
    # A point in time is treated as the shortest interval so that overlap tests stay strict.
    return time.start, max(time.end or time.start, time.start + timedelta(microseconds=1))


def merge_window(time: TimeValue) -> tuple[datetime, datetime]:
    """The window (for ``overlapping``) of the facts that may be the fact anchored at ``time``: those
    overlapping its time and starting within ``LONGEST_MERGED_ANCHOR`` of its start, either way.

    A stored decade-long anchor is found only from within a year of its start (the lower bound of
    ``overlapping``), so a new decade-long one finds only the facts starting within a year of its
    own: which of two reports came first must not decide whether they merge. It also keeps a
    decade-long lookup to two years of facts instead of ten.
    """
    start, end = interval(time)
    return start, min(end, start + LONGEST_MERGED_ANCHOR)


def anchor_rank(*, basis: str, precision: int, start, end, expression: str) -> tuple:
    """Order of preference between time anchors of one fact: stated before inferred, then finer first.

    Placed anchors come before unplaced ones, so an unknown start is never compared with a known one.
    """
    return (basis != TimeBasis.STATED, precision, start is None, start, end, expression)


def is_better_anchor(time: TimeValue, *, than: Fact) -> bool:
    start, end = interval(time) if time.start else (None, None)
    new = anchor_rank(basis=time.basis, precision=time.precision, start=start, end=end, expression=time.expression)
    old = anchor_rank(
        basis=than.time_basis,
        precision=than.time_precision,
        start=than.time_start,
        end=than.time_end,
        expression=than.time_expression,
    )
    return new < old


def set_anchor(fact: Fact, time: TimeValue) -> None:
    fact.time_start, fact.time_end = interval(time) if time.start else (None, None)
    fact.time_precision = time.precision
    fact.time_expression = time.expression[:200]
    fact.time_basis = time.basis
    fact.derive_keys()


def set_text(fact: Fact, text: str) -> None:
    fact.text = text.strip()
    fact.derive_keys()


def text_rank(text: str) -> tuple:
    """Order of preference between wordings of one fact: the fullest, then alphabetical for a fixed choice."""
    return (-len(words(text)), word_key(text), text)


QUOTE_KIND_RANK = {QuoteKind.DIRECT: 0, QuoteKind.PARTIAL: 1, QuoteKind.INDIRECT: 2}


def note_reported(fact: Fact, moment: datetime | None) -> None:
    if moment is not None and (fact.first_reported_at is None or moment < fact.first_reported_at):
        fact.first_reported_at = moment


def statement_uid_parts(*, quote: ExtractedQuote, speaker: Actor, time: TimeValue) -> tuple:
    return ("statement", speaker.uid, text_key(quote.text), time.display() or "")


def merge_statement(
    *, quote: ExtractedQuote, speaker: Actor, time: TimeValue, writes: ArticleWrites
) -> MergedFact | None:
    """Store one quote as a statement of ``speaker``, or as one more source of the same words; None if a
    person deleted that statement."""
    source, version = writes.source, writes.version
    check_span(quote.span, source=source, what="quote")
    if not words(quote.text):
        raise ValueError(f"quote at {quote.span.start}:{quote.span.end} has no words")
    if quote.kind not in QuoteKind.values:
        raise ValueError(f"quote kind {quote.kind!r} is not one of {', '.join(QuoteKind.values)}")
    match = next(
        (
            fact
            for fact in writes.statement_candidates(speaker=speaker, time=time, text=quote.text)
            if same_quote(fact.text, quote.text)
        ),
        None,
    )
    if match is None:
        uid = writes.take_fact_uid(*statement_uid_parts(quote=quote, speaker=speaker, time=time))
        if uid is None:
            return None
        fact = Fact(
            uid=uid,
            type=FactType.STATEMENT,
            speaker=speaker,
            quote_kind=quote.kind,
            cue=quote.cue[:60],
            channel=quote.channel[:60],
            extractor_version=version,
        )
        set_text(fact, quote.text)
        set_anchor(fact, time)
        note_reported(fact, reported_at(source))
        writes.created(fact)
        writes.add_participants(fact, [speaker])
    else:
        fact = match
        reworded = not fact.reviewed and absorb_quote(
            fact,
            text=quote.text,
            kind=quote.kind,
            cue=quote.cue,
            channel=quote.channel,
            time=time,
            reported=reported_at(source),
            version=version,
        )
        if not fact.reviewed:
            writes.changed(fact)
        if reworded:
            gather_restatements(fact, speaker=speaker, writes=writes)
    writes.cite(fact=fact, span=quote.span, confidence=quote.confidence)
    return MergedFact(fact=fact, created=match is None)


def statement_candidates(*, speaker: Actor, time: TimeValue, text: str) -> list[Fact]:
    """The speaker's statements near ``time``, exact wording first (speaker-time and text-key indexes)."""
    statements = facts_where(statements_near(speaker=speaker, time=time, key=text_key(text)))
    return exact_wording_first(statements, key=text_key(text))


def statements_near(*, speaker: Actor, time: TimeValue, key: str) -> tuple[str, list]:
    """Where one of the two times is unknown, only the same wording can tell they are one statement."""
    if time.start is None:
        near, params = "fact.text_key = %s", [key]
    else:
        start, end = merge_window(time)
        window, params = overlapping(start - STATEMENT_WINDOW, end + STATEMENT_WINDOW)
        near, params = f"({window} OR (fact.time_start IS NULL AND fact.text_key = %s))", [*params, key]
    return f"(fact.type = %s AND fact.speaker_id = %s AND {near})", [FactType.STATEMENT.value, speaker.id, *params]


def is_statement_near(fact: Fact, *, speaker: Actor, time: TimeValue, key: str) -> bool:
    """``statements_near`` for a statement already read: the same test, in Python."""
    if fact.speaker_id != speaker.id:
        return False
    if time.start is None:
        return fact.text_key == key
    start, end = merge_window(time)
    return overlaps(fact, start - STATEMENT_WINDOW, end + STATEMENT_WINDOW) or (
        fact.time_start is None and fact.text_key == key
    )


def exact_wording_first(statements, *, key: str) -> list[Fact]:
    return sorted(statements, key=lambda fact: fact.text_key != key)


def absorb_quote(
    fact: Fact, *, text: str, kind: str, cue: str, channel: str, time: TimeValue, reported, version: str
) -> bool:
    """Fold one more report into a machine-made statement, unsaved: keep the fullest direct wording and
    the best anchor. True if the wording changed."""
    reworded = (QUOTE_KIND_RANK[kind], *text_rank(text)) < (QUOTE_KIND_RANK[fact.quote_kind], *text_rank(fact.text))
    if reworded:
        set_text(fact, text)
        fact.quote_kind = kind
        fact.cue = cue[:60] or fact.cue
        fact.channel = channel[:60] or fact.channel
    elif not fact.channel:
        fact.channel = channel[:60]
    if is_better_anchor(time, than=fact):
        set_anchor(fact, time)
    note_reported(fact, reported)
    fact.extractor_version = version
    return reworded


def fact_time(fact: Fact) -> TimeValue:
    return TimeValue(
        start=fact.time_start,
        end=fact.time_end,
        precision=fact.time_precision,
        expression=fact.time_expression,
        basis=fact.time_basis,
    )


def gather_restatements(fact: Fact, *, speaker: Actor, writes: ArticleWrites) -> None:
    """Fold into ``fact`` the speaker's other machine-made statements its fuller wording now covers.

    A partial quote stored before the full one reached the database matched nothing then; once the
    full wording arrives, both are one statement, as they would be had the full one come first.
    """
    others = []
    for other in writes.statement_candidates(speaker=speaker, time=fact_time(fact), text=fact.text):
        if is_same_record(other, fact) or other.reviewed or not same_quote(other.text, fact.text):
            continue
        absorb_quote(
            fact,
            text=other.text,
            kind=other.quote_kind,
            cue=other.cue,
            channel=other.channel,
            time=fact_time(other),
            reported=other.first_reported_at,
            version=fact.extractor_version,
        )
        others.append(other)
    if others:
        writes.fold(others, into=fact)


def is_same_record(first: Fact, second: Fact) -> bool:
    """The same object, or the same stored row read twice (a new fact has no id until it is written)."""
    return first is second or (first.pk is not None and first.pk == second.pk)


def hand_over_and_delete(others: list[Fact], *, fact: Fact) -> None:
    """Move the evidence and conflicts of ``others`` to ``fact``, the same happening or words, and drop them.

    A handful of statements whatever the number of facts and sources: of the citations of one span,
    the one ``fact`` holds stays (or else the oldest), the rest go.
    """
    cited_by_fact = Evidence.objects.filter(
        fact=fact, source_id=OuterRef("source_id"), start=OuterRef("start"), end=OuterRef("end")
    )
    cited_before = Evidence.objects.filter(
        fact__in=others,
        source_id=OuterRef("source_id"),
        start=OuterRef("start"),
        end=OuterRef("end"),
        id__lt=OuterRef("id"),
    )
    moving = Evidence.objects.filter(fact__in=others)
    moving.filter(Exists(cited_by_fact) | Exists(cited_before)).delete()
    moving.update(fact=fact)
    InConflict = Conflict.facts.through
    conflict_ids = InConflict.objects.filter(fact__in=others).values_list("conflict_id", flat=True).distinct()
    InConflict.objects.bulk_create(
        [InConflict(conflict_id=conflict_id, fact_id=fact.id) for conflict_id in conflict_ids], ignore_conflicts=True
    )
    Fact.objects.filter(id__in=[other.id for other in others]).delete()


def event_uid_parts(event: ExtractedEvent) -> tuple:
    return ("event", text_key(event.summary), event.time.display() or "")


def merge_event(*, event: ExtractedEvent, participants: list[Actor], writes: ArticleWrites) -> MergedFact | None:
    """Store one event, or one more source of the same happening (overlapping time, a shared participant);
    None if a person deleted that event."""
    source, version = writes.source, writes.version
    check_span(event.span, source=source, what="event")
    if not words(event.summary):
        raise ValueError(f"event at {event.span.start}:{event.span.end} has no summary")
    match = next(
        (
            fact
            for fact, taking_part in writes.event_candidates(
                time=event.time, participants=participants, text=event.summary
            )
            if tells_same_happening(
                fact,
                taking_part=taking_part,
                summary=event.summary,
                place=event.place,
                participants=participants,
                writes=writes,
            )
        ),
        None,
    )
    if match is None:
        uid = writes.take_fact_uid(*event_uid_parts(event))
        if uid is None:
            return None
        fact = Fact(
            uid=uid,
            type=FactType.EVENT,
            place=event.place[:200],
            extractor_version=version,
        )
        set_text(fact, event.summary)
        set_anchor(fact, event.time)
        note_reported(fact, reported_at(source))
        writes.created(fact)
    else:
        fact = match
        changed = not fact.reviewed and absorb_event(
            fact,
            summary=event.summary,
            place=event.place,
            time=event.time,
            reported=reported_at(source),
            version=version,
        )
        if not fact.reviewed:
            writes.changed(fact)
        if changed:
            gather_retellings(fact, participants=participants, writes=writes)
    if not fact.reviewed:
        writes.add_participants(fact, participants)
    writes.cite(fact=fact, span=event.span, confidence=event.confidence)
    return MergedFact(fact=fact, created=match is None)


def events_near(*, time: TimeValue, text: str) -> tuple[str, list]:
    if time.start is None:
        return "(fact.type = %s AND fact.time_start IS NULL AND fact.text_key = %s)", [
            FactType.EVENT.value,
            text_key(text),
        ]
    window, params = overlapping(*merge_window(time))
    return f"(fact.type = %s AND {window})", [FactType.EVENT.value, *params]


def is_event_near(fact: Fact, *, time: TimeValue, text: str) -> bool:
    """``events_near`` for an event already read: the same test, in Python."""
    if time.start is None:
        return fact.time_start is None and fact.text_key == text_key(text)
    return overlaps(fact, *merge_window(time))


def event_candidates(
    *, time: TimeValue, participants: list[Actor], text: str, naming: dict[int, set[str]] | None = None
) -> list[tuple[Fact, set[int]]]:
    """Events overlapping ``time`` that share a participant (or, without participants, have none),
    each with the ids of its participants. ``naming`` holds the naming words of actors already read."""
    near, params = events_near(time=time, text=text)
    actor_ids = {actor.id for actor in participants}
    unsaid = naming_all(naming_words(actor_ids, known=naming), actor_ids)
    sharing, sharing_params = sharing_participants(time, participants, text, unsaid=unsaid)
    return events_where((f"{near} AND {sharing}", [*params, *sharing_params]))


def tells_same_happening(
    fact: Fact, *, taking_part: set[int], summary: str, place: str, participants: list[Actor], writes: ArticleWrites
) -> bool:
    """Whether the stored event ``fact``, in which ``taking_part`` take part, tells the happening
    ``summary`` tells of ``participants`` at ``place``: ``same_happening`` with what they share besides."""
    shared = [actor.id for actor in participants if actor.id in taking_part]
    return same_happening(
        fact.text,
        summary,
        naming=frozenset().union(*(writes.naming[actor_id] for actor_id in shared)),
        places=(fact.place, place),
    )


def naming_words(actor_ids, *, known: dict[int, set[str]] | None = None) -> dict[int, set[str]]:
    """The folded words each actor is named by in any source: its name, its aliases and the titles
    sources gave it. One query, for the actors not in ``known`` (naming words read before)."""
    known = known or {}
    naming = {actor_id: known[actor_id] for actor_id in actor_ids if actor_id in known}
    unknown = sorted(set(actor_ids) - set(naming))
    if not unknown:
        return naming
    naming.update((actor_id, set()) for actor_id in unknown)
    among = placeholders(unknown)
    # Sources repeat an actor's titles: UNION, not UNION ALL, reads each once.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name FROM {ACTORS} WHERE id IN ({among})"
            f" UNION SELECT actor_id, name FROM {ALIASES} WHERE actor_id IN ({among})"
            f" UNION SELECT actor_id, title FROM {ROLES} WHERE actor_id IN ({among})",
            unknown * 3,
        )
        for actor_id, name in cursor.fetchall():
            naming[actor_id].update(words(name))
    return naming


def events_near_any(
    events: list[tuple[ExtractedEvent, list[Actor]]], *, naming: dict[int, set[str]]
) -> tuple[str, list]:
    """The events ``event_candidates`` would find for any of ``events``, and possibly a few more.
    ``naming`` holds the naming words of all their participants.

    The dated events of the participants are found from the participants (their index on the
    participation table), or from the words (``holding_searched_words``), then kept to the windows
    and words: starting from a year-long window instead reads thousands of events in a large
    corpus. That takes a query of its own.
    """
    conditions = [("1 = 0", [])]
    for event, participants in events:
        if event.time.start is None or not participants:
            near, params = events_near(time=event.time, text=event.summary)
            unsaid = naming_all(naming, (actor.id for actor in participants))
            sharing, sharing_params = sharing_participants(event.time, participants, event.summary, unsaid=unsaid)
            conditions.append((f"({near} AND {sharing})", [*params, *sharing_params]))
    dated = [(event, participants) for event, participants in events if event.time.start is not None and participants]
    if dated:
        actor_ids = sorted({actor.id for _event, participants in dated for actor in participants})
        windows, params = either(
            both(
                overlapping(*merge_window(event.time), scan_time=False),
                holding_searched_words(
                    merge_window(event.time),
                    event.summary,
                    unsaid=naming_all(naming, (actor.id for actor in participants)),
                ),
            )
            for event, participants in dated
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT taking_part.fact_id FROM {PARTICIPANTS} taking_part"
                f" JOIN {FACTS} fact ON fact.id = taking_part.fact_id"
                f" WHERE taking_part.actor_id IN ({placeholders(actor_ids)})"
                f" AND fact.type = %s AND {windows}",
                [*actor_ids, FactType.EVENT.value, *params],
            )
            fact_ids = [fact_id for (fact_id,) in cursor.fetchall()]
        if fact_ids:
            conditions.append((f"fact.id IN ({placeholders(fact_ids)})", fact_ids))
    return either(conditions)


def sharing_participants(
    time: TimeValue, participants: list[Actor], text: str, *, unsaid: frozenset[str] = frozenset()
) -> tuple[str, list]:
    """An undated event is matched on its words alone; a dated one shares a participant or, like it,
    has none, and shares a word (``holding_searched_words``)."""
    if time.start is None:
        return "1 = 1", []
    if participants:
        sharing, params = with_participant_among(actor.id for actor in participants)
    else:
        sharing, params = (
            f"NOT EXISTS (SELECT 1 FROM {PARTICIPANTS} taking_part WHERE taking_part.fact_id = fact.id)",
            [],
        )
    holding, holding_params = holding_searched_words(merge_window(time), text, unsaid=unsaid)
    return f"{sharing} AND {holding}", [*params, *holding_params]


def holding_searched_words(
    window: tuple[datetime, datetime], text: str, *, unsaid: frozenset[str] = frozenset()
) -> tuple[str, list]:
    """Dated events holding one of the ``searched_words`` of ``text`` in a month of ``window``, as
    raw SQL on the facts table named ``fact`` (the index of ``Fact.word_hashes``): all of them where
    there are no such words."""
    searched = searched_words(text, unsaid=unsaid)
    if searched is None:
        return "1 = 1", []
    start, end = window
    hashes = happening_hashes(searched, months(start, end - timedelta(microseconds=1)))
    return "fact.word_hashes && %s::integer[]", [integer_array(hashes)]


def searched_words(text: str, *, unsaid: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """The words of which a dated event holds one if it tells what ``text`` tells, or None where
    every event of the window is read.

    A year-long window holds thousands of events in a large corpus, and a frequent participant
    hundreds, so on PostgreSQL the index of ``Fact.word_hashes`` finds those holding one of the
    happening words ``same_happening`` requires them to share, in one of the months of the window
    (``event_months``): a short list where a search of the words over all time read long ones.
    Words naming a participant the two share do not count there, so ``unsaid``, the words naming
    every participant (``naming_all``), are not searched: most of a person's events name them.
    SQLite, the demo's database, reads the whole window; so does a summary of nothing else but a
    time, which matches on equal words alone.
    """
    if connection.vendor != "postgresql":
        return None
    return frozenset(happening_words(text)) - unsaid or None


def naming_all(naming: dict[int, set[str]], actor_ids) -> frozenset[str]:
    """The words naming every one of ``actor_ids`` (none for no actor), by their ``naming`` words;
    an actor whose words are not there is named by none."""
    named = [frozenset(naming.get(actor_id, ())) for actor_id in actor_ids]
    return frozenset.intersection(*named) if named else frozenset()


def absorb_event(fact: Fact, *, summary: str, place: str, time: TimeValue, reported, version: str) -> bool:
    """Fold one more report into a machine-made event, unsaved: the fullest summary and the most precise
    anchor. True if the summary or the anchor changed."""
    resummarised = text_rank(summary) < text_rank(fact.text)
    if resummarised:
        set_text(fact, summary)
        fact.place = place[:200] or fact.place
    elif not fact.place:
        fact.place = place[:200]
    reanchored = is_better_anchor(time, than=fact)
    if reanchored:
        set_anchor(fact, time)
    note_reported(fact, reported)
    fact.extractor_version = version
    return resummarised or reanchored


def gather_retellings(fact: Fact, *, participants: list[Actor], writes: ArticleWrites) -> None:
    """Fold into ``fact`` other machine-made events its new summary or anchor now shows to be the same happening.

    As for statements: which reports met first must not decide how many events there are. The
    participants of the events folded in become ``fact``'s too.
    """
    others = []
    for other, taking_part in writes.event_candidates(time=fact_time(fact), participants=participants, text=fact.text):
        if is_same_record(other, fact) or other.reviewed:
            continue
        if not tells_same_happening(
            other,
            taking_part=taking_part,
            summary=fact.text,
            place=fact.place,
            participants=participants,
            writes=writes,
        ):
            continue
        absorb_event(
            fact,
            summary=other.text,
            place=other.place,
            time=fact_time(other),
            reported=other.first_reported_at,
            version=fact.extractor_version,
        )
        others.append(other)
    if others:
        writes.fold(others, into=fact)
