"""pg_trgm on PostgreSQL, for the speaker-conflict check's comparison of quote texts.

``timeline.services.conflicts.statements_near`` asks PostgreSQL for the statements whose trigrams
resemble a new quote (``word_similarity`` in both directions), so a year-long window does not send
thousands of texts to Python. It compares within the time window already bounded by the time index,
and one direction of ``word_similarity`` cannot use a trigram index, so the extension comes without
one. Migrating back leaves the extension: something else in the database may use it. SQLite, the
local demo database, compares every text in Python and needs nothing here.
"""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0003_deletedfact"),
    ]

    operations = [
        migrations.RunPython(create_extension, migrations.RunPython.noop),
    ]
