"""What a person does in the admin survives a re-extraction by a new extractor version: edited
statements, events and actors keep their edits, actors the person merged stay merged, and a fact the
person deleted stays deleted."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.hardening.support import SEED_ARTICLES, admin_save
from timeline.extraction import pipeline
from timeline.models import Actor, Alias, Event, Fact, Source, Statement
from timeline.services import ingest

pytestmark = pytest.mark.django_db

NEW_VERSION = "99.0.0-hardening"


def change_url(record) -> str:
    return reverse(f"admin:timeline_{type(record)._meta.model_name}_change", args=[record.pk])


def ingest_seeds() -> None:
    call_command("ingest", "--manifest", SEED_ARTICLES / "manifest.json", stdout=None, stderr=None)


@pytest.fixture
def deploy_new_extractor(monkeypatch):
    """Puts a new extractor version in place, as a deploy would.

    The version is read at call time from two module globals: by the pipeline when it labels an
    extraction, and by the ingest when it decides whether a stored article needs extracting again.
    """

    def deploy():
        monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", NEW_VERSION)
        monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", NEW_VERSION)

    return deploy


def test_admin_edits_merges_and_deletions_survive_reextraction(staff_client, deploy_new_extractor):
    ingest_seeds()

    statement = Statement.objects.get(text__startswith="The moment is now")
    admin_save(staff_client, change_url(statement), {"text": "The moment is now.", "channel": "video"})

    event = Event.objects.get(text__startswith="This morning that situation")
    admin_save(staff_client, change_url(event), {"text": "Tension in Caracas came to a boil", "place": "Caracas"})

    actor = Actor.objects.get(name="Vladimir Padrino Lopez")
    admin_save(staff_client, change_url(actor), {"name": "Vladimir Padrino López", "description": "Defense minister"})

    # Merge: the person decides that the statements credited to the government are its minister's.
    minister = Actor.objects.get(name="Jorge Rodriguez")
    government = Actor.objects.get(name="Government of Venezuela")
    government_aliases = list(government.aliases.values_list("name", flat=True))
    government_statements = list(government.statements.values_list("uid", flat=True))
    prefix = "aliases"
    known = minister.aliases.count()
    admin_save(
        staff_client,
        change_url(minister),
        {
            f"{prefix}-TOTAL_FORMS": str(known + len(government_aliases)),
            **{f"{prefix}-{known + n}-name": alias for n, alias in enumerate(government_aliases)},
            **{f"{prefix}-{known + n}-actor": str(minister.pk) for n in range(len(government_aliases))},
        },
    )
    for uid in government_statements:
        said = Statement.objects.get(uid=uid)
        admin_save(staff_client, change_url(said), {"speaker": str(minister.pk), "participants": [str(minister.pk)]})
    response = staff_client.post(reverse("admin:timeline_actor_delete", args=[government.pk]), {"post": "yes"})
    assert response.status_code == 302

    deleted = Statement.objects.get(text="color revolution")
    response = staff_client.post(reverse("admin:timeline_statement_delete", args=[deleted.pk]), {"post": "yes"})
    assert response.status_code == 302

    deploy_new_extractor()
    ingest_seeds()

    assert set(Source.objects.values_list("extractor_version", flat=True)) == {NEW_VERSION}
    statement.refresh_from_db()
    assert (statement.text, statement.channel, statement.reviewed) == ("The moment is now.", "video", True)
    assert statement.evidence.exists(), "the statement is still cited by its sources"
    event.refresh_from_db()
    assert (event.text, event.place, event.reviewed) == ("Tension in Caracas came to a boil", "Caracas", True)
    actor.refresh_from_db()
    assert (actor.name, actor.description) == ("Vladimir Padrino López", "Defense minister")
    minister.refresh_from_db()
    assert minister.name == "Jorge Rodriguez"
    assert not Alias.objects.filter(name__in=government_aliases).exclude(actor=minister).exists()
    assert set(Statement.objects.filter(uid__in=government_statements).values_list("speaker", flat=True)) == {
        minister.pk
    }
    assert not Fact.objects.filter(text="color revolution").exists()
