"""Data migrations, run on the real database from the migration before them."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from timeline.models import PHRASE_WORDS, Fact
from timeline.normalize import words

BEFORE_REKEY = [("timeline", "0007_evidence_reviewed")]
REKEY = [("timeline", "0008_rekey_corrected_fact_texts")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_facts_corrected_in_the_admin_before_keys_followed_texts_get_the_key_of_their_text():
    old_apps = migrate(BEFORE_REKEY)
    OldFact = old_apps.get_model("timeline", "Fact")

    def stored(text, *, key, reviewed):
        return OldFact.objects.create(
            uid=uuid.uuid4(), type="statement", quote_kind="direct", text=text, text_key=key, reviewed=reviewed
        ).pk

    corrected = stored("We will talk on Tuesday", key="we will talk on monday", reviewed=True)
    untouched = stored("Talks resume", key="talks resume", reviewed=True)
    machine_made = stored("Odd key kept", key="something else", reviewed=False)
    migrate(REKEY)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    keys = dict(Fact.objects.values_list("pk", "text_key"))
    assert keys[corrected] == "we will talk on tuesday"
    assert keys[untouched] == "talks resume"
    assert keys[machine_made] == "something else"  # ingest wrote both: not a person's edit


@pytest.mark.django_db(transaction=True)
def test_facts_stored_before_word_hashes_get_the_hashes_merging_finds_them_by():
    old_apps = migrate(REKEY)
    OldFact = old_apps.get_model("timeline", "Fact")
    text = "The port will stay closed until the workers are paid"
    march = {"time_start": datetime(2021, 3, 1, tzinfo=UTC), "time_end": datetime(2021, 4, 1, tzinfo=UTC)}

    def stored(type, **fields):
        extra = {"quote_kind": "direct"} if type == "statement" else {}
        return OldFact.objects.create(uid=uuid.uuid4(), type=type, text=text, text_key=text.lower(), **extra, **fields)

    statement, event, undated_event = stored("statement"), stored("event", **march), stored("event")
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    migrated = Fact.objects.in_bulk([statement.pk, event.pk, undated_event.pk])
    for fact in migrated.values():
        hashes = fact.word_hashes
        fact.derive_keys()
        assert hashes == fact.word_hashes, fact.type  # what Fact.save would have stored
    assert len(migrated[statement.pk].word_hashes) == len(words(text)) - PHRASE_WORDS + 1
    assert migrated[event.pk].word_hashes and not migrated[undated_event.pk].word_hashes
