"""Word tokens with offsets, the unit the actor and quote stages reason over."""

import re
from dataclasses import dataclass

from timeline.extraction.lexicon import FUNCTION_WORDS
from timeline.extraction.sentences import ABBREVIATIONS
from timeline.normalize import fold

# A dotted acronym ("U.S."), a word with inner apostrophes or hyphens ("Venezuela's", "self-declared",
# "d'état"), a number, or any other single non-space character (punctuation, quote marks).
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'-]*[^\W_])?|\d[\d,.:]*\d|\d|\S")
_POSSESSIVE = re.compile(r"[’']s$", re.IGNORECASE)
_HEADLINE_MIN_WORDS = 4
_HEADLINE_CAPITALS = 0.8


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # the surface form, a possessive "'s" included
    key: str  # folded, without a possessive or an abbreviation's full stop
    possessive: bool

    @property
    def capitalised(self) -> bool:
        """Starts with a capital and is not a compound modifier like "US-backed" or "Self-declared"."""
        if not self.text[:1].isupper():
            return False
        _, hyphen, rest = self.text.partition("-")
        return not (hyphen and rest[:1].islower())

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


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
        base = surface
        possessive = bool(_POSSESSIVE.search(surface)) and len(surface) > 2
        if possessive:
            base = surface[:-2]
        found.append(Token(match.start(), surface_end, surface, fold(base).rstrip("."), possessive))
    return found


def _takes_full_stop(word: str) -> bool:
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def is_title_case(tokens: list[Token]) -> bool:
    """A headline: (nearly) every content word capitalised ("Clashes Erupt After Guaido Calls for ...")."""
    content = [t for t in tokens if t.is_word and t.key not in FUNCTION_WORDS]
    capitals = sum(t.text[:1].isupper() for t in content)
    return len(content) >= _HEADLINE_MIN_WORDS and capitals >= _HEADLINE_CAPITALS * len(content)
