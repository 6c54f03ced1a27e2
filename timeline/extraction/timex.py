"""Time expressions in article text, normalised against the publication date.

Candidates are found by our own patterns only (a word that merely looks like a date, such as "We"
or "May" the verb, never becomes one) and each is normalised at the precision the text gives:
"Tuesday morning" is a part of a day, "in January" a month, "his 2018 re-election" a year. Most
patterns capture the calendar fields they need, so the value is computed exactly from them. The
explicit dates they leave ("30.04.2019", "2019/04/30", "30-Apr-2019", "Apr. 2019") are matched as
spans and only that span is handed to dateparser, whose period gives the precision. Durations and
vague spans ("for months", "in recent weeks") match no pattern, so they never become points in time.

Numeric dates: with the year first they read year-month-day. With the year last, a number above 12
can only be the day. When both numbers could be the month, dots are read day first (30.04.2019 is
how dotted dates are written), while slashes and dashes, which English writes both ways, take the
reading nearer the publication date (news tells of days near its own) and give no date without one.

A value is a half-open interval of timezone-aware UTC datetimes. Expressions that need the
publication date (weekdays, "yesterday", "in January") stay unresolved when it is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from timeline.extraction.lexicon import word_set
from timeline.extraction.types import Publication, Span, TimeValue
from timeline.models import Precision, TimeBasis

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Hours [from, to) of each part of a day; night runs into the next morning.
PARTS_OF_DAY = {"morning": (6, 12), "afternoon": (12, 18), "evening": (18, 24), "night": (18, 30)}
# "early Tuesday" / "late Tuesday" without a part of day: the first or second half of it.
DAY_EDGES = {"early": (0, 12), "late": (12, 24)}
_COUNTING_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
NUMBER_WORDS = {"a": 1, "an": 1} | {word: number for number, word in enumerate(_COUNTING_WORDS, start=1)}
UNIT_PRECISION = {"day": Precision.DAY, "week": Precision.WEEK, "month": Precision.MONTH, "year": Precision.YEAR}

# Names are matched capitalised only: "may" and "march" in lower case are a verb and a noun.
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|{_MONTH_SHORT}\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?i:morning|afternoon|evening|night)"
_NUMBER = r"(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_YEAR_DIGITS = r"(?:1[89]|20)\d{2}"
# A year of modern history, not part of a longer number ("8,500", "2019.5").
_YEAR = rf"(?<![\d,.$£€]){_YEAR_DIGITS}(?![\d]|[,.]\d)"
_CLOCK_TIME = r"(?:\d{1,2}(?::\d{2})?\s?[apAP]\.?\s?[mM](?:\.|\b)|\d{1,2}:\d{2}(?!\d)|(?i:noon|midnight))"
_CLOCK = rf"{_CLOCK_TIME}(?:\s+(?:local\s+time|GMT|UTC|[ECMP][SD]?T)\b)?"
_CLOCK_PARTS = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s?(?:(?P<ampm>[ap])\.?\s?m)?|(?P<named>noon|midnight)", re.IGNORECASE
)
# What may stand around a day: "early Tuesday", "the morning of May 1", "9 a.m. Tuesday",
# "Tuesday morning", "Tuesday at 9 a.m.".
_DAY_BEFORE = (
    r"(?:(?:the\s+)?(?P<part_of>(?i:morning|afternoon|evening|night))\s+of\s+"
    r"|(?P<edge>(?i:early|late))\s+(?:(?i:on)\s+)?"
    rf"|(?P<clock_before>{_CLOCK})\s+(?:(?i:on)\s+)?)?"
)
_DAY_AFTER = (
    rf"(?:\s+(?P<part>{_PART}))?(?:,?\s+(?i:at|around|about|shortly\s+(?:before|after))\s+(?P<clock_after>{_CLOCK}))?"
)
_CUE_MONTH = r"\b(?i:in|since|by|until|till|through|throughout|during|from|before|after|earlier\s+in|later\s+in|of)"
_CUE_YEAR = rf"(?:{_CUE_MONTH}|\b(?i:around|circa|year))"
_MODIFIER = r"(?P<modifier>(?i:early|late|mid|last|next|this))[\s-]+"
# Verbs that place the clause after publication; a timetable in the present ("the trial begins
# Thursday") speaks of the future too.
_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|going\s+to|(?:is|are)\s+(?:due|set|scheduled|expected|slated|poised)\s+to|plans?\s+to"
    r"|begins|starts|opens|resumes|kicks\s+off|takes\s+place)\b|['’]ll\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|were|had|did|has|have)\b", re.IGNORECASE)
# Reporting verbs are past too, but after the expression they belong to the attribution ("..., he said").
_REPORTED = re.compile(r"\b(?:said|says|told|announced|added|wrote|tweeted)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;\n]")
_WORD_FOLLOWS = re.compile(r"\s*\w")
_CLAUSE_REACH = 300

# Proper names that contain a weekday but are no day of this week: "Black Friday", "Bloody Sunday".
_WEEKDAY_NAME_PREFIXES = word_set(
    "black good super bloody ash holy palm easter cyber giving maundy shrove fat low whit trinity"
)
# Before "last week" or "next year", these make it a span or someone's own stretch of time.
_DETERMINERS = word_set("the a an this that these those his her their its our my your whose")
# A weekday after these is any such day, not a date: "it was a Sunday", "every Friday".
_ANY_DAY_WORDS = word_set("a an every each any another one")
# After a bare number, these say it counts things ("2000 people"), so it is no year.
_COUNTED = word_set("people men women children police personnel staff troops cattle feet percent per")
_EVENT_PLURALS = word_set(
    "elections protests polls games olympics talks midterms riots sanctions negotiations primaries hearings"
)
_NOT_PLURAL = word_set("was is has as its his this thus us plus versus across")

# A dateline: a place in capitals before the date, an agency ("(Reuters)", "/PRNewswire/") or a dash after it.
_DATELINE_HEAD = re.compile(r"\s*[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.'’ -]*)?,?\s*")
_DATELINE_TAIL = re.compile(r"\s*(?:[(/][^)/]{1,40}[)/]\s*)?[-—–:]")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<![ap]\.m)[.!?][\"'”’]?\s*$")
_CALENDAR_DATE = re.compile(rf"{_MONTH_ANY}[\s-]+\d|\d[\s-]+{_MONTH_ANY}|\d{{4}}-\d\d|\d/\d|\d\.\d{{1,2}}\.\d")
_STAMP_REACH = 120
# What dateparser's period says of the precision of the span it read.
_PERIOD_PRECISION = {"time": Precision.HOUR, "day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}
_DIGITS = re.compile(r"\d+")
_MONTH_NAME = re.compile(rf"\b{_MONTH_ANY}")
# Words of a date stamp that say nothing happened: "Published on ... at 10:32 AM".
_STAMP_WORDS = word_set("published updated posted modified last on at by am pm date time edt est gmt utc et")
# Words that cannot be the noun an attributive year stands before ("It's 2019 and ...").
_NOT_NOUNS = word_set(
    """and or but nor to of in on at for with by from when as than that which who is was were are be been had
    has have will would could should may might"""
)


@dataclass(frozen=True)
class _Context:
    """What a resolver needs besides the match: the text, the publication day, the last placed value."""

    text: str
    published: date | None
    previous: TimeValue | None


_Resolver = Callable[[re.Match, _Context], TimeValue | None]


def find_time_expressions(text: str, *, regions: list[Span], publication: Publication) -> list[TimeValue]:
    """Time expressions inside ``regions`` of ``text``, in text order, each normalised with its span."""
    published = _publication_day(publication.published)
    candidates = []
    for region in regions:
        windows = _windows(text, region)
        for trigger, pattern, resolver in _PATTERNS:
            for window_start, window_end in windows.get(trigger, ()):
                for match in pattern.finditer(text, window_start, window_end):
                    start, end = match.span("expr")
                    candidates.append((start, -end, match, resolver))
    candidates.sort(key=lambda candidate: candidate[:2])
    values: list[TimeValue] = []
    previous: TimeValue | None = None
    taken_until = -1
    for start, negative_end, match, resolver in candidates:
        if start < taken_until:
            continue  # a longer expression starting here or earlier already covers it
        try:
            value = resolver(match, _Context(text, published, previous))
        except (ValueError, OverflowError):
            # The expression would land outside the calendar ("next year" in 9999): no date at all.
            continue
        if value is None:
            continue
        taken_until = -negative_end
        if _dates_the_page(text, value.span):
            continue
        values.append(value)
        if value.start is not None:
            previous = value
    return values


def _dates_the_page(text: str, span: Span) -> bool:
    """Whether the expression dates the page or the report rather than telling when something happened:
    a dateline ("CARACAS, April 30 (Reuters) -") or a line that is little more than a date stamp
    ("Updated: April 30, 2019 | 10:32 AM", "By Jane Doe, April 30, 2019")."""
    # Both are short lines; looking no further than this keeps the check cheap in long paragraphs.
    reach_start, reach_end = max(0, span.start - _STAMP_REACH), min(len(text), span.end + _STAMP_REACH)
    line_start = text.rfind("\n", reach_start, span.start) + 1 or reach_start
    line_end = text.find("\n", span.end, reach_end)
    line_end = reach_end if line_end < 0 else line_end
    if (line_start > 0 and text[line_start - 1] != "\n") or (line_end < len(text) and text[line_end] != "\n"):
        return False
    before, after = text[line_start : span.start], text[span.end : line_end]
    if _DATELINE_HEAD.fullmatch(before) and _DATELINE_TAIL.match(after):
        return True
    if not _CALENDAR_DATE.search(text, span.start, span.end) or _SENTENCE_END.search(after):
        return False  # stamps give a calendar date and end without a full stop: "It rained on May 2." is a story
    other_words = [word for word in _WORD.findall(before + " " + after) if word.lower() not in _STAMP_WORDS]
    return len(other_words) < 3


def _windows(text: str, region: Span) -> dict[str, list[tuple[int, int]]]:
    """By kind of trigger, the stretches of ``region`` near one; only these are worth matching.

    Matching the full patterns everywhere would cost more than the rest of extraction; the words
    they need (a month, a weekday, a year) are rare, so finding those first keeps it cheap.
    """
    windows: dict[str, list[tuple[int, int]]] = {}
    for hit in _TRIGGERS.finditer(text, region.start, region.end):
        start, end = max(region.start, hit.start() - _REACH), min(region.end, hit.end() + _REACH)
        found = windows.setdefault(hit.lastgroup, [])
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return windows


def _publication_day(published: date | datetime | None) -> date | None:
    # The article's own calendar day is what "Tuesday" and "yesterday" count from.
    if isinstance(published, datetime):
        return published.date()
    return published


def _utc(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(hours=hour, minutes=minute)


def _stated(match: re.Match, start: datetime, end: datetime, precision: Precision) -> TimeValue:
    span = Span(*match.span("expr"))
    return TimeValue(start, end, precision, match.group("expr"), TimeBasis.STATED, span)


def _unresolved(match: re.Match) -> TimeValue:
    span = Span(*match.span("expr"))
    return TimeValue(None, None, Precision.UNKNOWN, match.group("expr"), TimeBasis.UNKNOWN, span)


def _month_start(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1)


def _month_value(match: re.Match, year: int, month: int) -> TimeValue:
    return _stated(match, _utc(_month_start(year, month)), _utc(_month_start(year, month + 1)), Precision.MONTH)


def _year_value(match: re.Match, year: int) -> TimeValue:
    return _stated(match, _utc(date(year, 1, 1)), _utc(date(year + 1, 1, 1)), Precision.YEAR)


def _week_value(match: re.Match, day: date) -> TimeValue:
    monday = day - timedelta(days=day.weekday())
    return _stated(match, _utc(monday), _utc(monday + timedelta(days=7)), Precision.WEEK)


def _day_value(match: re.Match, day: date) -> TimeValue:
    """A day, refined by the part of day, edge or clock time the match gives around it."""
    groups = match.groupdict()
    clock = groups.get("clock_before") or groups.get("clock_after")
    if clock:
        hour, minute = _clock(clock)
        start = _utc(day, hour, minute)
        return _stated(match, start, start + timedelta(hours=1), Precision.HOUR)
    part = groups.get("part") or groups.get("part_of")
    hours = PARTS_OF_DAY.get(part.lower()) if part else None
    if hours is None and groups.get("edge"):
        hours = DAY_EDGES[groups["edge"].lower()]
    if hours:
        return _stated(match, _utc(day, hours[0]), _utc(day, hours[1]), Precision.PART_OF_DAY)
    return _stated(match, _utc(day), _utc(day + timedelta(days=1)), Precision.DAY)


def _clock(clock: str) -> tuple[int, int]:
    parts = _CLOCK_PARTS.match(clock)
    if parts.group("named"):
        return (12, 0) if parts.group("named").lower() == "noon" else (0, 0)
    hour, minute = int(parts.group("hour")) % 24, int(parts.group("minute") or 0)
    if parts.group("ampm"):
        hour = hour % 12 + (12 if parts.group("ampm").lower() == "p" else 0)
    return hour, min(minute, 59)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, published: date, forward: bool, weekday: int | None = None) -> date | None:
    """The day and month without a year, placed in the year that puts it nearest the publication
    (and, when the text names its weekday too, in a year where it falls on that weekday)."""
    years = (published.year - 1, published.year, published.year + 1)
    options = [d for year in years if (d := _safe_date(year, month, day))]
    if weekday is not None:
        options = [d for d in options if d.weekday() == weekday] or options
    if forward:
        options = [d for d in options if d >= published]
    return min(options, key=lambda d: abs(d - published), default=None)


def _looks_ahead(ctx: _Context, match: re.Match) -> bool:
    """Whether the clause speaks of the future at this expression ("will meet on Monday").

    The verb nearest before the expression decides; at the head of a clause, the first tense-bearing
    verb after it (a trailing "he said" reports the clause, it does not date it).
    """
    text, start, end = ctx.text, *match.span("expr")
    # A clause with no end in sight is cut at _CLAUSE_REACH, which keeps the cost independent of the text.
    reach_start, reach_end = max(0, start - _CLAUSE_REACH), min(len(text), end + _CLAUSE_REACH)
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, reach_start, start)), default=reach_start)
    clause_end = next((m.start() for m in _CLAUSE_END.finditer(text, end, reach_end)), reach_end)
    before = [(m.end(), True) for m in _FUTURE.finditer(text, clause_start, start)]
    before += [(m.end(), False) for m in _PAST.finditer(text, clause_start, start)]
    before += [(m.end(), False) for m in _REPORTED.finditer(text, clause_start, start)]
    if before:
        return max(before)[1]
    after = [(m.start(), True) for m in _FUTURE.finditer(text, end, clause_end)]
    after += [(m.start(), False) for m in _PAST.finditer(text, end, clause_end)]
    return min(after)[1] if after else False


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([\w'’]+)\W*$", text[max(0, start - 30) : start])
    return found.group(1) if found else ""


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _word_after(text: str, end: int) -> str:
    found = re.match(r"\s+([\w'’-]+)", text[end : end + 40])
    return found.group(1) if found else ""


def _counts_things(word: str) -> bool:
    """Whether a number followed by ``word`` is a count ("2000 people") rather than a year."""
    word = word.lower()
    if word in _COUNTED:
        return True
    if word in _EVENT_PLURALS or word in _NOT_PLURAL:
        return False
    return word.endswith("s") and not word.endswith("ss")


# Resolvers: one per pattern, each turning a match into a value (None when the match is no date).


def _resolve_calendar(match: re.Match, ctx: _Context) -> TimeValue | None:
    groups = match.groupdict()
    month = MONTHS[groups["month"].rstrip(".").lower()]
    day = int(groups["day"])
    if groups["year"]:
        found = _safe_date(int(groups["year"]), month, day)
    elif ctx.published:
        weekday = WEEKDAYS.index(groups["named_weekday"].lower()) if groups["named_weekday"] else None
        found = _nearest_year(month, day, ctx.published, _looks_ahead(ctx, match), weekday)
    else:
        return _unresolved(match) if _safe_date(2000, month, day) else None
    return _day_value(match, found) if found else None


def _resolve_iso(match: re.Match, ctx: _Context) -> TimeValue | None:
    found = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if found is None:
        return None
    if match["hour"]:
        start = _utc(found, int(match["hour"]) % 24, int(match["minute"]) % 60)
        return _stated(match, start, start + timedelta(hours=1), Precision.HOUR)
    return _day_value(match, found)


def _resolve_numeric(match: re.Match, ctx: _Context) -> TimeValue | None:
    first, second = int(match["first"]), int(match["second"])
    readings = {(second, first), (first, second)}  # (month, day): day first or month first
    readings = {(month, day) for month, day in readings if 1 <= month <= 12 and 1 <= day <= 31}
    if match["year"]:
        year = int(match["year"])
        year += 2000 if year < 50 else 1900 if year < 100 else 0
        options = [d for month, day in readings if (d := _safe_date(year, month, day))]
    elif ctx.published:
        options = [d for month, day in readings if (d := _nearest_year(month, day, ctx.published, False))]
    else:
        return _unresolved(match) if readings else None
    if not options or (ctx.published is None and len(options) > 1):
        return None  # no reading, or two and nothing to choose between them
    reference = ctx.published or options[0]
    # Day-first and month-first writers both exist; the reading nearest the article is the likely one.
    return _day_value(match, min(options, key=lambda d: abs(d - reference)))


@lru_cache(maxsize=4)
def _date_parser(published: date | None) -> DateDataParser:
    """One parser per publication day: English only, absolute dates only, a month read as its first
    day, and day-first numbers (the order of dotted dates; the other dates it sees carry their order)."""
    settings = {
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
        "PARSERS": ["absolute-time"],
    }
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(published, time())
    return DateDataParser(languages=["en"], settings=settings)


def _resolve_parsed(match: re.Match, ctx: _Context) -> TimeValue | None:
    expression = match["expr"]
    parsed = _date_parser(ctx.published).get_date_data(expression)
    moment, precision = parsed.date_obj, _PERIOD_PRECISION.get(parsed.period)
    if moment is None or precision is None or not _written_in(expression, moment, precision):
        return None
    if (precision == Precision.HOUR) != bool(match.groupdict().get("clock")):
        return None  # a time of day only when the span gives one, and then always
    if precision == Precision.HOUR:
        start = _utc(moment.date(), moment.hour, moment.minute)
        return _stated(match, start, start + timedelta(hours=1), precision)
    if precision == Precision.DAY:
        return _day_value(match, moment.date())
    if precision == Precision.MONTH:
        return _month_value(match, moment.year, moment.month)
    return _year_value(match, moment.year)


def _written_in(expression: str, moment: datetime, precision: Precision) -> bool:
    """Whether the year, month and day that the precision claims are all written in the expression:
    a parser fills in what the text left out, and such a field is no reading of the text."""
    numbers = {int(digits) for digits in _DIGITS.findall(expression)}
    named = _MONTH_NAME.search(expression)
    month_written = MONTHS[named.group().rstrip(".").lower()] == moment.month if named else moment.month in numbers
    return (
        moment.year in numbers
        and (precision > Precision.MONTH or month_written)
        and (precision > Precision.DAY or moment.day in numbers)
    )


def _resolve_weekday(match: re.Match, ctx: _Context) -> TimeValue | None:
    text, end = ctx.text, match.end("weekday")
    word_before = _word_before(text, match.start("expr")).lower()
    if word_before in _WEEKDAY_NAME_PREFIXES or word_before in _ANY_DAY_WORDS:
        return None
    following = _word_after(text, end)
    bare = not match["part"] and not match["clock_after"]
    # Part of a name: "the Sunday Times", "Monday Night Football". After a reporting verb a capital
    # opens the reported clause instead, as in "Guaido said Tuesday Venezuelans must rise".
    followed_by_name = following[:1].isupper() and following.lower() not in MONTHS
    if bare and (word_before == "the" or (followed_by_name and not _REPORTED.fullmatch(word_before))):
        return None
    if ctx.published is None:
        return _unresolved(match)
    target = WEEKDAYS.index(match["weekday"].lower())
    relation = " ".join((match["relation"] or "").lower().split())
    back = (ctx.published.weekday() - target) % 7
    ahead = (target - ctx.published.weekday()) % 7
    if relation in ("last", "past", "this past"):
        offset = -(back or 7)
    elif relation in ("next", "coming", "this coming"):
        offset = ahead or 7
    else:
        # News writes the days of the current week by name: past tense looks back, future forward.
        offset = ahead if _looks_ahead(ctx, match) else -back
    return _day_value(match, ctx.published + timedelta(days=offset))


def _resolve_relative_day(match: re.Match, ctx: _Context) -> TimeValue | None:
    if match["relative"][0].isupper() and not _opens_sentence(ctx.text, match.start("relative")):
        return None  # a capitalised "Today" inside a sentence is a name: "Russia Today", "USA Today"
    if ctx.published is None:
        return _unresolved(match)
    word = match["relative"].lower()
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    value = _day_value(match, ctx.published + timedelta(days=shift))
    if word == "tonight" and value.precision == Precision.DAY:
        night = PARTS_OF_DAY["night"]
        day = ctx.published
        return _stated(match, _utc(day, night[0]), _utc(day, night[1]), Precision.PART_OF_DAY)
    return value


def _resolve_this_part(match: re.Match, ctx: _Context) -> TimeValue | None:
    if ctx.published is None:
        return _unresolved(match)
    shift = -1 if match["which"].lower() == "last" else 0
    return _day_value(match, ctx.published + timedelta(days=shift))


def _resolve_clock(match: re.Match, ctx: _Context) -> TimeValue | None:
    # A bare clock time belongs to the day last named in its paragraph, or else to the day of publication.
    previous = ctx.previous
    if (
        previous is not None
        and previous.precision <= Precision.DAY
        and ctx.text.find("\n", previous.span.end, match.start("expr")) < 0
    ):
        day = previous.start.date()
    elif ctx.published is not None:
        day = ctx.published
    else:
        return _unresolved(match)
    return _day_value(match, day)


def _resolve_month(match: re.Match, ctx: _Context) -> TimeValue | None:
    if ctx.text.startswith(("'s", "’s"), match.end("expr")):
        return None  # a possessive: "May's government" is a person
    month = MONTHS[match["month"].lower()]
    if match["year"]:
        return _month_value(match, int(match["year"]), month)
    if ctx.published is None:
        return _unresolved(match)
    modifier = (match["modifier"] or "").lower()
    this_year, now = ctx.published.year, ctx.published.month
    if modifier == "last":
        year = this_year if month < now else this_year - 1
    elif modifier == "next":
        year = this_year if month > now else this_year + 1
    elif modifier == "this":
        year = this_year
    elif _looks_ahead(ctx, match):
        year = this_year if month >= now else this_year + 1
    else:
        # The most recent such month not after publication.
        year = this_year if month <= now else this_year - 1
    return _month_value(match, year, month)


def _resolve_year(match: re.Match, ctx: _Context) -> TimeValue | None:
    following = _word_after(ctx.text, match.end("expr"))
    if following[:1].islower() and _counts_things(following):
        return None
    return _year_value(match, int(match["year"]))


def _resolve_attributive_year(match: re.Match, ctx: _Context) -> TimeValue | None:
    # "his 2018 re-election": a year standing before a noun, as an adjective would.
    following = _word_after(ctx.text, match.end("expr"))
    if not following[:1].islower() or following in _NOT_NOUNS or _counts_things(following):
        return None
    return _year_value(match, int(match["year"]))


def _resolve_decade(match: re.Match, ctx: _Context) -> TimeValue | None:
    digits = match["decade"].lstrip("'’")
    if len(digits) == 2:
        # "the '90s": the latest such decade that had begun by publication; without it, the century is unknown.
        if ctx.published is None:
            return _unresolved(match)
        year = (ctx.published.year // 100) * 100 + int(digits)
        decade = year if year <= ctx.published.year else year - 100
    else:
        decade = int(digits)
    start, end = _utc(date(decade, 1, 1)), _utc(date(decade + 10, 1, 1))
    return _stated(match, start, end, Precision.DECADE)


def _resolve_period(match: re.Match, ctx: _Context) -> TimeValue | None:
    if _word_before(ctx.text, match.start("expr")).lower() in _DETERMINERS:
        return None  # "over the last year" is a span, "her last month in office" a stretch of her own
    if ctx.published is None:
        return _unresolved(match)
    step = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
    unit, day = match["unit"].lower(), ctx.published
    if unit == "week":
        return _week_value(match, day + timedelta(weeks=step))
    if unit == "month":
        return _month_value(match, day.year, day.month + step)
    return _year_value(match, day.year + step)


def _count(match: re.Match) -> int:
    word = match["count"].lower()
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else int(word)


def _shifted(match: re.Match, day: date, unit: str, count: int) -> TimeValue:
    if unit == "day":
        return _day_value(match, day + timedelta(days=count))
    if unit == "week":
        return _week_value(match, day + timedelta(weeks=count))
    if unit == "month":
        return _month_value(match, day.year, day.month + count)
    return _year_value(match, day.year + count)


def _resolve_ago(match: re.Match, ctx: _Context) -> TimeValue | None:
    if ctx.published is None:
        return _unresolved(match)
    return _shifted(match, ctx.published, match["unit"].lower(), -_count(match))


def _resolve_offset(match: re.Match, ctx: _Context) -> TimeValue | None:
    """ "two days later": counted from the date the text gave last, at the unit's precision."""
    direction = match["direction"].lower()
    if direction in ("before", "after") and _WORD_FOLLOWS.match(ctx.text, match.end("expr")):
        return None  # "a day before a planned rally" counts from an event, not from a date
    unit = match["unit"].lower()
    count = _count(match) if match["count"] else 1
    anchor = ctx.previous
    if anchor is None or anchor.precision > UNIT_PRECISION[unit]:
        return _unresolved(match)
    sign = -1 if direction in ("earlier", "before", "previous", "preceding") else 1
    return _shifted(match, anchor.start.date(), unit, sign * count)


# Every time expression contains one of these words or shapes; one scan for all of them finds the
# few stretches of text worth matching the full patterns on. Letter case is spelt out rather than
# ignored, which keeps the scan fast. Longer shapes come first: a year must not hide a decade.
_TRIGGERS = re.compile(
    # Only at the start of a word: the scan then fails fast inside words, which is most of the text.
    r"(?<!\w)(?:"
    + "|".join(
        [
            rf"(?P<month>{_MONTH_ANY}\b)",
            rf"(?P<weekday>{_WEEKDAY})",
            r"(?P<relative_day>[Yy]esterday|[Tt]o(?:day|morrow|night))",
            r"(?P<part>morning|afternoon|evening|night)",
            r"(?P<clock>\d{1,2}\s?[apAP]\.?\s?[mM]\b|\d{1,2}:\d\d|noon|midnight)",
            r"(?P<iso>\d{4}-\d\d-\d)",
            r"(?P<slash>\d{1,2}/\d)",
            r"(?P<decade>(?:(?:1[89]|20)\d|['’]\d)0s\b)",
            r"(?P<year>(?:1[89]|20)\d\d)",
            r"(?P<unit>week|month|year)",
            r"(?P<ago>ago\b)",
            r"(?P<offset>later|earlier|before|after)",
            r"(?P<anaphoric>next|following|previous|preceding)",
        ]
    )
    + ")"
)
# How far before and after its trigger a match may reach.
_REACH = 60

_PATTERNS: list[tuple[str, re.Pattern, _Resolver]] = [
    (
        "month",
        re.compile(
            rf"\b(?P<expr>{_DAY_BEFORE}(?:(?P<named_weekday>{_WEEKDAY}),?\s+)?(?P<month>{_MONTH_ANY})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?!\d|,\d)(?:,?\s+(?P<year>{_YEAR}))?{_DAY_AFTER})"
        ),
        _resolve_calendar,
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<expr>{_DAY_BEFORE}(?:(?P<named_weekday>{_WEEKDAY}),?\s+)?(?:the\s+)?(?<![\d$£€.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"\s+(?:of\s+)?(?P<month>{_MONTH_ANY})(?:,?\s+(?P<year>{_YEAR}))?{_DAY_AFTER})"
        ),
        _resolve_calendar,
    ),
    (
        "iso",
        re.compile(
            r"(?P<expr>(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"
            r"(?:[T\s](?P<hour>\d{2}):(?P<minute>\d{2}))?)"
        ),
        _resolve_iso,
    ),
    # Numeric dates only with a year, or after "on": otherwise "24/7" and "1/2" would be dates.
    (
        "slash",
        re.compile(r"(?P<expr>(?<![\d/.])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/]))"),
        _resolve_numeric,
    ),
    (
        "slash",
        re.compile(r"\b(?i:on)\s+(?P<expr>(?P<first>\d{1,2})/(?P<second>\d{1,2})(?P<year>)(?![\d/]))"),
        _resolve_numeric,
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<expr>{_DAY_BEFORE}(?:(?P<relation>(?i:this\s+coming|this\s+past|last|next|this|coming|past))\s+)?"
            rf"(?P<weekday>{_WEEKDAY})\b{_DAY_AFTER})"
        ),
        _resolve_weekday,
    ),
    (
        "relative_day",
        re.compile(
            rf"\b(?P<expr>{_DAY_BEFORE}(?:(?i:earlier|later)\s+)?(?P<relative>(?i:yesterday|today|tomorrow|tonight))\b"
            rf"{_DAY_AFTER})"
        ),
        _resolve_relative_day,
    ),
    (
        "part",
        re.compile(
            rf"\b(?P<expr>(?:(?P<edge>(?i:early|late|earlier|later))\s+)?(?P<which>(?i:this|last))\s+"
            rf"(?P<part>{_PART})\b"
            rf"(?:,?\s+(?i:at|around|about)\s+(?P<clock_after>{_CLOCK}))?)"
        ),
        _resolve_this_part,
    ),
    (
        "clock",
        re.compile(
            rf"\b(?i:at|around|about|by|until|till|before|after|from|since|shortly\s+(?:before|after))\s+"
            rf"(?P<expr>(?P<clock_after>{_CLOCK}))"
        ),
        _resolve_clock,
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<expr>(?:{_MODIFIER})?(?P<month>{_MONTH_FULL})\s+(?:of\s+)?(?P<year>{_YEAR}))",
        ),
        _resolve_month,
    ),
    (
        "month",
        re.compile(rf"{_CUE_MONTH}\s+(?P<expr>(?:{_MODIFIER})?(?P<month>{_MONTH_FULL})(?P<year>))\b"),
        _resolve_month,
    ),
    ("month", re.compile(rf"\b(?P<expr>{_MODIFIER}(?P<month>{_MONTH_FULL})(?P<year>))\b"), _resolve_month),
    (
        "year",
        re.compile(rf"{_CUE_YEAR}\s+(?P<expr>(?:(?i:early|late|mid)[\s-]+)?(?P<year>{_YEAR}))"),
        _resolve_year,
    ),
    ("year", re.compile(rf"\b(?P<expr>(?i:early|late|mid)[\s-]+(?P<year>{_YEAR}))"), _resolve_year),
    # The second year of a range: "from 2007 to 2011", "between 2014 and 2016".
    ("year", re.compile(rf"(?:(?<=\d{{4}} to )|(?<=\d{{4}} and ))(?P<expr>(?P<year>{_YEAR}))"), _resolve_year),
    (
        "year",
        re.compile(rf"(?:\b(?i:the|his|her|their|its|our|this|that)\s+|\w['’]s\s+)(?P<expr>(?P<year>{_YEAR}))(?=\s)"),
        _resolve_attributive_year,
    ),
    (
        "decade",
        re.compile(r"\b(?i:the)\s+(?P<expr>(?:(?i:early|late|mid)[\s-]+)?(?P<decade>(?:1[89]|20)\d0|['’]\d0)s)\b"),
        _resolve_decade,
    ),
    # Year last with dashes: "30-04-2019", read as slashes are.
    (
        "year",
        re.compile(
            rf"(?P<expr>(?<![\d-])(?P<first>\d{{1,2}})-(?P<second>\d{{1,2}})-(?P<year>{_YEAR_DIGITS})(?![\d]|-\d))"
        ),
        _resolve_numeric,
    ),
    # Explicit dates the patterns above do not read, for dateparser: "30.04.2019", "2019/04/30",
    # "30-Apr-2019", "Apr-30-2019", with a weekday before and a time of day after; "Apr. 2019".
    (
        "year",
        re.compile(
            rf"\b(?P<expr>(?:{_WEEKDAY},?\s+)?"
            rf"(?:(?<![\d.,$£€])\d{{1,2}}\.\d{{1,2}}\.{_YEAR_DIGITS}"
            rf"|(?<![\d.,/$£€]){_YEAR_DIGITS}(?P<separator>[./])\d{{1,2}}(?P=separator)\d{{1,2}}"
            rf"|(?<![\d-])\d{{1,2}}-{_MONTH_SHORT}-{_YEAR_DIGITS}|{_MONTH_SHORT}-\d{{1,2}}-{_YEAR_DIGITS})"
            rf"(?![\d]|[./-]\d)(?:,?\s+(?:(?i:at)\s+)?(?P<clock>{_CLOCK_TIME}))?)"
        ),
        _resolve_parsed,
    ),
    ("year", re.compile(rf"\b(?P<expr>{_MONTH_SHORT}\.?\s+{_YEAR})"), _resolve_parsed),
    # "last week", "earlier this month".
    (
        "unit",
        re.compile(
            r"\b(?P<expr>(?:(?i:earlier|later)\s+)?(?P<which>(?i:last|this|next))\s+"
            r"(?P<unit>week|month|year))\b"
        ),
        _resolve_period,
    ),
    (
        "ago",
        re.compile(rf"\b(?P<expr>(?P<count>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago)\b"),
        _resolve_ago,
    ),
    (
        "offset",
        re.compile(
            rf"\b(?P<expr>(?P<count>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+"
            r"(?P<direction>later|earlier|before|after))\b"
        ),
        _resolve_offset,
    ),
    (
        "anaphoric",
        re.compile(
            r"\b(?P<expr>(?i:the)\s+(?P<count>)(?P<direction>next|following|previous|preceding)\s+"
            r"(?P<unit>day|week|month|year))\b"
        ),
        _resolve_offset,
    ),
]
