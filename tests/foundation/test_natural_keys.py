"""Fixtures written with natural keys load into a database that already holds other data."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from timeline.models import Actor, ActorRole, Alias, Conflict, ConflictSide, Event, Evidence, Fact, Source, Statement
from timeline.normalize import content_hash

TEXT = 'Minister Ana Pérez said: "Talks resume today." Talks resumed on Monday.'


def build_story():
    source = Source.objects.create(
        text=TEXT,
        content_hash=content_hash(TEXT),
        outlet="Example Times",
        published_at=datetime(2019, 4, 30, tzinfo=UTC),
    )
    actor = Actor.objects.create(name="Ana Pérez")
    Alias.objects.create(actor=actor, name="Perez")
    ActorRole.objects.create(actor=actor, title="Minister", source=source, start=0, end=8)
    quote = Statement.objects.create(text="Talks resume today.", quote_kind="direct", speaker=actor, cue="said")
    quote.participants.add(actor)
    event = Event.objects.create(text="Talks resumed on Monday")
    start = TEXT.index("Talks resume today.")
    Evidence.objects.create(source=source, fact=quote, start=start, end=start + 19, excerpt=TEXT[start : start + 19])
    start = TEXT.index("Talks resumed on Monday")
    Evidence.objects.create(source=source, fact=event, start=start, end=start + 23, excerpt=TEXT[start : start + 23])
    conflict = Conflict.objects.create(kind="role", description="Two titles for Ana Pérez", actor=actor)
    conflict.facts.add(quote)
    side = ConflictSide.objects.create(conflict=conflict, value="Minister")
    side.sources.add(source)


def dump(path):
    call_command(
        "dumpdata",
        "timeline",
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        output=str(path),
    )


@pytest.mark.django_db
def test_dump_and_load_round_trip_into_a_database_with_other_data(tmp_path):
    build_story()
    fixture = tmp_path / "story.json"
    dump(fixture)
    records = json.loads(fixture.read_text())
    assert all("pk" not in record for record in records), "natural primary keys replace integer ids"

    for model in (ConflictSide, Conflict, Evidence, Fact, ActorRole, Alias, Actor, Source):
        model.objects.all().delete()
    # Unrelated data that takes the low integer ids the fixture's rows used to have.
    other_text = "Another article entirely."
    Source.objects.create(text=other_text, content_hash=content_hash(other_text))
    Actor.objects.create(name="Somebody Else")
    Statement.objects.create(text="Unrelated words", quote_kind="direct")

    call_command("loaddata", str(fixture), verbosity=0)
    call_command("loaddata", str(fixture), verbosity=0)  # loading twice updates in place

    assert Source.objects.count() == 2
    assert Actor.objects.count() == 2
    assert Fact.objects.count() == 3
    quote = Statement.objects.get(text="Talks resume today.")
    assert quote.speaker.name == "Ana Pérez"
    assert list(quote.participants.values_list("name", flat=True)) == ["Ana Pérez"]
    evidence = quote.evidence.get()
    assert evidence.source.text[evidence.start : evidence.end] == "Talks resume today."
    assert Alias.objects.get(name="Perez").actor == quote.speaker
    assert ActorRole.objects.get().source == evidence.source
    side = ConflictSide.objects.get()
    assert list(side.sources.all()) == [evidence.source]
    assert list(side.conflict.facts.all()) == [quote]
