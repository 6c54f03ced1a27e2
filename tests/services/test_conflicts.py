"""Where sources disagree every version is kept and the disagreement is flagged with each side's sources."""

from datetime import date

import pytest

from tests.services.builders import Article, day, month, year
from timeline.models import Conflict, ConflictKind, Event, Fact, FactType, Statement, phrase_hashes, text_key
from timeline.normalize import words
from timeline.services.conflicts import MIN_DISPUTED_QUOTE_WORDS, contained_keys, may_share_words
from timeline.services.ingest import delete_source
from timeline.services.merge import facts_where
from timeline.services.similarity import titles_conflict

pytestmark = pytest.mark.django_db


def sides_of(conflict):
    return {side.value: sorted(source.outlet for source in side.sources.all()) for side in conflict.sides.all()}


# Titles


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("foreign minister", "defense minister"),
        ("the government's foreign minister", "Venezuelan defense minister"),
        ("Minister of Defense", "foreign minister"),
        ("deputy mayor", "harbour mayor"),
    ],
)
def test_titles_naming_different_offices_of_one_kind_conflict(first, second):
    assert titles_conflict(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Defence Minister", "Defense Minister"),
        ("Information Minister", "the country's information minister"),
        ("interim president", "self-proclaimed acting president"),
        ("President", "Bolivian President"),
        ("opposition leader", "detained activist"),
        ("opposition leader", "U.S.-backed opposition leader"),
    ],
)
def test_titles_that_agree_or_describe_other_facets_do_not_conflict(first, second):
    assert not titles_conflict(first, second)


def minister_article(title, *, outlet, published=date(2021, 3, 9)):
    text = f'{title} Paula Ribeiro said: "The army stays in its barracks."'
    article = Article(text, outlet=outlet, published=published)
    article.quote("The army stays in its barracks.", speaker=article.actor("Paula Ribeiro", roles=(title,)))
    return article


def test_different_titles_for_one_actor_at_the_same_time_are_flagged_with_each_sides_sources():
    minister_article("Defense Minister", outlet="A").ingest()
    minister_article("Defence Minister", outlet="B").ingest()
    result = minister_article("Foreign Minister", outlet="C").ingest()

    (conflict,) = Conflict.objects.all()
    assert result.conflicts_created == 1
    assert (conflict.kind, conflict.actor.name) == (ConflictKind.ROLE, "Paula Ribeiro")
    assert sides_of(conflict) == {"Defence Minister": ["A", "B"], "Foreign Minister": ["C"]}
    assert "Paula Ribeiro" in conflict.description
    assert list(conflict.facts.all()) == list(Statement.objects.all())


def test_an_actors_title_conflicts_of_two_kinds_gather_every_source_and_follow_a_new_name():
    """Each office kind is its own conflict, whose sides gather the sources of every article; an
    article renaming the actor refreshes every one of its conflicts, whose descriptions name it."""
    minister_article("Defense Minister", outlet="A").ingest()
    minister_article("Foreign Minister", outlet="B").ingest()
    minister_article("Deputy Mayor", outlet="C").ingest()
    minister_article("Harbour Mayor", outlet="D").ingest()
    again = Article('Foreign Minister Paula Ribeiro spoke: "The army stays in its barracks."', outlet="E")
    again.quote("The army stays in its barracks.", speaker=again.actor("Paula Ribeiro", roles=("Foreign Minister",)))
    again.ingest()

    def sides_by_kind():
        return sorted((sides_of(conflict) for conflict in Conflict.objects.filter(kind=ConflictKind.ROLE)), key=str)

    assert sides_by_kind() == [
        {"Defense Minister": ["A"], "Foreign Minister": ["B", "E"]},
        {"Deputy Mayor": ["C"], "Harbour Mayor": ["D"]},
    ]

    renaming = Article('Paula Ribeiro Santos said: "The army stays in its barracks."', outlet="F")
    renaming.quote("The army stays in its barracks.", speaker=renaming.actor("Paula Ribeiro Santos"))
    renaming.ingest()

    descriptions = list(Conflict.objects.values_list("description", flat=True))
    assert len(descriptions) == 2
    assert all("Paula Ribeiro Santos" in description for description in descriptions)
    assert len(sides_by_kind()) == 2


def test_agreeing_titles_raise_no_conflict():
    minister_article("Defense Minister", outlet="A").ingest()
    minister_article("Defence Minister", outlet="B").ingest()

    assert not Conflict.objects.exists()


def test_titles_years_apart_are_a_change_of_job_not_a_conflict():
    minister_article("Defense Minister", outlet="A", published=date(2019, 3, 9)).ingest()
    minister_article("Foreign Minister", outlet="B", published=date(2021, 3, 9)).ingest()

    assert not Conflict.objects.exists()


def test_the_role_conflict_goes_when_the_source_of_one_side_is_deleted():
    minister_article("Defense Minister", outlet="A").ingest()
    contradicting = minister_article("Foreign Minister", outlet="B").ingest()
    assert Conflict.objects.count() == 1

    delete_source(source=contradicting.source)

    assert not Conflict.objects.exists()


def test_a_reviewed_role_conflict_is_left_as_the_person_left_it():
    minister_article("Defense Minister", outlet="A").ingest()
    minister_article("Foreign Minister", outlet="B").ingest()
    Conflict.objects.update(reviewed=True, description="Checked: she moved ministries that morning.")
    minister_article("Interior Minister", outlet="C").ingest()

    (conflict,) = Conflict.objects.all()
    assert conflict.description == "Checked: she moved ministries that morning."
    assert set(sides_of(conflict)) == {"Defense Minister", "Foreign Minister"}


# Speakers


def quoted_by(speaker, *, outlet):
    words = "The port will stay closed until the workers are paid"
    article = Article(f'From {outlet}: "{words}," said {speaker}.', outlet=outlet)
    article.quote(words, speaker=article.actor(speaker))
    return article


def test_same_words_credited_to_different_speakers_are_kept_and_flagged():
    quoted_by("Ana Castano", outlet="A").ingest()
    quoted_by("Ana Castano", outlet="B").ingest()
    quoted_by("Ruben Salgado", outlet="C").ingest()

    assert Statement.objects.count() == 2
    (conflict,) = Conflict.objects.all()
    assert conflict.kind == ConflictKind.SPEAKER
    assert sides_of(conflict) == {"Ana Castano": ["A", "B"], "Ruben Salgado": ["C"]}
    assert set(conflict.facts.all()) == set(Statement.objects.all())
    assert {side.fact.speaker.name for side in conflict.sides.all()} == {"Ana Castano", "Ruben Salgado"}


def test_the_speaker_conflict_is_the_same_whatever_the_order():
    quoted_by("Ruben Salgado", outlet="C").ingest()
    quoted_by("Ana Castano", outlet="A").ingest()
    quoted_by("Ana Castano", outlet="B").ingest()

    (conflict,) = Conflict.objects.all()
    assert sides_of(conflict) == {"Ana Castano": ["A", "B"], "Ruben Salgado": ["C"]}


def quoted_in(year_expression, words, speaker, *, outlet, when):
    article = Article(f'{speaker} said {year_expression}: "{words}"', outlet=outlet)
    article.quote(words, speaker=article.actor(speaker), time=when)
    return article


@pytest.mark.parametrize("longer_first", [True, False])
def test_part_of_a_quote_credited_to_another_speaker_is_flagged_whichever_came_first(longer_first):
    longer = "The port will stay closed until the workers are paid in full"
    shorter = "stay closed until the workers are paid"
    articles = [
        quoted_in("in March", longer, "Ana Castano", outlet="A", when=month(2021, 3)),
        quoted_in("on Monday", shorter, "Ruben Salgado", outlet="B", when=day(2021, 3, 8)),
    ]
    for article in articles if longer_first else reversed(articles):
        article.ingest()

    (conflict,) = Conflict.objects.all()
    assert sides_of(conflict) == {"Ana Castano": ["A"], "Ruben Salgado": ["B"]}


def test_the_same_words_dated_to_a_whole_year_are_found_among_that_years_other_statements():
    words = "The port will stay closed until the workers are paid"
    for number in range(30):
        other = f"Budget line {number} will be reviewed by the council before the summer"
        quoted_in("in 2020", other, f"Speaker {number}", outlet=f"Other {number}", when=year(2020)).ingest()
    quoted_in("in 2020", words, "Ana Castano", outlet="A", when=year(2020)).ingest()
    quoted_in("on March 9", words, "Ruben Salgado", outlet="B", when=day(2020, 3, 9)).ingest()

    (conflict,) = Conflict.objects.all()
    assert sides_of(conflict) == {"Ana Castano": ["A"], "Ruben Salgado": ["B"]}


def test_reworded_quotes_of_two_speakers_are_not_flagged():
    quoted_in(
        "",
        "We reject this coup attempt that wants to fill the country with violence",
        "Ana Castano",
        outlet="A",
        when=day(2021, 3, 9),
    ).ingest()
    quoted_in(
        "",
        "reject this coup movement that aims to fill the country with violence",
        "Ruben Salgado",
        outlet="B",
        when=day(2021, 3, 9),
    ).ingest()

    assert Statement.objects.count() == 2
    assert not Conflict.objects.exists()


def test_a_short_common_phrase_from_two_speakers_is_no_conflict():
    for speaker, outlet in (("Ana Castano", "A"), ("Ruben Salgado", "B")):
        article = Article(f'{speaker} called them "traitors".', outlet=outlet)
        article.quote("traitors", speaker=article.actor(speaker), kind="partial")
        article.ingest()

    assert Statement.objects.count() == 2
    assert not Conflict.objects.exists()


@pytest.mark.parametrize(
    "quote",
    [
        "We will not accept this usurpation of power by anyone",
        "Ｆｕｌｌ-width ÉCRITURE straße ﬁnal ½ Ǆemal ﬀ Ⅻ words, and more",
        "one " + "extraordinarily " * 30 + "long quote",
    ],
)
def test_the_contained_keys_are_the_text_keys_of_every_run_of_enough_words(quote):
    quote_words = words(quote)
    runs = set()
    for first in range(len(quote_words)):
        for last in range(first + MIN_DISPUTED_QUOTE_WORDS, len(quote_words) + 1):
            runs.add(text_key(" ".join(quote_words[first:last])))
    # Runs are cut where their key reaches the indexed length: every longer run has the same key.
    assert set(contained_keys(quote)) == runs


def test_the_candidates_of_a_quote_are_the_statements_it_is_part_of_and_those_part_of_it():
    quote = "The port will stay closed until the workers are paid"
    stored = {
        "holds it": "Everyone knows the port will stay closed until the workers are paid in full",
        "part of it": "stay closed until the workers",
        "its words in another order": "until the workers are paid the port will stay closed",
        "a run in common": "the port will stay open",
        "unrelated": "Budget line 4 will be reviewed by the council",
    }
    for number, text in enumerate(stored.values()):
        quoted_in("in 2020", text, f"Speaker {number}", outlet=f"Outlet {number}", when=year(2020)).ingest()
    new = Fact(type=FactType.STATEMENT, text=quote, time_start=year(2020).start, time_end=year(2020).end)

    candidates = facts_where(may_share_words([new]))

    assert sorted(fact.text for fact in candidates) == sorted([stored["holds it"], stored["part of it"]])


def test_the_statements_holding_a_quote_are_read_through_the_word_hash_index():
    from django.db import connection

    quoted_in("in 2020", "The port will stay closed", "Ana Castano", outlet="A", when=year(2020)).ingest()
    # Enough other statements, and fresh statistics, for the planner to weigh the index as it does
    # on a corpus in production.
    texts = [f"Budget line {number} will be reviewed by the council" for number in range(2000)]
    Fact.objects.bulk_create(
        Fact(
            type=FactType.STATEMENT,
            quote_kind="direct",
            text=text,
            text_key=text_key(text),
            word_hashes=phrase_hashes(text),
        )
        for text in texts
    )
    new = Fact(
        type=FactType.STATEMENT, text="the port will stay closed", time_start=year(2020).start, time_end=year(2020).end
    )
    sql, params = may_share_words([new])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeline_fact")
        cursor.execute(f"EXPLAIN SELECT id FROM timeline_fact fact WHERE {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "fact_word_hashes_idx" in plan


def test_the_speaker_conflict_goes_with_the_only_source_of_one_side():
    quoted_by("Ana Castano", outlet="A").ingest()
    other = quoted_by("Ruben Salgado", outlet="B").ingest()

    delete_source(source=other.source)

    assert not Conflict.objects.exists()
    assert Statement.objects.get().speaker.name == "Ana Castano"


# Dates


def arrest_article(when, *, outlet, expression):
    article = Article(f"Union leader Ruben Salgado was arrested by police {expression}.", outlet=outlet)
    salgado = article.actor("Ruben Salgado")
    article.event(
        "Union leader Ruben Salgado was arrested by police", time=day(*when, expression=expression), actors=(salgado,)
    )
    return article


def test_incompatible_dates_for_one_event_keep_both_versions_and_are_flagged():
    arrest_article((2021, 3, 8), outlet="A", expression="on Monday").ingest()
    arrest_article((2021, 3, 9), outlet="B", expression="on Tuesday").ingest()

    assert Event.objects.count() == 2
    (conflict,) = Conflict.objects.all()
    assert conflict.kind == ConflictKind.DATE
    assert sides_of(conflict) == {"2021-03-08": ["A"], "2021-03-09": ["B"]}
    assert {side.fact.time_expression for side in conflict.sides.all()} == {"on Monday", "on Tuesday"}


def test_agreeing_dates_merge_and_raise_no_conflict():
    arrest_article((2021, 3, 8), outlet="A", expression="on Monday").ingest()
    arrest_article((2021, 3, 8), outlet="B", expression="on March 8").ingest()

    assert Event.objects.count() == 1
    assert not Conflict.objects.exists()


def test_one_source_telling_two_similar_happenings_is_no_date_conflict():
    text = "Ruben Salgado was arrested by police on Monday. Ruben Salgado was arrested by police again on Friday."
    article = Article(text)
    salgado = article.actor("Ruben Salgado")
    article.event("Ruben Salgado was arrested by police on Monday", time=day(2021, 3, 8), actors=(salgado,))
    article.event("Ruben Salgado was arrested by police again on Friday", time=day(2021, 3, 12), actors=(salgado,))
    article.ingest()

    assert Event.objects.count() == 2
    assert not Conflict.objects.exists()


def test_reingesting_does_not_duplicate_conflicts():
    first = arrest_article((2021, 3, 8), outlet="A", expression="on Monday")
    first.ingest()
    arrest_article((2021, 3, 9), outlet="B", expression="on Tuesday").ingest()
    result = first.ingest()

    assert (result.created, result.conflicts_created) == (False, 0)
    assert Conflict.objects.count() == 1


def test_a_reviewed_conflict_and_its_actor_outlive_the_sources():
    first = minister_article("Defense Minister", outlet="A").ingest()
    second = minister_article("Foreign Minister", outlet="B").ingest()
    Conflict.objects.update(reviewed=True)

    delete_source(source=first.source)
    delete_source(source=second.source)

    (conflict,) = Conflict.objects.all()
    assert conflict.actor.name == "Paula Ribeiro"


@pytest.mark.parametrize("index", ["fact_text_search_idx", "fact_word_hashes_idx"])
def test_new_facts_are_found_without_waiting_in_a_gin_index_pending_list(index):
    """Ingest searches the word-hash index for every quote and every event naming nobody, and the
    API the full-text index for every ``q``; a pending list would be read in full by each search
    until a vacuum."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [index])
        (options,) = cursor.fetchone()
    assert "fastupdate=off" in options
