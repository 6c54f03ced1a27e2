"""Every admin page answers a staff user and turns an anonymous one away, in a constant number of queries."""

from datetime import UTC, datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.services.builders import Article, day
from timeline.models import (
    Actor,
    ActorRole,
    Alias,
    Conflict,
    ConflictSide,
    Event,
    Evidence,
    Fact,
    Precision,
    Source,
    Statement,
)
from timeline.normalize import content_hash

TIMELINE_MODELS = [Source, Actor, Alias, ActorRole, Statement, Event, Fact, Evidence, Conflict]


def add_story(n):
    text = f'Story {n}: Minister Ana Pérez said "<b>talks</b> resume" in Caracas.'
    source = Source.objects.create(
        text=text, content_hash=content_hash(text), outlet=f"Outlet {n}", published_at=datetime(2019, 4, 30, tzinfo=UTC)
    )
    actor = Actor.objects.create(name=f"Ana Pérez {n}")
    Alias.objects.create(actor=actor, name=f"Perez {n}")
    ActorRole.objects.create(actor=actor, title="Minister", source=source)
    quote = Statement.objects.create(text="<b>talks</b> resume", quote_kind="direct", speaker=actor)
    quote.participants.add(actor)
    event = Event.objects.create(
        text=f"Talks in Caracas {n}",
        time_start=datetime(2019, 4, 30, tzinfo=UTC),
        time_end=datetime(2019, 5, 1, tzinfo=UTC),
        time_precision=Precision.DAY,
    )
    start = text.index("<b>")
    end = start + len("<b>talks</b> resume")
    Evidence.objects.create(source=source, fact=quote, start=start, end=end, excerpt=text[start:end])
    Evidence.objects.create(source=source, fact=event, start=0, end=5, excerpt=text[:5])
    conflict = Conflict.objects.create(kind="role", description=f"Titles {n}", actor=actor)
    ConflictSide.objects.create(conflict=conflict, value="Minister").sources.add(source)
    return quote


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("model", TIMELINE_MODELS, ids=lambda m: m.__name__)
def test_changelist_change_and_add_pages_answer_staff(staff_client, model):
    add_story(1)
    assert model in admin.site._registry
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert staff_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    expected_add = 403 if model is Fact else 200
    assert staff_client.get(admin_url(model, "add")).status_code == expected_add


@pytest.mark.django_db
@pytest.mark.parametrize("model", TIMELINE_MODELS, ids=lambda m: m.__name__)
def test_anonymous_users_are_sent_to_the_login_page(client, model):
    add_story(1)
    for url in (admin_url(model, "changelist"), admin_url(model, "change", model.objects.first().pk)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("model", TIMELINE_MODELS, ids=lambda m: m.__name__)
def test_changelists_do_not_query_per_row(staff_client, model):
    add_story(1)
    with CaptureQueriesContext(connection) as one_row:
        staff_client.get(admin_url(model, "changelist"))
    for n in range(2, 8):
        add_story(n)
    with CaptureQueriesContext(connection) as many_rows:
        staff_client.get(admin_url(model, "changelist"))
    assert len(many_rows) == len(one_row)


@pytest.mark.django_db
def test_search_ignores_accents_and_case(staff_client):
    add_story(1)
    response = staff_client.get(admin_url(Actor, "changelist"), {"q": "ANA PEREZ"})
    assert "Ana Pérez 1" in response.content.decode()
    response = staff_client.get(admin_url(Alias, "changelist"), {"q": "pérez"})
    assert "Perez 1" in response.content.decode()
    response = staff_client.get(admin_url(Actor, "changelist"), {"q": "nobody"})
    assert "Ana Pérez 1" not in response.content.decode()


@pytest.mark.django_db
def test_cited_span_is_highlighted_and_escaped(staff_client):
    quote = add_story(1)
    page = staff_client.get(admin_url(Statement, "change", quote.pk)).content.decode()
    assert "<mark>&lt;b&gt;talks&lt;/b&gt; resume</mark>" in page
    assert "<b>talks</b>" not in page


@pytest.mark.django_db
def test_saving_in_the_admin_marks_the_record_reviewed(staff_client):
    quote = add_story(1)
    assert not quote.reviewed
    response = staff_client.post(
        admin_url(Actor, "change", quote.speaker.pk),
        {
            "name": "Ana Pérez",
            "kind": "person",
            "description": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actor = Actor.objects.get(pk=quote.speaker.pk)
    assert actor.reviewed and actor.reviewed_at is not None
    assert actor.name == "Ana Pérez"


def correct_statement_text(staff_client, statement, text):
    """POST the statement's admin change form with ``text`` and everything else as it is."""
    evidence = statement.evidence.get()
    moment = {}
    for field in ("time_start", "time_end"):
        value = getattr(statement, field)
        moment[f"{field}_0"] = value.date().isoformat() if value else ""
        moment[f"{field}_1"] = value.time().isoformat() if value else ""
    return staff_client.post(
        admin_url(Statement, "change", statement.pk),
        {
            "text": text,
            "speaker": statement.speaker_id,
            "quote_kind": statement.quote_kind,
            "cue": statement.cue,
            "channel": statement.channel,
            "participants": [statement.speaker_id],
            **moment,
            "time_precision": statement.time_precision,
            "time_basis": statement.time_basis,
            "time_expression": statement.time_expression,
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "1",
            "evidence-0-id": evidence.pk,
            "evidence-0-fact": statement.pk,
            "evidence-0-source": evidence.source_id,
            "evidence-0-start": evidence.start,
            "evidence-0-end": evidence.end,
            "evidence-0-confidence": evidence.confidence,
        },
    )


@pytest.mark.django_db
def test_a_quote_corrected_in_the_admin_is_found_by_its_corrected_words(staff_client):
    first = Article('"We will talk on Monday," Ana Ruiz said.', published=None, outlet="First")
    first.quote("We will talk on Monday", speaker=first.actor("Ana Ruiz"))
    first.ingest()
    statement = Statement.objects.get()
    assert statement.time_start is None  # no date: merging finds it by its words alone
    response = correct_statement_text(staff_client, statement, "We will talk on Tuesday")
    assert response.status_code == 302, response.content.decode()[:3000]

    second = Article('"We will talk on Tuesday," Ana Ruiz said.', published=None, outlet="Second")
    second.quote("We will talk on Tuesday", speaker=second.actor("Ana Ruiz"))
    second.ingest()

    (statement,) = Statement.objects.all()
    assert statement.text == "We will talk on Tuesday" and statement.reviewed
    assert sorted(statement.evidence.values_list("source__outlet", flat=True)) == ["First", "Second"]


@pytest.mark.django_db
def test_a_quote_corrected_in_the_admin_is_found_holding_another_speakers_words(staff_client):
    first = Article('"The strike ends on Monday at noon," Ana Ruiz said.', outlet="First")
    first.quote("The strike ends on Monday at noon", speaker=first.actor("Ana Ruiz"), time=day(2021, 3, 8))
    first.ingest()
    corrected = "I can confirm the strike ends on Tuesday at noon"
    response = correct_statement_text(staff_client, Statement.objects.get(), corrected)
    assert response.status_code == 302, response.content.decode()[:3000]

    second = Article('"The strike ends on Tuesday at noon," Luis Mora said.', outlet="Second")
    second.quote("The strike ends on Tuesday at noon", speaker=second.actor("Luis Mora"), time=day(2021, 3, 8))
    second.ingest()

    (conflict,) = Conflict.objects.all()
    assert sorted(conflict.facts.values_list("speaker__name", flat=True)) == ["Ana Ruiz", "Luis Mora"]
