"""Chronology reads through the whole Django/DRF stack, each against one hand-written SQL query.

Every case is a real API request made with ``django.test.Client`` (URL routing, middleware,
throttling, filters, pagination, serializers, JSON rendering). Its lower bound is one SQL statement
that returns the same page (facts with speaker, participants, sources with excerpts, conflicts with
sides) as JSON built by PostgreSQL, so the ratio says what the framework costs on top of the data.
"""

from dataclasses import dataclass
from pathlib import Path

from bench.measure import median, percentile, time_calls

PAGE_SIZE = 50
SEARCH_TERMS = "pension reform"
# The deep page starts this far into the dated chronology, so it is deep at every scale.
DEEP_FRACTION = 0.9
CHRONOLOGY = "f.time_start, f.time_precision, f.first_reported_at, f.id"
# The expression of the GIN index of migration 0002_fact_search, so the lower bound can use it too.
SEARCH_VECTOR = "to_tsvector('english'::regconfig, COALESCE(f.text, ''))"

PAGE_SQL = f"""
WITH page AS (
    SELECT f.* FROM timeline_fact f WHERE {{where}} ORDER BY {CHRONOLOGY} LIMIT %(limit)s
)
SELECT f.uid, f.type, f.text, f.time_start, f.time_end, f.time_precision, f.time_expression, f.time_basis,
    (SELECT json_build_object('id', a.uid, 'name', a.name, 'kind', a.kind)
       FROM timeline_actor a WHERE a.id = f.speaker_id) AS speaker,
    (SELECT coalesce(json_agg(json_build_object('id', a.uid, 'name', a.name, 'kind', a.kind)
                     ORDER BY a.name, a.id), '[]')
       FROM timeline_fact_participants p JOIN timeline_actor a ON a.id = p.actor_id
      WHERE p.fact_id = f.id) AS actors,
    (SELECT coalesce(json_agg(json_build_object('id', s.id, 'outlet', s.outlet, 'title', s.title, 'url', s.url,
                     'published_at', s.published_at, 'excerpt', e.excerpt, 'start', e.start, 'end', e."end")
                     ORDER BY e.source_id, e.start, e.id), '[]')
       FROM timeline_evidence e JOIN timeline_source s ON s.id = e.source_id
      WHERE e.fact_id = f.id) AS sources,
    (SELECT coalesce(json_agg(json_build_object('id', c.uid, 'kind', c.kind, 'description', c.description,
                     'sides', (SELECT json_agg(json_build_object('value', d.value, 'sources',
                                   (SELECT json_agg(ds.source_id) FROM timeline_conflictside_sources ds
                                     WHERE ds.conflictside_id = d.id)))
                                 FROM timeline_conflictside d WHERE d.conflict_id = c.id))
                     ORDER BY c.kind, c.id), '[]')
       FROM timeline_conflict_facts cf JOIN timeline_conflict c ON c.id = cf.conflict_id
      WHERE cf.fact_id = f.id) AS conflicts
FROM page f
ORDER BY {CHRONOLOGY}
"""


@dataclass
class ReadCase:
    """One API page and the WHERE clause of the SQL query that produces the same page."""

    name: str
    path: str
    where: str
    params: dict


def read_cases() -> list[ReadCase]:
    """The pages to measure, chosen from the data: the busiest speaker, a window of their years, a deep cursor."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id, a.uid FROM timeline_actor a JOIN timeline_fact f ON f.speaker_id = a.id "
            "GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1"
        )
        actor_id, actor_uid = cursor.fetchone()
        cursor.execute("SELECT min(time_start), max(time_start) FROM timeline_fact WHERE speaker_id = %s", [actor_id])
        first, last = cursor.fetchone()
    since, until = first.year, max(first.year + 1, last.year - 1)
    dated = "f.time_start IS NOT NULL"
    deep_cursor, deep_key = _deep_position()
    return [
        ReadCase("timeline page", f"/api/timeline/?page_size={PAGE_SIZE}", dated, {}),
        ReadCase(
            "actor quotes page",
            f"/api/actors/{actor_uid}/quotes/?page_size={PAGE_SIZE}",
            "f.type = 'statement' AND f.speaker_id = %(actor)s",
            {"actor": actor_id},
        ),
        ReadCase(
            "filtered page (actor, since, until)",
            f"/api/timeline/?page_size={PAGE_SIZE}&actor={actor_uid}&since={since}&until={until}",
            f"{dated} AND f.time_end > %(since)s AND f.time_start < %(until)s AND f.id IN ("
            "SELECT fact_id FROM timeline_fact_participants WHERE actor_id = %(actor)s "
            "UNION SELECT id FROM timeline_fact WHERE speaker_id = %(actor)s)",
            {"actor": actor_id, "since": f"{since}-01-01T00:00Z", "until": f"{until + 1}-01-01T00:00Z"},
        ),
        ReadCase(
            "search page (q)",
            f"/api/timeline/?page_size={PAGE_SIZE}&q={SEARCH_TERMS.replace(' ', '+')}",
            f"{dated} AND {SEARCH_VECTOR} @@ websearch_to_tsquery('english'::regconfig, %(q)s)",
            {"q": SEARCH_TERMS},
        ),
        ReadCase(
            f"deep page (cursor at {DEEP_FRACTION:.0%})",
            f"/api/timeline/?page_size={PAGE_SIZE}&cursor={deep_cursor}",
            f"{dated} AND ({CHRONOLOGY}) > (%(k0)s, %(k1)s, %(k2)s, %(k3)s)",
            {f"k{number}": value for number, value in enumerate(deep_key)},
        ),
    ]


def _deep_position() -> tuple[str, tuple]:
    """A cursor, as the API itself encodes it, that points DEEP_FRACTION into the dated chronology.

    The API's paginator is given the chronology starting at that row and a page size of one; the
    cursor of its ``next`` link then says "after this row". Following ``next`` links to get there
    would take thousands of requests at the larger scales.
    """
    from urllib.parse import parse_qs, urlsplit

    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from api.pagination import KeysetPagination, after, sort_keys
    from timeline.selectors import chronology

    facts = chronology()
    keys = sort_keys(facts)
    depth = int(facts.count() * DEEP_FRACTION)
    row_before = list(facts.values_list(*[key.name for key in keys])[depth - 1])
    paginator = KeysetPagination()
    request = Request(APIRequestFactory().get("/api/timeline/", {"page_size": 1}))
    paginator.paginate_queryset(facts.filter(after(keys, row_before)), request)
    next_link = paginator.get_paginated_response([]).data["next"]
    cursor = parse_qs(urlsplit(next_link).query)["cursor"][0]
    return cursor, tuple(paginator.next_cursor.position)


def measure_reads(cases: list[ReadCase], *, repeats: int) -> list[dict]:
    """Latency and queries of each API page and of its SQL lower bound."""
    from django.test import Client

    client = Client(HTTP_ACCEPT="application/json")
    return [_measure_case(client, case, repeats) for case in cases]


def _measure_case(client, case: ReadCase, repeats: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(case.path)
    # Read now: the next request starts by clearing the connection's query log.
    queries = [query["sql"] for query in captured.captured_queries]
    if response.status_code != 200:
        raise RuntimeError(f"{case.path} answered {response.status_code}: {response.content[:300]!r}")
    entries = len(response.json()["results"])
    api = time_calls(lambda: client.get(case.path), repeats=repeats)
    sql, params = page_sql(case)
    with connection.cursor() as cursor:
        lower_bound = time_calls(lambda: _fetch(cursor, sql, params), repeats=repeats)
        sql_rows = len(_fetch(cursor, sql, params))
    return {
        "name": case.name,
        "path": case.path,
        "entries": entries,
        "sql_rows": sql_rows,
        "queries": len(queries),
        "captured": queries,
        "p50_ms": median(api),
        "p95_ms": percentile(api, 0.95),
        "sql_p50_ms": median(lower_bound),
        "ratio_to_sql": median(api) / median(lower_bound),
    }


def page_sql(case: ReadCase) -> tuple[str, dict]:
    return PAGE_SQL.format(where=case.where), {**case.params, "limit": PAGE_SIZE}


def _fetch(cursor, sql, params):
    cursor.execute(sql, params)
    return cursor.fetchall()


def explain(sql: str, params=None) -> str:
    """PostgreSQL's plan of ``sql`` as executed, with timings and buffer use."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def write_plans(results: list[dict], cases: list[ReadCase], path: Path) -> None:
    """Every query each API page issued, and its SQL lower bound, with their EXPLAIN ANALYZE plans."""
    sections = []
    for result, case in zip(results, cases, strict=True):
        sections.append(f"#### {result['name']}: {result['path']}")
        for number, query in enumerate(result["captured"], 1):
            sections.append(f"-- API query {number} of {result['queries']}\n{query}\n\n{explain(query)}")
        sql, params = page_sql(case)
        sections.append(f"-- SQL lower bound\n{sql.strip()}\n-- {params}\n\n{explain(sql, params)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(sections) + "\n")
