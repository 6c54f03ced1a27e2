"""Time expressions in real-looking news sentences, normalised against an article of Tuesday 30 April 2019."""

from datetime import UTC, date, datetime

import pytest

from timeline.extraction.timex import find_time_expressions
from timeline.extraction.types import Publication, Span
from timeline.models import Precision, TimeBasis

TUESDAY = Publication(published=date(2019, 4, 30))


def times(text, publication=TUESDAY, regions=None):
    regions = regions if regions is not None else [Span(0, len(text))]
    return find_time_expressions(text, regions=regions, publication=publication)


def found(text, publication=TUESDAY):
    """(expression, displayed value, precision) of every time expression, checking each span."""
    values = times(text, publication)
    for value in values:
        assert text[value.span.start : value.span.end] == value.expression
    return [(value.expression, value.display(), value.precision) for value in values]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal was signed on April 30, 2019, in Caracas.", ("April 30, 2019", "2019-04-30", Precision.DAY)),
        ("The deal was signed on 30 April 2019 in Caracas.", ("30 April 2019", "2019-04-30", Precision.DAY)),
        ("The filing is dated 2019-04-28 and was made public.", ("2019-04-28", "2019-04-28", Precision.DAY)),
        ("Protesters gathered on April 12 outside the palace.", ("April 12", "2019-04-12", Precision.DAY)),
        ("The ministry said on 30/04 that the border was shut.", ("30/04", "2019-04-30", Precision.DAY)),
        ("He left the country on 4/5/2019, officials said.", ("4/5/2019", "2019-05-04", Precision.DAY)),
        ("The vote was held on Sept. 5, 2018, amid a boycott.", ("Sept. 5, 2018", "2018-09-05", Precision.DAY)),
        ("The holiday fell on Wednesday, May 1, 2019.", ("Wednesday, May 1, 2019", "2019-05-01", Precision.DAY)),
        ("Troops arrived on the 3rd of March, witnesses said.", ("the 3rd of March", "2019-03-03", Precision.DAY)),
        ("The embassy closed in March 2019 after the blackout.", ("March 2019", "2019-03", Precision.MONTH)),
        ("The vote was set for April 28th, 2019, officials said.", ("April 28th, 2019", "2019-04-28", Precision.DAY)),
        ("Troops left the base on Apr. 27 before dawn.", ("Apr. 27", "2019-04-27", Precision.DAY)),
        ("The border reopened on 26 Apr 2019 for trucks.", ("26 Apr 2019", "2019-04-26", Precision.DAY)),
        ("The order is dated 04/25/2019 and was leaked.", ("04/25/2019", "2019-04-25", Precision.DAY)),
    ],
)
def test_explicit_dates_in_common_forms(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The decree was published on 30.04.2019 in the official gazette.",
            ("30.04.2019", "2019-04-30", Precision.DAY),
        ),
        ("The court set the hearing for 2.5.2019, lawyers said.", ("2.5.2019", "2019-05-02", Precision.DAY)),
        ("Police logged the arrest on 2019/04/28, the file shows.", ("2019/04/28", "2019-04-28", Precision.DAY)),
        ("The ship docked on 2019.04.27 at the main port.", ("2019.04.27", "2019-04-27", Precision.DAY)),
        ("The contract is dated 28-Apr-2019 and runs a year.", ("28-Apr-2019", "2019-04-28", Precision.DAY)),
        ("The memo, dated Apr-29-2019, was leaked.", ("Apr-29-2019", "2019-04-29", Precision.DAY)),
        ("The ruling came on 29-04-2019 after a long delay.", ("29-04-2019", "2019-04-29", Precision.DAY)),
        ("Sanctions were tightened in Jan. 2019 and again later.", ("Jan. 2019", "2019-01", Precision.MONTH)),
        ("The mine has been closed since Sept 2018.", ("Sept 2018", "2018-09", Precision.MONTH)),
        (
            "The order was signed on Monday, 29.04.2019 in the palace.",
            ("Monday, 29.04.2019", "2019-04-29", Precision.DAY),
        ),
        (
            "The blast was reported on 29.04.2019 at 9:30 p.m. by firefighters.",
            ("29.04.2019 at 9:30 p.m.", "2019-04-29T21:30", Precision.HOUR),
        ),
        (
            "The flight left on 2019/04/28, 06:15 from the capital.",
            ("2019/04/28, 06:15", "2019-04-28T06:15", Precision.HOUR),
        ),
    ],
)
def test_explicit_dates_the_patterns_leave_are_read_by_dateparser_on_their_span(text, expected):
    [value] = times(text)
    assert (value.expression, value.display(), value.precision) == expected
    assert value.span.start == text.index(expected[0])
    assert value.span.end == value.span.start + len(expected[0])
    assert value.basis == TimeBasis.STATED


def test_a_dateparser_month_is_the_whole_month_not_its_first_day():
    [value] = times("Exports fell in Feb. 2019, the bank said.")
    assert (value.start, value.end) == (datetime(2019, 2, 1, tzinfo=UTC), datetime(2019, 3, 1, tzinfo=UTC))


def test_explicit_dates_need_no_publication_date():
    assert found("The decree was published on 30.04.2019.", Publication()) == [
        ("30.04.2019", "2019-04-30", Precision.DAY)
    ]


@pytest.mark.parametrize(
    ("text", "publication", "expected"),
    [
        # Dots are day first, as dotted dates are written, even where month first would be nearer.
        ("The law took effect on 04.03.2019 nationwide.", TUESDAY, "2019-03-04"),
        # ... unless only month first is a date.
        ("The law took effect on 04.30.2019 nationwide.", TUESDAY, "2019-04-30"),
        # Slashes and dashes are written both ways: the reading nearer the publication date.
        ("The law took effect on 04/03/2019 nationwide.", TUESDAY, "2019-04-03"),
        ("The law took effect on 04/03/2019 nationwide.", Publication(published=date(2019, 3, 10)), "2019-03-04"),
        ("The law took effect on 04-03-2019 nationwide.", TUESDAY, "2019-04-03"),
        # A number above 12 can only be the day.
        ("The law took effect on 04/13/2019 nationwide.", TUESDAY, "2019-04-13"),
        ("The law took effect on 13/04/2019 nationwide.", Publication(), "2019-04-13"),
        ("The law took effect on 04/04/2019 nationwide.", Publication(), "2019-04-04"),
    ],
)
def test_the_order_of_numeric_dates(text, publication, expected):
    [value] = times(text, publication)
    assert value.display() == expected


def test_an_ambiguous_numeric_date_without_a_publication_date_is_no_date():
    assert found("The law took effect on 04/03/2019 nationwide.", Publication()) == []
    assert found("The law took effect on 04-03-2019 nationwide.", Publication()) == []


@pytest.mark.parametrize(
    "text",
    [
        "Turnout rose 8.5 points to 62.3 percent.",
        "The app reached version 2.4.1 on the store.",
        "Shares closed at 11.04 after trading 2.019 million.",
        "The team won 2-1 and the final score was 12-10.",
        "Officials counted 1.2.3 million ballots.",
        "Its 192.168.1.2019 address was blocked.",
    ],
)
def test_numbers_with_dots_and_dashes_that_are_not_dates(text):
    assert found(text) == []


def test_a_day_without_year_is_placed_nearest_the_publication():
    december = Publication(published=date(2020, 1, 3))
    assert found("The protests began on December 28 in the capital.", december) == [
        ("December 28", "2019-12-28", Precision.DAY)
    ]


def test_impossible_dates_are_not_dates():
    assert found("The form said February 30, 2019 by mistake.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guaido appeared before troops on Tuesday.", ("Tuesday", "2019-04-30", Precision.DAY)),
        ("The opposition leader spoke on Monday.", ("Monday", "2019-04-29", Precision.DAY)),
        ("Lopez was freed Tuesday morning, his party said.", ("Tuesday morning", "2019-04-30", Precision.PART_OF_DAY)),
        ("The video was shot early Tuesday near the base.", ("early Tuesday", "2019-04-30", Precision.PART_OF_DAY)),
        ("Gunfire was heard Tuesday night in the east.", ("Tuesday night", "2019-04-30", Precision.PART_OF_DAY)),
        ("Talks broke down last Tuesday.", ("last Tuesday", "2019-04-23", Precision.DAY)),
        ("The opposition will march on Wednesday.", ("Wednesday", "2019-05-01", Precision.DAY)),
        ("He will meet the envoy next Tuesday.", ("next Tuesday", "2019-05-07", Precision.DAY)),
        ("Ministers are due to meet Friday.", ("Friday", "2019-05-03", Precision.DAY)),
        ("On Sunday, the army said it was loyal.", ("Sunday", "2019-04-28", Precision.DAY)),
    ],
)
def test_weekdays_the_news_way(text, expected):
    assert found(text) == [expected]


def test_a_weekday_without_tense_in_its_clause_looks_back():
    # "Tuesday" in a Tuesday paper is the same day, not the Tuesday before (dateparser's "past" answer).
    value = times("Multiple reports say a coup attempt is ongoing Tuesday morning in Venezuela.")[0]
    assert value.start == datetime(2019, 4, 30, 6, tzinfo=UTC)
    assert value.end == datetime(2019, 4, 30, 12, tzinfo=UTC)
    assert value.basis == TimeBasis.STATED


@pytest.mark.parametrize(
    "text",
    [
        "We will update this thread as the situation warrants.",
        "The three-minute video was shot near the base.",
        "The situation may be coming to a boil.",
        "May the best candidate win, he joked.",
        "Theresa May's cabinet met in London.",
        "Black Friday sales were weak in the capital.",
        "The Sunday Times reported the defection.",
        "It was a Sunday like any other.",
        "Marchers filled the avenue and the march went on.",
    ],
)
def test_words_that_only_look_like_dates(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The situation has been simmering for well over a year now.",
        "The opposition leader has been struggling to win over the troops for months.",
        "In recent weeks he has stepped up pressure on the government.",
        "The past months have seen multiple failed attempts.",
        "We've stayed online over two decades thanks to our readers.",
        "Our fundraising campaign ends in a few hours.",
        "So far all attempts have failed to remove him once and for all.",
        "Over the last year prices doubled.",
        "We are behind on our goals for the year, by the end of the year we must catch up.",
    ],
)
def test_durations_and_vague_spans_are_not_points(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Cathay Pacific will cut 8,500 jobs.",
        "We still must raise $11,000.",
        "Around 50 countries have recognized him.",
        "In 2000 towns people marched on the palace.",
        "The 2000 soldiers stayed in their barracks.",
        "Inflation reached 1900 percent.",
    ],
)
def test_numbers_that_are_not_years(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was put under house arrest in 2014.", ("2014", "2014", Precision.YEAR)),
        ("He argued that his 2018 re-election was illegitimate.", ("2018", "2018", Precision.YEAR)),
        ("He argued that Maduro's 2018 re-election was illegitimate.", ("2018", "2018", Precision.YEAR)),
        ("The 2018 elections were boycotted.", ("2018", "2018", Precision.YEAR)),
        ("Oil prices collapsed in mid-2014.", ("mid-2014", "2014", Precision.YEAR)),
        ("The party has ruled since 1999.", ("1999", "1999", Precision.YEAR)),
        ("Oil money flowed in the 1990s.", ("1990s", "1990s", Precision.DECADE)),
        ("Things have changed since the '80s.", ("'80s", "1980s", Precision.DECADE)),
    ],
)
def test_years_and_decades(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He declared himself interim president in January.", ("January", "2019-01", Precision.MONTH)),
        ("The blackouts started in May, residents said.", ("May", "2018-05", Precision.MONTH)),
        ("Elections will be held in June.", ("June", "2019-06", Precision.MONTH)),
        ("He plans to run again next January.", ("next January", "2020-01", Precision.MONTH)),
        ("Inflation peaked in early March.", ("early March", "2019-03", Precision.MONTH)),
    ],
)
def test_a_month_is_a_month_never_an_invented_day(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike started yesterday.", ("yesterday", "2019-04-29", Precision.DAY)),
        ("Today the army moved into the square.", ("Today", "2019-04-30", Precision.DAY)),
        ("The talks resume tomorrow.", ("tomorrow", "2019-05-01", Precision.DAY)),
        ("This morning that situation may be coming to a boil.", ("This morning", "2019-04-30", Precision.PART_OF_DAY)),
        ("Clashes erupted last night near the base.", ("last night", "2019-04-29", Precision.PART_OF_DAY)),
        ("A vigil is planned tonight.", ("tonight", "2019-04-30", Precision.PART_OF_DAY)),
        ("Last week the army moved.", ("Last week", "2019-04-22", Precision.WEEK)),
        ("Earlier this month he spoke in Caracas.", ("Earlier this month", "2019-04", Precision.MONTH)),
        ("Last year he won a disputed vote.", ("Last year", "2018", Precision.YEAR)),
        ("He fled three weeks ago.", ("three weeks ago", "2019-04-08", Precision.WEEK)),
        ("The ship docked two days ago.", ("two days ago", "2019-04-28", Precision.DAY)),
    ],
)
def test_relative_expressions(text, expected):
    assert found(text) == [expected]


def test_offsets_count_from_the_date_mentioned_before():
    text = "He was arrested on March 3. Two days later he was freed. The next day he spoke."
    assert found(text) == [
        ("March 3", "2019-03-03", Precision.DAY),
        ("Two days later", "2019-03-05", Precision.DAY),
        ("The next day", "2019-03-06", Precision.DAY),
    ]


def test_an_offset_from_an_event_is_not_a_date():
    assert found("He made the comments a day before a planned anti-government rally.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rally began at 9 a.m. on Tuesday.", ("9 a.m. on Tuesday", "2019-04-30T09:00", Precision.HOUR)),
        ("On Tuesday at 10:30 p.m. shots rang out.", ("Tuesday at 10:30 p.m.", "2019-04-30T22:30", Precision.HOUR)),
        (
            "Guaido posted the video at 5:46 a.m. local time.",
            ("5:46 a.m. local time", "2019-04-30T05:46", Precision.HOUR),
        ),
    ],
)
def test_clock_times(text, expected):
    assert found(text) == [expected]


def test_a_bare_clock_time_belongs_to_the_day_named_before():
    text = "Troops took the bridge on Monday. Shots were heard at 3 p.m. near the base."
    assert found(text) == [("Monday", "2019-04-29", Precision.DAY), ("3 p.m.", "2019-04-29T15:00", Precision.HOUR)]


def test_without_a_publication_date_relative_expressions_stay_unresolved():
    text = "He left on Monday. Yesterday he returned, in January he spoke. On April 3 he came. He was freed in 2014."
    values = times(text, Publication())
    unresolved = [value for value in values if value.expression != "2014"]
    assert [value.expression for value in unresolved] == ["Monday", "Yesterday", "January", "April 3"]
    for value in unresolved:
        assert (value.start, value.end, value.precision, value.basis) == (
            None,
            None,
            Precision.UNKNOWN,
            TimeBasis.UNKNOWN,
        )
        assert value.display() is None
    assert [value.display() for value in values if value.expression == "2014"] == ["2014"]


def test_without_a_publication_date_a_two_digit_decade_has_no_century():
    [value] = times("Things have changed since the '80s.", Publication())
    assert (value.expression, value.precision, value.start) == ("'80s", Precision.UNKNOWN, None)


def test_only_the_given_regions_are_searched_and_offsets_point_into_the_whole_text():
    text = "Published on April 30, 2019\nThe strike began on Monday in Caracas.\nREAD ALSO: talks on Friday"
    body_start = text.index("The strike")
    body = Span(body_start, text.index("\nREAD"))
    [value] = times(text, regions=[body])
    assert value.expression == "Monday"
    assert value.span == Span(text.index("Monday"), text.index("Monday") + len("Monday"))


def test_intervals_are_half_open_and_in_utc():
    [day, month] = times("The rally on April 12 followed the blackout in March.")
    assert (day.start, day.end) == (datetime(2019, 4, 12, tzinfo=UTC), datetime(2019, 4, 13, tzinfo=UTC))
    assert (month.start, month.end) == (datetime(2019, 3, 1, tzinfo=UTC), datetime(2019, 4, 1, tzinfo=UTC))


def test_a_publication_datetime_counts_from_its_calendar_day():
    evening = Publication(published=datetime(2019, 4, 30, 21, 15, tzinfo=UTC))
    assert found("The army moved on Monday.", evening) == [("Monday", "2019-04-29", Precision.DAY)]


def test_a_capitalised_today_inside_a_sentence_is_a_name():
    assert found("The interview was broadcast by Russia Today and USA Today.") == []
    assert found("He told RT on Monday. Today, he said, is decisive.")[1] == ("Today", "2019-04-30", Precision.DAY)


def test_a_month_at_the_end_of_a_phrase_with_of():
    assert found("The sanctions expire at the end of January.") == [("January", "2019-01", Precision.MONTH)]


def test_a_weekday_named_with_a_date_picks_its_year():
    assert found("The runoff is on Sunday, April 5.") == [("Sunday, April 5", "2020-04-05", Precision.DAY)]


def test_a_year_before_a_function_word_is_not_attributive():
    assert found("It's 2019 and the crisis goes on.") == []


def test_a_bare_clock_time_in_a_new_paragraph_belongs_to_the_publication_day():
    text = "The deadline passed on Friday.\nHe tweeted at 11:45 p.m. ET."
    assert found(text)[1] == ("11:45 p.m. ET", "2019-04-30T23:45", Precision.HOUR)


@pytest.mark.parametrize(
    "text",
    [
        "CARACAS, April 30 (Reuters) - Venezuelan troops fired tear gas at protesters.",
        "Updated: April 30, 2019 10:32 a.m.",
        "By Jane Doe | April 30, 2019",
        "2019-04-30",
        "Published 30.04.2019 | 10:32",
        "By Jane Doe, 2019/04/30",
    ],
)
def test_datelines_and_date_stamps_are_not_events(text):
    assert found(text) == []


def test_a_short_story_line_with_a_date_is_kept():
    assert found("It rained on April 12.") == [("April 12", "2019-04-12", Precision.DAY)]


@pytest.mark.parametrize(
    "text",
    ["May 2019 could be her last month in office.", "Prices doubled over the last year.", "It was his last week."],
)
def test_last_month_after_a_determiner_is_no_date(text):
    assert [value for value in found(text) if "last" in value[0]] == []


def test_a_timetable_in_the_present_looks_ahead_and_a_trailing_said_does_not_date_it():
    text = "The trial begins at 1 p.m. Thursday, the chief justice said."
    assert found(text) == [("1 p.m. Thursday", "2019-05-02T13:00", Precision.HOUR)]


def test_a_wire_dateline_is_not_an_event():
    assert found("WASHINGTON, Jan. 15, 2020 /PRNewswire/ -- The company reported results.") == []


def test_both_years_of_a_range():
    assert found("She served as speaker from 2007 to 2011.") == [
        ("2007", "2007", Precision.YEAR),
        ("2011", "2011", Precision.YEAR),
    ]


def test_clock_times_in_capitals():
    assert found("Polls closed at 8 PM on Sunday.") == [("8 PM on Sunday", "2019-04-28T20:00", Precision.HOUR)]


def test_a_weekday_in_a_name_is_no_date_but_after_a_reporting_verb_it_is():
    assert found("The Sunday Times and the Tuesday Group reported it.") == []
    assert found("Guaido said Tuesday Venezuelans must rise.") == [("Tuesday", "2019-04-30", Precision.DAY)]
