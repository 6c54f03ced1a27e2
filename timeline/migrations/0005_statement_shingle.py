"""The shingle index of statements' words, for the speaker-conflict check, filled for the statements
already stored; from here on the merge service writes it with each statement's text."""

import django.db.models.deletion
from django.db import migrations, models

from timeline.services.similarity import quote_shingles

STATEMENTS_PER_BATCH = 2_000


def index_stored_statements(apps, schema_editor):
    Fact = apps.get_model("timeline", "Fact")
    StatementShingle = apps.get_model("timeline", "StatementShingle")
    statements = Fact.objects.filter(type="statement").values_list("id", "text").order_by("id")
    batch = []
    for fact_id, text in statements.iterator(chunk_size=STATEMENTS_PER_BATCH):
        batch.extend(StatementShingle(fact_id=fact_id, shingle=shingle) for shingle in sorted(quote_shingles(text)))
        if len(batch) >= STATEMENTS_PER_BATCH:
            StatementShingle.objects.bulk_create(batch)
            batch = []
    StatementShingle.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0004_trigram_extension"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatementShingle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("shingle", models.BigIntegerField()),
                (
                    "fact",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="shingles", to="timeline.fact"
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["shingle", "fact"], name="statement_shingle_idx")],
            },
        ),
        migrations.RunPython(index_stored_statements, migrations.RunPython.noop),
    ]
