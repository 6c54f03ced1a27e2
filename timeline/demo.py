"""The demo data: the five seed articles, ingested, as a Django fixture with natural keys.

``build_demo_fixture`` writes ``fixtures/demo.json`` from ``fixtures/articles/manifest.json``; a test
rebuilds it and compares, so the committed fixture always shows what the extractor produces today.
"""

import io
import json
import uuid

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from timeline.articles import load_manifest, read_article_file
from timeline.extraction.types import Publication
from timeline.models import Actor, ActorRole, Alias, Conflict, ConflictSide, DeletedRecord, Evidence, Fact, Source
from timeline.services.ingest import ingest_article

DEMO_MANIFEST = settings.BASE_DIR / "fixtures" / "articles" / "manifest.json"
DEMO_FIXTURE = settings.BASE_DIR / "fixtures" / "demo.json"

# Demo records get uids of their own, derived from the ones ingest gives. Ingest derives uids from
# content, so without this a database that ingested other articles about the same people would hold
# the same uids, and loading the demo would overwrite its records instead of adding beside them.
DEMO_UID_NAMESPACE = uuid.UUID("0f3a9d5e-2c41-4b7e-9a63-5d8e1c2b7f90")
_MODELS_WITH_UIDS = (Actor, Alias, ActorRole, Fact, Evidence, Conflict, ConflictSide)
# What the fixture holds: the story ingest made. Not ``DeletedRecord``, a database's record of its own
# admin deletions, which would also suppress facts during the build were it left in place.
FIXTURE_MODELS = (Source, *_MODELS_WITH_UIDS)

# Set by the database when a row is written: they say when the fixture was built, not what it holds.
VOLATILE_FIELDS = frozenset({"ingested_at", "created_at", "updated_at"})


def build_demo_records(manifest=DEMO_MANIFEST) -> list[dict]:
    """The fixture records that ingesting the manifest's articles into an empty database produces.

    Runs on the current database inside a transaction that is always rolled back: the timeline tables
    are emptied there so the result holds nothing else, and afterwards the database is as it was.
    """
    entries = load_manifest(manifest)
    with transaction.atomic():
        for model in (Conflict, Fact, Source, Actor, DeletedRecord):
            model.objects.all().delete()
        for entry in entries:
            publication = Publication(published=entry.published, outlet=entry.outlet, title=entry.title, url=entry.url)
            ingest_article(text=read_article_file(entry.path), publication=publication)
        for model in _MODELS_WITH_UIDS:
            for pk, uid in list(model.objects.values_list("pk", "uid")):
                model.objects.filter(pk=pk).update(uid=uuid.uuid5(DEMO_UID_NAMESPACE, str(uid)))
        dump = io.StringIO()
        labels = [model._meta.label for model in FIXTURE_MODELS]
        call_command("dumpdata", *labels, natural_foreign=True, natural_primary=True, stdout=dump)
        transaction.set_rollback(True)
    return json.loads(dump.getvalue())


def write_fixture(records: list[dict], path=DEMO_FIXTURE) -> None:
    path.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def comparable(records: list[dict]) -> list[dict]:
    """The records without the fields that change on every build, for comparing two builds."""
    return [
        {**record, "fields": {name: value for name, value in record["fields"].items() if name not in VOLATILE_FIELDS}}
        for record in records
    ]
