"""Deleted facts become deleted records of any kind: actors, aliases and titles a person deletes in
the admin stay deleted too. The rows already there are facts."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0005_search_index_without_pending_list"),
    ]

    operations = [
        migrations.RenameModel(old_name="DeletedFact", new_name="DeletedRecord"),
        migrations.AddField(
            model_name="deletedrecord",
            name="kind",
            field=models.CharField(
                choices=[("fact", "fact"), ("actor", "actor"), ("alias", "alias"), ("title", "title")],
                default="fact",
                max_length=16,
            ),
            preserve_default=False,
        ),
    ]
