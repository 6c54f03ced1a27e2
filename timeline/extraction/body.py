"""Which parts of a collected page are the article.

Pages arrive with site furniture around the story: navigation links, teasers of other stories,
photo credits and captions, share widgets, comment prompts, datelines and donation appeals. None
of it is news, and names or dates in it would become false actors and events. The text itself is
never changed: the article is described as spans of it, one per kept line.
"""

import re

from timeline.extraction.lexicon import word_set
from timeline.extraction.types import Span

_LINE = re.compile(r"[^\n]+")

# Lines that are furniture on their own, whatever follows them.
_FURNITURE_LINE = re.compile(
    r"""^\s*(?:
        skip\s+to\b                                   # navigation
      | (?:read|see)\s+(?:also|more)\b | related\s*(?::|stories|articles|posts)  # teasers
      | recommended\s*(?::|for\s+you) | more\s+from\b | also\s+on\b | explore\s+more\b
      | most\s+(?:read|viewed|popular)\b | (?:topics|tags)\s*:
      | ©                                              # photo credits
      | (?:photo|image|picture|video|credit|source)s?\s*(?:credit)?\s*:
      | file\s+(?:photo|picture|image)\b
      | share\s+(?:this|on|via|the\s+article)\b | click\s+to\s+share\b   # share widgets
      | (?:leave|post|add|view|show|read)\s+(?:a\s+|the\s+)?comments?\b  # comment prompts
      | join\s+the\s+(?:conversation|discussion)\b
      | (?:comments?|advertisement|sponsored)\s*:?\s*$
      | (?:date\s+)?\d{4}-\d{2}-\d{2}\b[^.!?]*$       # machine datelines
      | (?:published|updated|posted)\s+(?:on\b|at\b|:)[^.!?]*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Captions end with a credit: "(Photo: ...)", "..., via AFP", "/ Getty Images".
_CREDIT_TAIL = re.compile(
    r"(?:\((?:photo|image|picture|credit)s?\s*:[^)]*\)|,\s*via\s+[A-Z][\w.]*|\bgetty\s+images|\bphoto\s+by\b[^.]*)\s*$",
    re.IGNORECASE,
)
# A bare byline or credit line: "Via Zerohedge", "By Jane Doe", "Source: RT".
# A byline or credit names people or outlets in capitals, with no full stop ("By then it was over." is news).
_CREDIT_LINE = re.compile(
    r"^\s*(?:[Vv]ia|[Bb]y|BY|VIA|[Ss]ource:?)\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3}"
    r"(?:\s*[,|/]\s*[A-Z][\w'’ -]*)?\s*$"
)
_SHARE_WORD = re.compile(
    r"^\s*(?:share|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|copy\s+link)"
    r"(?:\s*[|/,]\s*\w+)*\s*$",
    re.IGNORECASE,
)
_APPEAL = re.compile(
    r"\b(?:donat(?:e|es|ed|ing|ion|ions)|fundrais\w*|subscri(?:be|ber|bers|ption|ptions)|patreon"
    r"|become\s+a\s+(?:member|patron|supporter)|support\s+(?:our|independent)\s+\w+|chip\s+in|tax-deductible"
    r"|sign\s+up|newsletter)\b",
    re.IGNORECASE,
)
_TIMESTAMP_MAX_CHARS = 60
_TIMESTAMP_WORDS = word_set(
    """mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday jan feb mar apr may
    jun jul aug sep sept oct nov dec january february march april june july august september october november
    december am pm a m p gmt utc bst cet cest est edt pst pdt et pt published updated posted last modified on
    at st nd rd th"""
)
# An appeal speaks to the reader in the first and second person; story paragraphs rarely do.
_READER_ADDRESS = re.compile(r"\b(?:we|we're|we've|our|us|you|your|please)\b|\bwe[’']", re.IGNORECASE)
_IMPERATIVE = re.compile(r"\s*(?:donate|subscribe|sign\s+up|support|become|join|give)\b", re.IGNORECASE)
_QUOTE_MARK = re.compile('["“”]')

# Exact repetition needs no accent folding, and plain casefolding keeps recap detection cheap.
_WORD = re.compile(r"[^\W_]+")
# A paragraph most of whose word sequences appeared earlier is a recap, not new text.
_SHINGLE = 5
_RECAP_SHARE = 0.6


def article_regions(text: str) -> list[Span]:
    """Spans of ``text`` (one per kept line, trimmed of surrounding white space) that are the article."""
    lines = [trim_span(text, m.start(), m.end()) for m in _LINE.finditer(text)]
    lines = [span for span in lines if span.end > span.start]
    keep = [not _is_furniture(text[s.start : s.end]) for s in lines]
    for index in _appeal_block(text, lines):
        keep[index] = False
    # Shingles are taken over the running word stream, so that word sequences broken by a line
    # break earlier still count when a recap joins them.
    seen: set[int] = set()
    previous: list[str] = []
    for index, span in enumerate(lines):
        tokens = _WORD.findall(text[span.start : span.end].casefold())
        shingles = _shingles(tokens)
        if keep[index] and _is_recap(shingles, seen):
            keep[index] = False
        seen.update(_shingles(previous[1 - _SHINGLE :] + tokens))
        previous = tokens
    return [span for span, kept in zip(lines, keep, strict=True) if kept]


def trim_span(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` without its leading and trailing white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _is_furniture(line: str) -> bool:
    return _is_timestamp(line) or bool(
        _FURNITURE_LINE.match(line) or _CREDIT_TAIL.search(line) or _CREDIT_LINE.match(line) or _SHARE_WORD.match(line)
    )


def _is_timestamp(line: str) -> bool:
    """A line that is only a date and time ("Thu 19 Jan 2023 02.39 GMT"): the site's, not the story's."""
    if len(line) > _TIMESTAMP_MAX_CHARS or not any(c.isdigit() for c in line):
        return False
    return all(word.lower() in _TIMESTAMP_WORDS for word in re.findall(r"[A-Za-z]+", line))


def _appeal_block(text: str, lines: list[Span]) -> list[int]:
    """Indexes of lines in donation or subscription appeals.

    An appeal runs over several paragraphs of which only one names money ("Please consider making a
    donation"); the others are recognisable by addressing the reader. So each line naming an appeal
    is taken with the reader-addressing lines around it.
    """
    found: set[int] = set()
    for index, span in enumerate(lines):
        if index in found or not _is_appeal(text[span.start : span.end]):
            continue
        found.add(index)
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(lines) and _addresses_reader(text[lines[other].start : lines[other].end]):
                found.add(other)
                other += step
    return sorted(found)


def _is_appeal(line: str) -> bool:
    """Names money or subscribing and asks the reader ("Netflix lost subscribers" is news, not an appeal)."""
    return bool(_APPEAL.search(line)) and (_addresses_reader(line) or bool(_IMPERATIVE.match(line)))


def _addresses_reader(line: str) -> bool:
    # Story paragraphs say "we" inside quotes; appeals speak in their own voice.
    return bool(_READER_ADDRESS.search(line)) and not _QUOTE_MARK.search(line)


def _shingles(tokens: list[str]) -> set[int]:
    # Hashes rather than the word tuples: the set of all seen shingles stays small on long articles.
    return {hash(tuple(tokens[i : i + _SHINGLE])) for i in range(len(tokens) - _SHINGLE + 1)}


def _is_recap(shingles: set[int], seen: set[int]) -> bool:
    # Short lines repeat by chance ("Tuesday morning"); only long repetition is a recap.
    if len(shingles) < 2 * _SHINGLE:
        return False
    return len(shingles & seen) >= _RECAP_SHARE * len(shingles)
