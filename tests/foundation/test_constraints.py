"""The database itself refuses data that would break the model's promises."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from timeline.models import Actor, Alias, Event, Evidence, Fact, FactType, Precision, Source, Statement
from timeline.normalize import content_hash

TEXT = "The minister said on Monday that talks would resume."


def make_source(text=TEXT, **fields):
    return Source.objects.create(text=text, content_hash=content_hash(text), **fields)


def make_statement(**fields):
    return Statement.objects.create(text="talks would resume", quote_kind="indirect", **fields)


def rejected(**create_kwargs):
    """Run the insert in a savepoint and report whether the database refused it."""
    model = create_kwargs.pop("model")
    try:
        with transaction.atomic():
            model.objects.create(**create_kwargs)
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
def test_same_text_twice_is_one_source():
    make_source()
    with pytest.raises(IntegrityError):
        make_source()


@pytest.mark.django_db
def test_url_is_unique_when_given_and_absent_urls_do_not_clash():
    make_source(text="one", url="https://example.org/a")
    make_source(text="two")
    make_source(text="three")
    assert rejected(model=Source, text="four", content_hash=content_hash("four"), url="https://example.org/a")
    assert rejected(model=Source, text="five", content_hash=content_hash("five"), url="")


@pytest.mark.django_db
def test_content_hash_must_be_a_sha256():
    assert rejected(model=Source, text="x", content_hash="not-a-hash")


@pytest.mark.django_db
def test_evidence_excerpt_must_match_its_offsets():
    source = make_source()
    fact = make_statement()
    start = TEXT.index("talks")
    end = start + len("talks would resume")
    Evidence.objects.create(source=source, fact=fact, start=start, end=end, excerpt=TEXT[start:end])
    # An excerpt longer or shorter than the span it claims to quote.
    assert rejected(model=Evidence, source=source, fact=fact, start=0, end=3, excerpt="The minister")
    # An empty or reversed span.
    assert rejected(model=Evidence, source=source, fact=fact, start=5, end=5, excerpt="")
    # The same span of the same source cited twice for one fact.
    assert rejected(model=Evidence, source=source, fact=fact, start=start, end=end, excerpt=TEXT[start:end])
    assert rejected(model=Evidence, source=source, fact=fact, start=0, end=3, excerpt="The", confidence=1.5)


@pytest.mark.django_db
def test_negative_offsets_are_rejected():
    source = make_source()
    fact = make_statement()
    assert rejected(model=Evidence, source=source, fact=fact, start=-3, end=0, excerpt="abc")


@pytest.mark.django_db
def test_evidence_points_at_exactly_one_fact():
    source = make_source()
    assert rejected(model=Evidence, source=source, fact=None, start=0, end=3, excerpt="The")


@pytest.mark.django_db
def test_fact_fields_must_match_its_type():
    speaker = Actor.objects.create(name="Ana Pérez")
    # An event with a speaker or a quote kind is not an event.
    assert rejected(model=Fact, type=FactType.EVENT, text="Talks resumed", speaker=speaker)
    assert rejected(model=Fact, type=FactType.EVENT, text="Talks resumed", quote_kind="direct")
    # A statement needs to say what kind of quote it is.
    assert rejected(model=Fact, type=FactType.STATEMENT, text="Talks will resume", quote_kind="")
    assert rejected(model=Fact, type=FactType.STATEMENT, text="", quote_kind="direct")


@pytest.mark.django_db
def test_time_interval_must_be_ordered_and_complete():
    start = datetime(2019, 4, 30, tzinfo=UTC)
    end = datetime(2019, 5, 1, tzinfo=UTC)
    Event.objects.create(text="Talks resumed", time_start=start, time_end=end, time_precision=Precision.DAY)
    assert rejected(model=Event, text="Talks resumed", time_start=end, time_end=start, type=FactType.EVENT)
    assert rejected(model=Event, text="Talks resumed", time_start=start, time_end=None, type=FactType.EVENT)


@pytest.mark.django_db
def test_alias_keys_fold_accents_and_case_and_are_unique_per_actor():
    actor = Actor.objects.create(name="Juan Guaidó")
    alias = Alias.objects.create(actor=actor, name="GUAIDO")
    assert actor.key == "juan guaido"
    assert alias.key == "guaido"
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(actor=actor, name="Guaidó")
    other = Actor.objects.create(name="Someone Else")
    Alias.objects.create(actor=other, name="Guaidó")


@pytest.mark.django_db
def test_proxies_only_see_their_own_kind():
    Statement.objects.create(text="We will win", quote_kind="direct")
    Event.objects.create(text="Troops left the base")
    assert [f.type for f in Fact.objects.order_by("type")] == ["event", "statement"]
    assert Statement.objects.get().text == "We will win"
    assert Event.objects.get().text == "Troops left the base"
