"""Merging across sources: one actor per person, one statement per utterance, one event per happening.

The articles are short stories written for these tests; each rule has a case that must merge and a
case that must stay apart.
"""

from datetime import UTC, date, datetime

import pytest

from tests.services.builders import Article, day, hour, month, year
from timeline.extraction.types import TimeValue
from timeline.models import Actor, ActorRole, Alias, Event, Evidence, Precision, Statement, TimeBasis
from timeline.services.similarity import same_happening, same_quote

pytestmark = pytest.mark.django_db


def aliases_of(actor):
    return sorted(actor.aliases.values_list("name", flat=True))


# Quotes compared without the database: the thresholds in similarity.py are set by these pairs.

LONG_REJECTION = (
    "We reject this coup attempt that wants to fill the country with violence. The pseudo-political leaders of "
    "this subversive attempt have employed troops and policemen with weapons on a public highway to sow chaos "
    "and terror."
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The port will reopen on Monday", "the port will reopen on Monday!"),
        ("We will rebuild the bridge by the summer, and we will pay for it", "We will rebuild the bridge"),
        (
            "We reject this coup attempt that wants to fill the country with violence",
            "reject this coup movement that aims to fill the country with violence",
        ),
        (LONG_REJECTION, "reject this coup movement that aims to fill the country with violence"),
        (
            "Nobody will take away the right of workers to strike in this country",
            "no one will take away from the workers of this country the right to strike",
        ),
        (
            "The port will reopen when the workers decide, not before",
            "the port will reopen when workers decide and not before that",
        ),
        (
            "The army has taken the right decision to stand with the people",
            "the army had made the right decision to stand with the people",
        ),
    ],
)
def test_same_words_in_other_wording_are_one_quote(first, second):
    assert same_quote(first, second)
    assert same_quote(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "We will not negotiate with those who set fire to our ports",
            "We will meet the union leaders on Thursday to discuss wages",
        ),
        (
            "The strike has cost the city more than ten million dollars",
            "The strike has cost the region more than two million jobs",
        ),
        (
            "Our members voted to continue the strike until the end of the month",
            "our members voted to return to work on Monday",
        ),
        ("We are ready to sign an agreement tomorrow", "We are not ready to sign an agreement tomorrow"),
        ("Three ships will leave the port this week", "Four ships will leave the port this week"),
        ("We reject this coup attempt", "We reject this budget proposal"),
        (LONG_REJECTION, "Always loyal, traitors never!"),
        (
            "We will defend the constitution with our lives",
            "We will defend the workers of this port with our lives",
        ),
        # Two words in common are a phrase anyone uses, not the same statement.
        ("the people", "The people of this city have spoken and they want the port open"),
    ],
)
def test_different_statements_are_not_one_quote(first, second):
    assert not same_quote(first, second)
    assert not same_quote(second, first)


def test_same_happening_told_in_other_words():
    assert same_happening(
        "Police fired tear gas at protesters outside the port",
        "police used tear gas against protesters near the port on Tuesday",
    )
    assert not same_happening("The mayor closed the port", "The mayor met union leaders at the town hall")


@pytest.mark.parametrize(
    "first, second",
    [
        ("On Tuesday morning, Ruiz visited Lima", "Ruiz visited Lima on Tuesday"),
        ("In March 2015, the court suspended the Brandor dam", "The court suspended the Brandor dam"),
        ("On 30 April police fired tear gas at the crowd", "Police fired tear gas at the crowd"),
    ],
)
def test_the_time_expression_is_not_what_happened(first, second):
    assert same_happening(first, second)
    assert same_happening(second, first)


@pytest.mark.parametrize(
    "first, second, naming",
    [
        # The time and the participant are checked apart; the clause alone tells the happenings apart.
        ("On Sunday, Ana Ruiz visited Lima", "On Sunday, Ana Ruiz was sworn in in Lima", "ana ruiz lima"),
        (
            "On Sunday, Ana Ruiz was detained at the airport in Lima",
            "On Sunday, Ana Ruiz signed an agreement with Luis Vega in Lima",
            "ana ruiz lima",
        ),
        ("In 2011, the court suspended the Brandor hospital", "In 2011, the court suspended the Kelvo dam", ""),
        ("In 2015, lawmakers approved the bailout", "In July 2015, lawmakers approved the census", ""),
        (
            "In March 2015, Ana Ruiz presented a plan on the Brandor dam in Lima",
            "In March 2015, Ana Ruiz resigned after a dispute over the Brandor dam",
            "ana ruiz",
        ),
        (
            "On Friday, Luis Vega announced sanctions against Ana Ruiz",
            "On Friday, Luis Vega filed a complaint against Ana Ruiz in Lima",
            "luis vega ana ruiz",
        ),
    ],
)
def test_happenings_sharing_only_their_time_people_and_place_are_different(first, second, naming):
    naming = frozenset(naming.split())
    assert not same_happening(first, second, naming=naming, places=("Lima", "Lima"))
    assert not same_happening(second, first, naming=naming, places=("Lima", "Lima"))


def test_happenings_at_two_places_are_different():
    assert not same_happening(
        "Election officials began counting votes in Paris", "Election officials began counting votes in Lima"
    )
    first, second = "A power outage left the capital in the dark", "A power outage left the whole capital in the dark"
    assert same_happening(first, second, places=("Paris", ""))
    assert not same_happening(first, second, places=("Paris", "Lima"))
    # A place the other summary mentions is the same place told more or less precisely.
    assert same_happening(
        "Troops fired tear gas at protesters near La Carlota in Caracas",
        "Troops fired tear gas at protesters in Caracas",
        places=("La Carlota", "Caracas"),
    )


def test_a_summary_of_only_names_and_times_is_the_same_happening_only_in_the_same_words():
    assert same_happening(
        "Ana Ruiz and Luis Vega on Tuesday", "Ana Ruiz and Luis Vega, Tuesday", naming=frozenset(["ana", "ruiz"])
    )
    assert not same_happening(
        "Ana Ruiz on Tuesday", "Ana Ruiz, Luis Vega on Tuesday", naming=frozenset(["ana", "ruiz"])
    )


# Actors


def test_accented_and_plain_spellings_are_one_actor_named_with_the_accents():
    first = Article("Mayor Ana Castano said the port would reopen.")
    first.actor("Ana Castano", "Castano")
    first.ingest()
    second = Article("ANA CASTAÑO, the mayor, spoke on Tuesday.", published=date(2021, 3, 10))
    second.actor("Ana Castaño")
    second.ingest()

    (actor,) = Actor.objects.all()
    assert actor.name == "Ana Castaño"
    assert aliases_of(actor) == ["Ana Castano", "Castano"]


def test_surname_alone_attaches_to_the_one_actor_seen_under_it():
    first = Article("Dockers' leader Ruben Salgado called the strike. Salgado said it would last.")
    first.actor("Ruben Salgado", "Salgado")
    first.ingest()
    second = Article("Salgado told reporters the strike was over.", published=date(2021, 3, 12))
    second.actor("Salgado")
    second.ingest()

    (actor,) = Actor.objects.all()
    assert actor.name == "Ruben Salgado"


def test_an_actor_first_seen_by_surname_alone_joins_the_person_named_in_full_later():
    first = Article('"The strike is over," Salgado said. Salgado is a union leader.')
    first.quote("The strike is over", speaker=first.actor("Salgado", roles=("union leader",)))
    first.event("Salgado is a union leader", time=day(2021, 3, 9), actors=(0,))
    first.ingest()
    second = Article("Union leader Ruben Salgado went home. Salgado was tired.", published=date(2021, 3, 10))
    second.actor("Ruben Salgado", "Salgado", roles=("Union leader",))
    second.ingest()

    (actor,) = Actor.objects.all()
    assert (actor.name, aliases_of(actor)) == ("Ruben Salgado", ["Ruben Salgado", "Salgado"])
    assert Statement.objects.get().speaker == actor
    assert list(Event.objects.get().participants.all()) == [actor]
    assert sorted(actor.roles.values_list("title", flat=True)) == ["Union leader", "union leader"]


def test_each_actor_of_an_article_is_found_as_the_ones_resolved_before_it_left_the_story():
    """An article's actors are looked up in one read; what resolving each changes (a new person's
    aliases, a surname-only actor folded into the full name) must be seen by the ones after it."""
    first = Article('"The strike is over," Salgado said.')
    first.quote("The strike is over", speaker=first.actor("Salgado"))
    first.ingest()
    second = Article('Ruben Salgado and Ana Ruiz met. "We agree," Salgado said. "So do we," Ruiz said.')
    second.actor("Ruben Salgado", "Salgado")
    second.actor("Ana Ruiz", "Ruiz")
    second.quote("We agree", speaker=second.actor("Salgado"))
    second.quote("So do we", speaker=second.actor("Ruiz"))
    second.ingest()

    assert sorted(Actor.objects.values_list("name", flat=True)) == ["Ana Ruiz", "Ruben Salgado"]
    assert sorted(Statement.objects.values_list("speaker__name", "text")) == [
        ("Ana Ruiz", "So do we"),
        ("Ruben Salgado", "The strike is over"),
        ("Ruben Salgado", "We agree"),
    ]


def test_people_sharing_a_surname_stay_apart():
    first = Article(
        "Union chief Carlos Medina met Finance Minister Lucia Ortega Medina. Medina, the union chief, left."
    )
    carlos = first.actor("Carlos Medina", "Medina")
    lucia = first.actor("Lucia Ortega Medina", "Ortega Medina")
    first.quote("left", speaker=carlos, kind="partial")
    first.ingest()
    assert lucia != carlos
    second = Article("Lucia Ortega Medina, the finance minister, spoke again.", published=date(2021, 3, 10))
    second.actor("Lucia Ortega Medina", "Ortega Medina")
    second.ingest()

    assert sorted(Actor.objects.values_list("name", flat=True)) == ["Carlos Medina", "Lucia Ortega Medina"]


def test_a_surname_two_people_were_seen_under_names_neither():
    first = Article("Carlos Medina and Lucia Medina met. Medina, he said, agreed. Medina, she said, did not.")
    first.actor("Carlos Medina", "Medina")
    first.actor("Lucia Medina", "Medina")
    first.ingest()
    second = Article("Medina said on Friday the talks had failed.", published=date(2021, 3, 12))
    second.actor("Medina")
    second.ingest()

    assert sorted(Actor.objects.values_list("name", flat=True)) == ["Carlos Medina", "Lucia Medina", "Medina"]


@pytest.mark.parametrize("order", [("short", "long"), ("long", "short")])
def test_name_with_and_without_second_surname_is_one_actor_named_in_full(order):
    articles = {
        "short": Article("Tomas Ferreira, the port director, resigned.", outlet="A"),
        "long": Article("Port director Tomas Ferreira Lima resigned on Monday.", outlet="B"),
    }
    articles["short"].actor("Tomas Ferreira")
    articles["long"].actor("Tomas Ferreira Lima")
    for name in order:
        articles[name].ingest()

    (actor,) = Actor.objects.all()
    assert actor.name == "Tomas Ferreira Lima"
    assert aliases_of(actor) == ["Tomas Ferreira", "Tomas Ferreira Lima"]


def test_actors_a_person_split_stay_split():
    economist = Actor.objects.create(name="Jorge Ramos", reviewed=True)
    minister = Actor.objects.create(name="Jorge Ramos", reviewed=True)
    for actor in (economist, minister):
        Alias.objects.create(actor=actor, name="Jorge Ramos")
    ActorRole.objects.create(actor=economist, title="economist", reviewed=True)
    ActorRole.objects.create(actor=minister, title="economy minister", reviewed=True)

    article = Article("Economy minister Jorge Ramos said growth would slow.")
    article.actor("Jorge Ramos", roles=("Economy minister",))
    article.ingest()

    assert Actor.objects.count() == 2
    assert ActorRole.objects.get(source__isnull=False).actor == minister


def test_an_actor_a_person_merged_stays_merged_and_keeps_its_name():
    merged = Actor.objects.create(name="William Carter", reviewed=True)
    for name in ("William Carter", "Bill Carter"):
        Alias.objects.create(actor=merged, name=name)

    article = Article("Senator Bill Carter Jr said the bill would pass.")
    article.actor("Bill Carter Jr")
    article.ingest()
    other = Article("Bill Carter, the senator, disagreed.", published=date(2021, 3, 10))
    other.actor("Bill Carter")
    other.ingest()

    assert Actor.objects.get() == merged
    merged.refresh_from_db()
    assert merged.name == "William Carter"
    assert "Bill Carter" in aliases_of(merged)


def test_roles_are_recorded_with_their_source_and_offsets():
    article = Article("Harbour Master Ines Duarte closed the channel.")
    article.actor("Ines Duarte", roles=("Harbour Master",))
    result = article.ingest()

    (role,) = ActorRole.objects.all()
    assert (role.title, role.source, role.actor.name) == ("Harbour Master", result.source, "Ines Duarte")
    assert result.source.text[role.start : role.end] == "Harbour Master"


def test_organisations_match_on_their_name_alone():
    first = Article("The Dockworkers Union called a strike.")
    first.actor("Dockworkers Union", kind="organization")
    first.ingest()
    second = Article("The dockworkers union ended the strike.", published=date(2021, 3, 10))
    second.actor("dockworkers union", kind="organization")
    second.ingest()

    assert Actor.objects.count() == 1


# Statements


def two_reports(first_text, first_quote, second_text, second_quote, *, second_kind="direct", second_published=None):
    first = Article(first_text, outlet="First")
    first.quote(first_quote, speaker=first.actor("Ana Castano"))
    first.ingest()
    second = Article(second_text, outlet="Second", published=second_published or date(2021, 3, 9))
    second.quote(second_quote, speaker=second.actor("Ana Castano"), kind=second_kind)
    second.ingest()


def test_identical_quote_from_two_sources_is_one_statement_with_evidence_from_each():
    words = "The port will reopen on Monday"
    two_reports(
        f'"{words}," the mayor said.',
        words,
        f'Mayor Ana Castano said: "{words}."',
        words,
        second_published=date(2021, 3, 8),
    )

    (statement,) = Statement.objects.all()
    assert statement.text == words
    assert statement.evidence.count() == 2
    assert {evidence.excerpt for evidence in statement.evidence.all()} == {words}
    assert statement.first_reported_at == datetime(2021, 3, 8, tzinfo=UTC)


def test_a_statement_that_only_gains_a_source_is_not_rewritten_but_one_that_changes_is():
    """``updated_at`` says when a fact's own fields last changed, not when one more source cited it."""
    words = "The port will reopen on Monday"
    first = Article(f'"{words}," the mayor said.', published=date(2021, 3, 9))
    first.quote(words, speaker=first.actor("Ana Castano"))
    first.ingest()
    written = Statement.objects.get().updated_at
    again = Article(f'"{words}," Castano said.', outlet="Later", published=date(2021, 3, 10))
    again.quote(words, speaker=again.actor("Ana Castano"))
    again.ingest()
    (statement,) = Statement.objects.all()
    assert statement.evidence.count() == 2
    assert statement.updated_at == written
    earlier = Article(f'Castano said: "{words}."', outlet="Earlier", published=date(2021, 3, 8))
    earlier.quote(words, speaker=earlier.actor("Ana Castano"))
    earlier.ingest()
    statement.refresh_from_db()
    assert statement.evidence.count() == 3
    assert statement.first_reported_at == datetime(2021, 3, 8, tzinfo=UTC)
    assert statement.updated_at > written


def test_truncated_quote_is_the_same_statement_and_the_full_wording_is_kept():
    full = "We will rebuild the bridge by the summer, and we will pay for it ourselves"
    two_reports(f'"{full}," she said.', full, '"We will rebuild the bridge," she said.', "We will rebuild the bridge")

    (statement,) = Statement.objects.all()
    assert statement.text == full
    assert statement.evidence.count() == 2


def test_split_quote_parts_join_the_whole_quote():
    full = "We will rebuild the bridge by the summer, and we will pay for it ourselves"
    split = '"We will rebuild the bridge by the summer," Castano said, "and we will pay for it ourselves."'
    first = Article(f'"{full}," she said.')
    first.quote(full, speaker=first.actor("Ana Castano"))
    first.ingest()
    second = Article(split)
    speaker = second.actor("Ana Castano", "Castano")
    second.quote("We will rebuild the bridge by the summer,", speaker=speaker)
    second.quote("and we will pay for it ourselves.", speaker=speaker)
    second.ingest()

    (statement,) = Statement.objects.all()
    assert statement.evidence.count() == 3


def test_partial_quote_inside_a_direct_one_is_the_same_statement():
    full = "We will rebuild the bridge by the summer, and we will pay for it ourselves"
    two_reports(
        f'"{full}," she said.',
        full,
        'Castano promised to "pay for it ourselves" once the bridge is rebuilt.',
        "pay for it ourselves",
        second_kind="partial",
    )

    (statement,) = Statement.objects.all()
    assert (statement.text, statement.quote_kind) == (full, "direct")


def test_partial_quote_arriving_first_gives_way_to_the_direct_one():
    full = "We will rebuild the bridge by the summer, and we will pay for it ourselves"
    first = Article('Castano promised to "pay for it ourselves" once the bridge is rebuilt.')
    first.quote("pay for it ourselves", speaker=first.actor("Ana Castano"), kind="partial")
    first.ingest()
    second = Article(f'"{full}," she said.')
    second.quote(full, speaker=second.actor("Ana Castano"))
    second.ingest()

    (statement,) = Statement.objects.all()
    assert (statement.text, statement.quote_kind) == (full, "direct")


def test_parts_stored_apart_become_one_statement_when_the_whole_quote_arrives():
    full = "We will rebuild the bridge by the summer, and we will pay for it ourselves"
    first = Article('Castano vowed to "rebuild the bridge by the summer" and to "pay for it ourselves".')
    speaker = first.actor("Ana Castano")
    first.quote("rebuild the bridge by the summer", speaker=speaker, kind="partial")
    first.quote("pay for it ourselves", speaker=speaker, kind="partial")
    first.ingest()
    assert Statement.objects.count() == 2
    second = Article(f'"{full}," she said.')
    second.quote(full, speaker=second.actor("Ana Castano"))
    second.ingest()

    (statement,) = Statement.objects.all()
    assert (statement.text, statement.evidence.count()) == (full, 3)


def test_translations_of_the_same_words_by_the_same_speaker_on_the_same_day_are_one_statement():
    two_reports(
        'The minister wrote: "We reject this coup attempt that wants to fill the country with violence."',
        "We reject this coup attempt that wants to fill the country with violence.",
        'He said the forces "reject this coup movement that aims to fill the country with violence".',
        "reject this coup movement that aims to fill the country with violence",
        second_kind="partial",
    )

    (statement,) = Statement.objects.all()
    assert statement.evidence.count() == 2
    assert statement.text.startswith("We reject this coup attempt")


def test_different_statements_by_the_same_speaker_stay_apart():
    two_reports(
        '"We will not negotiate with those who set fire to our ports," she said.',
        "We will not negotiate with those who set fire to our ports",
        '"We will meet the union leaders on Thursday to discuss wages," she said.',
        "We will meet the union leaders on Thursday to discuss wages",
    )

    assert Statement.objects.count() == 2


def test_the_same_words_a_year_apart_are_two_statements():
    words = "We will never give up this port"
    first = Article(f'"{words}," she said.', published=date(2020, 3, 9))
    first.quote(words, speaker=first.actor("Ana Castano"))
    first.ingest()
    second = Article(f'"{words}," she said again.', published=date(2021, 3, 9))
    second.quote(words, speaker=second.actor("Ana Castano"))
    second.ingest()

    assert Statement.objects.count() == 2


def test_statement_without_a_stated_time_is_dated_by_publication():
    article = Article('"The port is closed," said Castano.', published=date(2021, 3, 9))
    article.quote("The port is closed", speaker=article.actor("Ana Castano"))
    article.ingest()

    statement = Statement.objects.get()
    assert (statement.time_start, statement.time_end) == (
        datetime(2021, 3, 9, tzinfo=UTC),
        datetime(2021, 3, 10, tzinfo=UTC),
    )
    assert (statement.time_precision, statement.time_basis) == (Precision.DAY, TimeBasis.PUBLICATION)
    assert list(statement.participants.values_list("name", flat=True)) == ["Ana Castano"]
    assert (statement.quote_kind, statement.cue) == ("direct", "said")


def test_stated_time_is_preferred_to_the_publication_date():
    words = "The port is closed until further notice"
    first = Article(f'"{words}," said Castano.')
    first.quote(words, speaker=first.actor("Ana Castano"))
    first.ingest()
    second = Article(f'"{words}," Castano said on Tuesday morning.')
    second.quote(words, speaker=second.actor("Ana Castano"), time=hour(2021, 3, 9, 9, expression="Tuesday morning"))
    second.ingest()

    statement = Statement.objects.get()
    assert (statement.time_basis, statement.time_precision, statement.time_expression) == (
        TimeBasis.STATED,
        Precision.HOUR,
        "Tuesday morning",
    )


def test_quote_without_a_speaker_is_not_stored():
    article = Article('Critics called it "a betrayal of the workers".')
    article.quote("a betrayal of the workers", speaker=None, kind="partial")
    result = article.ingest()

    assert Statement.objects.count() == 0
    assert result.statements_created == 0


# Events


def test_same_happening_from_two_sources_is_one_event_anchored_by_the_most_precise_report():
    first = Article("Police fired tear gas at protesters outside the port on Tuesday.", outlet="First")
    police = first.actor("Police", kind="organization")
    first.event("Police fired tear gas at protesters outside the port", time=day(2021, 3, 9), actors=(police,))
    first.ingest()
    second = Article("At 9am police used tear gas against protesters near the port.", outlet="Second")
    police = second.actor("police", kind="organization")
    second.event(
        "police used tear gas against protesters near the port",
        time=hour(2021, 3, 9, 9, expression="At 9am"),
        actors=(police,),
        place="port",
    )
    second.ingest()
    third = Article("In March police fired tear gas at protesters outside the port.", outlet="Third")
    police = third.actor("Police", kind="organization")
    third.event(
        "police fired tear gas at protesters outside the port",
        time=month(2021, 3, expression="In March"),
        actors=(police,),
    )
    third.ingest()

    (event,) = Event.objects.all()
    assert event.evidence.count() == 3
    assert (event.time_start, event.time_precision, event.time_expression) == (
        datetime(2021, 3, 9, 9, tzinfo=UTC),
        Precision.HOUR,
        "At 9am",
    )
    assert event.place == "port"
    assert list(event.participants.values_list("name", flat=True)) == ["Police"]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1)])
def test_events_stored_apart_join_when_a_report_tells_them_as_one(order):
    clauses = [
        "Police fired tear gas at the crowd",
        "Police detained the dockers' leaders",
        "Police fired tear gas at the crowd and detained the dockers' leaders",
    ]
    for index in order:
        article = Article(f"On Tuesday {clauses[index]}.", outlet=f"Outlet {index}")
        police = article.actor("Police", kind="organization")
        article.event(clauses[index], time=day(2021, 3, 9), actors=(police,))
        article.ingest()

    (event,) = Event.objects.all()
    assert event.text == clauses[2]
    assert sorted(event.evidence.values_list("source__outlet", flat=True)) == ["Outlet 0", "Outlet 1", "Outlet 2"]


@pytest.mark.parametrize("coarse_first", [True, False])
def test_a_decade_and_a_day_years_into_it_merge_the_same_whichever_comes_first(coarse_first):
    """A stored decade-long anchor is found only from within a year of its start; a new one finds only
    what starts within a year of its own, or the order of the reports decided the number of events."""

    def the_2010s():
        return TimeValue(
            start=datetime(2010, 1, 1, tzinfo=UTC),
            end=datetime(2020, 1, 1, tzinfo=UTC),
            precision=Precision.DECADE,
            expression="the 2010s",
            basis=TimeBasis.STATED,
        )

    coarse = Article("In the 2010s the Kelvo dam burst.", outlet="Coarse")
    coarse.event("the Kelvo dam burst", time=the_2010s())
    fine = Article("On 5 June 2016 the Kelvo dam burst.", outlet="Fine")
    fine.event("the Kelvo dam burst", time=day(2016, 6, 5))
    near = Article("On 2 March 2010 the Kelvo dam burst.", outlet="Near")
    near.event("the Kelvo dam burst", time=day(2010, 3, 2))
    for article in [coarse, fine, near] if coarse_first else [fine, near, coarse]:
        article.ingest()

    outlets = sorted(sorted(event.evidence.values_list("source__outlet", flat=True)) for event in Event.objects.all())
    assert outlets == [["Coarse", "Near"], ["Fine"]]


def test_different_happenings_of_the_same_day_and_people_stay_apart():
    article = Article("The mayor closed the port. Later the mayor met union leaders at the town hall.")
    mayor = article.actor("Ana Castano")
    article.event("The mayor closed the port", time=day(2021, 3, 9), actors=(mayor,))
    article.event("the mayor met union leaders at the town hall", time=day(2021, 3, 9), actors=(mayor,))
    article.ingest()

    assert Event.objects.count() == 2


def test_similar_happenings_without_a_shared_participant_stay_apart():
    first = Article("Ana Castano opened the new school on Monday.")
    first.event("Ana Castano opened the new school", time=day(2021, 3, 8), actors=(first.actor("Ana Castano"),))
    first.ingest()
    second = Article("Ruben Salgado opened the new school on Monday.")
    second.event("Ruben Salgado opened the new school", time=day(2021, 3, 8), actors=(second.actor("Ruben Salgado"),))
    second.ingest()

    assert Event.objects.count() == 2


def test_happenings_of_one_day_person_and_place_told_by_two_outlets_stay_apart():
    first = Article("On Sunday, Ana Ruiz visited Lima.", outlet="First")
    first.event(
        "On Sunday, Ana Ruiz visited Lima", time=day(2021, 3, 7), actors=(first.actor("Ana Ruiz"),), place="Lima"
    )
    first.ingest()
    second = Article("On Sunday, Ana Ruiz was sworn in in Lima.", outlet="Second")
    second.event(
        "On Sunday, Ana Ruiz was sworn in in Lima",
        time=day(2021, 3, 7),
        actors=(second.actor("Ana Ruiz"),),
        place="Lima",
    )
    second.ingest()
    third = Article("Mayor Ana Ruiz visited Lima on Sunday.", outlet="Third")
    third.event(
        "Mayor Ana Ruiz visited Lima on Sunday",
        time=day(2021, 3, 7),
        actors=(third.actor("Ana Ruiz", roles=("Mayor",)),),
        place="Lima",
    )
    third.ingest()

    # The third tells the first's visit with a title and the time moved; the fuller wording stays.
    assert sorted(
        (event.text, sorted(event.evidence.values_list("source__outlet", flat=True))) for event in Event.objects.all()
    ) == [
        ("Mayor Ana Ruiz visited Lima on Sunday", ["First", "Third"]),
        ("On Sunday, Ana Ruiz was sworn in in Lima", ["Second"]),
    ]


def test_happenings_that_name_nobody_join_only_when_told_in_the_same_words():
    reports = [
        ("First", "In 2011, the court suspended the Brandor hospital"),
        ("Second", "In 2011, the court suspended the Kelvo dam"),
        ("Third", "The court suspended the Kelvo dam in 2011"),
    ]
    for outlet, clause in reports:
        article = Article(f"{clause}.", outlet=outlet)
        article.event(clause, time=year(2011))
        article.ingest()

    assert sorted(
        (event.text, sorted(event.evidence.values_list("source__outlet", flat=True))) for event in Event.objects.all()
    ) == [
        ("In 2011, the court suspended the Brandor hospital", ["First"]),
        ("In 2011, the court suspended the Kelvo dam", ["Second", "Third"]),
    ]


def test_evidence_cites_the_exact_words_of_each_source():
    article = Article("Police fired tear gas at protesters outside the port on Tuesday.")
    article.event("Police fired tear gas", time=day(2021, 3, 9))
    result = article.ingest()

    (evidence,) = Evidence.objects.all()
    assert evidence.source == result.source
    assert evidence.excerpt == result.source.text[evidence.start : evidence.end] == "Police fired tear gas"
    assert evidence.extractor_version == "test-1"


def test_events_naming_nobody_are_candidates_when_they_share_a_word_of_what_happened():
    """Such events are found through the index of their happening words in each month of their
    time, not by reading every one in the window: a shared word of what happened is what
    ``same_happening`` requires, written with accents or without; a shared time is not."""
    from timeline.services.merge import event_candidates

    clauses = [
        "In March, a storm hit the coast",
        "The Kelvo dams burst",
        "Floodwater reached Bogota",
        "Lawmakers approved the budget",
    ]
    stored = Article(". ".join(clauses) + ".")
    for clause in clauses:
        stored.event(clause, time=year(2021))
    stored.ingest()

    def candidates(text):
        found = event_candidates(time=month(2021, 3), participants=[], text=text)
        return sorted(fact.text for fact, _taking_part in found)

    assert candidates("In March, the dam burst at Kelvo") == ["The Kelvo dams burst"]
    assert candidates("Floodwater reached Bogotá") == ["Floodwater reached Bogota"]
    assert candidates("Bogotá celebrated") == ["Floodwater reached Bogota"]
    assert candidates("On 3 March 2021, storms hit the coast") == ["In March, a storm hit the coast"]
    assert candidates("In March 2021") == sorted(clauses)


def test_events_naming_nobody_are_found_by_the_events_of_any_time_overlapping_theirs():
    """The index holds each happening word in each month of an event's time: an event overlapping
    it from any month is found, as the window of ``overlapping`` finds it, and only such events."""
    from timeline.services.merge import event_candidates

    def at(year_number, month_number, day_number):
        return datetime(year_number, month_number, day_number, tzinfo=UTC)

    def across(first, last):
        return TimeValue(start=first, end=last, precision=Precision.MONTH, expression="", basis=TimeBasis.STATED)

    stored = {
        "a year from mid-2020": ("Kelvo mine workers struck", across(at(2020, 7, 1), at(2021, 7, 1))),
        "a day in March": ("Kelvo mine workers marched", day(2021, 3, 20)),
        "a day in May": ("Kelvo mine workers rested", day(2021, 5, 2)),
        "a decade from 2015": ("The Kelvo mine workers unionised", across(at(2015, 1, 1), at(2025, 1, 1))),
    }
    article = Article(". ".join(text for text, _time in stored.values()) + ".")
    for text, time in stored.values():
        article.event(text, time=time)
    article.ingest()

    def candidates(time):
        found = event_candidates(time=time, participants=[], text="Kelvo workers protested")
        return sorted(fact.text for fact, _taking_part in found)

    year_long, in_march, in_may, _decade_long = (text for text, _time in stored.values())
    assert candidates(day(2021, 3, 9)) == [year_long]
    assert candidates(month(2021, 3)) == sorted([year_long, in_march])
    # A window from March to May: each month of it is looked up.
    assert candidates(across(at(2021, 3, 25), at(2021, 5, 10))) == sorted([year_long, in_may])
    assert candidates(across(at(2021, 3, 1), at(2021, 6, 1))) == sorted([year_long, in_march, in_may])
    assert candidates(day(2021, 8, 1)) == []


def test_a_participants_events_are_candidates_when_they_share_a_word_of_what_happened_besides_their_names():
    """Most of a person's events name them; the word the same happening must share is another."""
    from timeline.services.merge import event_candidates

    clauses = ["Ana Ruiz toured the port", "Minister Ruiz opened the port", "Ruiz signed a deal"]
    stored = Article(". ".join(clauses) + ".")
    ruiz = stored.actor("Ana Ruiz", "Minister Ruiz", "Ruiz")
    for clause, time in zip(clauses, [year(2021), day(2021, 3, 8), day(2021, 3, 9)], strict=True):
        stored.event(clause, time=time, actors=(ruiz,))
    stored.ingest()
    ruiz = Actor.objects.get()

    def candidates(text):
        found = event_candidates(time=month(2021, 3), participants=[ruiz], text=text)
        return sorted(fact.text for fact, _taking_part in found)

    assert candidates("The minister, Ana Ruiz, visited the port") == sorted(clauses[:2])
    assert candidates("Ruiz signed the deal") == [clauses[2]]
    assert candidates("Minister Ana Ruiz") == sorted(clauses)  # nothing else said: every one is read


def test_the_article_wide_candidate_read_finds_what_each_record_would_ask_the_database_for():
    """ArticleWrites reads the candidates of all an article's records at once and filters them in
    Python; each record must see the facts its own query (the fold path's) would return, in the same
    order. A dated event may also see events read for another of the article's events, which its
    own query leaves out for holding none of its words: those cannot be its happening."""
    from timeline.extraction.types import ExtractedEvent, ExtractedQuote, Span
    from timeline.services.merge import ArticleWrites, event_candidates, statement_candidates, tells_same_happening

    stored = Article(
        "Ana Ruiz met Luis Vega in Lima. Ruiz toured the port. The dam burst. Vega spoke. "
        '"The port stays open," Ruiz said. "We will build it," Ruiz said. "Nothing changes," Vega said.'
    )
    ruiz, vega = stored.actor("Ana Ruiz", "Ruiz"), stored.actor("Luis Vega", "Vega")
    stored.event("Ana Ruiz met Luis Vega in Lima", time=day(2021, 3, 8), actors=(ruiz, vega))
    stored.event("Ruiz toured the port", time=year(2021), actors=(ruiz,))
    stored.event("The dam burst", time=month(2021, 3))
    stored.event("Vega spoke", time=TimeValue(None, None, Precision.UNKNOWN, "", TimeBasis.UNKNOWN), actors=(vega,))
    stored.quote("The port stays open", speaker=ruiz, time=day(2021, 3, 8))
    stored.quote("We will build it", speaker=ruiz, time=year(2020))
    stored.quote("Nothing changes", speaker=vega, time=day(2021, 3, 9))
    source = stored.ingest().source
    people = {actor.name: actor for actor in Actor.objects.all()}
    unknown = TimeValue(None, None, Precision.UNKNOWN, "", TimeBasis.UNKNOWN)
    probes = [
        (day(2021, 3, 8), [people["Ana Ruiz"]], "Ruiz met Vega"),
        (day(2021, 6, 1), [people["Luis Vega"]], "Vega met someone"),
        (month(2021, 3), [], "The dam burst"),
        (day(2021, 3, 20), [], "A storm"),
        (unknown, [people["Luis Vega"]], "Vega spoke"),
        (year(2021), [people["Ana Ruiz"], people["Luis Vega"]], "They met"),
    ]
    quotes = [
        (people["Ana Ruiz"], day(2021, 3, 9), "The port stays open"),
        (people["Ana Ruiz"], day(2020, 7, 1), "We will build it"),
        (people["Luis Vega"], unknown, "Nothing changes"),
        (people["Luis Vega"], day(2021, 3, 8), "Something else"),
    ]
    writes = ArticleWrites(source=source, version="test")
    writes.read_candidates(
        quotes=[
            (ExtractedQuote(text=text, span=Span(0, 1), kind="direct", speaker=0), speaker, time)
            for speaker, time, text in quotes
        ],
        events=[
            (ExtractedEvent(summary=text, span=Span(0, 1), time=time, actors=[]), participants)
            for time, participants, text in probes
        ],
    )

    for time, participants, text in probes:
        expected = event_candidates(time=time, participants=participants, text=text)
        seen = writes.event_candidates(time=time, participants=participants, text=text)
        assert [candidate for candidate in seen if candidate in expected] == expected
        for fact, taking_part in seen:
            if (fact, taking_part) not in expected:
                assert time.start is not None
                assert not tells_same_happening(
                    fact, taking_part=taking_part, summary=text, place="", participants=participants, writes=writes
                )
    for speaker, time, text in quotes:
        expected = statement_candidates(speaker=speaker, time=time, text=text)
        assert writes.statement_candidates(speaker=speaker, time=time, text=text) == expected
    # Not vacuous: most probes have candidates.
    assert sum(bool(event_candidates(time=time, participants=who, text=text)) for time, who, text in probes) >= 4

    # A fold looks up a fact's merged anchor and wording: the read answers whatever it holds, and
    # says so; for anything wider the fold asks the database.
    ruiz, vega = people["Ana Ruiz"], people["Luis Vega"]
    held_events = [
        (day(2021, 3, 8), [ruiz], "Ruiz met Vega"),
        (day(2021, 3, 14), [vega], "They met"),  # inside the 2021 window, a participant read elsewhere
        (day(2021, 3, 20), [], "The dam burst"),
        (unknown, [vega], "Vega spoke"),
    ]
    for time, participants, text in held_events:
        assert writes.holds_events(time=time, participants=participants, text=text)
        expected = event_candidates(time=time, participants=participants, text=text)
        assert writes.event_candidates(time=time, participants=participants, text=text) == expected
    assert any(event_candidates(time=time, participants=who, text=text) for time, who, text in held_events[:3])
    assert not writes.holds_events(time=year(2022), participants=[ruiz], text="Ruiz met Vega")  # wider window
    assert not writes.holds_events(time=day(2021, 4, 2), participants=[], text="They met")  # outside March
    assert not writes.holds_events(time=day(2021, 3, 14), participants=[vega], text="Vega toured the dam")  # words
    assert not writes.holds_events(time=unknown, participants=[vega], text="Vega left")  # other words
    held_statements = [
        (ruiz, day(2021, 3, 9), "The port stays open"),
        (vega, unknown, "Nothing changes"),
    ]
    for speaker, time, text in held_statements:
        assert writes.holds_statements(speaker=speaker, time=time, text=text)
        expected = statement_candidates(speaker=speaker, time=time, text=text)
        assert expected and writes.statement_candidates(speaker=speaker, time=time, text=text) == expected
    assert not writes.holds_statements(speaker=ruiz, time=year(2021), text="The port stays open")
    assert not writes.holds_statements(speaker=ruiz, time=day(2021, 3, 9), text="The port stays shut")
    assert not writes.holds_statements(speaker=vega, time=unknown, text="Something else")
