"""The demo fixture: it is what ingest makes of the seed articles, and it loads beside other data."""

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.demo.test_timeline_page import PAGE_QUERIES
from timeline.demo import DEMO_FIXTURE, build_demo_records, comparable
from timeline.extraction.types import Publication
from timeline.models import Actor, ActorRole, Alias, Conflict, ConflictSide, DeletedRecord, Evidence, Fact, Source
from timeline.services.ingest import ingest_article

TIMELINE_MODELS = (Source, Actor, Alias, ActorRole, Fact, Evidence, Conflict, ConflictSide)

# Another outlet's report about the same people: ingest gives its records content-derived uids, the
# very kind that would clash with the demo's if the demo did not have uids of its own.
OTHER_ARTICLE = (
    'CARACAS - Opposition leader Juan Guaidó said on Wednesday: "We will be back in the streets tomorrow."\n'
    'Defense Minister Vladimir Padrino López said: "The armed forces remain loyal to the constitution."\n'
)


def committed_records():
    return json.loads(DEMO_FIXTURE.read_text(encoding="utf-8"))


def snapshot():
    """Every timeline row as stored, keyed by model and primary key."""
    return {(model.__name__, row["id"]): row for model in TIMELINE_MODELS for row in model.objects.values()}


def fixture_counts():
    return Counter(record["model"] for record in committed_records())


def stored_counts():
    return Counter({f"timeline.{model.__name__.lower()}": model.objects.count() for model in TIMELINE_MODELS})


@pytest.mark.django_db
def test_the_committed_fixture_is_what_ingest_makes_of_the_seed_articles():
    rebuilt = comparable(build_demo_records())
    committed = comparable(committed_records())
    assert rebuilt == committed, "fixtures/demo.json is stale: run `python manage.py build_demo_fixture`"


def test_on_sqlite_the_seeds_merge_into_the_committed_fixture(tmp_path):
    """The merge's lookups are raw SQL: on SQLite, with no PostgreSQL settings, the seeds must merge
    into the very records the committed fixture holds."""
    manage = Path(settings.BASE_DIR) / "manage.py"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    output = tmp_path / "demo.json"
    for command in (["migrate", "--verbosity", "0"], ["build_demo_fixture", "--output", str(output)]):
        result = subprocess.run(
            [sys.executable, str(manage), *command], capture_output=True, text=True, env=env, timeout=300
        )
        assert result.returncode == 0, result.stderr
    assert comparable(json.loads(output.read_text(encoding="utf-8"))) == comparable(committed_records())


@pytest.mark.django_db
def test_building_the_fixture_leaves_the_database_as_it_was():
    ingest_article(text=OTHER_ARTICLE, publication=Publication(outlet="Other Desk"))
    deleted = DeletedRecord.objects.create(uid=uuid.uuid4(), kind=DeletedRecord.Kind.FACT)
    before = snapshot()
    records = build_demo_records()
    assert snapshot() == before
    assert DeletedRecord.objects.get() == deleted
    assert {record["model"] for record in records} == {model._meta.label_lower for model in TIMELINE_MODELS}
    assert not any("Other Desk" in json.dumps(record) for record in records), "nothing of the database's own data"


@pytest.mark.django_db
def test_the_demo_loads_into_an_empty_database():
    call_command("loaddata", "demo", verbosity=0)
    assert stored_counts() == fixture_counts()
    moment = Fact.objects.get(text__icontains="the moment is now")
    assert moment.speaker.name in {"Juan Guaidó", "Juan Guaido"}
    assert moment.evidence.values("source").distinct().count() >= 2, "one statement cited by several sources"
    assert Source.objects.count() == 5


@pytest.mark.django_db
def test_the_whole_demo_timeline_costs_as_few_queries_as_one_item(client, django_assert_num_queries):
    call_command("loaddata", "demo", verbosity=0)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get("/")
    assert response.content.decode().count('class="fact fact--') == Fact.objects.count()


@pytest.mark.django_db
def test_the_demo_loads_beside_other_data_without_touching_it():
    ingest_article(text=OTHER_ARTICLE, publication=Publication(outlet="Other Desk"))
    Actor.objects.create(name="Somebody Unrelated", description="kept as it is")
    before = snapshot()
    before_counts = stored_counts()

    call_command("loaddata", "demo", verbosity=0)
    call_command("loaddata", "demo", verbosity=0)  # loading again adds nothing

    after = snapshot()
    assert {key: after[key] for key in before} == before, "rows that were there are unchanged"
    assert stored_counts() == before_counts + fixture_counts()
