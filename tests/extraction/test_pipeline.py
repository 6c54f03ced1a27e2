from datetime import UTC, date, datetime

from timeline.extraction.pipeline import extract_article, extraction_to_json
from timeline.extraction.types import Publication
from timeline.models import Precision, TimeBasis

ARTICLE = (
    "Skip to content\n"
    'Chilean President Pablo Ortega said on Monday that the protests were "over."\n'
    '"We will not resign," Ortega said. Activist Daniel Ruiz said he would keep marching.\n'
    'The U.S. government backed the talks, and the Chilean government called the marchers "vandals."\n'
    "Ruiz was arrested in 2014 and again in January.\n"
    "Please consider a donation to keep our journalism free.\n"
)
WEDNESDAY = date(2021, 3, 3)


def test_a_quote_carries_the_time_its_attribution_clause_states():
    extraction = extract_article(ARTICLE, Publication(published=WEDNESDAY))
    over = next(q for q in extraction.quotes if q.text == "over.")
    assert over.time.basis == TimeBasis.STATED
    assert over.time.display() == "2021-03-01"
    assert over.time.expression == "Monday"


def test_a_quote_without_a_stated_time_carries_the_publication_day():
    extraction = extract_article(ARTICLE, Publication(published=WEDNESDAY))
    resign = next(q for q in extraction.quotes if q.text == "We will not resign,")
    assert resign.time.basis == TimeBasis.PUBLICATION
    assert resign.time.precision == Precision.DAY
    assert resign.time.start == datetime(2021, 3, 3, tzinfo=UTC)


def test_without_a_publication_date_a_quote_time_is_unknown():
    extraction = extract_article(ARTICLE, Publication())
    resign = next(q for q in extraction.quotes if q.text == "We will not resign,")
    assert resign.time.start is None
    assert resign.time.precision == Precision.UNKNOWN
    assert resign.time.basis == TimeBasis.UNKNOWN


def test_governments_are_actors_only_when_they_speak():
    extraction = extract_article(ARTICLE, Publication(published=WEDNESDAY))
    assert [(a.name, a.kind) for a in extraction.actors] == [
        ("Pablo Ortega", "person"),
        ("Daniel Ruiz", "person"),
        ("Government of Chile", "government"),
    ]
    vandals = next(q for q in extraction.quotes if q.text == "vandals.")
    assert extraction.actors[vandals.speaker].name == "Government of Chile"


def test_json_record_has_the_documented_shape_and_dates_at_their_precision():
    publication = Publication(published=WEDNESDAY, outlet="Example News")
    record = extraction_to_json("article.txt", publication, extract_article(ARTICLE, publication))
    assert set(record) == {"document", "published", "actors", "quotes", "events"}
    assert record["document"] == "article.txt"
    assert record["published"] == "2021-03-03"
    assert set(record["actors"][0]) == {"name", "kind", "aliases", "roles"}
    assert record["actors"][0]["roles"] == [{"title": "Chilean President", "start": 16, "end": 33}]
    quote = record["quotes"][0]
    assert set(quote) == {"speaker", "text", "kind", "cue", "channel", "start", "end"}
    assert ARTICLE[quote["start"] : quote["end"]] == quote["text"]
    assert set(record["events"][0]) == {"date", "precision", "expression", "summary", "actors", "start", "end"}
    dates = {event["expression"]: (event["date"], event["precision"]) for event in record["events"]}
    assert dates["2014"] == ("2014", "year")
    assert dates["January"] == ("2021-01", "month")


def test_furniture_yields_nothing_and_offsets_point_into_the_text_as_given():
    extraction = extract_article(ARTICLE, Publication(published=WEDNESDAY))
    furniture_end = ARTICLE.index("Chilean")
    appeal_start = ARTICLE.index("Please")
    for actor in extraction.actors:
        for span in actor.mentions:
            assert furniture_end <= span.start and span.end <= appeal_start
    for event in extraction.events:
        assert ARTICLE[event.span.start : event.span.end] == event.summary


COMPOSED = (
    "Interior Minister Inés Peñalosa Ibáñez warned on Monday that the strike was illegal. "
    '"We will not negotiate under pressure," Peñalosa told reporters in Asunción. '
    "Union leader José Núñez was arrested on Tuesday morning."
)


def test_decomposed_accents_read_as_their_composed_form_with_spans_into_the_text_as_given():
    """Some editors save "é" as "e" and a combining accent: the reading must not change, and every
    span must still cut the original text at the same words."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", COMPOSED)
    assert decomposed != COMPOSED
    publication = Publication(published=date(2021, 3, 10))

    expected = extract_article(COMPOSED, publication)
    extracted = extract_article(decomposed, publication)

    assert [actor.name for actor in extracted.actors] == [actor.name for actor in expected.actors]
    assert [(q.text, q.speaker, q.cue) for q in extracted.quotes] == [
        (q.text, q.speaker, q.cue) for q in expected.quotes
    ]
    assert [(e.summary, e.time.display()) for e in extracted.events] == [
        (e.summary, e.time.display()) for e in expected.events
    ]
    assert extracted.quotes and extracted.events and extracted.actors[0].roles
    spans = [
        *(quote.span for quote in extracted.quotes),
        *(event.span for event in extracted.events),
        *(event.time.span for event in extracted.events),
        *(role.span for actor in extracted.actors for role in actor.roles),
        *(mention for actor in extracted.actors for mention in actor.mentions),
    ]
    originals = [
        *(quote.span for quote in expected.quotes),
        *(event.span for event in expected.events),
        *(event.time.span for event in expected.events),
        *(role.span for actor in expected.actors for role in actor.roles),
        *(mention for actor in expected.actors for mention in actor.mentions),
    ]
    for span, original in zip(spans, originals, strict=True):
        cited = decomposed[span.start : span.end]
        assert unicodedata.normalize("NFC", cited) == COMPOSED[original.start : original.end]
