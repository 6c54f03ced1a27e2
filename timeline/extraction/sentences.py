"""Paragraphs and sentences of the article regions, as spans of the original text.

A full stop ends a sentence unless it closes an abbreviation ("Sen.", "Gen.", "Dr."), an initial
("J. Smith") or a dotted acronym ("U.S.", "R-Fla."); a sentence may end inside a closing quote mark
or bracket ('... a fraud." Next'), and the quote mark then belongs to the sentence it closes.
"""

import re

from timeline.extraction.body import trim_span
from timeline.extraction.lexicon import word_set
from timeline.extraction.types import Span

_LINE = re.compile(r"[^\n]+")

# A candidate end: terminal punctuation, any closing quotes or brackets, then white space and what
# can open a sentence (a capital, a digit, an opening quote or bracket).
_CANDIDATE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-Þ])""")
_NEXT_WORD = re.compile(r"""\s+["'“‘(\[]?([\w-]+)""")

# Abbreviations that do not end a sentence when followed by a capitalised word: titles before
# names, months, and common Latin shorthands.
ABBREVIATIONS = word_set(
    """mr mrs ms mx dr prof sen rep gov gen lt col maj capt cmdr adm sgt cpl pvt rev fr sr jr st mt ft
    hon pres supt insp det amb sec atty no nos vol vols fig figs pp ed eds est dept univ assn bros inc corp co
    ltd plc jan feb mar apr jun jul aug sep sept oct nov dec vs etc al approx ca cf e.g i.e"""
)
# After a dotted acronym ("U.S.") a new sentence is only assumed when a typical sentence opener follows.
_SENTENCE_OPENERS = word_set(
    """the a an he she it they we i this that these those there but and or so yet in on at for after before
    when while his her its their our meanwhile however still then"""
)
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]{1,3}\.){2,}$|^[A-Z][a-z]*-[A-Z][a-z]*\.$")
_INITIAL = re.compile(r"^[A-Z]\.$")


def paragraphs(text: str, regions: list[Span]) -> list[Span]:
    """The non-empty lines of the regions, trimmed: a paragraph is a line of the collected text."""
    found = []
    for region in regions:
        for match in _LINE.finditer(text, region.start, region.end):
            span = trim_span(text, match.start(), match.end())
            if span.end > span.start:
                found.append(span)
    return found


def split_sentences(text: str, regions: list[Span]) -> list[Span]:
    """Sentences of the regions in text order; none crosses a paragraph boundary."""
    found = []
    for paragraph in paragraphs(text, regions):
        start = paragraph.start
        for match in _CANDIDATE_END.finditer(text, paragraph.start, paragraph.end):
            if _ends_sentence(text, match.start(), match.end(), paragraph.start):
                found.append(trim_span(text, start, match.end()))
                start = match.end()
        tail = trim_span(text, start, paragraph.end)
        if tail.end > tail.start:
            found.append(tail)
    return found


def _word_ending_at(text: str, end: int, floor: int) -> str:
    start = end
    while start > floor and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _ends_sentence(text: str, mark: int, end: int, floor: int) -> bool:
    if text[mark] != ".":
        return True
    word = _word_ending_at(text, mark + 1, floor).lstrip("\"'“‘([")
    if _INITIAL.match(word):
        return False
    bare = word[:-1].lower()
    if bare in ABBREVIATIONS:
        return False
    if _DOTTED_ACRONYM.match(word):
        following = _NEXT_WORD.match(text, end)
        return bool(following) and following.group(1).lower() in _SENTENCE_OPENERS
    return True
