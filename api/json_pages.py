"""List pages of facts built as JSON text by PostgreSQL, in one statement.

The chronology's list endpoints answer a page of ``serializers.fact_entry`` (or ``quote_entry``)
entries. Read through Django, a page costs four queries and most of its time goes to building them
and shaping their rows in Python. On PostgreSQL the page is instead one statement: the endpoint's
own queryset (filters, search and keyset bound included) compiled to SQL, wrapped in a query that
writes each entry as compact JSON text, exactly the bytes DRF's ``JSONRenderer`` would write for the
Python entry, and the sort key of the page's last row for the next cursor. The renderer
(``api.renderers.JSONRenderer``) splices that text into the page envelope without parsing it.

The text is assembled by concatenation rather than ``json_build_object``, whose output has spaces
after colons and commas; strings go through ``to_json``, which escapes them as Python's ``json`` does
with ``ensure_ascii=False`` (U+2028 and U+2029, which DRF escapes too, are replaced in Python).
Datetimes are written as DRF's ``DateTimeField`` writes them in UTC, so this path is only taken when
UTC is the current time zone; anything else (SQLite, another zone, another renderer) reads rows with
``timeline.selectors.fact_rows`` and shapes them in Python. ``tests/api/test_json_pages.py`` checks
that both give the same bytes.
"""

import json
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from timeline.models import Precision
from timeline.selectors import FACT_ENTRY_FIELDS

# Queries a page of facts costs on this path (``timeline.selectors.CHRONOLOGY_QUERIES`` otherwise).
PAGE_QUERIES = 1

# The fact columns the entries need, and the speaker's key; the sort key's columns are added to them.
_FACT_COLUMNS = (*FACT_ENTRY_FIELDS, "speaker_id")


class RawJSON(str):
    """JSON text to be written into a response as it is (see ``api.renderers.JSONRenderer``)."""

    __slots__ = ()


@dataclass(frozen=True)
class JSONPage:
    """A page read by ``read_page``: its entries as one JSON array, the sort keys of its first and last
    rows in the order (``None`` on an empty page), and whether rows lie beyond it in the way it was read."""

    entries: RawJSON
    first_position: list | None
    last_position: list | None
    more: bool


def available(request) -> bool:
    """Whether the request's page can be built as JSON by the database: PostgreSQL, UTC, and a
    compact JSON response (no ``indent`` asked for; the browsable API and exports shape Python data)."""
    renderer = getattr(request, "accepted_renderer", None)
    return (
        connection.vendor == "postgresql"
        and getattr(renderer, "accepts_raw_json", False)
        and not renderer.get_indent(request.accepted_media_type, {})
        and timezone.get_current_timezone_name() == "UTC"
    )


# SQL expressions that give JSON text. Objects and arrays are written with concat(), which builds
# its result in one pass (a chain of || copies it once per operator) and skips NULL arguments, so a
# value that may be NULL is written as null explicitly.


def _string(column: str, *, nullable: bool = False) -> str:
    return f"coalesce(to_json({column})::text, 'null')" if nullable else f"to_json({column})"


def _uuid(column: str, *, nullable: bool = False) -> str:
    text = f"""'"' || {column}::text || '"'"""
    return f"coalesce({text}, 'null')" if nullable else text


def _number(column: str) -> str:
    # PostgreSQL writes integers as JSON does, and booleans as true and false once cast to text.
    return f"{column}::text"


def _datetime(column: str) -> str:
    """DRF's DateTimeField in UTC: ISO 8601, microseconds only when there are any, "Z" for UTC."""
    text = f"""replace(to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '.000000', '')"""
    return f"""coalesce('"' || {text} || 'Z"', 'null')"""


def _object(**members: str) -> str:
    """A JSON object of the members' JSON texts, in their order, with compact separators."""
    parts = []
    for number, (name, value) in enumerate(members.items()):
        parts += [f"'{'{' if number == 0 else ','}{json.dumps(name)}:'", value]
    return f"concat({', '.join(parts)}, '}}')"


def _array(element: str, rest: str, order: str) -> str:
    """A JSON array of ``element`` over the rows of ``rest`` (FROM ... WHERE ...), as a subquery."""
    return f"(SELECT concat('[', string_agg({element}, ',' ORDER BY {order}), ']') {rest})"


def _precision(column: str) -> str:
    """``serializers.precision_name``."""
    cases = " ".join(f"""WHEN {value} THEN '"{Precision(value).name.lower()}"'""" for value in Precision.values)
    return f"CASE {column} {cases} END"


def _display(start: str, precision: str) -> str:
    """``serializers.display_time``: "30 April 2019, morning", "January 2019", "2014", "2010s"."""
    utc = f"({start} AT TIME ZONE 'UTC')"
    # %d and %Y as Python writes them (FM: no padding); to_char's month names are English.
    day = "FMDD FMMonth FMYYYY"
    part_of_day = f"(ARRAY['night', 'morning', 'afternoon', 'evening'])[extract(hour FROM {utc})::int / 6 + 1]"
    text = (
        f"CASE {precision} "
        f"""WHEN {Precision.HOUR} THEN to_char({utc}, '{day}, HH24:MI "UTC"') """
        f"WHEN {Precision.PART_OF_DAY} THEN to_char({utc}, '{day}, ') || {part_of_day} "
        f"WHEN {Precision.DAY} THEN to_char({utc}, '{day}') "
        f"""WHEN {Precision.WEEK} THEN to_char({utc}, '"week of" {day}') """
        f"WHEN {Precision.MONTH} THEN to_char({utc}, 'FMMonth FMYYYY') "
        f"WHEN {Precision.YEAR} THEN to_char({utc}, 'FMYYYY') "
        f"ELSE (extract(year FROM {utc})::int / 10 * 10)::text || 's' END"
    )
    unknown = f"{start} IS NULL OR {precision} = {Precision.UNKNOWN}"
    return f"""CASE WHEN {unknown} THEN 'null' ELSE '"' || {text} || '"' END"""


def _actor(alias: str) -> str:
    """``serializers.actor_ref`` of the actor row ``alias`` (null for none)."""
    actor = _object(id=_uuid(f"{alias}.uid"), name=_string(f"{alias}.name"), kind=_string(f"{alias}.kind"))
    return f"CASE WHEN {alias}.id IS NULL THEN 'null' ELSE {actor} END"


def _when(fact: str) -> str:
    """``serializers.when_entry``."""
    return _object(
        start=_datetime(f"{fact}.time_start"),
        end=_datetime(f"{fact}.time_end"),
        precision=_precision(f"{fact}.time_precision"),
        expression=_string(f"{fact}.time_expression"),
        basis=_string(f"{fact}.time_basis"),
        display=_display(f"{fact}.time_start", f"{fact}.time_precision"),
    )


def _sources(fact: str) -> str:
    """``serializers.evidence_entry`` of each of the fact's evidence rows, in ``fact_rows``' order."""
    evidence = _object(
        id=_number("s.id"),
        outlet=_string("s.outlet"),
        title=_string("s.title"),
        url=_string("s.url", nullable=True),
        published_at=_datetime("s.published_at"),
        excerpt=_string("e.excerpt"),
        start=_number("e.start"),
        end=_number('e."end"'),
    )
    rest = f"FROM timeline_evidence e JOIN timeline_source s ON s.id = e.source_id WHERE e.fact_id = {fact}.id"
    return _array(evidence, rest, "e.source_id, e.start, e.id")


def _conflicts(fact: str) -> str:
    """``serializers.conflict_entry`` of each of the fact's conflicts, ordered by kind and id; sides by
    value compared as code points (as Python's ``sorted`` compares them, whatever the database's
    collation), their sources by id."""
    side_source = _object(
        id=_number("ss.id"),
        outlet=_string("ss.outlet"),
        title=_string("ss.title"),
        url=_string("ss.url", nullable=True),
    )
    side = _object(
        value=_string("d.value"),
        fact=_uuid("sf.uid", nullable=True),
        sources=_array(
            side_source,
            "FROM timeline_conflictside_sources ds JOIN timeline_source ss ON ss.id = ds.source_id "
            "WHERE ds.conflictside_id = d.id",
            "ss.id",
        ),
    )
    conflict = _object(
        id=_uuid("c.uid"),
        kind=_string("c.kind"),
        description=_string("c.description"),
        actor=_actor("ca"),
        reviewed=_number("c.reviewed"),
        sides=_array(
            side,
            "FROM timeline_conflictside d LEFT JOIN timeline_fact sf ON sf.id = d.fact_id WHERE d.conflict_id = c.id",
            'd.value COLLATE "C"',
        ),
    )
    rest = (
        "FROM timeline_conflict_facts cf JOIN timeline_conflict c ON c.id = cf.conflict_id "
        f"LEFT JOIN timeline_actor ca ON ca.id = c.actor_id WHERE cf.fact_id = {fact}.id"
    )
    return _array(conflict, rest, "c.kind, c.id")


def _participants(fact: str) -> str:
    rest = f"FROM timeline_fact_participants p JOIN timeline_actor a ON a.id = p.actor_id WHERE p.fact_id = {fact}.id"
    return _array(_actor("a"), rest, "a.name, a.id")


# The entries' expressions over the page's row ``f`` (and its speaker ``sp``), built once.
_ENTRIES = {
    # serializers.fact_entry
    "fact": _object(
        id=_uuid("f.uid"),
        type=_string("f.type"),
        when=_when("f"),
        text=_string("f.text"),
        speaker=_actor("sp"),
        actors=_participants("f"),
        sources=_sources("f"),
        conflicts=_conflicts("f"),
    ),
    # serializers.quote_entry
    "quote": _object(
        id=_uuid("f.uid"),
        when=_when("f"),
        text=_string("f.text"),
        quote_kind=_string("f.quote_kind"),
        cue=_string("f.cue"),
        channel=_string("f.channel"),
        sources=_sources("f"),
        conflicts=_conflicts("f"),
    ),
}


def read_page(queryset, *, keys, size: int, entry: str = "fact", backward: bool = False) -> JSONPage:
    """The first ``size`` rows of ``queryset`` (filtered and ordered by ``keys``, or in reverse with
    ``backward``, not sliced) as ``fact_entry`` (or, ``entry="quote"``, ``quote_entry``) JSON in the
    keys' order, in one statement. One row more is read to tell whether more lie beyond the page."""
    names = [key.name for key in keys]
    columns = list(dict.fromkeys((*_FACT_COLUMNS, *names)))
    inner, params = queryset.values_list(*columns)[: size + 1].query.sql_with_params()
    # The reading order (nullable keys are ordered NULLS LAST, see api.pagination; so NULLS FIRST
    # backward) numbers the rows from the cursor; the entries are written in the keys' order.
    order = ", ".join(
        f"q.{key.name} {'DESC' if key.descending != backward else 'ASC'} NULLS {'FIRST' if backward else 'LAST'}"
        for key in keys
    )
    near = ", ".join(f"near.{name}" for name in names)
    far = ", ".join(f"far.{name}" for name in names)
    speaker = "LEFT JOIN timeline_actor sp ON sp.id = f.speaker_id" if entry == "fact" else ""
    direction = "DESC" if backward else "ASC"
    sql = (
        f"WITH page AS (SELECT q.*, row_number() OVER (ORDER BY {order}) AS n FROM ({inner}) q) "
        f"SELECT (SELECT count(*) FROM page) > %s, entries.json, {near}, {far} "
        f"FROM (SELECT concat('[', string_agg({_ENTRIES[entry]}, ',' ORDER BY f.n {direction}), ']') AS json "
        f"FROM page f {speaker} WHERE f.n <= %s) entries "
        "LEFT JOIN page near ON near.n = 1 "
        "LEFT JOIN page far ON far.n = LEAST(%s, (SELECT count(*) FROM page))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, size, size, size))
        more, text, *positions = cursor.fetchone()
    # DRF's JSONRenderer escapes these two for JavaScript; PostgreSQL's to_json leaves them.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    nearest, farthest = positions[: len(names)], positions[len(names) :]
    # The id, last of the key, is never NULL: a NULL one means the page is empty.
    nearest, farthest = (None, None) if nearest[-1] is None else (nearest, farthest)
    first, last = (farthest, nearest) if backward else (nearest, farthest)
    return JSONPage(RawJSON(text), first_position=first, last_position=last, more=more)
