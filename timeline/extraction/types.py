"""What the extraction pipeline produces.

Every span is a pair of character offsets into the article text exactly as received, so that
``text[start:end]`` is the cited words and every fact can be traced to where it stands.
Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from timeline.models import Precision, TimeBasis


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Publication:
    """What is known of the article besides its text."""

    published: date | datetime | None = None
    outlet: str = ""
    title: str = ""
    url: str = ""


@dataclass(frozen=True)
class TimeValue:
    """A normalised time expression: a half-open interval [start, end) at a precision.

    ``start``/``end`` are None when the expression could not be placed (no publication date for a
    relative expression); precision is then UNKNOWN.
    """

    start: datetime | None
    end: datetime | None
    precision: Precision
    expression: str
    basis: TimeBasis
    span: Span | None = None

    def display(self) -> str | None:
        """The value written at its precision: "2019-04-30T09:00", "2019-04-30", "2019-01", "2014"."""
        if self.start is None:
            return None
        p = self.precision
        if p == Precision.HOUR:
            return self.start.strftime("%Y-%m-%dT%H:%M")
        if p in (Precision.PART_OF_DAY, Precision.DAY, Precision.WEEK):
            return self.start.strftime("%Y-%m-%d")
        if p == Precision.MONTH:
            return self.start.strftime("%Y-%m")
        if p == Precision.YEAR:
            return self.start.strftime("%Y")
        if p == Precision.DECADE:
            return self.start.strftime("%Y")[:3] + "0s"
        return None


@dataclass
class RoleMention:
    title: str
    span: Span


@dataclass
class ExtractedActor:
    """One actor as this article names it; ``name`` is the fullest form the article gives."""

    name: str
    kind: str  # an ActorKind value
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class ExtractedQuote:
    """Words an actor said. ``span`` covers exactly the text between the quote marks."""

    text: str
    span: Span
    kind: str  # a QuoteKind value
    speaker: int | None  # index into Extraction.actors
    cue: str = ""
    channel: str = ""
    time: TimeValue | None = None
    confidence: float = 1.0


@dataclass
class ExtractedEvent:
    """Something that happened, anchored by a time expression. ``span`` is the clause it is told in."""

    summary: str
    span: Span
    time: TimeValue
    actors: list[int] = field(default_factory=list)  # indexes into Extraction.actors
    place: str = ""
    confidence: float = 1.0


@dataclass
class Extraction:
    version: str
    actors: list[ExtractedActor] = field(default_factory=list)
    quotes: list[ExtractedQuote] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
