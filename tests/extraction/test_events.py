"""Events anchored by time expressions, from news sentences written for these tests."""

import re
from datetime import date

from timeline.extraction.events import extract_events
from timeline.extraction.timex import find_time_expressions
from timeline.extraction.types import Publication, Span

TUESDAY = Publication(published=date(2019, 4, 30))


def spans_of(text, parts):
    """The span of each part, searched left to right so that repeated words get their own span."""
    spans, position = [], 0
    for part in parts:
        start = text.index(part, position)
        spans.append(Span(start, start + len(part)))
        position = start + len(part)
    return spans


def events_of(text, sentences, mentions):
    """Events of ``text``; ``mentions`` are (surface, actor index) pairs in text order."""
    sentence_spans = spans_of(text, sentences)
    mention_spans = list(
        zip(spans_of(text, [surface for surface, _ in mentions]), [a for _, a in mentions], strict=True)
    )
    times = find_time_expressions(text, regions=[Span(0, len(text))], publication=TUESDAY)
    return extract_events(text, sentences=sentence_spans, times=times, mentions=mention_spans)


def test_an_event_is_the_clause_its_time_expression_stands_in():
    sentences = [
        "Troops loyal to the government fired tear gas in Caracas on Tuesday.",
        "The opposition leader, Juan Guaidó, had called for an uprising.",
    ]
    text = " ".join(sentences)
    [event] = events_of(text, sentences, [("Juan Guaidó", 0)])
    assert event.summary == "Troops loyal to the government fired tear gas in Caracas on Tuesday"
    assert text[event.span.start : event.span.end] == event.summary
    assert event.time.display() == "2019-04-30"
    assert event.place == "Caracas"


def test_participants_are_the_actors_mentioned_in_the_clause_including_pronouns():
    sentences = ["Lopez wrote on Twitter that he was released by the military on Tuesday under the orders of Guaido."]
    text = sentences[0]
    [event] = events_of(text, sentences, [("Lopez", 1), ("he", 1), ("Guaido", 0)])
    assert event.actors == [1, 0]
    assert event.confidence == 1.0


def test_clauses_divided_by_a_semicolon_are_separate_events():
    sentences = ["Maduro was re-elected in 2018 amid a boycott; Guaidó declared himself interim president in January."]
    text = sentences[0]
    first, second = events_of(text, sentences, [("Maduro", 0), ("Guaidó", 1)])
    assert (first.summary, first.actors, first.time.display()) == (
        "Maduro was re-elected in 2018 amid a boycott",
        [0],
        "2018",
    )
    assert second.summary == "Guaidó declared himself interim president in January"
    assert (second.actors, second.time.display()) == ([1], "2019-01")


def test_a_sentence_without_actors_borrows_them_from_the_next_in_its_paragraph():
    sentences = [
        "This morning that situation may be coming to a boil.",
        "Guaido appeared at an air force base with some troops.",
        "Maduro stayed silent.",
    ]
    text = f"{sentences[0]} {sentences[1]}\n\n{sentences[2]}"
    [event] = events_of(text, sentences, [("Guaido", 0), ("Maduro", 1)])
    assert event.summary == "This morning that situation may be coming to a boil"
    assert event.actors == [0]
    assert event.confidence < 1.0


def test_actors_are_not_borrowed_across_paragraphs():
    sentences = ["Protests spread across the capital on Monday.", "Maduro stayed silent."]
    text = f"{sentences[0]}\n{sentences[1]}"
    [event] = events_of(text, sentences, [("Maduro", 0)])
    assert event.actors == []
    assert event.time.display() == "2019-04-29"


def test_the_place_is_a_named_place_after_a_preposition_not_a_person_or_a_month():
    sentences = [
        "In January, Guaido spoke at the Generalissimo Francisco de Miranda Air Base in Caracas.",
    ]
    text = sentences[0]
    [event] = events_of(text, sentences, [("Guaido", 0)])
    assert event.time.expression == "January"
    assert event.place == "Generalissimo Francisco de Miranda Air Base"


def test_no_place_when_the_text_names_none():
    sentences = ["Guaido was shown in a video posted to Twitter early Tuesday."]
    [event] = events_of(sentences[0], sentences, [("Guaido", 0)])
    assert event.place == ""
    assert event.time.expression == "early Tuesday"


def test_each_time_expression_gives_its_own_event_in_text_order():
    sentences = [
        "Lopez was arrested in 2014.",
        "He was freed by soldiers on Tuesday morning.",
    ]
    text = " ".join(sentences)
    events = events_of(text, sentences, [("Lopez", 0), ("He", 0)])
    assert [(e.time.expression, e.time.display(), e.actors) for e in events] == [
        ("2014", "2014", [0]),
        ("Tuesday morning", "2019-04-30", [0]),
    ]
    assert [e.summary for e in events] == ["Lopez was arrested in 2014", "He was freed by soldiers on Tuesday morning"]


def test_durations_make_no_events():
    sentences = ["For months the opposition has tried to win over the troops, and in recent weeks Guaido stepped up."]
    assert events_of(sentences[0], sentences, [("Guaido", 0)]) == []


def test_an_expression_outside_every_sentence_is_its_own_summary():
    text = "Caption: soldiers in Caracas on April 30, 2019"
    times = find_time_expressions(text, regions=[Span(0, len(text))], publication=TUESDAY)
    [event] = extract_events(text, sentences=[], times=times, mentions=[])
    assert (event.summary, event.time.display(), event.actors) == ("April 30, 2019", "2019-04-30", [])
    assert text[event.span.start : event.span.end] == event.summary


def test_a_place_name_may_carry_lower_case_particles():
    sentences = ["Iran fired missiles at the Ain al-Asad Air Base on Tuesday, Esper said."]
    [event] = events_of(sentences[0], sentences, [("Esper", 0)])
    assert event.place == "Ain al-Asad Air Base"


def test_a_place_at_the_head_of_the_sentence():
    sentences = ["In Caracas, Guaido addressed supporters on Tuesday."]
    [event] = events_of(sentences[0], sentences, [("Guaido", 0)])
    assert event.place == "Caracas"


def test_a_run_on_sentence_of_many_times_gives_each_its_event_from_the_words_around_it():
    # No full stop in 94,000 characters: each event is told by a stretch around its own anchor, so the
    # cost stays in proportion to the length.
    text = "and Ana Rivera told him that he said, the minister added, while she warned Tom Hill on Monday " * 1000
    mentions = [
        (Span(m.start(), m.end()), 0 if m.group() == "Ana Rivera" else 1)
        for m in re.finditer(r"Ana Rivera|Tom Hill", text)
    ]
    times = find_time_expressions(text, regions=[Span(0, len(text))], publication=TUESDAY)
    events = extract_events(text, sentences=[Span(0, len(text))], times=times, mentions=mentions)
    assert len(events) == 1000
    assert {event.time.display() for event in events} == {"2019-04-29"}
    for event in events:
        anchor = event.time.span
        assert event.span.start <= anchor.start and anchor.end <= event.span.end
        assert len(event.summary) < 1000
        assert event.summary == text[event.span.start : event.span.end]
        assert event.span.start == 0 or text[event.span.start - 1] == " "  # cut between words
        assert text[event.span.end] == " "
        assert sorted(event.actors) == [0, 1]


def test_a_sentence_without_actors_borrows_them_from_the_near_end_of_a_long_neighbour():
    neighbour = "Tom Hill spoke first, " + "and the crowd listened for a long while, " * 40 + "then Ana Rivera left."
    sentences = ["This morning that situation may be coming to a boil.", neighbour]
    text = " ".join(sentences)
    [event] = events_of(text, sentences, [("Tom Hill", 1), ("Ana Rivera", 0)])
    assert event.actors == [1]
    assert event.confidence < 1.0
