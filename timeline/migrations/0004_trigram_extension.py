"""pg_trgm on PostgreSQL, once for the speaker-conflict check's comparison of quote texts.

The check now finds candidates through the shingle index of migration 0005 and nothing here uses
pg_trgm; the migration stays because databases have applied it. Migrating back leaves the extension:
something else in the database may use it. SQLite, the local demo database, needs nothing here.
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
