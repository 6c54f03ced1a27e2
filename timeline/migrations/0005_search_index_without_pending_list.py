"""The full-text index of migration 0002 without GIN's pending list, on PostgreSQL only.

With ``fastupdate`` on (the default), new entries wait in an unsorted pending list, up to 4 MB, that
every search reads in full until a vacuum merges it. Ingest adds facts all the time and the
speaker-conflict check (``timeline.services.conflicts.may_share_words``) searches this index for
every new quote, as the API's ``q`` does per request: on a 10k-source benchmark corpus a pending
list of 174 pages made each such search 6.3 ms instead of 0.5 ms. Entries now go straight into the
index, a little more work per insert for searches that stay fast. SQLite has no such index.
"""

from django.db import migrations

INDEX = "fact_text_search_idx"


def write_entries_directly(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} SET (fastupdate = off)")
        # Entries already waiting are merged now, not at the next vacuum.
        schema_editor.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass)")


def keep_a_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0004_trigram_extension"),
    ]

    operations = [
        migrations.RunPython(write_entries_directly, keep_a_pending_list),
    ]
