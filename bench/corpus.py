"""Synthetic news stories: plausible article texts and the facts they report, with exact spans.

A story is something that happened on one day; several outlets cover it, and each article reports
a sample of the story's statements and events, popular ones more often, so the same quote reaches
many sources. Every span recorded here indexes the article text exactly as built, so
``article.text[span.start:span.end]`` is the excerpt. Nothing here touches the database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from timeline.models import ActorKind, FactType, Precision, QuoteKind, TimeBasis


def _listed(text: str) -> list[str]:
    """The items of a "|"-separated list written over several lines."""
    return [item.strip() for item in text.replace("\n", "").split("|")]


FIRST_NAMES = _listed(
    """Ana|José|María|Juan|Luis|Carmen|Pedro|Sofía|Diego|Lucía|John|Mary|James|Patricia|Robert|Jennifer|Michael
|Linda|David|Elizabeth|Olena|Dmytro|Ahmed|Fatima|Wei|Mei|Hiroshi|Yuki|Pierre|Amélie|Hans|Ingrid|Nikolai
|Irina|Kwame|Amara|Rahul|Priya|Mehmet|Ayşe|Lars|Sigrid|Giulia|Marco|Zoë|François|Søren|Małgorzata|Tomás
|Inés|Joaquín|Beatriz|Chidi|Ngozi|Samir|Leila|Erik|Astrid"""
)
LAST_NAMES = _listed(
    """Álvarez|Pérez|González|Rodríguez|Fernández|López|Martínez|Sánchez|Ramírez|Torres|Smith|Johnson|Williams
|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Kovalenko|Shevchenko|Bondarenko|Haddad|Mansour|Chen|Wang
|Li|Tanaka|Suzuki|Dubois|Lefèvre|Moreau|Müller|Schmidt|Schäfer|Ivanov|Petrova|Mensah|Okafor|Sharma|Gupta
|Yılmaz|Demir|Nilsson|Johansson|Rossi|Bianchi|Østergaard|Nowak|Wiśniewski|Guaidó|Maduro|Castillo|Herrera
|Vargas|Navarro|Ortega|Molina|Delgado|Romero|Cruz|Reyes|Morales|Jiménez|Ruiz|Díaz|Mendoza|Aguilar|Medina
|Castro|Ortiz|Silva|Rojas|Campos|Vega|Fuentes|Cabrera|Núñez"""
)
COUNTRIES = _listed(
    """Venezuela|Colombia|Brazil|Argentina|Chile|Peru|Mexico|Spain|France|Germany|Italy|Poland|Ukraine|Russia
|Turkey|Egypt|Nigeria|Ghana|Kenya|India|China|Japan|Sweden|Norway|Denmark|Portugal|Greece|Canada|Bolivia
|Ecuador"""
)
DOMAINS = _listed(
    """Defense|Finance|Health|Education|Energy|Justice|Interior|Agriculture|Transport|Labor|Trade|Environment"""
)
ORGANIZATION_PATTERNS = [
    "{country} Ministry of {domain}",
    "National {domain} Council of {country}",
    "{country} {domain} Workers Union",
    "Supreme Court of {country}",
    "Central Bank of {country}",
    "{country} Electoral Commission",
]
TITLES = _listed(
    """President|Prime Minister|Defense Minister|Finance Minister|Foreign Minister|Interior Minister|Senator
|opposition leader|government spokesperson|central bank governor|mayor|union leader|ambassador|party chairman
|chief prosecutor|health minister|army commander|governor"""
)
CITIES = _listed(
    """Caracas|Bogotá|Brasília|Buenos Aires|Santiago|Lima|Mexico City|Madrid|Paris|Berlin|Rome|Warsaw|Kyiv
|Moscow|Ankara|Cairo|Abuja|Accra|Nairobi|New Delhi|Beijing|Tokyo|Stockholm|Oslo|Copenhagen|Lisbon|Athens
|Ottawa|La Paz|Quito|São Paulo|Zürich|Kraków|Maracaibo|Medellín"""
)
OUTLETS = _listed(
    """The Daily Ledger|Metro Herald|Continental Post|The Evening Courier|Harbor Times|National Observer
|The Morning Dispatch|Global Wire|Capital Tribune|The Independent Review|Southern Gazette|Northern Star
|Pacific Chronicle|Atlantic Record|The Civic Journal|Union Press|Frontier News|The Weekly Mirror
|Valley Sentinel|City Bulletin|Andes Report|Río Noticias|Euro Monitor|The Bridge|Open Newsroom
|Delta Times|Highland Post|Coastal Voice|The Plain Dealer Review|Summit Daily|Meridian News|Horizon Post
|The Public Eye|Crossroads Weekly|Liberty Ledger|The Commons|Market Street Journal|Lantern News|Beacon Herald
|Compass Daily"""
)

QUOTE_OPENERS = _listed(
    """We will|The government will|Nobody can|This country must|Our people will never|I am confident we will
|We are ready to|It is time to|We cannot allow anyone to|The opposition wants to|I will personally|We must
|The armed forces will|Our party will|The ministry intends to|They are trying to|We have decided to
|The international community must|I refuse to|Parliament should"""
)
QUOTE_VERBS = _listed(
    """defend|reject|support|investigate|restore|protect|negotiate|postpone|review|fund|suspend|reform
|question|guarantee|expand|cancel|rebuild|denounce|respect|challenge|accelerate|block|approve|audit"""
)
QUOTE_OBJECTS = _listed(
    """the electoral process|the new budget|the rights of workers|the peace agreement|the constitution
|the pension reform|the independence of the courts|the transition|the sanctions regime|the humanitarian corridor
|the border agreement|the national oil company|the public health system|the free press|the coming elections
|the minimum wage|the anti-corruption law|the fuel subsidies|the trade deal|the emergency decree
|the water supply|the military budget|the housing plan|the investigation|the ceasefire|the census
|the mining concessions|the school calendar|the bailout|the referendum"""
)
QUOTE_TAILS = [
    "",
    " before the end of the year",
    " whatever the cost",
    " in the coming weeks",
    " together with our allies",
    " without delay",
    " as long as it takes",
    " for the sake of our children",
    " within the law",
    " step by step",
    " once and for all",
    " if the courts allow it",
    " despite the pressure",
    " this very week",
    " no matter what they say",
]
# Real quotes and events name particular things (a dam, a loan, a decree), and the words of a
# corpus follow Zipf's law: a few are everywhere, most are rare. Templates alone would make every
# word common, so each story is about a thing named with a coined word drawn by Zipf's law.
REFERENT_KINDS = _listed(
    """dam|pipeline|refinery|bridge|port|railway|highway|airport|mine|power plant|contract|loan|bond issue
|tax|tariff|subsidy|fund|bill|decree|treaty|accord|inquiry|commission|audit|merger|concession|licence
|stadium|hospital|housing project|trade zone|grain deal|gas field|oil field|vaccine programme|water project"""
)
NAME_ONSETS = _listed("b|br|c|ch|d|dr|f|g|gr|h|j|k|kr|l|m|n|p|pr|qu|r|s|sh|st|t|tr|v|w|z")
NAME_VOWELS = _listed("a|e|i|o|u|ai|ea|io|ou|y")
NAME_CODAS = _listed("|n|r|l|s|m|nd|rt|x|v|sk|th")
COINED_NAME_COUNT = 50_000
# The share of a story's quotes and events that name its subject; the others speak in general terms.
SUBJECT_SHARE = 0.6
EVENT_WITH_TWO = [
    "{a} met {b} in {city}",
    "{a} signed an agreement with {b} in {city}",
    "{a} and {b} held talks in {city}",
    "{a} announced sanctions against {b}",
    "{a} filed a complaint against {b} in {city}",
]
EVENT_WITH_ONE = [
    "{a} visited {city}",
    "{a} resigned after a dispute over {object}",
    "{a} was sworn in in {city}",
    "{a} presented a plan on {object} in {city}",
    "{a} was detained at the airport in {city}",
]
EVENT_WITH_NONE = [
    "protesters gathered outside the parliament in {city} over {object}",
    "lawmakers approved {object}",
    "security forces clashed with demonstrators in {city}",
    "election officials began counting votes in {city}",
    "striking workers blocked the main highway near {city} in protest at {object}",
    "a power outage left much of {city} in the dark",
    "the court suspended {object}",
    "rescue teams reached the flooded districts of {city}",
]
CUES = ["said", "said", "said", "told reporters", "declared", "warned", "insisted", "added", "wrote"]
CHANNELS = {"wrote": "Twitter", "told reporters": "press conference"}
FILLER = [
    "The ministry did not respond to a request for comment.",
    "Analysts expect further talks in the coming days.",
    "The dispute has dragged on for months.",
    "Officials declined to give further details.",
    "The announcement was met with scepticism in the capital.",
    "Several international observers were present.",
    "The figures could not be independently verified.",
    "Markets reacted calmly to the news.",
    "Opposition groups called for calm.",
    "The decision is expected to face legal challenges.",
]
HEADLINES = [
    "{name} vows to {verb} {object}",
    "Tension rises in {city} over {object}",
    "{name} under pressure as {city} waits",
    "What we know about {object}",
    "{city}: day of talks ends without deal",
]
# How much of a time anchor a fact carries; some have none at all, so the chronology has undated entries.
PRECISION_WEIGHTS = {
    Precision.HOUR: 6,
    Precision.PART_OF_DAY: 4,
    Precision.DAY: 55,
    Precision.WEEK: 4,
    Precision.MONTH: 12,
    Precision.YEAR: 8,
    Precision.DECADE: 2,
    Precision.UNKNOWN: 9,
}
QUOTE_KIND_WEIGHTS = {QuoteKind.DIRECT: 75, QuoteKind.PARTIAL: 10, QuoteKind.INDIRECT: 15}
# Outlets per story: most stories are covered by one to three, a few by a dozen.
ARTICLES_PER_STORY_WEIGHTS = {1: 30, 2: 25, 3: 15, 4: 10, 5: 8, 6: 5, 8: 4, 12: 3}
FIRST_DAY = datetime(2012, 1, 1, tzinfo=UTC)
LAST_DAY = datetime(2025, 12, 31, tzinfo=UTC)
SPEAKER_CONFLICT_RATE = 0.05
EVENT_SHARE = 0.4
STATED = TimeBasis.STATED


def _coined_names(count: int) -> list[str]:
    """``count`` distinct made-up proper names of two or three syllables, the same on every run."""
    rng = random.Random("coined names")
    names = set()
    while len(names) < count:
        syllables = rng.choice([2, 2, 3])
        name = "".join(rng.choice(NAME_ONSETS) + rng.choice(NAME_VOWELS) for _ in range(syllables))
        names.add((name + rng.choice(NAME_CODAS)).capitalize())
    # Sorted first: a set's order changes from run to run. Shuffled so that rank is not the alphabet.
    ranked = sorted(names)
    rng.shuffle(ranked)
    return ranked


COINED_NAMES = _coined_names(COINED_NAME_COUNT)
# Zipf's law: the name of rank r is drawn in proportion to 1 / r.
COINED_NAME_WEIGHTS = list(accumulate(1 / rank for rank in range(1, COINED_NAME_COUNT + 1)))


def story_subject(rng: random.Random) -> str:
    """What a story is about: "the Brandor pipeline"."""
    name = rng.choices(COINED_NAMES, cum_weights=COINED_NAME_WEIGHTS)[0]
    return f"the {name} {rng.choice(REFERENT_KINDS)}"


@dataclass
class ActorSpec:
    name: str
    kind: str
    aliases: list[str]
    titles: list[str]
    id: int | None = None


@dataclass
class TimeSpec:
    start: datetime | None
    end: datetime | None
    precision: Precision
    expression: str
    basis: TimeBasis


@dataclass
class FactSpec:
    type: str
    text: str
    time: TimeSpec
    speaker: ActorSpec | None = None
    participants: list[ActorSpec] = field(default_factory=list)
    quote_kind: str = ""
    cue: str = ""
    channel: str = ""
    place: str = ""
    id: int | None = None


@dataclass
class Mention:
    """One place where an article reports a fact: the excerpt is ``text[start:end]``."""

    fact: FactSpec
    start: int
    end: int
    speaker: ActorSpec | None = None  # who this article says spoke; differs from the fact's in a conflict


@dataclass
class RoleMention:
    actor: ActorSpec
    title: str
    start: int
    end: int


@dataclass
class ArticleSpec:
    outlet: str
    title: str
    url: str
    author: str
    published_at: datetime
    text: str
    mentions: list[Mention]
    roles: list[RoleMention]
    id: int | None = None


@dataclass
class Story:
    facts: list[FactSpec]
    articles: list[ArticleSpec]


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def make_actors(rng: random.Random, count: int) -> list[ActorSpec]:
    """``count`` distinct actors: mostly people, some organisations and countries, each with aliases."""
    actors, seen = [], set()
    for country in COUNTRIES[: max(1, count // 20)]:
        actors.append(ActorSpec(country, ActorKind.COUNTRY, [], []))
        seen.add(country)
    while len(actors) < count:
        actor = _organization(rng) if rng.random() < 0.15 else _person(rng)
        if actor.name not in seen:
            seen.add(actor.name)
            actors.append(actor)
    return actors


def _person(rng: random.Random) -> ActorSpec:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    # A middle initial keeps names distinct once the first/last combinations run out.
    middle = f" {rng.choice('ABCDEFGHJKLMNPRST')}." if rng.random() < 0.3 else ""
    name = f"{first}{middle} {last}"
    titles = rng.sample(TITLES, rng.choice([1, 1, 2]))
    return ActorSpec(name, ActorKind.PERSON, [last], titles)


def _organization(rng: random.Random) -> ActorSpec:
    pattern = rng.choice(ORGANIZATION_PATTERNS)
    name = pattern.format(country=rng.choice(COUNTRIES), domain=rng.choice(DOMAINS))
    kind = ActorKind.GOVERNMENT if "Ministry" in name else ActorKind.ORGANIZATION
    initials = "".join(word[0] for word in name.split() if word[0].isupper())
    return ActorSpec(name, kind, [initials] if len(initials) > 2 else [], [])


def make_story(rng: random.Random, actors: list[ActorSpec], first_url_number: int, max_articles: int) -> Story:
    """One story: its facts, and the articles of up to ``max_articles`` outlets that report them."""
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    city = rng.choice(CITIES)
    subject = story_subject(rng)
    cast = rng.sample(actors, min(len(actors), rng.randint(2, 6)))
    article_count = min(max_articles, weighted(rng, ARTICLES_PER_STORY_WEIGHTS))
    facts = [_make_fact(rng, cast, day, city, subject) for _ in range(6 * article_count + 4)]
    # Earlier facts in the pool are the story's headline quotes: most outlets report them.
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(facts))]
    articles = []
    for number in range(article_count):
        reported = _sample_by_weight(rng, facts, popularity, rng.randint(7, 13))
        published = day + timedelta(days=rng.choice([0, 0, 1, 1, 2]), hours=rng.randint(6, 22))
        articles.append(write_article(rng, reported, city, published, first_url_number + number, subject=subject))
    _add_speaker_conflict(rng, articles, cast)
    mentioned = {id(m.fact) for article in articles for m in article.mentions}
    return Story([fact for fact in facts if id(fact) in mentioned], articles)


def _sample_by_weight(rng, items, weights, count):
    """``count`` distinct items, each drawn with probability proportional to its weight, in pool order."""
    keys = sorted(range(len(items)), key=lambda i: rng.random() ** (1 / weights[i]), reverse=True)
    return [items[i] for i in sorted(keys[:count])]


def _make_fact(rng, cast, day, city, subject) -> FactSpec:
    time = _make_time(rng, day)
    about = subject if rng.random() < SUBJECT_SHARE else rng.choice(QUOTE_OBJECTS)
    if rng.random() < EVENT_SHARE:
        return _make_event(rng, cast, city, time, about)
    kind = weighted(rng, QUOTE_KIND_WEIGHTS)
    cue = rng.choice(CUES)
    return FactSpec(
        type=FactType.STATEMENT,
        text=_quote_text(rng, about, indirect=kind == QuoteKind.INDIRECT),
        time=time,
        speaker=rng.choice([a for a in cast if a.kind == ActorKind.PERSON] or cast),
        quote_kind=kind,
        cue=cue,
        channel=CHANNELS.get(cue, ""),
    )


def _quote_text(rng, about: str, *, indirect: bool) -> str:
    opener = rng.choice(["the government would", "the country must", "they would"]) if indirect else None
    opener = opener or rng.choice(QUOTE_OPENERS)
    return f"{opener} {rng.choice(QUOTE_VERBS)} {about}{rng.choice(QUOTE_TAILS)}"


def _make_event(rng, cast, city, time, about) -> FactSpec:
    pattern_count = rng.choice([0, 1, 1, 2])
    pattern = rng.choice([EVENT_WITH_NONE, EVENT_WITH_ONE, EVENT_WITH_TWO][pattern_count])
    participants = rng.sample(cast, min(pattern_count, len(cast)))
    names = {"a": participants[0].name if participants else "", "b": participants[-1].name if participants else ""}
    clause = pattern.format(city=city, object=about, **names)
    text = f"{time.expression[0].upper()}{time.expression[1:]}, {clause}" if time.expression else _capital(clause)
    return FactSpec(type=FactType.EVENT, text=text, time=time, participants=participants, place=city)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _make_time(rng, day: datetime) -> TimeSpec:
    precision = weighted(rng, PRECISION_WEIGHTS)
    if precision == Precision.UNKNOWN:
        return TimeSpec(None, None, precision, "", TimeBasis.UNKNOWN)
    if precision == Precision.HOUR:
        start = day.replace(hour=rng.randint(7, 20))
        return TimeSpec(start, start + timedelta(hours=1), precision, f"at {_clock(start)} on {_date(start)}", STATED)
    if precision == Precision.PART_OF_DAY:
        start = day.replace(hour=6)
        return TimeSpec(start, start + timedelta(hours=6), precision, f"on the morning of {_date(start)}", STATED)
    if precision == Precision.DAY:
        start = day - timedelta(days=rng.randint(0, 2))
        if rng.random() < 0.4:
            # Relative to the publication date, as most news writes it.
            return TimeSpec(start, start + timedelta(days=1), precision, f"on {start:%A}", TimeBasis.PUBLICATION)
        return TimeSpec(start, start + timedelta(days=1), precision, f"on {_date(start)}", STATED)
    if precision == Precision.WEEK:
        start = day - timedelta(days=day.weekday() + 7)
        return TimeSpec(start, start + timedelta(days=7), precision, f"in the week of {_date(start)}", STATED)
    if precision == Precision.MONTH:
        month = (day - timedelta(days=rng.randint(0, 90))).replace(day=1)
        end = (month + timedelta(days=32)).replace(day=1)
        return TimeSpec(month, end, precision, f"in {month:%B %Y}", STATED)
    if precision == Precision.YEAR:
        year = day.replace(year=day.year - rng.randint(0, 6), month=1, day=1)
        return TimeSpec(year, year.replace(year=year.year + 1), precision, f"in {year.year}", STATED)
    decade = day.replace(year=day.year // 10 * 10 - 10 * rng.randint(0, 3), month=1, day=1)
    return TimeSpec(decade, decade.replace(year=decade.year + 10), precision, f"in the {decade.year}s", STATED)


def _date(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour} {'a.m.' if moment.hour < 12 else 'p.m.'}"


class _ArticleWriter:
    """Appends sentences to a text, remembering where each fact's excerpt and each role title land."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.mentions: list[Mention] = []
        self.roles: list[RoleMention] = []

    def add(self, text: str) -> int:
        """Append ``text``; return the offset it starts at."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def add_excerpt(self, fact: FactSpec, text: str, speaker: ActorSpec | None = None):
        start = self.add(text)
        self.mentions.append(Mention(fact, start, start + len(text), speaker))

    def add_name(self, rng, actor: ActorSpec):
        """The actor's name, after a reported title half of the time (a role with its source span)."""
        if actor.titles and rng.random() < 0.5:
            title = _capital(rng.choice(actor.titles))
            start = self.add(title)
            self.roles.append(RoleMention(actor, title, start, start + len(title)))
            self.add(" ")
        self.add(actor.name)

    def text(self) -> str:
        return "".join(self.parts)


def write_article(
    rng, facts: list[FactSpec], city: str, published: datetime, url_number: int, *, subject: str
) -> ArticleSpec:
    """One outlet's article reporting ``facts`` in order, datelined in ``city``, headlined on ``subject``."""
    outlet = rng.choice(OUTLETS)
    writer = _ArticleWriter()
    writer.add(f"{city.upper()} ({outlet}) — ")
    for number, fact in enumerate(facts):
        if number and number % 3 == 0:
            writer.add(f"\n\n{rng.choice(FILLER)}\n\n")
        elif number:
            writer.add(" ")
        _write_fact(rng, writer, fact, fact.speaker)
    writer.add(f"\n\n{rng.choice(FILLER)}")
    lead = next((f for f in facts if f.speaker), None)
    headline = rng.choice(HEADLINES).format(
        name=lead.speaker.name if lead else city,
        verb=rng.choice(QUOTE_VERBS),
        object=subject,
        city=city,
    )
    slug = "-".join(headline.lower().replace(":", "").split()[:6])
    domain = outlet.lower().replace("the ", "").replace(" ", "") + ".example"
    return ArticleSpec(
        outlet=outlet,
        title=headline,
        url=f"https://{domain}/{published:%Y/%m/%d}/{slug}-{url_number}",
        author=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        published_at=published,
        text=writer.text(),
        mentions=writer.mentions,
        roles=writer.roles,
    )


def _write_fact(rng, writer: _ArticleWriter, fact: FactSpec, speaker: ActorSpec | None):
    if fact.type == FactType.EVENT:
        writer.add_excerpt(fact, fact.text)
        writer.add(".")
        return
    when = f" {fact.time.expression}" if fact.time.expression else ""
    if fact.quote_kind == QuoteKind.DIRECT:
        writer.add("“")
        writer.add_excerpt(fact, _capital(fact.text), speaker)
        writer.add(",” ")
        writer.add_name(rng, speaker)
        writer.add(f" {fact.cue}{when}.")
    elif fact.quote_kind == QuoteKind.PARTIAL:
        writer.add_name(rng, speaker)
        writer.add(f" {fact.cue}{when} that it was time to “")
        writer.add_excerpt(fact, fact.text, speaker)
        writer.add("”.")
    else:
        writer.add_name(rng, speaker)
        writer.add(f" said{when} that ")
        writer.add_excerpt(fact, fact.text, speaker)
        writer.add(".")


def _add_speaker_conflict(rng, articles: list[ArticleSpec], cast: list[ActorSpec]):
    """Now and then the last outlet puts a widely reported quote in someone else's mouth.

    The article is rewritten with the other speaker, so its text and spans stay consistent.
    """
    if len(articles) < 2 or rng.random() >= SPEAKER_CONFLICT_RATE * len(articles):
        return
    earlier = {id(m.fact) for article in articles[:-1] for m in article.mentions}
    last = articles[-1]
    shared = [m.fact for m in last.mentions if m.fact.speaker and id(m.fact) in earlier]
    others = [a for a in cast if a.kind == ActorKind.PERSON]
    if not shared or len(others) < 2:
        return
    disputed = shared[0]
    impostor = next(a for a in others if a is not disputed.speaker)
    writer = _ArticleWriter()
    prefix_end = last.text.index("— ") + 2
    writer.add(last.text[:prefix_end])
    for number, mention in enumerate(last.mentions):
        if number:
            writer.add(" ")
        speaker = impostor if mention.fact is disputed else mention.fact.speaker
        _write_fact(rng, writer, mention.fact, speaker)
    writer.add(f"\n\n{rng.choice(FILLER)}")
    last.text, last.mentions, last.roles = writer.text(), writer.mentions, writer.roles
