"""Hashes of every run of four words of each statement, indexed, for the speaker-conflict lookup.

A new quote is looked for inside longer stored statements, and shorter ones inside it. The full-text
search for all its words read, for each common word, the list of every fact holding it, and those
lists grow with the corpus; the statements holding all its runs of four words are a short list at
any size. The hashes of the stored statements are computed here as ``timeline.models.phrase_hashes``
computes them. The index is PostgreSQL's only: SQLite reads every statement of the window. Like the
full-text index since migration 0005, it has no pending list, which every lookup would read in full
until a vacuum.
"""

import zlib

from django.db import migrations

import timeline.models

from timeline.normalize import words

PHRASE_WORDS = 4
BATCH = 2000
INDEX = "fact_phrase_hashes_idx"


def phrase_hashes(text):
    text_words = words(text)
    runs = (" ".join(text_words[first : first + PHRASE_WORDS]) for first in range(len(text_words) - PHRASE_WORDS + 1))
    return sorted({zlib.crc32(run.encode()) - 2**31 for run in runs})


def hash_statements(apps, schema_editor):
    Fact = apps.get_model("timeline", "Fact")
    connection = schema_editor.connection
    field = Fact._meta.get_field("phrase_hashes")
    statements = Fact.objects.filter(type="statement").order_by("id")
    after = 0
    while batch := list(statements.filter(id__gt=after).values_list("id", "text")[:BATCH]):
        # One statement run for each, sent together: bulk_update's CASE per row costs several times more.
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE timeline_fact SET phrase_hashes = %s WHERE id = %s",
                [(field.get_db_prep_value(phrase_hashes(text), connection), fact_id) for fact_id, text in batch],
            )
        after = batch[-1][0]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON timeline_fact USING gin (phrase_hashes) WITH (fastupdate = off)"
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
            name="phrase_hashes",
            field=timeline.models.IntegerList(
                blank=True,
                default=list,
                editable=False,
                help_text="hashes of a statement's runs of words, for speaker conflicts",
            ),
        ),
        migrations.RunPython(hash_statements, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
