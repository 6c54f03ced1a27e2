"""Events: what the text says happened at a time it states.

Each time expression anchors one event: the clause around it is what happened (quoted verbatim as
the summary, never rewritten), the actors mentioned there take part, and a place is a capitalised
name after "in", "at" or "near". When the anchoring sentence names nobody ("This morning the
situation came to a boil."), the actors come from the sentence next to it in the same paragraph,
which is where news writing continues the scene; such events carry a lower confidence.
"""

from __future__ import annotations

import bisect
import re

from timeline.extraction.types import ExtractedEvent, Span, TimeValue

# Where a sentence divides into clauses that can tell different events.
_CLAUSE_BREAK = re.compile(r";|:\s|\s[—–]\s|\s--\s")
# A clause shorter than this many words besides its time expression says too little on its own.
_MIN_CLAUSE_WORDS = 4
_WORD = re.compile(r"[^\W_]+")
# "in Caracas", "at the Generalissimo Francisco de Miranda Air Base", "near La Carlota": a place
# is a run of capitalised words, joined by the lower-case particles names carry.
_PLACE = re.compile(
    r"\b(?i:in|at|near|outside|inside)\s+(?:the\s+)?"
    r"(?P<place>[A-Z](?:[\w'’-]|\.(?=\w))*"
    r"(?:\s+(?:(?:de|del|da|do|des|du|di|la|le|of|the|y|al|el|bin|van|von|der|den)[\s-]+)?[A-Z](?:[\w'’-]|\.(?=\w))*)*)"
)
_POSSESSIVE = re.compile(r"['’]s$")
_TRIM = " \t\n,;:—–-"
# Characters either side of the anchor in which its clause, actors and place are looked for: a news
# sentence fits within it, and a run-on text without full stops then costs time in proportion to its length.
_REACH = 400
_BORROWED_CONFIDENCE = 0.7
_UNATTENDED_CONFIDENCE = 0.5


def extract_events(
    text: str, *, sentences: list[Span], times: list[TimeValue], mentions: list[tuple[Span, int]]
) -> list[ExtractedEvent]:
    """One event per time expression, told by the clause around it, in text order."""
    ordered = sorted(sentences, key=lambda span: span.start)
    starts = [span.start for span in ordered]
    actors_at = _SpanIndex(mentions)
    # Names of actors and times are never places ("in January", "at Maduro's side").
    taken = _SpanIndex([(span, None) for span, _ in mentions] + [(v.span, None) for v in times if v.span])
    events = []
    for value in times:
        if value.span is None:
            continue
        index = bisect.bisect_right(starts, value.span.start) - 1
        sentence = ordered[index] if index >= 0 and value.span.end <= ordered[index].end else value.span
        scope = _scope(text, sentence, value.span)
        clause = _clause(text, scope, value.span)
        actors, confidence = _participants(text, ordered, index, sentence, clause, scope, actors_at)
        place = _place(text, clause, value.span, taken) or _place(text, scope, value.span, taken)
        events.append(ExtractedEvent(text[clause.start : clause.end], clause, value, actors, place, confidence))
    return events


class _SpanIndex:
    """Spans sorted by start, so that those inside or overlapping a stretch are found by bisection."""

    def __init__(self, items: list[tuple[Span, int | None]]):
        self.items = sorted(items, key=lambda item: item[0].start)
        self.starts = [span.start for span, _ in self.items]
        self.longest = max((span.end - span.start for span, _ in self.items), default=0)

    def within(self, outer: Span) -> list[int | None]:
        """Payloads of the spans lying inside ``outer``, in text order."""
        low, high = bisect.bisect_left(self.starts, outer.start), bisect.bisect_right(self.starts, outer.end)
        return [payload for span, payload in self.items[low:high] if span.end <= outer.end]

    def overlaps(self, start: int, end: int) -> bool:
        low = bisect.bisect_left(self.starts, start - self.longest)
        high = bisect.bisect_left(self.starts, end)
        return any(span.end > start for span, _ in self.items[low:high])


def _scope(text: str, sentence: Span, anchor: Span) -> Span:
    """The sentence around the anchor, cut at a space within _REACH characters of it on either side."""
    start, end = sentence.start, sentence.end
    if anchor.start - start > _REACH:
        cut = anchor.start - _REACH
        space = text.find(" ", cut, anchor.start)
        start = space + 1 if space >= 0 else cut
    if end - anchor.end > _REACH:
        cut = anchor.end + _REACH
        space = text.rfind(" ", anchor.end, cut)
        end = space if space >= 0 else cut
    return Span(start, end)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] == "."):
        end -= 1
    return Span(start, end)


def _clause(text: str, scope: Span, anchor: Span) -> Span:
    """The part of the scope between clause breaks that holds the anchor, or the whole scope when
    that part is too short to tell anything."""
    start, end = scope.start, scope.end
    for match in _CLAUSE_BREAK.finditer(text, scope.start, scope.end):
        if match.end() <= anchor.start:
            start = match.end()
        elif match.start() >= anchor.end:
            end = match.start()
            break
    words_besides_anchor = len(_WORD.findall(text, start, end)) - len(_WORD.findall(text, anchor.start, anchor.end))
    if words_besides_anchor < _MIN_CLAUSE_WORDS:
        start, end = scope.start, scope.end
    return _trimmed(text, start, end)


def _actors_within(span: Span, actors_at: _SpanIndex) -> list[int]:
    return list(dict.fromkeys(actors_at.within(span)))


def _participants(
    text: str, ordered: list[Span], index: int, sentence: Span, clause: Span, scope: Span, actors_at: _SpanIndex
) -> tuple[list[int], float]:
    actors = _actors_within(clause, actors_at) or _actors_within(scope, actors_at)
    if actors:
        return actors, 1.0
    for neighbour in (index + 1, index - 1):
        if 0 <= neighbour < len(ordered) and _same_paragraph(text, sentence, ordered[neighbour]):
            # The part of the neighbour that adjoins this sentence, where the scene goes on.
            other = ordered[neighbour]
            edge = other.start if neighbour > index else other.end
            actors = _actors_within(_scope(text, other, Span(edge, edge)), actors_at)
            if actors:
                return actors, _BORROWED_CONFIDENCE
    return [], _UNATTENDED_CONFIDENCE


def _same_paragraph(text: str, one: Span, other: Span) -> bool:
    first, second = (one, other) if one.start <= other.start else (other, one)
    return text.find("\n", first.end, second.start) < 0


def _place(text: str, within: Span, anchor: Span, taken: _SpanIndex) -> str:
    """The place named in ``within`` nearest the anchor, skipping names that are actors or times."""
    best, best_distance = "", None
    for match in _PLACE.finditer(text, within.start, within.end):
        start, end = match.span("place")
        if taken.overlaps(start, end):
            continue
        distance = min(abs(start - anchor.end), abs(anchor.start - end))
        if best_distance is None or distance < best_distance:
            best, best_distance = _POSSESSIVE.sub("", match.group("place")), distance
    return best
