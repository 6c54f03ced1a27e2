"""Hashes of what merging finds each fact by, in an indexed integer array (``Fact.word_hashes``).

Two lookups searched the full-text index, whose lists of the facts holding a common word grow with
the corpus: the speaker-conflict check for all of a quote's words, the merge for one of the words
of an event that names nobody. A statement now holds the hash of each run of four of its words, so
the statements a quote is part of are the short list of those holding all its runs; a dated event
holds the hash of each of its happening words in each month of its time, so the events of a window
sharing one are a short list too. The values are computed with ``timeline.models``' functions as
they are when this migration is written. The GIN index is PostgreSQL's only: SQLite, the demo's
database, reads every fact of the window. Like the full-text index since migration 0005, it has no
pending list, which every lookup would read in full until a vacuum.
"""

from django.db import migrations

import timeline.models
from timeline.models import event_months, happening_hashes, phrase_hashes
from timeline.services.similarity import happening_words

BATCH = 2000
INDEX = "fact_word_hashes_idx"


def word_hashes(type, text, start, end):
    if type == "statement":
        return phrase_hashes(text)
    if start is None:
        return []
    return happening_hashes(happening_words(text), event_months(start, end or start))


def hash_facts(apps, schema_editor):
    Fact = apps.get_model("timeline", "Fact")
    connection = schema_editor.connection
    field = Fact._meta.get_field("word_hashes")
    facts = Fact.objects.order_by("id").values_list("id", "type", "text", "time_start", "time_end")
    after = 0
    while batch := list(facts.filter(id__gt=after)[:BATCH]):
        # One statement run for each, sent together: bulk_update's CASE per row costs several times more.
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE timeline_fact SET word_hashes = %s WHERE id = %s",
                [(field.get_db_prep_value(word_hashes(*values), connection), fact_id) for fact_id, *values in batch],
            )
        after = batch[-1][0]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON timeline_fact USING gin (word_hashes) WITH (fastupdate = off)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0008_rekey_corrected_fact_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="fact",
            name="word_hashes",
            field=timeline.models.IntegerList(
                blank=True,
                default=list,
                editable=False,
                help_text="what merging finds the fact by: hashes of a statement's runs of words (``phrase_hashes``), "
                "of a dated event's happening words in each month of its time (``happening_hashes``)",
            ),
        ),
        migrations.RunPython(hash_facts, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
