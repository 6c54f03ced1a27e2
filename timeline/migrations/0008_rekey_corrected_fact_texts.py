"""Text keys of facts whose text a person corrected in the admin, computed again.

Until ``Fact.save`` derived the key from the text, an admin edit changed the text and left the key
of the old words, by which merging kept looking the fact up. Only reviewed facts were edited by a
person, so only they are read. The key is written here as ``timeline.models.text_key`` computes it.
"""

from django.db import migrations

from timeline.normalize import word_key

TEXT_KEY_LENGTH = 255
BATCH = 1000


def rekey_reviewed_facts(apps, schema_editor):
    Fact = apps.get_model("timeline", "Fact")
    stale = []
    for fact in Fact.objects.filter(reviewed=True).only("id", "text", "text_key").iterator(chunk_size=BATCH):
        key = word_key(fact.text)[:TEXT_KEY_LENGTH]
        if key != fact.text_key:
            fact.text_key = key
            stale.append(fact)
    Fact.objects.bulk_update(stale, ["text_key"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0007_evidence_reviewed"),
    ]

    operations = [
        migrations.RunPython(rekey_reviewed_facts, migrations.RunPython.noop),
    ]
