"""Quoted words and who said them.

Quote marks are paired within a paragraph (straight and curly double marks, and single marks that are
not apostrophes); a quote left open at the end of a paragraph runs on, as news style does, into the
next paragraph that opens with a mark. Each quote is credited through its attribution clause: a verb
of saying right after it (`"...," he said`, `"...," said X`), before it in the sentence (`X said:`,
`X blasted the move as "..."`), later in the sentence (`..., X told RT.`), a colon ending the sentence
before, the sentence after a quoted question (`"Why?" X asked.`), or the quote just before it in the
same paragraph (split quotes). A passive label goes to its agent (`called 'a dictator' by X`), and a
body's words to the person whose "comments" the next paragraph reports. Quotes nobody is credited
with are scare quotes, and headlines and names in quote marks are titles: none of them are statements.
"""

import bisect
import math
import re
from dataclasses import dataclass

from timeline.extraction.attribution import Mention, cue_indexes, cue_subject, is_participle
from timeline.extraction.lexicon import CHANNELS, CUE_VERBS, FUNCTION_WORDS, MEDIA_NAMES, MEDIA_OUTLETS, word_set
from timeline.extraction.tokens import Token, is_title_case
from timeline.extraction.types import ExtractedQuote, Span
from timeline.models import QuoteKind
from timeline.normalize import fold

_DOUBLE = '"“”„'
_OPENING_DOUBLE = '"“„'
_CLOSING_DOUBLE = '"”'
_OPENING_SINGLE = "'‘"
_CLOSING_SINGLE = "'’"
_SINGLE_QUOTE_MAX_CHARS = 200
_MARK = re.compile("[\"“”„'‘’]")
_SENTENCE_BREAK = re.compile(r"[.!?…] [A-Z]")
# Words before a quote that make it a label, not words anybody said ("the so-called 'reforms'").
_SCARE_MARKERS = word_set(
    """so-called self-proclaimed self-declared self-styled alleged supposed purported nicknamed dubbed
    himself herself themselves itself"""
)
_KNOWN_AS = re.compile(r"\b(?:known|referred\s+to|described)\s+as\s*$", re.IGNORECASE)
# Passive labelling verbs: "considered a 'dictator' by his critics" credits whoever follows "by".
_PASSIVE_LABELS = word_set("considered called described labelled labeled branded dubbed seen regarded viewed")
# A quoted phrase run straight into a full name, unless that name goes on to speak ('"We won" Ann Lee said').
_NAME_AFTER = re.compile(r" [A-Z][^\W\d_]+ [A-Z](?![^\W\d_]* (?:said|says|added|told|wrote|tweeted)\b)")
_LABEL_REACH = 40  # characters before a quote in which "so-called" or "known as" marks a label
_ATTRIBUTION_REACH = 400  # characters either side of a quote in which its attribution is looked for
_TRAILING_WINDOW = 4  # tokens after a closing mark in which a trailing "he said" may stand
# "X's comments came after ...": nouns by which a sentence refers back to what was just reported.
_STATEMENT_NOUNS = word_set("comments comment remarks remark statement statements words tweet tweets post posts")
_TERMINAL = ".!?…"


@dataclass(frozen=True)
class FoundQuote:
    """A credited quote and the attribution clause that credits it (for the time it was said)."""

    quote: ExtractedQuote
    attribution: Span | None


@dataclass(frozen=True)
class _Marks:
    start: int  # first character inside the marks
    end: int  # first character after the quoted words (the closing mark, or the paragraph end)
    closed: bool
    paragraph: int


def find_quotes(
    text: str,
    *,
    paragraphs: list[Span],
    sentences: list[Span],
    sentence_tokens: list[list[Token]],
    mentions: list[Mention],
    bodies: frozenset[int] = frozenset(),
    title: str = "",
) -> list[FoundQuote]:
    """Credited quotes in text order; ``sentence_tokens`` and ``mentions`` are the actor stage's,
    ``bodies`` the indexes of actors that are governments or organisations rather than people."""
    sentence_starts = [s.start for s in sentences]
    mention_starts = [m.start for m in mentions]
    title_key = fold(title)
    found: list[FoundQuote] = []
    previous: tuple[_Marks, int, FoundQuote] | None = None  # last credited quote, its sentence, the result
    marks = [
        m for index, p in enumerate(paragraphs) if not _is_headline(text, p, title_key) for m in _pair(text, p, index)
    ]
    spans = [(m.start, m.end) for m in marks]
    every_token = [token for tokens in sentence_tokens for token in tokens]
    token_starts = [token.start for token in every_token]
    for quote_marks in marks:
        sentence_index = bisect.bisect_right(sentence_starts, quote_marks.start) - 1
        if sentence_index < 0:
            continue
        sentence = sentences[sentence_index]
        words = text[quote_marks.start : quote_marks.end]
        if not words.strip() or _is_label(text, quote_marks, sentence):
            continue
        last = bisect.bisect_left(sentence_starts, quote_marks.end)
        # The attribution clause stands near the quote: a bounded window of its sentences keeps the
        # cost per quote fixed however long a run-on sentence is.
        window_start = max(sentence.start, quote_marks.start - _ATTRIBUTION_REACH)
        window_end = min(sentences[last - 1].end, quote_marks.end + _ATTRIBUTION_REACH)
        tokens = every_token[
            bisect.bisect_left(token_starts, window_start) : bisect.bisect_left(token_starts, window_end)
        ]
        local = _mentions_within(mentions, mention_starts, window_start, window_end)
        outside = [m for m in local if not _inside_any(m.start, spans)]
        credit = _credit(text, tokens, outside, quote_marks, spans)
        if credit is not None and credit[0] is None:
            continue  # a label whose agent the article does not name
        channel_tokens = tokens
        if credit is None and sentence_index > 0 and quote_marks.start - 1 == sentence.start:
            intro = sentences[sentence_index - 1]
            intro_tokens = sentence_tokens[sentence_index - 1]
            intro_mentions = _mentions_within(mentions, mention_starts, intro.start, intro.end)
            credit = _colon_intro(text, intro_tokens, intro_mentions, intro)
            channel_tokens = intro_tokens if credit is not None else tokens
        whole_sentence = (
            quote_marks.start - 1 == sentence.start and text[sentences[last - 1].end - 1] in _CLOSING_DOUBLE
        )
        if credit is None and whole_sentence and last < len(sentences):
            # `"Never!" Smith shouted.`: a quote ending in ! or ? closes its sentence before the attribution.
            after = sentences[last]
            after_mentions = _mentions_within(mentions, mention_starts, after.start, after.end)
            credit = _opening_attribution(sentence_tokens[last], after_mentions)
        own_cues = any(not _inside_any(tokens[i].start, spans) for i in cue_indexes(tokens))
        continues = previous is not None and _continues(previous[0], quote_marks, paragraphs)
        if credit is None and continues and (not own_cues or previous[1] == sentence_index):
            prior = previous[2]
            credit = (prior.quote.speaker, prior.quote.cue, prior.attribution)
        if credit is None:
            continue
        speaker, cue, clause = credit
        quote = ExtractedQuote(
            text=words,
            span=Span(quote_marks.start, quote_marks.end),
            kind=_kind(words),
            speaker=speaker,
            cue=cue,
            channel=_channel(channel_tokens, spans),
        )
        result = FoundQuote(quote, clause)
        found.append(result)
        previous = (quote_marks, sentence_index, result)
    _credit_spokespeople(text, found, paragraphs, sentences, sentence_tokens, mentions, bodies)
    return found


def _credit_spokespeople(text, found, paragraphs, sentences, sentence_tokens, mentions, bodies) -> None:
    """ "The government said ... 'vandals'." followed by "Interior Minister X's comments came after
    ...": the words a body was credited with in the paragraph before were X's."""
    paragraph_starts = [p.start for p in paragraphs]
    sentence_at = {s.start: i for i, s in enumerate(sentences)}
    mention_at = {m.start: m for m in mentions}
    for item in found:
        if item.quote.speaker not in bodies:
            continue
        paragraph = bisect.bisect_right(paragraph_starts, item.quote.span.start) - 1
        if paragraph + 1 >= len(paragraphs) or paragraphs[paragraph + 1].start not in sentence_at:
            continue
        tokens = sentence_tokens[sentence_at[paragraphs[paragraph + 1].start]]
        speaker = _comments_owner(tokens, mention_at)
        if speaker is not None:
            item.quote.speaker = speaker


def _comments_owner(tokens: list[Token], mention_at: dict[int, Mention]) -> int | None:
    """The person in "Information Minister X's comments ..." opening a sentence."""
    for position, token in enumerate(tokens):
        mention = mention_at.get(token.start)
        if mention is None and token.capitalised:
            continue  # a title before the name
        if mention is None or not mention.possessive:
            return None
        # The name's last token carries the "'s"; the noun after it says what it refers back to.
        last = next((i for i in range(position, len(tokens)) if tokens[i].end >= mention.end), len(tokens))
        following = tokens[last + 1] if last + 1 < len(tokens) else None
        return mention.actor if following is not None and following.key in _STATEMENT_NOUNS else None
    return None


def _is_headline(text: str, paragraph: Span, title_key: str) -> bool:
    line = text[paragraph.start : paragraph.end]
    if title_key and fold(line) == title_key:
        return True
    return line[-1:] not in ":\"”'’" and is_title_case(line)


def _pair(text: str, paragraph: Span, index: int) -> list[_Marks]:
    """Quote spans in a paragraph: double marks pair in turn; single marks pair outside them."""
    found = []
    opened = None
    singles = []
    for match in _MARK.finditer(text, paragraph.start, paragraph.end):
        position, char = match.start(), match.group()
        if char in _DOUBLE:
            if opened is None and char in _OPENING_DOUBLE and _opens(text, position, paragraph):
                opened = position + 1
            elif opened is not None and char in _CLOSING_DOUBLE and not text[position - 1].isspace():
                found.append(_Marks(opened, position, True, index))
                opened = None
        elif opened is None:
            singles.append(position)
    if opened is not None and opened < paragraph.end:
        found.append(_Marks(opened, paragraph.end, False, index))
    found.extend(_pair_single(text, paragraph, index, singles))
    return sorted(found, key=lambda m: m.start)


def _opens(text: str, position: int, paragraph: Span) -> bool:
    after = text[position + 1] if position + 1 < paragraph.end else " "
    return not after.isspace() and (
        text[position] != '"' or position == paragraph.start or not text[position - 1].isalnum()
    )


def _pair_single(text: str, paragraph: Span, index: int, marks: list[int]) -> list[_Marks]:
    """Single marks that open and close a phrase in one sentence; the rest are apostrophes."""
    found = []
    taken = -1
    for number, position in enumerate(marks):
        if position <= taken or text[position] not in _OPENING_SINGLE:
            continue
        before = text[position - 1] if position > paragraph.start else " "
        after = text[position + 1] if position + 1 < paragraph.end else " "
        # An opening mark follows a space or bracket and precedes a letter ("'interim president'").
        if before.isalnum() or not after.isalnum():
            continue
        close = next((c for c in marks[number + 1 :] if _closes_single(text, c, paragraph)), None)
        if close is None or close - position > _SINGLE_QUOTE_MAX_CHARS:
            continue
        # Only a quote that opens its clause ("'We won. We always do,' she said") runs over sentences;
        # elsewhere a full stop before the closing mark means the mark was an apostrophe.
        opens_clause = position == paragraph.start or text[position - 2 : position] in {": ", ", ", "— "}
        if not opens_clause and _SENTENCE_BREAK.search(text, position, close):
            continue
        found.append(_Marks(position + 1, close, True, index))
        taken = close
    return found


def _closes_single(text: str, position: int, paragraph: Span) -> bool:
    after = text[position + 1] if position + 1 < paragraph.end else " "
    if text[position] not in _CLOSING_SINGLE or after.isalnum() or text[position - 1].isspace():
        return False
    # "the soldiers' arms": a plural possessive, followed by a lowercase word, does not close a quote.
    return not (text[position - 1] == "s" and after == " " and text[position + 2 : position + 3].islower())


def _inside_any(position: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _mentions_within(mentions: list[Mention], starts: list[int], start: int, end: int) -> list[Mention]:
    return mentions[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def _is_label(text: str, marks: _Marks, sentence: Span) -> bool:
    """Names and titles in quote marks, and scare quotes introduced as labels."""
    words = text[marks.start : marks.end]
    content = [w for w in re.findall(r"[^\W\d_][\w’'-]*", words) if w.lower() not in FUNCTION_WORDS]
    if content and all(w[:1].isupper() for w in content) and words.rstrip()[-1:] not in _TERMINAL + ",":
        return True
    before = text[max(sentence.start, marks.start - _LABEL_REACH) : marks.start - 1].split()
    if before and before[-1].lower() in _SCARE_MARKERS:
        return True
    if _KNOWN_AS.search(text[max(sentence.start, marks.start - _LABEL_REACH) : marks.start - 1]):
        return True
    # A phrase followed at once by a capitalised name is part of a title ("'interim president' José Núñez").
    unfinished = words.rstrip()[-1:] not in _TERMINAL + ","
    return unfinished and bool(_NAME_AFTER.match(text, marks.end + 1))


def _credit(text: str, tokens: list[Token], mentions: list[Mention], marks: _Marks, spans):
    """(speaker, cue, attribution clause) from a verb of saying in the quote's own sentence."""
    cues = [i for i in cue_indexes(tokens) if not _inside_any(tokens[i].start, spans)]
    agent = _passive_agent(text, tokens, mentions, marks)
    if agent is not None:
        return agent
    after = [i for i in cues if tokens[i].start >= marks.end]
    before = [i for i in cues if tokens[i].end <= marks.start]
    close_index = next((i for i, t in enumerate(tokens) if t.start >= marks.end), len(tokens))
    # A trailing participle (`"absurd," writing on Telegram`) belongs to the sentence's subject, not to
    # a name next to it, so it is tried in its turn after the verbs before the quote.
    trailing = [i for i in after if i - close_index <= _TRAILING_WINDOW and not is_participle(tokens[i])]
    before = before[_governing_from(tokens, before, marks) :]
    for index in [*trailing[:1], *reversed(before), *after]:
        subject = cue_subject(tokens, index, mentions)
        if subject is not None:
            cue = tokens[index]
            return subject.actor, cue.key if cue.key in CUE_VERBS else "according to", Span(cue.start, cue.end)
    return None


def _governing_from(tokens: list[Token], before: list[int], marks: _Marks) -> int:
    """How many of the cues before a quote are cut off from it by a participle clause of another verb:
    in "X called for calm, detecting 'a note of panic'" the quote is not what X called."""
    # Walking back from the quote, the first such clause cuts off every cue before it.
    quote_index = bisect.bisect_left([t.end for t in tokens], marks.start + 1)
    for index in range(quote_index - 1, 0, -1):
        comma, following = tokens[index - 1], tokens[index]
        if comma.text == "," and following.key.endswith("ing") and following.key not in CUE_VERBS:
            return bisect.bisect_right(before, index - 1)
    return 0


def _passive_agent(text: str, tokens: list[Token], mentions: list[Mention], marks: _Marks):
    """ "considered a 'dictator' by his critics": the agent after "by" said it, if the article names it."""
    close = next((i for i, t in enumerate(tokens) if t.start > marks.end), None)
    if close is None or tokens[close].key != "by":
        return None
    opening = [t for t in tokens if t.end <= marks.start][-4:]
    if not any(t.key in _PASSIVE_LABELS for t in opening):
        return None
    stop = next((t for t in tokens[close + 1 :] if not t.is_word), None)
    if stop is not None and stop.text in _OPENING_DOUBLE + _OPENING_SINGLE:
        return None  # "a 'revolt' by army 'deserters'": a quote, not an agent, follows "by"
    phrase_end = stop.start if stop is not None else tokens[-1].end
    agent = next((m for m in mentions if tokens[close].end < m.start < phrase_end and not m.possessive), None)
    # Without a named agent the label is unattributed: mark it so that nothing else credits it.
    return (agent.actor, tokens[close].key, Span(tokens[close].start, phrase_end)) if agent else (None, "", None)


def _continues(previous: _Marks, current: _Marks, paragraphs: list[Span]) -> bool:
    """A quote with no attribution of its own goes on from the one before: the same paragraph, or the
    next paragraph opening with a mark after a quote left open."""
    if previous.paragraph == current.paragraph:
        return True
    return (
        not previous.closed
        and current.paragraph == previous.paragraph + 1
        and current.start - 1 == paragraphs[current.paragraph].start
    )


def _opening_attribution(tokens: list[Token], mentions: list[Mention]):
    """ "Smith shouted." or "asked one resident." opening the sentence after a quote."""
    for index in cue_indexes(tokens[:_TRAILING_WINDOW]):
        subject = cue_subject(tokens, index, mentions)
        if subject is not None:
            cue = tokens[index]
            return subject.actor, cue.key, Span(cue.start, cue.end)
    return None


def _colon_intro(text: str, tokens: list[Token], mentions: list[Mention], sentence: Span):
    """ "Writing on Twitter, X said:" with the quote opening the next sentence or paragraph."""
    if not text[sentence.start : sentence.end].rstrip().endswith(":"):
        return None
    for cue in reversed(cue_indexes(tokens)):
        subject = cue_subject(tokens, cue, mentions)
        if subject is not None:
            return subject.actor, tokens[cue].key, Span(tokens[cue].start, tokens[cue].end)
    return None


def _kind(words: str) -> str:
    """A full sentence or clause is direct; a fragment woven into reported speech is partial."""
    stripped = words.strip()
    letters = [c for c in stripped if c.isalpha()]
    if letters and letters[0].isupper() and (len(stripped.split()) >= 3 or stripped[-1:] in _TERMINAL):
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL


def _channel(tokens: list[Token], spans) -> str:
    """How it was said, where the sentence states it: "on Twitter", "in a video", "told RT"."""
    words = [t for t in tokens if not _inside_any(t.start, spans)]
    for index, token in enumerate(words):
        if token.key == "told" and (outlet := _outlet_after(words, index + 1)):
            return outlet
        pair = f"{token.key} {words[index + 1].key}" if index + 1 < len(words) else ""
        if pair in CHANNELS:
            return CHANNELS[pair]
        if token.key in CHANNELS:
            return CHANNELS[token.key]
    return ""


def _outlet_after(words: list[Token], position: int) -> str:
    """ "told RT", "told the BBC", "told The Associated Press": the outlet's name as written."""
    if position < len(words) and words[position].key == "the":
        position += 1
    for length in (3, 2):
        part = words[position : position + length]
        if len(part) == length and " ".join(t.key for t in part) in MEDIA_NAMES:
            return " ".join(t.text for t in part)
    if position < len(words) and words[position].key in MEDIA_OUTLETS:
        return words[position].text
    return ""
