"""People, governments and bodies an article names, the titles it gives them, and every reference to them.

A person is introduced by a full name ("José Núñez"), possibly behind a title ("Interior Minister
Carlos Mendez Ruiz") or followed by one (", the interior minister,"). Later the article refers to
the same person by a surname ("Nunez", "Mendez"), a title ("the interior minister") or a pronoun
("he said"); each of those references is resolved to the person it means, so the quote and event
stages can credit the right actor. An unnamed spokesperson ("Ortega's spokesman", "a government
spokeswoman") is the one person the article names as speaking for that side ("Information Minister
X", "Ortega's spokeswoman X"), else the body or government behind them. Names compare accent- and
case-insensitively (normalize.fold).

Actors already in the database (``known_actors``) only lend their stored names: the article is read
by its own rules alone, so what it writes (a fuller name, its titles, where a name ends) is never
replaced, and which actors and references it finds does not depend on what was stored before it.
"""

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from timeline.extraction.attribution import (
    PREPOSITIONS,
    Mention,
    cue_indexes,
    cue_subject,
    longest_by_end,
    longest_by_start,
    sentence_subject,
)
from timeline.extraction.lexicon import (
    CAPITALS,
    COUNTRIES,
    CUE_VERBS,
    DEMONYMS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    INVERTING_CUES,
    MEDIA_NAMES,
    MEDIA_OUTLETS,
    MULTIWORD_PLACES,
    NAME_PARTICLES,
    NON_PERSON_WORDS,
    ORGANISATION_HEADS,
    PLACE_OPENERS,
    SPOKESPERSONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS_AND_MONTHS,
    word_set,
)
from timeline.extraction.tokens import Token, is_title_case, tokenize
from timeline.extraction.types import ExtractedActor, RoleMention, Span
from timeline.models import ActorKind
from timeline.normalize import fold, strip_accents

# A surname alone is taken for a person never mentioned in full only when the article uses it at
# least this often and at least once as the subject of a verb ("X had put him under arrest").
_ORPHAN_MIN_COUNT = 2
_VERBS_AFTER_A_PERSON = word_set(
    """said says had has have was is would will could can did told added wrote tweeted also already then who
    later earlier again insisted claimed warned called urged vowed denied accused rejected ordered met
    visited announced argued signed"""
)
# A capitalised adverb opening a sentence ("Crucially, ...", "Separately Ana Rivera ...") is not a name.
_ADVERB = re.compile(r"(?:ally|ously|ively|ently|antly|ately|edly)$")
# Places, unlike people, are where things happen: a lone name ever used after these is no person.
_LOCATIVES = word_set("in at near inside outside across throughout around")
_PRONOUN_GENDER = dict.fromkeys(word_set("he him his himself"), "m") | dict.fromkeys(
    word_set("she her hers herself"), "f"
)
_TITLE_GENDER = dict.fromkeys(word_set("mr sir lord king prince duke baron emperor congressman spokesman"), "m") | (
    dict.fromkeys(word_set("mrs ms miss lady dame queen princess duchess baroness empress congresswoman"), "f")
)
_APPOSITIVE_TITLE_TOKENS = 8
_PERFECT = word_set("has have had")
_GOVERNMENT_WORDS = word_set("government regime administration")
# Who an unnamed spokesperson is (see ``_voice_for``): the one person the article names in an office of
# speaking for that side. A minister of information or communications and a government or presidential
# spokesperson speak for a whole government; any other spokesperson for whoever their title names.
_SPEAKING_PORTFOLIOS = word_set("information communication communications")
_GOVERNMENT_WIDE = word_set("government presidential")
# A title with these no longer, or not yet, speaks for a government ("former information minister").
_OUT_OF_OFFICE = word_set("former ex ex- late outgoing shadow opposition exiled jailed detained imprisoned")
# Heads of titles that, opened by a demonym ("Peruvian Foreign Minister X"), put that country's
# government in the story: then a government's voice must say which country it speaks for.
_GOVERNMENT_OFFICES = word_set("president premier chancellor minister secretary") | SPOKESPERSONS
_SPOKESPERSON_GENDER = {"spokesman": "m", "spokeswoman": "f"}
_DETERMINERS = word_set("the a an this that")
# Words never part of a person's full name.
_NOT_IN_NAMES = (
    FUNCTION_WORDS
    | TITLE_HEADS
    | WEEKDAYS_AND_MONTHS
    | MEDIA_OUTLETS
    | NON_PERSON_WORDS
    | GROUP_NOUNS
    | frozenset(DEMONYMS)
)
# Countries and capitals do stand in names ("Michael Jordan", "Santiago Peña") but alone they are places.
_PLACES = frozenset(COUNTRIES) | frozenset(CAPITALS)
_NOT_NAMES = _NOT_IN_NAMES | _PLACES


@dataclass
class ActorAnalysis:
    actors: list[ExtractedActor]
    mentions: list[Mention]  # in text order; pronouns and surnames included
    sentence_tokens: list[list[Token]]  # the tokens of each sentence, for the quote stage


@dataclass
class _Person:
    """A person (or a government or body) the article names, while names are being gathered."""

    keys: list[str]  # folded name tokens
    surface: str
    kind: str = ActorKind.PERSON
    roles: dict[str, RoleMention] = field(default_factory=dict)  # by folded title, first seen kept
    aliases: list[str] = field(default_factory=list)
    first: int = 0  # offset of the first full mention
    gender: str = ""  # "m" or "f" once a title or a pronoun has told, so "she" does not mean a man

    def add_role(self, role: RoleMention) -> None:
        key = fold(role.title)
        self.roles.setdefault(key, role)
        for word in key.replace(".", "").split():
            self.gender = self.gender or _TITLE_GENDER.get(word, "")


@dataclass(frozen=True)
class _Voice:
    """A person the article names in an office of speaking for others ("Information Minister X",
    "Kremlin spokesman X", "Ortega's spokeswoman X"): the words of the title that say for whom, whether
    it speaks for a whole government, the country the title names, and the gender it gives."""

    person: int
    owners: frozenset[str]
    government_wide: bool
    country: str | None
    gender: str


@dataclass
class _Sentence:
    span: Span
    tokens: list[Token]


def find_actors(
    text: str, *, sentences: list[Span], known_actors: Iterable[tuple[str, list[str]]] = ()
) -> ActorAnalysis:
    """Actors of the article and their mentions, from its sentences (see ``sentences.split_sentences``)."""
    parsed = [_Sentence(span, tokenize(text, span.start, span.end)) for span in sentences]
    people: list[_Person] = []
    registry = _Registry(people)
    for sentence in parsed:
        # In a headline every word is capitalised, so runs of capitals there are not names.
        if is_title_case(text[sentence.span.start : sentence.span.end]):
            continue
        for run in _capital_runs(sentence.tokens):
            _read_run(text, sentence.tokens, run, registry)
    # Countries whose president the article names ("Chilean President X"), for "government of President X".
    presidents = _presidents_by_country(people)
    resolver = _Resolver(people)
    for token, role in registry.titled_singles:
        index = resolver.resolve(token)
        if index is None:
            people.append(_Person([token.key], _surface(token), aliases=[_surface(token)], first=token.start))
            index = len(people) - 1
        people[index].add_role(role)
        registry.name_at(token.start, _name_end(token), index, token.possessive)
    _add_orphans(parsed, people, resolver, registry.named)
    mentions = _resolve_references(text, parsed, people, resolver, registry.named, presidents)
    gazetteer = _gazetteer(known_actors)
    spans: list[list[Span]] = [[] for _ in people]
    for mention in mentions:
        spans[mention.actor].append(Span(mention.start, mention.end))
    actors = [
        ExtractedActor(
            name=_stored_name(person, gazetteer),
            kind=person.kind,
            aliases=list(dict.fromkeys(person.aliases)),
            roles=list(person.roles.values()),
            mentions=spans[index],
        )
        for index, person in enumerate(people)
    ]
    return ActorAnalysis(actors=actors, mentions=mentions, sentence_tokens=[s.tokens for s in parsed])


def _gazetteer(known_actors: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    """The stored name of the actor known by each folded name form; a form two actors share (the
    surname of two people) names neither."""
    names: dict[str, str | None] = {}
    for canonical, aliases in known_actors:
        for key in {fold(alias) for alias in [canonical, *aliases]}:
            names[key] = canonical if names.get(key, canonical) == canonical else None
    return {key: name for key, name in names.items() if name is not None}


def _stored_name(person: _Person, gazetteer: dict[str, str]) -> str:
    """The database's name for a person or body the article names, unless the article's is fuller.

    Only the name is lent: a lone "Ortega" the article takes for an actor becomes the stored "Pablo
    Ortega", but the article's own keys still decide which later words refer to him. Taking his stored
    keys, or recognising names the article's rules would not, would make the reading depend on which
    articles were ingested first (see ``services.ingest.known_actor_gazetteer``).
    """
    stored = gazetteer.get(fold(person.surface))
    if stored is None or _name_rank(stored) < _name_rank(person.surface):
        return person.surface
    return stored


def _name_rank(name: str) -> tuple[int, int]:
    """More words, then more accents: "Pablo Ortega Ruiz" over "Pablo Ortega", "Núñez" over "Nunez"."""
    return len(fold(name).split()), _accents(name)


def _capital_runs(tokens: list[Token]) -> list[list[int]]:
    """Runs of capitalised tokens (with name particles inside), as token indexes; a possessive ends a run."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, token in enumerate(tokens):
        # Particles join names ("Francisco de Miranda"); "of" joins a body's name ("Bank of England").
        joining = token.key in NAME_PARTICLES or (token.key == "of" and tokens[index - 1].key in ORGANISATION_HEADS)
        inside_name = (
            current and joining and index + 1 < len(tokens) and tokens[index + 1].capitalised and not token.capitalised
        )
        if (token.capitalised and token.is_word) or inside_name:
            current.append(index)
            if token.possessive:
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


class _Registry:
    """What the first reading of the names finds: the people and bodies named in full, where they are
    named, and the surnames that stand behind a title alone ("President Ortega") for later resolution.
    People are looked up by their first name paired with another of their names, so each name costs
    as much as the people it may belong to, not as everyone named so far."""

    def __init__(self, people: list[_Person]):
        self.people = people
        self.by_name_pair: dict[tuple[str, str], list[int]] = {}
        self.organisations: dict[tuple[str, ...], int] = {}
        self.named: list[tuple[int, int, int, bool]] = []  # start, end, person, possessive
        self.titled_singles: list[tuple[Token, RoleMention]] = []

    def name_at(self, start: int, end: int, index: int, possessive: bool) -> None:
        self.named.append((start, end, index, possessive))

    def add_person(self, surface: str, keys: list[str], start: int) -> int:
        """The index of the person this full name belongs to ("Carlos Mendez" joins "Carlos Mendez Ruiz")."""
        candidates = sorted({i for pair in _name_pairs(keys) for i in self.by_name_pair.get(pair, ())})
        for index in candidates:
            person = self.people[index]
            if set(keys) <= set(person.keys) or set(person.keys) <= set(keys):
                person.aliases.append(surface)
                if _fuller(surface, keys, person):
                    person.surface, person.keys = surface, keys
                    self._index_names(index)
                return index
        self.people.append(_Person(keys, surface, aliases=[surface], first=start))
        self._index_names(len(self.people) - 1)
        return len(self.people) - 1

    def _index_names(self, index: int) -> None:
        for pair in _name_pairs(self.people[index].keys):
            entries = self.by_name_pair.setdefault(pair, [])
            if index not in entries:
                entries.append(index)

    def add_organisation(self, surface: str, keys: list[str], start: int) -> int:
        index = self.organisations.get(tuple(keys))
        if index is None:
            self.people.append(_Person(keys, surface, kind=ActorKind.ORGANIZATION, first=start))
            index = self.organisations[tuple(keys)] = len(self.people) - 1
        self.people[index].aliases.append(surface)
        return index


def _name_pairs(keys: list[str]) -> list[tuple[str, str]]:
    """A first name with each other name."""
    return [(keys[0], key) for key in keys[1:]]


def _read_run(text: str, tokens: list[Token], run: list[int], registry: _Registry) -> None:
    """Registers the person or body a run of capitals names, with the title before or after it."""
    while run and _opens_without_naming(tokens, run[0]):
        run = run[1:]
    if not run:
        return
    last = tokens[run[-1]]
    if (last.key in ORGANISATION_HEADS and last.capitalised) or any(tokens[t].key == "of" for t in run):
        start, end = tokens[run[0]].start, _name_end(last)
        index = registry.add_organisation(text[start:end], [tokens[t].key for t in run], start)
        registry.name_at(start, end, index, last.possessive)
        return
    head = max((i for i, t in enumerate(run) if tokens[t].key in TITLE_HEADS), default=-1)
    name = run[head + 1 :]
    while name and tokens[name[0]].key in DEMONYMS:
        name = name[1:]
    if not name or any(tokens[t].key in _NOT_IN_NAMES for t in name) or tokens[name[0]].key in PLACE_OPENERS:
        return
    if all(tokens[t].key in _PLACES for t in name):
        return
    name_key = " ".join(tokens[t].key for t in name)
    if name_key in MEDIA_NAMES or name_key in MULTIWORD_PLACES:
        return
    role = _role_before(text, tokens, run[: head + 1], name[0])
    if len(name) == 1:
        if role is not None:
            registry.titled_singles.append((tokens[name[0]], role))
        return
    start, end = tokens[name[0]].start, _name_end(tokens[name[-1]])
    index = registry.add_person(text[start:end], [tokens[t].key for t in name], start)
    role = role or _role_after(text, tokens, name[-1])
    if role is not None:
        registry.people[index].add_role(role)
    registry.name_at(start, end, index, tokens[name[-1]].possessive)


def _opens_without_naming(tokens: list[Token], index: int) -> bool:
    """A capitalised word before a name that is no part of it: a function word, an adverb, or a
    sentence-opening participle ("Following Ortega's call", "Citing Ruiz")."""
    key = tokens[index].key
    if key in FUNCTION_WORDS or _ADVERB.search(key):
        return True
    return index == 0 and key.endswith("ing") and key not in TITLE_HEADS


def _name_end(token: Token) -> int:
    return token.end - 2 if token.possessive else token.end


def _fuller(surface: str, keys: list[str], person: _Person) -> bool:
    """More name words wins; among equal names the accented spelling wins ("Núñez" over "Nunez")."""
    if len(keys) != len(person.keys):
        return len(keys) > len(person.keys)
    return _accents(surface) > _accents(person.surface)


def _accents(surface: str) -> int:
    return sum(1 for a, b in zip(surface, strip_accents(surface), strict=False) if a != b)


def _role_before(text: str, tokens: list[Token], title: list[int], name_start: int) -> RoleMention | None:
    """The title standing before a name: the capitalised one in the run plus lowercase modifiers before it."""
    first = title[0] if title else name_start
    last = title[-1] if title else None
    position = first - 1
    # "The opposition leader, Christopher Luxon, ...": a title set off by a comma before the name.
    if not title and position >= 1 and tokens[position].text == "," and tokens[position - 1].key in TITLE_HEADS:
        first = position
        position -= 1
    while position >= 0 and tokens[position].is_word and not tokens[position].capitalised:
        key = tokens[position].key
        if key in TITLE_HEADS and last is None:
            last = position
        elif key not in TITLE_MODIFIERS and not (last is None and key in TITLE_HEADS):
            break
        first = position
        position -= 1
    if last is None:
        return None
    # Capitals before a title belong to it: a demonym or country ("Bolivian President"), a body
    # ("Kremlin spokesman", "Russian Foreign Ministry spokeswoman").
    while position >= 0 and tokens[position].capitalised and not _opens_without_naming(tokens, position):
        first = position
        position -= 1
    if first > last:
        return None
    start, end = tokens[first].start, tokens[last].end
    return RoleMention(title=text[start:end], span=Span(start, end))


def _role_after(text: str, tokens: list[Token], name_last: int) -> RoleMention | None:
    """An appositive title: "Lena Vogt, the Ortega government's foreign minister,", "Ana
    Rivera, Peru's foreign minister,", "Ana Diaz, director of the agency,"."""
    position = name_last + 1
    if position >= len(tokens) or tokens[position].text != ",":
        return None
    head = position + 1
    # Up to the title's head only a determiner, owners ("Peru's") and modifiers may stand.
    while head < len(tokens) and head - position <= _APPOSITIVE_TITLE_TOKENS:
        token = tokens[head]
        if token.key in TITLE_HEADS and not token.possessive:
            break
        if not (token.key in _DETERMINERS or token.possessive or token.key in TITLE_MODIFIERS or token.capitalised):
            return None
        head += 1
    else:
        return None
    closing = tokens[head + 1] if head + 1 < len(tokens) else None
    if closing is not None and closing.text not in {",", ".", ";", ":", ")"} and closing.key != "of":
        return None
    first = head
    while first - 1 > position and tokens[first - 1].key in TITLE_MODIFIERS:
        first -= 1
    start, stop = tokens[first].start, tokens[head].end
    return RoleMention(title=text[start:stop], span=Span(start, stop))


def _presidents_by_country(people: list[_Person]) -> dict[int, str]:
    found = {}
    for index, person in enumerate(people):
        for title in person.roles:
            words = title.split()
            if "president" in words and words[0] in DEMONYMS and "vice" not in words:
                found[index] = DEMONYMS[words[0]]
    return found


class _Resolver:
    """Resolves a lone name ("Nunez", "Ruiz") to a person named in full, minding shared surnames."""

    def __init__(self, people: list[_Person]):
        self.people = people
        self.last_seen: dict[int, int] = {}
        self.bare_use: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_first_name: dict[str, list[int]] = {}
        self.indexed = 0

    def candidates(self, key: str) -> list[int]:
        """People a lone name may mean: by a later name ("Nunez"), else by a first name that only one
        person has (family name first, as in "Xi" for "Xi Jinping")."""
        # People are only ever appended once names are gathered: index the new ones as they come.
        while self.indexed < len(self.people):
            person = self.people[self.indexed]
            # A body is referred to alone only by a one-word name ("NATO"), never by a word of a longer one.
            if person.kind == ActorKind.PERSON or len(person.keys) == 1:
                for name in person.keys[1:] or person.keys:
                    self.by_name.setdefault(name, []).append(self.indexed)
                if person.kind == ActorKind.PERSON and len(person.keys) > 1:
                    self.by_first_name.setdefault(person.keys[0], []).append(self.indexed)
            self.indexed += 1
        found = self.by_name.get(key, [])
        if not found and len(self.by_first_name.get(key, ())) == 1:
            return self.by_first_name[key]
        return found

    def resolve(self, token: Token) -> int | None:
        found = self.candidates(token.key)
        if len(found) > 1:
            found = self._prefer(token, found)
        return found[0] if found else None

    def _prefer(self, token: Token, found: list[int]) -> list[int]:
        introduced = [i for i in found if self.people[i].first < token.start] or found
        if token.key in self.bare_use and self.bare_use[token.key] in introduced:
            return [self.bare_use[token.key]]
        # "Ruiz" alone means the person whose last name it plainly is ("Daniel Ruiz"), not the
        # one who carries it as a second surname ("Carlos Mendez Ruiz", called "Mendez").
        plain = [i for i in introduced if self.people[i].keys[-1] == token.key and len(self.people[i].keys) == 2]
        if len(plain) == 1:
            return plain
        return sorted(introduced, key=lambda i: -self.last_seen.get(i, -1))

    def index_titles(self) -> None:
        """Index the titles once all are known, so that "the minister" is found without a scan of everyone."""
        self.titles_of: dict[int, list[str]] = {}  # person -> every ending of every title ("minister", ...)
        self.holders_by_head: dict[str, dict[int, int]] = {}  # head word -> person -> where first titled
        self.recent_by_title: dict[str, int] = {}
        for index, person in enumerate(self.people):
            for title, role in person.roles.items():
                words = title.split()
                self.titles_of.setdefault(index, []).extend(" ".join(words[i:]) for i in range(len(words)))
                holders = self.holders_by_head.setdefault(words[-1], {})
                holders[index] = min(holders.get(index, role.span.start), role.span.start)

    def titled(self, words: list[str], *, before: int) -> int | None:
        """The person last seen with a title ending in ``words``, else the only one with its head word."""
        found = self.recent_by_title.get(" ".join(words))
        if found is not None:
            return found
        # "the National party leader" for the one person called a leader so far, however qualified.
        holders = [i for i, start in self.holders_by_head.get(words[-1], {}).items() if start < before]
        return holders[0] if len(holders) == 1 else None

    def seen(self, index: int, token: Token | None, at: int) -> None:
        self.last_seen[index] = at
        for title in self.titles_of.get(index, ()):
            self.recent_by_title[title] = index
        if token is not None:
            self.bare_use[token.key] = index


def _is_bare_name(tokens: list[Token], position: int) -> bool:
    token = tokens[position]
    return token.capitalised and token.is_word and token.key not in _NOT_NAMES and token.key not in _PRONOUN_GENDER


def _add_orphans(parsed: list[_Sentence], people: list[_Person], resolver: _Resolver, named) -> None:
    """Names used alone, never in full, as actors of their own: a surname that acts more than once
    ("where Ortega had banned them"), or any name that speaks ("Smith said", "said Jones", "NATO said")."""
    spans = sorted((start, end) for start, end, _index, _possessive in named)
    starts = [start for start, _end in spans]

    def covered(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < spans[index][1]

    counts: Counter[str] = Counter()
    as_subject: set[str] = set()
    as_speaker: set[str] = set()
    as_place: set[str] = set()
    surfaces: dict[str, tuple[str, int]] = {}
    for sentence in parsed:
        tokens = sentence.tokens
        for position, token in enumerate(tokens):
            if covered(token.start) or not _is_bare_name(tokens, position) or resolver.candidates(token.key):
                continue
            preceding = tokens[position - 1].key if position else ""
            following = tokens[position + 1].key if position + 1 < len(tokens) else ""
            if preceding in _DETERMINERS:
                continue
            surfaces.setdefault(token.key, (_surface(token), token.start))
            if preceding in INVERTING_CUES or (following in CUE_VERBS and not token.possessive):
                as_speaker.add(token.key)
            if position == 0:
                continue  # any word opens a sentence with a capital: only speaking there counts
            counts[token.key] += 1
            if preceding in _LOCATIVES:
                as_place.add(token.key)
            if following in _VERBS_AFTER_A_PERSON and not token.possessive and preceding not in PREPOSITIONS:
                as_subject.add(token.key)
    for key, (surface, first) in surfaces.items():
        acting = counts[key] >= _ORPHAN_MIN_COUNT and key in as_subject
        if (acting or key in as_speaker) and key not in as_place:
            # An acronym that speaks ("NATO said") is a body, not a person.
            kind = ActorKind.ORGANIZATION if surface.isupper() and len(surface) > 1 else ActorKind.PERSON
            people.append(_Person([key], surface, kind=kind, aliases=[surface], first=first))


def _surface(token: Token) -> str:
    return token.text[:-2] if token.possessive else token.text


def _resolve_references(
    text: str,
    parsed: list[_Sentence],
    people: list[_Person],
    resolver: _Resolver,
    named: list[tuple[int, int, int, bool]],
    presidents: dict[int, str],
) -> list[Mention]:
    """Every mention in text order: full names, lone surnames, titles alone, governments and pronouns."""
    named_at = {start: (start, end, index, possessive) for start, end, index, possessive in named}
    resolver.index_titles()
    sides = _sides(parsed, people, resolver, named, presidents)
    governments: dict[str, int] = {}
    mentions: list[Mention] = []
    focus: int | None = None
    for sentence in parsed:
        tokens = sentence.tokens
        found: list[Mention] = []
        skip_until = -1
        for position, token in enumerate(tokens):
            if token.start < skip_until:
                continue
            if token.start in named_at:
                start, end, index, possessive = named_at[token.start]
                found.append(Mention(start, end, index, possessive))
                resolver.seen(index, None, start)
                skip_until = end
            elif _is_bare_name(tokens, position) and (index := resolver.resolve(token)) is not None:
                found.append(Mention(token.start, _name_end(token), index, token.possessive))
                people[index].aliases.append(_surface(token))
                resolver.seen(index, token, token.start)
            elif (title := _title_reference(tokens, position, resolver)) is not None:
                mention, skip_until = title
                found.append(mention)
            elif (body := _body_reference(tokens, position, people, resolver)) is not None:
                found.append(body)
                skip_until = body.end
        # Governments are read once the names are, for "the government of President X".
        for position in range(len(tokens)):
            if (government := _government(tokens, position, found, presidents)) is not None:
                country, start, end, possessive = government
                index = _government_index(country, start, people, governments)
                people[index].aliases.append(text[start:end])
                found.append(Mention(start, end, index, possessive))
                resolver.seen(index, None, start)
        found.sort(key=lambda m: (m.start, -m.end))
        # Spokespeople last, once the bodies and governments they speak for are known.
        by_end, by_start = longest_by_end(found), longest_by_start(found)
        for position in range(len(tokens)):
            phrase = _unnamed_spokesperson(tokens, position, by_end, by_start, people, governments)
            if phrase is None:
                continue
            owner, start, end = phrase
            if (voice := _voice_for(owner, tokens[position].key, people, sides, governments)) is not None:
                index = voice
            elif people[owner].kind != ActorKind.PERSON:
                index = owner
            elif owner in presidents:
                index = _government_index(presidents[owner], start, people, governments)
            else:
                continue  # a person's spokesperson is not that person, and speaks for no office we know
            found.append(Mention(start, end, index, False))
            resolver.seen(index, None, start)
        found.sort(key=lambda m: (m.start, -m.end))
        found = _with_pronouns(tokens, found, focus, people, resolver)
        focus = _focus(tokens, found, focus)
        mentions.extend(found)
    return mentions


def _government_index(country: str, first: int, people: list[_Person], governments: dict[str, int]) -> int:
    """The government of ``country``, added the first time the article refers to it."""
    index = governments.get(country)
    if index is None:
        name = f"Government of {country}"
        people.append(_Person([fold(country)], name, kind=ActorKind.GOVERNMENT, first=first))
        index = governments[country] = len(people) - 1
    return index


@dataclass
class _Sides:
    """What the whole article says about who speaks for whom, read before references are resolved
    because a spokesperson may be named (or a leader's government mentioned) only further on."""

    voices: list[_Voice]
    leaders: dict[int, str | None]  # people who lead a government, with its country where known
    countries: set[str]  # countries whose government the article is about


def _sides(parsed: list[_Sentence], people: list[_Person], resolver: _Resolver, named, presidents) -> _Sides:
    voices = [voice for index, person in enumerate(people) for voice in _voices_of(index, person)]
    countries = set(presidents.values()) | {voice.country for voice in voices if voice.country}
    for person in people:
        for title in person.roles:
            words = title.split()
            country = _title_country(words)
            if country is not None and words[-1] in _GOVERNMENT_OFFICES:
                countries.add(country)
    leaders: dict[int, str | None] = dict.fromkeys(_leaders(parsed, people, resolver, named)) | presidents
    for sentence in parsed:
        for position in range(len(sentence.tokens)):
            government = _government(sentence.tokens, position, [], presidents)
            if government is not None:
                countries.add(government[0])
    return _Sides(voices, leaders, countries)


def _voices_of(index: int, person: _Person) -> list[_Voice]:
    """The offices of speaking for others among a person's titles."""
    if person.kind != ActorKind.PERSON:
        return []
    found = []
    for title in person.roles:
        words = [word[:-2] if word.endswith("'s") else word for word in title.split()]
        head, owners = words[-1], frozenset(words[:-1])
        portfolio = head == "minister" and bool(owners & _SPEAKING_PORTFOLIOS)
        press = head == "secretary" and "press" in owners
        if not (portfolio or press or head in SPOKESPERSONS) or owners & _OUT_OF_OFFICE:
            continue
        government_wide = portfolio or bool(owners & _GOVERNMENT_WIDE)
        gender = _SPOKESPERSON_GENDER.get(head, "")
        found.append(_Voice(index, owners, government_wide, _title_country(title.split()), gender))
    return found


def _title_country(words: list[str]) -> str | None:
    """The country a title opens with: "peruvian information minister", "peru's press secretary"."""
    first = words[0]
    if first in DEMONYMS:
        return DEMONYMS[first]
    if first.endswith("'s") and first[:-2] in COUNTRIES:
        return COUNTRIES[first[:-2]]
    return None


def _leaders(parsed: list[_Sentence], people: list[_Person], resolver: _Resolver, named) -> set[int]:
    """People the article makes the head of a government: "Ortega's government", "the regime of Ortega"."""
    ends = {end: index for _start, end, index, possessive in named if possessive}
    starts = {start: index for start, _end, index, _possessive in named}
    found = set()
    for sentence in parsed:
        tokens = sentence.tokens
        for position in range(len(tokens) - 1):
            token, following = tokens[position], tokens[position + 1]
            if token.possessive and following.key in _GOVERNMENT_WORDS:
                person = ends.get(_name_end(token), _only_person(token, people, resolver))
            elif token.key in _GOVERNMENT_WORDS and following.key == "of":
                name = position + 2
                while name < len(tokens) and tokens[name].key in TITLE_HEADS:
                    name += 1
                if name >= len(tokens):
                    continue
                person = starts.get(tokens[name].start, _only_person(tokens[name], people, resolver))
            else:
                continue
            if person is not None and people[person].kind == ActorKind.PERSON:
                found.add(person)
    return found


def _only_person(token: Token, people: list[_Person], resolver: _Resolver) -> int | None:
    """The one person a lone name may mean, if it is a name at all."""
    if not (token.capitalised and token.is_word):
        return None
    candidates = resolver.candidates(token.key)
    return candidates[0] if len(candidates) == 1 else None


def _voice_for(owner: int, word: str, people: list[_Person], sides: _Sides, governments: dict[str, int]) -> int | None:
    """Who "Ortega's spokesman", "a government spokeswoman" or "a Kremlin spokesman" is, when the article
    names exactly one person speaking for that side elsewhere: a spokesperson whose title names the
    owner ("Kremlin spokesman X", "Ortega's spokeswoman X"), or, for a government or the person who
    leads it, a minister of information or communications or a government or presidential spokesperson
    of that government. A title that names another country, a government the article cannot tell
    from another, two such people, or none: no one (the caller keeps to the owner's office)."""
    person = people[owner]
    if person.kind == ActorKind.GOVERNMENT:
        leads, country = True, next((c for c, i in governments.items() if i == owner), None)
    else:
        leads, country = owner in sides.leaders, sides.leaders.get(owner)
    names = {person.keys[-1]} if person.kind == ActorKind.PERSON else set(person.keys)
    gender = _SPOKESPERSON_GENDER.get(word, "")
    found = set()
    for voice in sides.voices:
        voice_gender = voice.gender or people[voice.person].gender
        if voice.person == owner or (gender and voice_gender and gender != voice_gender):
            continue
        if names <= voice.owners or (leads and voice.government_wide and _same_country(voice, owner, country, sides)):
            found.add(voice.person)
    return found.pop() if len(found) == 1 else None


def _same_country(voice: _Voice, owner: int, country: str | None, sides: _Sides) -> bool:
    """The voice's government is the one meant: the same country, or the only government the article is
    about (no other country's, and no other leader's unless of that very country)."""
    if voice.country is not None and country is not None:
        return voice.country == country
    known = voice.country or country
    if any(other != owner and (led is None or led != known) for other, led in sides.leaders.items()):
        return False
    return sides.countries <= {known} if known is not None else len(sides.countries) <= 1


def _unnamed_spokesperson(
    tokens: list[Token],
    position: int,
    by_end: dict[int, Mention],
    by_start: dict[int, Mention],
    people: list[_Person],
    governments: dict[str, int],
) -> tuple[int, int, int] | None:
    """ "Ortega's spokesman", "a Defense Ministry spokeswoman", "a spokesperson for the ministry", "a
    government spokesman": a spokesperson the article does not name, with the actor they speak for
    (a person, a body or a government, for the caller to judge) and the span of the phrase.
    A named one ("spokesman Ned Price", "a spokesperson for X, Ned Price,") speaks for themself."""
    token = tokens[position]
    if token.key not in SPOKESPERSONS or token.possessive:
        return None
    before = position - 1
    while before >= 0 and tokens[before].key in TITLE_MODIFIERS and not tokens[before].capitalised:
        before -= 1  # "the ministry's press spokeswoman"
    owner = by_end.get(_name_end(tokens[before])) if before >= 0 else None
    after = position + 1
    if owner is not None and (owner.possessive or people[owner.actor].kind != ActorKind.PERSON):
        start, end = owner.start, token.end
    elif before >= 0 and tokens[before].key in _GOVERNMENT_WORDS and not tokens[before].possessive:
        # "a government spokesman": the government is the article's only one, or there is no telling which.
        if len(governments) != 1:
            return None
        owner = Mention(tokens[before].start, tokens[before].end, next(iter(governments.values())), False)
        start, end = owner.start, token.end
    elif after + 1 < len(tokens) and tokens[after].key == "for":
        after += 1
        if tokens[after].key in _DETERMINERS and after + 1 < len(tokens):
            after += 1
        owner = by_start.get(tokens[after].start)
        if owner is None:
            return None
        start, end = token.start, owner.end
        after = next((i for i in range(after, len(tokens)) if tokens[i].start >= owner.end), len(tokens))
    else:
        return None
    if _named_next(tokens, after):
        return None
    return owner.actor, start, end


def _named_next(tokens: list[Token], position: int) -> bool:
    """A name follows at once ("spokesman Ned Price") or as an appositive ("a spokesperson, Ned Price,")."""
    if position < len(tokens) and tokens[position].text == ",":
        position += 1
    return position < len(tokens) and tokens[position].capitalised and tokens[position].is_word


def _title_reference(tokens: list[Token], position: int, resolver: _Resolver):
    """ "the defense minister", "the analyst": a title alone, for the person last given that title."""
    if tokens[position].key not in _DETERMINERS - {"a", "an"}:
        return None
    end = position + 1
    while end < len(tokens) and tokens[end].key in TITLE_MODIFIERS:
        end += 1
    if end >= len(tokens) or tokens[end].key not in TITLE_HEADS:
        return None
    # "the interim president José Núñez" is a title before a name, not a title standing alone.
    if end + 1 < len(tokens) and tokens[end + 1].capitalised and tokens[end + 1].is_word:
        return None
    index = resolver.titled([t.key for t in tokens[position + 1 : end + 1]], before=tokens[position].start)
    if index is None:
        return None
    first, last = tokens[position + 1], tokens[end]
    resolver.seen(index, None, first.start)
    return Mention(first.start, _name_end(last), index, last.possessive), last.end


def _body_reference(tokens: list[Token], position: int, people: list[_Person], resolver: _Resolver):
    """ "the ministry", "the government": the body of that kind the article last named."""
    if tokens[position].key != "the" or position + 1 >= len(tokens):
        return None
    head = tokens[position + 1]
    if head.capitalised or not (head.key in ORGANISATION_HEADS or head.key in _GOVERNMENT_WORDS):
        return None
    following = tokens[position + 2] if position + 2 < len(tokens) else None
    if following is not None and (following.key == "of" or following.capitalised):
        return None  # "the government of Peru", "the party Podemos": named there, not referred back to
    best = None
    for index, person in enumerate(people):
        if person.kind == ActorKind.PERSON or person.first >= head.start:
            continue
        if head.key in _GOVERNMENT_WORDS and person.kind != ActorKind.GOVERNMENT:
            continue
        if head.key not in _GOVERNMENT_WORDS and head.key not in person.keys:
            continue
        seen = resolver.last_seen.get(index, -1)
        if 0 <= seen < head.start and (best is None or seen > best[0]):
            best = (seen, index)
    if best is None:
        return None
    return Mention(head.start, _name_end(head), best[1], head.possessive)


def _speaks_next(tokens: list[Token], position: int) -> bool:
    """A verb of saying comes next ("Moscow said", "Washington has warned")."""
    if position < len(tokens) and tokens[position].key in _PERFECT:
        position += 1
    return position < len(tokens) and tokens[position].key in CUE_VERBS


def _government(tokens: list[Token], position: int, found: list[Mention], presidents: dict[int, str]):
    """ "Chile's government", "the Chilean government", "the government of Chile", "the
    government of President X" (X known as a country's president): the country, the span, possessive."""
    token = tokens[position]
    if token.key in CAPITALS and token.capitalised and _speaks_next(tokens, position + 1):
        return CAPITALS[token.key], token.start, _name_end(token), token.possessive
    if token.key not in _GOVERNMENT_WORDS:
        return None
    start = token.start
    country = None
    previous = tokens[position - 1] if position else None
    if previous is not None and previous.key in DEMONYMS and previous.capitalised:
        country, start = DEMONYMS[previous.key], previous.start
    elif previous is not None and previous.possessive and previous.key in COUNTRIES:
        country, start = COUNTRIES[previous.key], previous.start
    elif previous is not None and previous.possessive:
        owner = next((m for m in found if m.end == previous.end - 2 and m.actor in presidents), None)
        if owner is not None:
            country, start = presidents[owner.actor], owner.start
    end = _name_end(token)
    if country is None and position + 2 < len(tokens) and tokens[position + 1].key == "of":
        following = tokens[position + 2]
        if following.key in COUNTRIES:
            country, end = COUNTRIES[following.key], _name_end(following)
        else:
            country, end = _government_of_president(tokens, position + 2, found, presidents)
    if country is None:
        return None
    return country, start, end, tokens[position].possessive


def _government_of_president(tokens: list[Token], position: int, found: list[Mention], presidents: dict[int, str]):
    """ "the government of (President) X": X's country when the article calls X its president."""
    while position < len(tokens) and tokens[position].key in TITLE_HEADS:
        position += 1
    if position >= len(tokens):
        return None, 0
    mention = next((m for m in found if m.start == tokens[position].start and m.actor in presidents), None)
    if mention is None:
        return None, 0
    return presidents[mention.actor], mention.end


def _with_pronouns(
    tokens: list[Token], found: list[Mention], focus: int | None, people: list[_Person], resolver: _Resolver
) -> list[Mention]:
    """Adds pronoun mentions: the sentence's own subject before the pronoun, else the running focus,
    unless that person is known to be of the other gender: then the last person seen who may be meant."""
    pronouns = []
    for token in tokens:
        gender = _PRONOUN_GENDER.get(token.key)
        if gender is None:
            continue
        subject = sentence_subject(tokens, found, before=token.start)
        actor = subject.actor if subject is not None else focus
        if actor is not None and people[actor].gender not in ("", gender):
            actor = _last_seen_of_gender(people, resolver, gender, before=token.start)
        if actor is not None:
            people[actor].gender = people[actor].gender or gender
            pronouns.append(Mention(token.start, token.end, actor, token.key in {"his", "her", "hers"}))
    return sorted(found + pronouns, key=lambda m: (m.start, -m.end))


def _last_seen_of_gender(people: list[_Person], resolver: _Resolver, gender: str, *, before: int) -> int | None:
    seen = [
        (at, index)
        for index, at in resolver.last_seen.items()
        if at < before and people[index].kind == ActorKind.PERSON and people[index].gender in ("", gender)
    ]
    return max(seen)[1] if seen else None


def _focus(tokens: list[Token], found: list[Mention], focus: int | None) -> int | None:
    """Whom the next sentence's "he" or "she" most likely means: this sentence's speaker, else its subject."""
    cues = cue_indexes(tokens)
    # "..., flanked by soldiers, X said:" introduces what follows: its last verb of saying is the one.
    if tokens and tokens[-1].text == ":":
        cues.reverse()
    for index in cues:
        subject = cue_subject(tokens, index, found)
        if subject is not None:
            return subject.actor
    subject = sentence_subject(tokens, found, before=tokens[-1].end + 1 if tokens else 0)
    if subject is not None:
        return subject.actor
    return found[0].actor if found else focus
