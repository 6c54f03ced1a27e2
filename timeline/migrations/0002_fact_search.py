"""A GIN index for the API's full-text search (``q``) on facts' text, on PostgreSQL only.

The indexed expression must be exactly the one ``timeline.selectors`` searches
(``SearchVector("text", config="english")``), or PostgreSQL will not use the index. SQLite, the local
demo database, searches by substring instead and gets no index.
"""

from django.db import migrations

INDEX = "fact_text_search_idx"
EXPRESSION = "to_tsvector('english'::regconfig, COALESCE((text)::text, ''::text))"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON timeline_fact USING gin ({EXPRESSION})")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
