"""Word tokens with offsets, the unit the actor and quote stages reason over."""

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.extraction.lexicon import FUNCTION_WORDS
from timeline.extraction.sentences import ABBREVIATIONS
from timeline.normalize import fold

# A dotted acronym ("U.S."), a word with inner apostrophes or hyphens ("Chile's", "self-declared",
# "d'état"), a number, or any other single non-space character (punctuation, quote marks).
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'-]*[^\W_])?|\d[\d,.:]*\d|\d|\S")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_HEADLINE_MIN_WORDS = 4
_HEADLINE_CAPITALS = 0.9


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # the surface form, a possessive "'s" included
    key: str  # folded, without a possessive or an abbreviation's full stop
    possessive: bool
    is_word: bool  # starts with a letter
    capitalised: bool  # starts with a capital and is not a compound modifier like "US-backed"


def tokenize(text: str, start: int, end: int) -> list[Token]:
    found: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        if found and match.start() < found[-1].end:
            continue  # the full stop already taken by an abbreviation
        surface_end = match.end()
        surface = match.group()
        # "Sen." and "J." keep their full stop: it is part of the word, not the end of a sentence.
        if surface_end < end and text[surface_end] == "." and _takes_full_stop(surface):
            surface_end += 1
            surface = text[match.start() : surface_end]
        possessive = len(surface) > 2 and surface[-2] in "'’" and surface[-1] in "sS"
        key = _key(surface[:-2] if possessive else surface)
        found.append(
            Token(match.start(), surface_end, surface, key, possessive, surface[0].isalpha(), _capitalised(surface))
        )
    return found


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    # Words repeat across an article and across articles; folding each once keeps tokenizing cheap.
    return fold(word).rstrip(".")


def _capitalised(word: str) -> bool:
    if not word[0].isupper():
        return False
    _, hyphen, rest = word.partition("-")
    return not (hyphen and rest[:1].islower())


def _takes_full_stop(word: str) -> bool:
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def is_title_case(line: str) -> bool:
    """A headline: (nearly) every content word capitalised ("Ortega Wins Vote In Landslide ..."),
    and no full stop at the end, which sentences about titled people ("Defense Minister X spoke.") have."""
    if line.rstrip()[-1:] in ".!…":
        return False
    content = [w for w in _WORD.findall(line) if w.lower() not in FUNCTION_WORDS]
    capitals = sum(w[:1].isupper() for w in content)
    return len(content) >= _HEADLINE_MIN_WORDS and capitals >= _HEADLINE_CAPITALS * len(content)
