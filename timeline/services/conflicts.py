"""Flagging where sources disagree, keeping every version.

Three disagreements: the same words attributed to different speakers, different titles for the same
actor at the same time, and incompatible dates for the same event. Each conflict is recomputed from
what is stored whenever one of its records changes, so it reads the same whatever order the articles
came in. A reviewed conflict is a person's judgement and is left exactly as it is.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Prefetch

from timeline.models import (
    PHRASE_WORDS,
    TEXT_KEY_LENGTH,
    Actor,
    Conflict,
    ConflictKind,
    ConflictSide,
    Evidence,
    Fact,
    FactType,
    integer_array,
    phrase_hashes,
    text_array,
)
from timeline.normalize import words
from timeline.services.merge import (
    FACTS,
    ROLES,
    SOURCES,
    STATEMENT_WINDOW,
    UID_FIELD,
    both,
    content_uid,
    either,
    events_where,
    fact_time,
    facts_where,
    holding_searched_words,
    naming_all,
    naming_words,
    new_uid,
    overlapping,
    overlaps,
    placeholders,
    read_moment,
    with_participant_among,
)
from timeline.services.similarity import is_contained, same_happening, same_word, title_office

# Fewer words than this ("a coup", "traitors") are common phrases many people use, not one utterance.
# Statements are found by their runs of this many words (``phrase_hashes``).
MIN_DISPUTED_QUOTE_WORDS = PHRASE_WORDS
# Two dates for one event are only a contradiction if it is plainly the same happening.
SAME_EVENT_STRICT_SCORE = 90
# How far apart incompatible dates of one event are looked for: at least this, or the event's own span.
DATE_CONFLICT_REACH = timedelta(days=7)
CONFLICTS = Conflict._meta.db_table
# Titles reported this close together describe the actor at the same time; farther apart, a new job.
ROLE_SAME_TIME = timedelta(days=31)


def replace_sides(conflict: Conflict, sides: dict[str, tuple[Fact | None, set[int]]]) -> None:
    """The conflict's sides, each a value with the fact first telling it and the ids of the sources telling it."""
    conflict.sides.all().delete()
    ordered = sorted(sides.items())
    created = ConflictSide.objects.bulk_create(
        ConflictSide(uid=content_uid("side", conflict.uid, value), conflict=conflict, value=value[:500], fact=fact)
        for value, (fact, _sources) in ordered
    )
    SideSource = ConflictSide.sources.through
    SideSource.objects.bulk_create(
        SideSource(conflictside_id=side.id, source_id=source_id)
        for side, (_value, (_fact, source_ids)) in zip(created, ordered, strict=True)
        for source_id in source_ids
    )


def with_sources(facts):
    """``facts`` with the evidence citing each read in one more query, for ``fact_sources``."""
    return facts.prefetch_related(Prefetch("evidence", queryset=Evidence.objects.only("fact_id", "source_id")))


def fact_sources(fact: Fact) -> set[int]:
    """The ids of the sources citing ``fact``."""
    return {evidence.source_id for evidence in fact.evidence.all()}


# Speakers


def refresh_speaker_conflicts(*, statements: list[Fact]) -> int:
    """Flag other speakers credited with these statements' words; returns how many conflicts were created.

    The words are the same when one quote's words are all in the other, in order: the same quote,
    or part of it. A reworded version (a translation) is not counted: which speaker said it is a
    question only for the same words, and two reworded quotes of different speakers are as often two
    statements. The candidates of all ``statements`` are read in one query.
    """
    disputable = [
        statement
        for statement in statements
        if statement.speaker_id is not None and len(words(statement.text)) >= MIN_DISPUTED_QUOTE_WORDS
    ]
    if not disputable:
        return 0
    near, params = may_share_words(disputable)
    # Only what the comparison needs is read: whole rows only for the few that match.
    candidates = facts_where(
        (f"fact.speaker_id IS NOT NULL AND {near}", params),
        columns=("id", "text", "speaker_id", "time_start", "time_end", "text_key"),
    )
    created = 0
    for statement in disputable:
        statement_words = words(statement.text)
        others = [
            fact.id
            for fact in candidates
            if fact.speaker_id != statement.speaker_id
            and in_conflict_window(fact, statement)
            and same_words(words(fact.text), statement_words)
        ]
        if others:
            others = Fact.objects.filter(id__in=others).order_by("id")
            created += link_facts(kind=ConflictKind.SPEAKER, facts=[statement, *others])
    return created


def same_words(first: list[str], second: list[str]) -> bool:
    """Whether the shorter of two quotes, long enough not to be a common phrase, is part of the longer."""
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= MIN_DISPUTED_QUOTE_WORDS and is_contained(shorter, longer)


def may_share_words(statements: list[Fact]) -> tuple[str, list]:
    """Statements that may have the same words as one of ``statements`` (``same_words``), among them
    all those in its window; ``in_conflict_window`` keeps those.

    A coarse anchor (a month, a year) spans thousands of statements in a large corpus, so on
    PostgreSQL the words pick the candidates through indexes, whatever the size of the window: a
    stored quote whose key is a run of a new one's words (it is part of the new one: btree on
    ``text_key``), or one holding every run of ``PHRASE_WORDS`` of a new one's words (the new one
    may be part of it: ``phrase_hashes`` in ``Fact.word_hashes``, GIN index of migration 0009).
    Each lookup reads the few statements holding those words in that order, where a search for all
    the words read the long lists of the statements holding each common word. The windows are left
    out of the query: given one, the planner, which cannot tell how rare a key is, may scan the
    window's thousands of statements instead. SQLite, the demo's database, sends every statement in
    the windows.
    """
    if connection.vendor != "postgresql":
        windows, params = either(map(conflict_window, statements))
        return f"(fact.type = %s AND {windows})", [FactType.STATEMENT.value, *params]
    # One array, not a parameter per key: a long quote has hundreds of runs.
    keys = sorted(set().union(*(contained_keys(statement.text) for statement in statements)))
    holding = " OR ".join(["word_hashes @> %s::integer[]"] * len(statements))
    # Each lookup a query of its own, planned on its own, and the facts then read by id: as one
    # condition, a small table is scanned, each row compared with all the keys.
    return (
        f"(fact.type = %s AND fact.id = ANY(ARRAY(SELECT id FROM {FACTS} WHERE text_key = ANY(%s::text[])"
        f" UNION ALL SELECT id FROM {FACTS} WHERE {holding})))",
        [
            FactType.STATEMENT.value,
            text_array(keys),
            *(integer_array(phrase_hashes(statement.text)) for statement in statements),
        ],
    )


def conflict_window(statement: Fact) -> tuple[str, list]:
    if statement.time_start is None:
        return "(fact.time_start IS NULL AND fact.text_key = %s)", [statement.text_key]
    return overlapping(statement.time_start - STATEMENT_WINDOW, statement.time_end + STATEMENT_WINDOW)


def in_conflict_window(fact: Fact, statement: Fact) -> bool:
    """``conflict_window`` for a statement already read: the same test, in Python."""
    if statement.time_start is None:
        return fact.time_start is None and fact.text_key == statement.text_key
    return overlaps(fact, statement.time_start - STATEMENT_WINDOW, statement.time_end + STATEMENT_WINDOW)


def contained_keys(text: str) -> list[str]:
    """The text keys of every quote of at least ``MIN_DISPUTED_QUOTE_WORDS`` words contained in ``text``.

    A key is cut at ``TEXT_KEY_LENGTH``, so from each word on, runs stop at the first that fills it.
    """
    # ``words`` are folded already, so a run's key is its words joined and cut: folding each of the
    # n * n / 2 runs of a quote of n words again would cost more than the lookup itself.
    quote_words = words(text)
    keys = set()
    for first in range(len(quote_words) - MIN_DISPUTED_QUOTE_WORDS + 1):
        for last in range(first + MIN_DISPUTED_QUOTE_WORDS, len(quote_words) + 1):
            key = " ".join(quote_words[first:last])[:TEXT_KEY_LENGTH]
            keys.add(key)
            if len(key) == TEXT_KEY_LENGTH:
                break
    return sorted(keys)


def speaker_sides(conflict: Conflict) -> dict[str, tuple[Fact | None, set[int]]]:
    sides = {}
    for fact in with_sources(conflict.facts.select_related("speaker").order_by("id")):
        _first_fact, sources = sides.setdefault(fact.speaker.name, (fact, set()))
        sources |= fact_sources(fact)
    return sides


# Dates


def refresh_date_conflicts(*, events: list[tuple[Fact, set[int]]], naming: dict[int, set[str]] | None = None) -> int:
    """Flag the same happenings placed at incompatible times by other sources; returns how many
    conflicts were created. ``events`` come with the ids of their participants; the candidates of
    all of them are read in one query. ``naming`` holds the naming words (``naming_words``) of
    actors already read."""
    placed = [(event, actor_ids) for event, actor_ids in events if event.time_start is not None and actor_ids]
    if not placed:
        return 0
    reaches = {event.id: date_conflict_reach(event) for event, _participant_ids in placed}
    taking_part = set().union(*(actor_ids for _event, actor_ids in placed))
    # Only the same happening is a conflict, and it shares a word of what happened besides the
    # names of the participants; the comparison below needs the same words.
    naming = naming_words(taking_part, known=naming)
    windows, params = either(
        both(
            overlapping(*reaches[event.id], scan_time=False),
            holding_searched_words(reaches[event.id], event.text, unsaid=naming_all(naming, participant_ids)),
        )
        for event, participant_ids in placed
    )
    sharing, sharing_params = with_participant_among(taking_part)
    candidates = events_where(
        (f"fact.type = %s AND {windows} AND {sharing}", [FactType.EVENT.value, *params, *sharing_params])
    )
    elsewhere_by_event = {
        event.id: [
            (fact, participant_ids & fact_participants)
            for fact, fact_participants in candidates
            if overlaps(fact, *reaches[event.id])
            and not overlaps(fact, event.time_start, event.time_end)
            and participant_ids & fact_participants
        ]
        for event, participant_ids in placed
    }
    same_by_event = {
        event.id: [
            fact
            for fact, shared in elsewhere_by_event[event.id]
            if same_happening(
                fact.text,
                event.text,
                naming=frozenset().union(*(naming[actor_id] for actor_id in shared)),
                places=(fact.place, event.place),
                threshold=SAME_EVENT_STRICT_SCORE,
            )
        ]
        for event, _participant_ids in placed
    }
    disputed = [event for event, _participant_ids in placed if same_by_event[event.id]]
    if not disputed:
        return 0
    # The sources of the events and of every similar candidate in one query, not one per candidate.
    sources_by_fact = defaultdict(set)
    fact_ids = {fact.id for event in disputed for fact in [event, *same_by_event[event.id]]}
    for fact_id, source_id in Evidence.objects.filter(fact__in=fact_ids).values_list("fact_id", "source_id"):
        sources_by_fact[fact_id].add(source_id)
    created = 0
    for event in disputed:
        # One source telling both is telling two happenings, not contradicting itself.
        others = [fact for fact in same_by_event[event.id] if not sources_by_fact[event.id] & sources_by_fact[fact.id]]
        if others:
            created += link_facts(kind=ConflictKind.DATE, facts=[event, *others])
    return created


def date_conflict_reach(event: Fact) -> tuple:
    """How far around ``event`` incompatible dates are looked for: at least a week, or its own span."""
    reach = max(event.time_end - event.time_start, DATE_CONFLICT_REACH)
    return event.time_start - reach, event.time_end + reach


def date_label(fact: Fact) -> str:
    return fact_time(fact).display() or fact.time_expression or "unknown"


def date_sides(conflict: Conflict) -> dict[str, tuple[Fact | None, set[int]]]:
    sides = {}
    for fact in with_sources(conflict.facts.order_by("id")):
        _first_fact, sources = sides.setdefault(date_label(fact), (fact, set()))
        sources |= fact_sources(fact)
    return sides


# Facts in conflict (speakers and dates)

SIDES_BY_KIND = {ConflictKind.SPEAKER: speaker_sides, ConflictKind.DATE: date_sides}


def link_facts(*, kind: str, facts: list[Fact]) -> bool:
    """Put ``facts`` in one conflict of ``kind`` (joining one they are already in); True if it is new."""
    conflict = Conflict.objects.filter(kind=kind, facts__in=facts).order_by("id").first()
    created = conflict is None
    if created:
        conflict = Conflict(uid=new_uid(Conflict, kind, *sorted(str(fact.uid) for fact in facts)), kind=kind)
        conflict.save()
    elif conflict.reviewed:
        return False
    conflict.facts.add(*facts)
    rebuild_fact_conflict(conflict)
    return created


def rebuild_fact_conflict(conflict: Conflict) -> None:
    """Recompute a speaker or date conflict's sides from its facts; drop it once fewer than two remain."""
    if conflict.reviewed:
        return
    sides = SIDES_BY_KIND[conflict.kind](conflict)
    if len(sides) < 2:
        conflict.delete()
        return
    values = " / ".join(sorted(sides))
    quoted = sides[min(sides)][0].text[:120]
    if conflict.kind == ConflictKind.SPEAKER:
        conflict.description = f'Sources credit different speakers with "{quoted}": {values}'
    else:
        conflict.description = f'Sources place "{quoted}" at different times: {values}'
    conflict.save(update_fields=["description"])
    replace_sides(conflict, sides)


# Titles


def role_conflict_uid(actor: Actor, head: str):
    return content_uid("role-conflict", actor.uid, head)


@dataclass(frozen=True)
class TitleReport:
    """One title a source gave an actor: ``reported_at`` is when the source was published (or
    ingested), None for a title no source backs."""

    title: str
    key: str
    source_id: int | None
    reported_at: datetime | None


def refresh_role_conflicts(*, actors: list[Actor]) -> int:
    """Flag titles of each of ``actors`` that name different offices of one kind at the same time.

    Returns how many conflicts were created. "Defense minister" and "defence minister" are one version;
    "minister" alone agrees with either; "foreign minister" from another source at the same time is
    a second version. The titles and conflicts of all ``actors`` are read in one query.
    """
    if not actors:
        return 0  # most articles retitle nobody
    roles_by_actor, existing_by_actor = titles_and_role_conflicts(actors)
    return sum(
        refresh_actor_role_conflicts(actor, roles=roles_by_actor[actor.id], existing=existing_by_actor[actor.id])
        for actor in actors
    )


def titles_and_role_conflicts(actors: list[Actor]) -> tuple[defaultdict, defaultdict]:
    """The titles of each of ``actors``, in the order of their keys, and its title conflicts by uid.

    Rows, not models, in one plain query: a busy actor holds a title from each of hundreds of sources,
    and building the ORM's two queries cost more than running them. A conflict is a model with only
    the fields the refresh reads; the rest load if it is ever read.
    """
    actor_ids = [actor.id for actor in actors]
    roles_by_actor, existing_by_actor = defaultdict(list), defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT role.actor_id, role.id, role.title, role.key, role.source_id,"
            f" COALESCE(source.published_at, source.ingested_at), NULL, NULL"
            f" FROM {ROLES} role LEFT JOIN {SOURCES} source ON source.id = role.source_id"
            f" WHERE role.actor_id IN ({placeholders(actor_ids)})"
            f" UNION ALL SELECT actor_id, id, NULL, NULL, NULL, NULL, uid, reviewed FROM {CONFLICTS}"
            f" WHERE kind = %s AND actor_id IN ({placeholders(actor_ids)})"
            " ORDER BY 1, 4, 2",
            [*actor_ids, ConflictKind.ROLE.value, *actor_ids],
        )
        rows = cursor.fetchall()
    for actor_id, row_id, title, key, source_id, reported_at, conflict_uid, reviewed in rows:
        if conflict_uid is None:
            roles_by_actor[actor_id].append(
                TitleReport(title=title, key=key, source_id=source_id, reported_at=read_moment(reported_at))
            )
        else:
            loaded = {
                "id": row_id,
                "uid": UID_FIELD.to_python(conflict_uid),
                "reviewed": bool(reviewed),
                "kind": ConflictKind.ROLE.value,
                "actor_id": actor_id,
            }
            conflict = Conflict.from_db(
                connection.alias,
                list(loaded),
                [loaded[field.attname] for field in Conflict._meta.concrete_fields if field.attname in loaded],
            )
            existing_by_actor[actor_id][conflict.uid] = conflict
    return roles_by_actor, existing_by_actor


def refresh_actor_role_conflicts(actor: Actor, *, roles: list[TitleReport], existing: dict) -> int:
    versions_by_head = role_versions(roles)
    created = 0
    for head, versions in versions_by_head.items():
        uid = role_conflict_uid(actor, head)
        conflict = existing.pop(uid, None)
        if conflict is not None and conflict.reviewed:
            continue
        if not versions_at_same_time(versions):
            if conflict is not None:
                conflict.delete()
            continue
        if conflict is None:
            conflict = Conflict(uid=uid, kind=ConflictKind.ROLE, actor=actor)
            created += 1
        sides = {
            version_title(roles): (None, {role.source_id for role in roles if role.source_id}) for roles in versions
        }
        conflict.description = f"Sources give {actor.name} different titles: {' / '.join(sorted(sides))}"
        conflict.save()
        replace_sides(conflict, sides)
        conflict.facts.set(statements_in_sources(actor, sides))
    for stale in existing.values():
        if not stale.reviewed:
            stale.delete()
    return created


def statements_in_sources(actor: Actor, sides: dict[str, tuple[Fact | None, set[int]]]):
    """The actor's statements as the disagreeing sources report them, so a reader of those statements
    sees that the speaker's title is disputed."""
    source_ids = set().union(*(side_sources for _fact, side_sources in sides.values()))
    return Fact.objects.filter(type=FactType.STATEMENT, speaker=actor, evidence__source_id__in=source_ids).distinct()


def role_versions(roles: list[TitleReport]) -> dict[str, list[list[TitleReport]]]:
    """An actor's titles grouped by office kind (head word), then into versions naming one office."""
    by_head = defaultdict(list)
    for role in roles:
        head, office = title_office(role.title)
        if office:
            by_head[head].append((office, role))
    grouped = {}
    for head, offices in by_head.items():
        versions: list[tuple[str, list[TitleReport]]] = []
        for office, role in offices:
            version = next((roles for name, roles in versions if same_word(name, office)), None)
            if version is None:
                versions.append((office, [role]))
            else:
                version.append(role)
        if len(versions) > 1:
            grouped[head] = [roles for _office, roles in versions]
    return grouped


def versions_at_same_time(versions: list[list[TitleReport]]) -> bool:
    """Whether two versions were reported close enough in time to contradict each other."""
    for index, roles in enumerate(versions):
        for other in versions[index + 1 :]:
            if any(reported_together(first, second) for first in roles for second in other):
                return True
    return False


def reported_together(first: TitleReport, second: TitleReport) -> bool:
    # A title without a dated source cannot be placed in time; it is compared with every other.
    if first.reported_at is None or second.reported_at is None:
        return True
    return abs(first.reported_at - second.reported_at) <= ROLE_SAME_TIME


def version_title(roles: list[TitleReport]) -> str:
    """The title most sources use for this version (alphabetical among equals)."""
    counts = defaultdict(int)
    for role in roles:
        counts[role.key] += 1
    key = min(counts, key=lambda key: (-counts[key], key))
    return min(role.title for role in roles if role.key == key)
