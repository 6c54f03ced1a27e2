"""What a person does in the admin survives a re-extraction by a new extractor version: edited
statements, events and actors keep their edits, actors the person merged stay merged, and a fact the
person deleted stays deleted."""

from itertools import count

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from tests.hardening.support import admin_change_form, admin_save
from tests.seeds import SEED_ARTICLES
from timeline.extraction import pipeline
from timeline.models import Actor, ActorRole, Alias, Event, Fact, Source, Statement
from timeline.services import ingest

pytestmark = pytest.mark.django_db

NEW_VERSION = "99.0.0-hardening"


def change_url(model, record) -> str:
    """The change page of ``record`` in the admin list of ``model`` (a fact is in three: facts, and
    statements or events)."""
    return reverse(f"admin:timeline_{model._meta.model_name}_change", args=[record.pk])


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
    # The records are picked by their standing, not by name, so that the test holds as the extractor
    # improves: the four people quoted most, the most cited statement of the first, any event.
    speakers = list(
        Actor.objects.filter(kind="person")
        .annotate(said=Count("statements"))
        .filter(said__gt=0)
        .order_by("-said", "id")
    )
    renamed, keeper, absorbed, quoted = speakers[:4]
    statement = renamed.statements.annotate(cited=Count("evidence")).order_by("-cited", "id").first()
    event = Event.objects.order_by("id").first()
    deleted = quoted.statements.order_by("id").first()

    admin_save(
        staff_client,
        change_url(Statement, statement),
        {"text": "Words as checked against the video.", "channel": "video"},
    )
    # The event through the list of all facts, which a person may use as well.
    admin_save(
        staff_client, change_url(Fact, event), {"text": "What happened, as an editor put it", "place": "Caracas"}
    )
    admin_save(
        staff_client, change_url(Actor, renamed), {"name": f"{renamed.name} (verified)", "description": "Checked"}
    )

    # A title corrected in the list of titles on an actor's page.
    role = ActorRole.objects.exclude(actor__in=[keeper, absorbed]).order_by("id").first()
    roles_form = admin_change_form(staff_client, change_url(Actor, role.actor))
    row = next(row for row in count() if roles_form[f"roles-{row}-id"] == [str(role.pk)])
    admin_save(staff_client, change_url(Actor, role.actor), {f"roles-{row}-title": "Title as corrected"})

    # Merge: the person decides that two actors are one. The keeper takes the other's names and
    # statements, then the other is deleted.
    absorbed_names = list(absorbed.aliases.values_list("name", flat=True))
    absorbed_statements = list(absorbed.statements.values_list("uid", flat=True))
    known = keeper.aliases.count()
    admin_save(
        staff_client,
        change_url(Actor, keeper),
        {
            "aliases-TOTAL_FORMS": str(known + len(absorbed_names)),
            **{f"aliases-{known + n}-name": name for n, name in enumerate(absorbed_names)},
            **{f"aliases-{known + n}-actor": str(keeper.pk) for n in range(len(absorbed_names))},
        },
    )
    for uid in absorbed_statements:
        said = Statement.objects.get(uid=uid)
        admin_save(
            staff_client, change_url(Statement, said), {"speaker": str(keeper.pk), "participants": [str(keeper.pk)]}
        )
    response = staff_client.post(reverse("admin:timeline_actor_delete", args=[absorbed.pk]), {"post": "yes"})
    assert response.status_code == 302

    response = staff_client.post(reverse("admin:timeline_statement_delete", args=[deleted.pk]), {"post": "yes"})
    assert response.status_code == 302

    deploy_new_extractor()
    ingest_seeds()

    assert set(Source.objects.values_list("extractor_version", flat=True)) == {NEW_VERSION}
    statement.refresh_from_db()
    assert (statement.text, statement.channel, statement.reviewed) == (
        "Words as checked against the video.",
        "video",
        True,
    )
    event.refresh_from_db()
    assert (event.text, event.place, event.reviewed) == ("What happened, as an editor put it", "Caracas", True)
    renamed.refresh_from_db()
    assert (renamed.name.endswith(" (verified)"), renamed.description) == (True, "Checked")
    assert ActorRole.objects.get(pk=role.pk).title == "Title as corrected"
    keeper.refresh_from_db()
    assert not Actor.objects.filter(pk=absorbed.pk).exists()
    assert not Alias.objects.filter(name__in=absorbed_names).exclude(actor=keeper).exists()
    assert set(Statement.objects.filter(uid__in=absorbed_statements).values_list("speaker", flat=True)) == {keeper.pk}
    assert not Fact.objects.filter(text=deleted.text, speaker=quoted).exists()
