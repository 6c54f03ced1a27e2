"""Ingesting: idempotent, one transaction per article, re-extraction that spares reviewed records."""

import itertools
from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from tests.services.builders import Article, chronology, clear_story, day
from timeline.articles import ArticleError
from timeline.extraction.types import Publication
from timeline.models import Actor, ActorRole, Alias, Conflict, Event, Evidence, Fact, Source, Statement
from timeline.services.ingest import candidate_name_keys, delete_source, ingest_article, known_actor_gazetteer

pytestmark = pytest.mark.django_db

MODELS = (Source, Actor, Alias, ActorRole, Fact, Evidence, Conflict)


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def strike_article(*, outlet="Harbour News", published=date(2021, 3, 9), extra=""):
    text = (
        "Harbour Master Ines Duarte closed the channel on Tuesday. "
        '"The channel stays closed until the wreck is lifted," Duarte said.' + extra
    )
    article = Article(text, outlet=outlet, published=published)
    duarte = article.actor("Ines Duarte", "Duarte", roles=("Harbour Master",))
    article.event("Harbour Master Ines Duarte closed the channel", time=day(2021, 3, 9), actors=(duarte,))
    article.quote("The channel stays closed until the wreck is lifted", speaker=duarte)
    return article


def test_a_new_article_is_stored_with_what_it_reports():
    result = strike_article().ingest()

    assert result.created
    assert (result.actors_created, result.statements_created, result.events_created) == (1, 1, 1)
    source = result.source
    assert (source.outlet, source.url, source.extractor_version) == ("Harbour News", None, "test-1")
    assert source.published_at == datetime(2021, 3, 9, tzinfo=UTC)


def test_the_same_text_again_changes_nothing():
    first = strike_article().ingest()
    before = row_counts()

    again = strike_article(outlet="Someone else").ingest()

    assert not again.created
    assert again.source == first.source
    assert (again.statements_created, again.statements_merged, again.events_created) == (0, 0, 0)
    assert row_counts() == before
    assert Source.objects.get().outlet == "Harbour News"


def test_a_new_extractor_version_replaces_machine_records_and_spares_reviewed_ones():
    strike_article().ingest()
    statement = Statement.objects.get()
    statement.text = "The channel stays closed until the wreck is lifted (corrected)"
    statement.reviewed = True
    statement.save()
    actor = Actor.objects.get()
    actor.name = "Inês Duarte"
    actor.reviewed = True
    actor.save()
    ActorRole.objects.update(reviewed=True)
    machine_event_uid = Event.objects.get().uid

    # The new extractor finds the quote but no event, and calls her something else.
    article = strike_article()
    article.extraction.events.clear()
    article.extraction.actors[0].roles.clear()
    result = article.ingest(version="test-2")

    assert (result.created, result.reextracted) == (False, True)
    assert Source.objects.get().extractor_version == "test-2"
    assert not Event.objects.filter(uid=machine_event_uid).exists()
    kept = Statement.objects.get()
    assert kept.uid == statement.uid
    assert kept.text == "The channel stays closed until the wreck is lifted (corrected)"
    assert kept.evidence.get().extractor_version == "test-2"
    assert Actor.objects.get().name == "Inês Duarte"
    assert ActorRole.objects.get().title == "Harbour Master"


def test_reextraction_keeps_a_reviewed_fact_the_new_extractor_no_longer_finds():
    strike_article().ingest()
    Event.objects.update(reviewed=True)
    article = strike_article()
    article.extraction.events.clear()
    article.ingest(version="test-2")

    assert Event.objects.count() == 1


def test_a_failure_late_in_an_article_stores_nothing_of_it():
    strike_article(outlet="Earlier").ingest()
    before = row_counts()
    article = strike_article(extra=' "We will reopen," she added.')
    article.quote("We will reopen", speaker=0, confidence=2.0)  # violates the evidence confidence constraint

    with pytest.raises(IntegrityError):
        article.ingest()

    assert row_counts() == before


def test_a_span_outside_the_text_is_refused_and_nothing_is_stored():
    article = strike_article()
    article.extraction.quotes[0].span = type(article.extraction.quotes[0].span)(10, 10_000)

    with pytest.raises(ValueError, match="outside the article text"):
        article.ingest()

    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_an_actor_index_outside_the_extraction_is_refused():
    article = strike_article()
    article.extraction.quotes[0].speaker = 7

    with pytest.raises(ValueError, match="actor index 7"):
        article.ingest()
    assert not Source.objects.exists()


def test_empty_text_is_refused_before_anything_is_stored():
    article = Article("   \n")
    with pytest.raises(ArticleError, match="empty"):
        article.ingest()


def test_an_over_long_title_is_refused_with_a_message():
    article = Article("Short text.")
    article.publication = Publication(published=None, outlet="X", title="t" * 501, url="")
    with pytest.raises(ArticleError, match="the title has 501 characters; the maximum is 500"):
        article.ingest()


def test_a_changed_text_under_a_stored_url_is_refused_with_a_message():
    Article("First version.", url="https://news.test/a").ingest()
    with pytest.raises(ArticleError, match="already stored"):
        Article("Second version.", url="https://news.test/a").ingest()
    assert Source.objects.count() == 1


def test_deleting_a_source_removes_what_only_it_supported_and_redates_the_rest():
    early = strike_article(outlet="Early", published=date(2021, 3, 9), extra=" More later.").ingest()
    late = strike_article(outlet="Late", published=date(2021, 3, 10)).ingest()
    only_early = Article("Ines Duarte resigned on Friday.", outlet="Early", published=date(2021, 3, 12))
    only_early.event("Ines Duarte resigned", time=day(2021, 3, 12), actors=(only_early.actor("Ines Duarte"),))
    only_early_source = only_early.ingest().source
    assert Fact.objects.count() == 3
    assert Statement.objects.get().first_reported_at == datetime(2021, 3, 9, tzinfo=UTC)

    delete_source(source=early.source)
    delete_source(source=only_early_source)

    assert Fact.objects.count() == 2
    assert Statement.objects.get().first_reported_at == datetime(2021, 3, 10, tzinfo=UTC)
    assert set(Evidence.objects.values_list("source", flat=True)) == {late.source.id}
    assert Actor.objects.count() == 1


def test_deleting_a_source_keeps_reviewed_facts_and_removes_orphan_actors():
    result = strike_article().ingest()
    Event.objects.update(reviewed=True)

    delete_source(source=result.source)

    assert not Source.objects.exists()
    assert Event.objects.count() == 1
    assert not Statement.objects.exists()
    # The event keeps her as a participant, so she stays.
    assert Actor.objects.count() == 1


def test_deleting_the_only_source_removes_its_machine_made_actors():
    result = strike_article().ingest()
    delete_source(source=result.source)
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def stories():
    """Three outlets telling one story with different wordings and precisions."""
    first = Article(
        'Harbour Master Ines Duarte closed the channel on Tuesday. "The channel stays closed," Duarte said.',
        outlet="First",
        published=date(2021, 3, 9),
    )
    duarte = first.actor("Ines Duarte", "Duarte", roles=("Harbour Master",))
    first.event("Harbour Master Ines Duarte closed the channel", time=day(2021, 3, 9), actors=(duarte,))
    first.quote("The channel stays closed", speaker=duarte)

    second = Article(
        "Inês Duarte, the port's foreign minister, closed the channel to shipping. "
        '"The channel stays closed until the wreck is lifted," she said.',
        outlet="Second",
        published=date(2021, 3, 10),
    )
    duarte = second.actor("Inês Duarte", roles=("foreign minister",))
    second.event(
        "Inês Duarte, the port's foreign minister, closed the channel to shipping",
        time=day(2021, 3, 9),
        actors=(duarte,),
    )
    second.quote("The channel stays closed until the wreck is lifted", speaker=duarte)

    third = Article(
        'Defense minister Ines Duarte said "the channel stays closed until the wreck is lifted" and fined the '
        "ship's owner.",
        outlet="Third",
        published=date(2021, 3, 9),
    )
    duarte = third.actor("Ines Duarte", roles=("Defense minister",))
    third.quote("the channel stays closed until the wreck is lifted", speaker=duarte, kind="partial")
    third.event("fined the ship's owner", time=day(2021, 3, 9), actors=(duarte,))
    return [first, second, third]


def test_any_order_of_ingest_gives_the_same_chronology():
    outcomes = []
    for order in itertools.permutations(range(3)):
        clear_story()
        articles = stories()
        for index in order:
            articles[index].ingest()
        outcomes.append(chronology())

    facts, conflicts, actors = outcomes[0]
    assert actors == ["Inês Duarte"]
    assert len(facts) == 3
    assert [kind for kind, _sides in conflicts] == ["role"]
    assert all(outcome == outcomes[0] for outcome in outcomes)


def test_the_same_ingests_in_the_same_order_give_the_same_uids():
    def run():
        clear_story()
        for article in stories():
            article.ingest()
        return {model.__name__: sorted(model.objects.values_list("uid", flat=True)) for model in MODELS[1:]}

    assert run() == run()


def test_candidate_name_keys_are_runs_of_capitalised_words():
    keys = candidate_name_keys("Yesterday Defense Minister Inês Duarte's aide met José de la Cruz in Porto.")
    assert {"ines duarte", "defense minister ines duarte", "jose de la cruz", "cruz", "porto"} <= keys
    assert "duarte's" not in keys
    assert "de la cruz in" not in keys


def test_gazetteer_holds_the_stored_actors_the_text_names_with_a_flat_number_of_queries(django_assert_num_queries):
    strike_article().ingest()
    other = Article("Port director Tomas Ferreira Lima resigned.")
    other.actor("Tomas Ferreira Lima", "Ferreira Lima")
    other.ingest()

    text = "Duarte met Ferreira Lima and Ana Castano at the harbour."
    with django_assert_num_queries(1):
        gazetteer = known_actor_gazetteer(text=text)

    # The forms the text uses, each with the one stored actor it names.
    assert gazetteer == (("Ines Duarte", ("Duarte",)), ("Tomas Ferreira Lima", ("Ferreira Lima",)))


def test_the_gazetteer_lends_no_form_that_names_two_stored_actors():
    strike_article().ingest()
    namesake = Article("Paulo Duarte retired.")
    namesake.actor("Paulo Duarte", "Duarte")
    namesake.ingest()

    gazetteer = known_actor_gazetteer(text="Duarte met Ines Duarte at the harbour.")

    assert gazetteer == (("Ines Duarte", ("Ines Duarte",)),)


FULL_NAME_ARTICLE = (
    "Mayor Ines Duarte Lima closed the channel on Tuesday. "
    '"The channel stays closed until the wreck is lifted," Duarte said.'
)
SURNAME_ARTICLE = 'Divers reached the wreck on Wednesday. "It will be lifted by Friday," Duarte told reporters.'


def ingest_text(text, *, outlet):
    return ingest_article(text=text, publication=Publication(published=date(2021, 3, 10), outlet=outlet))


def test_a_stored_person_is_recognised_in_a_new_article_that_gives_only_the_surname():
    ingest_text(FULL_NAME_ARTICLE, outlet="Harbour News")

    result = ingest_text(SURNAME_ARTICLE, outlet="Port Daily")

    assert (result.actors_created, result.actors_matched) == (0, 1)
    (duarte,) = Actor.objects.all()
    assert duarte.name == "Ines Duarte Lima"
    assert Statement.objects.get(text__startswith="It will be lifted").speaker == duarte
    assert list(duarte.roles.values_list("title", flat=True)) == ["Mayor"]


def test_the_stored_names_lent_to_the_extractor_give_the_same_chronology_in_either_order():
    ingest_text(FULL_NAME_ARTICLE, outlet="Harbour News")
    ingest_text(SURNAME_ARTICLE, outlet="Port Daily")
    full_name_first = chronology()
    clear_story()

    ingest_text(SURNAME_ARTICLE, outlet="Port Daily")
    ingest_text(FULL_NAME_ARTICLE, outlet="Harbour News")

    assert chronology() == full_name_first


def queries_to_ingest(article):
    with CaptureQueriesContext(connection) as queries:
        article.ingest()
    return len(queries)


def unrelated_story(number):
    text = f'Mayor Person{number} Example opened bridge {number} on Monday. "Bridge {number} is open," she said.'
    article = Article(text, outlet=f"Outlet {number}", published=date(2021, 3, 8))
    mayor = article.actor(f"Person{number} Example", roles=("Mayor",))
    article.event(f"Mayor Person{number} Example opened bridge {number}", time=day(2021, 3, 8), actors=(mayor,))
    article.quote(f"Bridge {number} is open", speaker=mayor)
    return article


def test_the_queries_to_ingest_an_article_do_not_grow_with_what_is_stored():
    unrelated_story(0).ingest()
    with_little_stored = queries_to_ingest(strike_article(outlet="First"))
    clear_story()
    for number in range(30):
        unrelated_story(number).ingest()

    assert queries_to_ingest(strike_article(outlet="Second")) == with_little_stored


PLACES = ["bridge", "school", "clinic", "market", "library", "stadium", "harbour", "museum"]


def busy_day(count, *, outlet):
    """An article with ``count`` new quotes and ``count`` new events (on different days) of one mayor."""
    sentences = [
        f'Mayor Ana Ruiz opened the {place} on March {day_number}. "The {place} is open," she said.'
        for day_number, place in enumerate(PLACES[:count], start=1)
    ]
    article = Article(" ".join(sentences), outlet=outlet, published=date(2021, 3, 9))
    mayor = article.actor("Ana Ruiz", "Ruiz", roles=("Mayor",))
    for day_number, place in enumerate(PLACES[:count], start=1):
        article.event(f"Mayor Ana Ruiz opened the {place}", time=day(2021, 3, day_number), actors=(mayor,))
        article.quote(f"The {place} is open", speaker=mayor)
    return article


def test_the_queries_to_ingest_an_article_do_not_grow_with_its_quotes_and_events():
    """Reads, new facts, evidence, participants, titles and conflicts are gathered per article (ArticleWrites)."""
    unrelated_story(0).ingest()
    few = queries_to_ingest(busy_day(2, outlet="First"))
    clear_story()
    unrelated_story(0).ingest()

    many = queries_to_ingest(busy_day(8, outlet="Second"))

    assert (Event.objects.count(), Statement.objects.count()) == (1 + 8, 1 + 8)
    assert many == few


def planner_settings():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_parallel_workers_per_gather'), current_setting('jit')")
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_the_story_lock_plans_without_parallel_workers_or_jit_only_in_its_own_transaction():
    from django.db import transaction

    from timeline.services.ingest import lock_story

    before = planner_settings()
    assert before != ("0", "off")  # the server's defaults, which the API's reads keep
    with transaction.atomic():
        lock_story()
        assert planner_settings() == ("0", "off")
    assert planner_settings() == before

    strike_article().ingest()

    assert Statement.objects.count() == 1
    assert planner_settings() == before  # a persistent connection serves the next request as it was
