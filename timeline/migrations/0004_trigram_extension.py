"""pg_trgm on PostgreSQL, once used by the speaker-conflict check to compare quote texts.

That check now finds its candidates through the text-key and full-text indexes
(``timeline.services.conflicts.may_share_words``): a trigram comparison had to read every statement
in a year-long window, and its index reads the posting lists of the common trigrams, both growing
with the corpus. The migration stays so that existing databases and new ones have the same history;
nothing depends on the extension now. SQLite, the local demo database, needs nothing here.
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
