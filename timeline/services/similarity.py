"""When two reports say the same thing: pure comparisons of quotes, event summaries and titles.

The thresholds are set by the tests in ``tests/services/test_merge.py`` and ``test_conflicts.py``,
which hold both the pairs that must match (translations, truncations, spelling variants) and the
pairs that must not (different statements by the same speaker on the same day).
"""

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from timeline.extraction.lexicon import WEEKDAYS_AND_MONTHS, word_set
from timeline.normalize import WORD, fold, words

# A quote of fewer words contained in a longer one is too common a phrase to prove they are one statement.
MIN_CONTAINED_WORDS = 3
# Below this many words a fuzzy match is noise: any short phrase resembles part of a long quote.
MIN_FUZZY_WORDS = 5
# partial_ratio of the shorter quote against the best-aligned stretch of the longer one. Close
# translations of one sentence score 84-93; different sentences of one speaker on one day, even on
# the same subject with many shared words, score at most 76 once numbers and negations are checked.
SAME_QUOTE_SCORE = 84
# Translations that reorder the sentence defeat the alignment above but keep its content words:
# token_set_ratio over content words, for quotes of comparable length, is 90+ for those and at most
# 79 for different sentences.
SAME_CONTENT_SCORE = 90
COMPARABLE_LENGTH = 0.6
# An event summary is the clause an outlet told it in; the same happening told by two outlets
# shares most of the words that tell what happened (token_set_ratio ignores the words only one of
# them adds).
SAME_EVENT_SCORE = 70
# ... and nearly all of the shorter summary's words must be the other's: two happenings of one day
# told in one pattern differ in a word or two ("lawmakers approved the bailout" / "the census",
# "presented a plan on the Brandor dam" / "resigned over the Brandor dam"), which token_set_ratio
# alone scores high for short summaries.
SAME_EVENT_SHARED_WORDS = 0.8
# Spelling variants of one word ("defense"/"defence") score above this; different words below.
SAME_WORD_SCORE = 80

NEGATIONS = word_set("not no never nor t cannot nothing none neither nobody nowhere")
# "one" is left out: far more often a pronoun ("no one", "one of them") than a count.
NUMBER_WORDS = word_set(
    """zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    billion trillion half dozen"""
)
# Function words carry no content: two summaries sharing only these are not about the same thing.
FUNCTION_WORDS = word_set(
    """a an the and or but of to in on at by for from with as into onto over under after before during
    against outside inside near across along around through toward towards behind beside between beyond
    within without upon via amid among
    is are was were be been being has have had do does did will would shall should can could may might must
    that this these those which who whom whose what when where while than then there here it its
    he she they them his her their him we us our i me my you your s"""
)
# Words that qualify a title without naming a different office: "interim president" and "acting
# president" describe one office, "foreign minister" and "defense minister" two.
TITLE_QUALIFIERS = word_set(
    """acting interim self declared proclaimed styled former current then de facto caretaker incumbent
    new elected designate outgoing incoming longtime top senior chief"""
)
# Words of a time expression ("on Tuesday morning", "in March 2015"). When two events are compared
# their anchors are already known to overlap: reports of one day agreeing on "Tuesday" agree on
# nothing about what happened.
TIME_WORDS = WEEKDAYS_AND_MONTHS | word_set(
    """yesterday today tomorrow tonight morning afternoon evening night noon midnight early earlier late later
    day days week weeks weekend month months year years decade ago last next am pm"""
)
YEAR = re.compile(r"(?:1[89]|20)\d\ds?")
CONNECTING_WORDS = frozenset({"the", "a", "an", "s", "of", "for"})
# An article's events are compared with every stored event near them in time, each time they are
# merged or folded: the stored texts' words are worth keeping between comparisons.
CACHED_TEXTS = 4096


def is_contained(shorter: Sequence[str], longer: Sequence[str]) -> bool:
    """Whether the word sequence ``shorter`` appears contiguously in ``longer``."""
    shorter, longer = tuple(shorter), tuple(longer)
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def numbers(quote_words: list[str]) -> set[str]:
    return {word for word in quote_words if word.isdigit() or word in NUMBER_WORDS}


def same_quote(first: str, second: str) -> bool:
    """Whether two quoted texts are the same words: equal, one cut from the other, or a close translation."""
    first_words, second_words = words(first), words(second)
    if not first_words or not second_words:
        return False
    if first_words == second_words:
        return True
    shorter, longer = sorted((first_words, second_words), key=len)
    if len(shorter) >= MIN_CONTAINED_WORDS and is_contained(shorter, longer):
        return True
    if len(shorter) < MIN_FUZZY_WORDS:
        return False
    # "will resign" and "will not resign", "ten million" and "two million": one word apart, not one statement.
    if bool(NEGATIONS & set(first_words)) != bool(NEGATIONS & set(second_words)):
        return False
    if not numbers(shorter) <= numbers(longer):
        return False
    if fuzz.partial_ratio(" ".join(first_words), " ".join(second_words)) >= SAME_QUOTE_SCORE:
        return True
    shorter_content, longer_content = sorted((content_words(first), content_words(second)), key=len)
    return (
        len(shorter_content) >= COMPARABLE_LENGTH * len(longer_content)
        and fuzz.token_set_ratio(" ".join(shorter_content), " ".join(longer_content)) >= SAME_CONTENT_SCORE
    )


@lru_cache(maxsize=CACHED_TEXTS)
def text_words(text: str) -> tuple[str, ...]:
    """``words``, kept for the texts compared again and again."""
    return tuple(words(text))


@lru_cache(maxsize=CACHED_TEXTS)
def content_words(text: str) -> tuple[str, ...]:
    return tuple(word for word in text_words(text) if word not in FUNCTION_WORDS)


def is_time_word(summary_words: tuple[str, ...], index: int) -> bool:
    """Whether the word at ``index`` belongs to a time expression: a time word, a year ("2015",
    "2010s"), or a number beside a month or a clock ("30 April", "9 am")."""
    word = summary_words[index]
    if word in TIME_WORDS or YEAR.fullmatch(word):
        return True
    return word.isdigit() and any(near in TIME_WORDS for near in summary_words[max(index - 1, 0) : index + 2])


@lru_cache(maxsize=CACHED_TEXTS)
def happening_words(text: str) -> tuple[str, ...]:
    """The content words of an event summary that are not its time expression."""
    summary_words = content_words(text)
    return tuple(word for index, word in enumerate(summary_words) if not is_time_word(summary_words, index))


@lru_cache(maxsize=CACHED_TEXTS)
def named_words(text: str) -> frozenset[str]:
    """The folded words of ``text`` written with a capital inside it: the names of people, places and
    things ("much of Berlin", "the Brandor dam"). The first word is capitalised whatever it is."""
    return frozenset(fold(token) for token in WORD.findall(text)[1:] if token[0].isupper())


def same_happening(
    first: str,
    second: str,
    *,
    naming: frozenset[str] = frozenset(),
    places: tuple[str, str] = ("", ""),
    threshold: int = SAME_EVENT_SCORE,
) -> bool:
    """Whether two event summaries tell the same happening.

    Their times and participants are checked apart, so they must not count again here: the words of
    the time expressions are left out, and so are ``naming``, the folded words naming the
    participants both reports name, and the place both give (``places``, one per summary). "On
    Sunday, Ruiz visited Lima" and "On Sunday, Ruiz was sworn in in Lima" share only those. Two
    places that differ, neither mentioned in the other summary, are two happenings; so are two
    summaries that each name something the other does not.
    """
    if content_words(first) == content_words(second):
        return True
    first_place, second_place = (text_words(place) for place in places)
    setting = naming
    if first_place and second_place:
        if first_place == second_place:
            setting = naming.union(first_place)
        elif not is_contained(first_place, text_words(second)) and not is_contained(second_place, text_words(first)):
            return False
    first_words = {word for word in happening_words(first) if word not in setting}
    second_words = {word for word in happening_words(second) if word not in setting}
    if not first_words or not second_words:
        return False
    # Each naming something the other does not ("much of Berlin" / "much of Paris"): two happenings.
    if (named_words(first) & first_words) - second_words and (named_words(second) & second_words) - first_words:
        return False
    if len(first_words & second_words) < SAME_EVENT_SHARED_WORDS * min(len(first_words), len(second_words)):
        return False
    return fuzz.token_set_ratio(" ".join(sorted(first_words)), " ".join(sorted(second_words))) >= threshold


def title_office(title: str) -> tuple[str, str]:
    """The office a title names as (head word, distinguishing word): "Defense Minister" -> ("minister", "defense").

    "Minister of Defense" reads as "Defense Minister". The distinguishing word is the nearest word
    before the head that is not a qualifier; it is "" when the title names none ("President").
    """
    title_words = words(title)
    if "of" in title_words:
        cut = title_words.index("of")
        title_words = title_words[cut + 1 :] + title_words[:cut]
    title_words = [word for word in title_words if word not in CONNECTING_WORDS]
    if not title_words:
        return "", ""
    *modifiers, head = title_words
    distinguishing = [word for word in modifiers if word not in TITLE_QUALIFIERS]
    return head, distinguishing[-1] if distinguishing else ""


def same_word(first: str, second: str) -> bool:
    return fold(first) == fold(second) or fuzz.ratio(first, second) >= SAME_WORD_SCORE


def titles_conflict(first: str, second: str) -> bool:
    """Whether two titles name different offices of one kind ("foreign minister" vs "defense minister").

    Titles with different heads ("activist", "opposition leader") are different facets of a person,
    not a contradiction; a title naming no particular office ("President") agrees with any of its kind.
    """
    first_head, first_office = title_office(first)
    second_head, second_office = title_office(second)
    if not first_head or first_head != second_head or not first_office or not second_office:
        return False
    return not same_word(first_office, second_office)
