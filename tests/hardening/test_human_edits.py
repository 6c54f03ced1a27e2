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
from timeline.models import Actor, ActorRole, Alias, DeletedRecord, Event, Evidence, Fact, Source, Statement
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


def test_actors_aliases_and_titles_deleted_in_the_admin_stay_deleted(staff_client, deploy_new_extractor):
    ingest_seeds()
    speakers = list(Actor.objects.annotate(said=Count("statements")).filter(said__gt=0).order_by("-said", "id"))
    deleted_actor = speakers[-1]  # a person quoted least, taken for a false reading by an editor
    holder = next(actor for actor in speakers[:-1] if actor.aliases.count() > 1)
    alias = holder.aliases.exclude(key=holder.key).order_by("id").first()
    title = ActorRole.objects.exclude(actor__in=[deleted_actor, holder]).order_by("id").first()

    response = staff_client.post(reverse("admin:timeline_actor_delete", args=[deleted_actor.pk]), {"post": "yes"})
    assert response.status_code == 302
    # The alias through the list of names on its actor's page, as a person would remove a wrong one.
    aliases_form = admin_change_form(staff_client, change_url(Actor, holder))
    row = next(row for row in count() if aliases_form[f"aliases-{row}-id"] == [str(alias.pk)])
    admin_save(staff_client, change_url(Actor, holder), {f"aliases-{row}-DELETE": "on"})
    response = staff_client.post(reverse("admin:timeline_actorrole_delete", args=[title.pk]), {"post": "yes"})
    assert response.status_code == 302

    deploy_new_extractor()
    ingest_seeds()

    assert set(Source.objects.values_list("extractor_version", flat=True)) == {NEW_VERSION}
    assert not Actor.objects.filter(uid=deleted_actor.uid).exists()
    assert not Actor.objects.filter(key=deleted_actor.key).exists()
    assert not holder.aliases.filter(key=alias.key).exists()
    assert not ActorRole.objects.filter(uid=title.uid).exists()
    # Only what was deleted: the alias's actor and the other titles are there.
    assert Actor.objects.filter(pk=holder.pk).exists() and ActorRole.objects.exists()


def test_a_deleted_record_removed_from_the_admins_list_comes_back_with_the_next_extraction(
    staff_client, deploy_new_extractor
):
    ingest_seeds()
    actor = Actor.objects.annotate(said=Count("statements")).filter(said__gt=0).order_by("said", "id").first()
    staff_client.post(reverse("admin:timeline_actor_delete", args=[actor.pk]), {"post": "yes"})
    record = DeletedRecord.objects.get(uid=actor.uid)
    assert record.kind == DeletedRecord.Kind.ACTOR

    response = staff_client.post(reverse("admin:timeline_deletedrecord_delete", args=[record.pk]), {"post": "yes"})
    assert response.status_code == 302
    deploy_new_extractor()
    ingest_seeds()

    assert Actor.objects.get(uid=actor.uid).statements.exists()


def evidence_row(form, evidence) -> int:
    return next(row for row in count() if form[f"evidence-{row}-id"] == [str(evidence.pk)])


def test_a_span_corrected_under_its_fact_cuts_its_excerpt_and_survives_reextraction(staff_client, deploy_new_extractor):
    ingest_seeds()
    statement = Statement.objects.annotate(cited=Count("evidence")).filter(cited__gt=0).order_by("id").first()
    evidence = statement.evidence.order_by("id").first()
    source_text = evidence.source.text
    # A person widens the citation by the closing quote mark's neighbour, as an editor might.
    start, end = evidence.start, min(evidence.end + 1, len(source_text))

    url = change_url(Statement, statement)
    row = evidence_row(admin_change_form(staff_client, url), evidence)
    admin_save(staff_client, url, {f"evidence-{row}-start": str(start), f"evidence-{row}-end": str(end)})

    evidence.refresh_from_db()
    assert (evidence.start, evidence.end, evidence.excerpt) == (start, end, source_text[start:end])
    assert evidence.reviewed

    deploy_new_extractor()
    ingest_seeds()

    kept = Evidence.objects.get(pk=evidence.pk)
    assert (kept.start, kept.end, kept.excerpt, kept.reviewed) == (start, end, source_text[start:end], True)


def test_a_span_beyond_its_text_is_refused_with_a_message_and_nothing_changes(staff_client):
    ingest_seeds()
    evidence = Evidence.objects.order_by("id").first()
    url = reverse("admin:timeline_evidence_change", args=[evidence.pk])
    data = admin_change_form(staff_client, url)
    data["end"] = [str(len(evidence.source.text) + 10)]

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "within the text" in response.content.decode()
    stored = Evidence.objects.get(pk=evidence.pk)
    assert (stored.start, stored.end, stored.excerpt) == (evidence.start, evidence.end, evidence.excerpt)
