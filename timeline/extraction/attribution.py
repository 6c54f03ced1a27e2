"""Who is the subject of a verb of saying: "X said", "X, the minister, said", "said X", "according to X".

Works on the tokens of one sentence and the actor mentions found in it, so that both the actor stage
(to know who a sentence is about, for pronouns) and the quote stage (to know who spoke) use the same
reading of an attribution clause.
"""

from dataclasses import dataclass

from timeline.extraction.lexicon import (
    COUNTRIES,
    CUE_VERBS,
    DEMONYMS,
    INVERTING_CUES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    word_set,
)
from timeline.extraction.tokens import Token

# Words that may stand between a subject and its verb: auxiliaries and adverbs ("has earlier said").
_BETWEEN_SUBJECT_AND_VERB = word_set(
    """has have had was were is are will would could can may might should must did does do also earlier later
    then meanwhile however further reportedly previously once again repeatedly publicly already just still
    first recently initially quickly immediately soon separately privately allegedly apparently since
    himself herself themselves itself not never angrily flatly openly swiftly bluntly directly personally"""
)
PREPOSITIONS = word_set(
    """of to with by for from on in at about against under over behind between among into onto upon toward
    towards across through via like than after before during without near beside alongside despite"""
)
_APPOSITIVE_TOKENS = 30
_DETERMINERS = word_set("the a an this that its his her their")
_MODALS = word_set("would will could should may might must can cannot to")
# Words that may open a clause before its subject ("And the defense minister ...").
_LEADING_WORDS = word_set("the a an and but so then meanwhile also")


@dataclass(frozen=True, slots=True)
class Mention:
    """Where the text refers to an actor (a name, a surname, a title, a pronoun); ``possessive`` for "X's"."""

    start: int
    end: int
    actor: int
    possessive: bool


def cue_indexes(tokens: list[Token]) -> list[int]:
    """Indexes of the tokens that are verbs of saying ("according" stands for "according to")."""
    found = []
    for index, token in enumerate(tokens):
        # "would respond in kind", "to call for calm": what may be said or done, not what was said.
        if index and tokens[index - 1].key in _MODALS:
            continue
        if token.key in CUE_VERBS or (
            token.key == "according" and index + 1 < len(tokens) and tokens[index + 1].key == "to"
        ):
            found.append(index)
    return found


def is_participle(token: Token) -> bool:
    return token.key.endswith("ing") and token.key != "according"


def sentence_subject(tokens: list[Token], mentions: list[Mention], *, before: int) -> Mention | None:
    """The subject of the clause before offset ``before``: a mention that opens its clause (after the
    sentence start or a comma), possibly behind a title ("Bolivian President X"), not a possessive."""
    position = 0
    clause_open = True  # nothing but title words since the start of the sentence or the last comma
    for mention in mentions:
        if mention.start >= before:
            break
        while position < len(tokens) and tokens[position].start < mention.start:
            token = tokens[position]
            if token.text == ",":
                clause_open = True
            elif token.is_word and not _opens_a_name(token):
                clause_open = False
            position += 1
        # "Russian Foreign Ministry spokeswoman X": a body before a title is part of the title.
        after = position
        while after < len(tokens) and tokens[after].start < mention.end:
            after += 1
        in_title = after < len(tokens) and tokens[after].key in TITLE_HEADS
        if clause_open and not mention.possessive and not in_title:
            return mention
    return None


def _opens_a_name(token: Token) -> bool:
    key = token.key
    return (
        key in _LEADING_WORDS
        or key in TITLE_HEADS
        or key in TITLE_MODIFIERS
        or key in DEMONYMS
        or key in COUNTRIES
        or token.capitalised
    )


# The longest mention ending or starting at a token wins: "government of President X" over "X".
def longest_by_end(mentions: list[Mention]) -> dict[int, Mention]:
    by_end: dict[int, Mention] = {}
    for mention in mentions:
        if mention.end not in by_end or by_end[mention.end].start > mention.start:
            by_end[mention.end] = mention
    return by_end


def longest_by_start(mentions: list[Mention]) -> dict[int, Mention]:
    by_start: dict[int, Mention] = {}
    for mention in mentions:
        if mention.start not in by_start or by_start[mention.start].end < mention.end:
            by_start[mention.start] = mention
    return by_start


def cue_subject(tokens: list[Token], index: int, mentions: list[Mention]) -> Mention | None:
    """The mention that is the subject of the cue verb at ``tokens[index]``, if the sentence names it."""
    by_end, by_start = longest_by_end(mentions), longest_by_start(mentions)
    cue = tokens[index]
    if cue.key == "according":
        return by_start.get(tokens[index + 2].start) if index + 2 < len(tokens) else None
    if is_participle(cue):
        return sentence_subject(tokens, mentions, before=cue.start)
    subject = _subject_before(tokens, index, by_end)
    # Inversion ("...," said X) follows a quote or opens the sentence; after a word, as in "the
    # leader said Ardern had ...", the name after the verb is what was said, not who said it.
    opens = index == 0 or not tokens[index - 1].is_word
    if subject is None and opens and cue.key in INVERTING_CUES and index + 1 < len(tokens):
        subject = _mention_starting(tokens, index + 1, by_start)
    return subject


def _subject_before(tokens: list[Token], index: int, by_end: dict[int, Mention]) -> Mention | None:
    position = index - 1
    fallback = None  # a name standing as the appositive itself ("A spokesman, Ned Price, said")
    while position >= 0:
        token = tokens[position]
        if token.key in _BETWEEN_SUBJECT_AND_VERB:
            position -= 1
            continue
        mention = by_end.get(token.end)
        if mention is not None:
            # The object of a preposition is not the subject: "A spokesperson for the department, Ned
            # Price, told" is Price speaking, "a spokesman for Ortega said" is not Ortega.
            if _after_preposition(tokens, mention):
                return fallback
            return None if mention.possessive else mention
        closing = {",": ",", ")": "("}.get(token.text)
        if closing is None:
            return fallback
        if fallback is None and position > 0:
            candidate = by_end.get(tokens[position - 1].end)
            fallback = candidate if candidate is not None and not candidate.possessive else None
        # Skip an appositive or a bracket ("X, the defense minister, said"; "Sen. X (R-Fla.) said").
        opening = position - 1
        while opening >= max(0, position - _APPOSITIVE_TOKENS) and tokens[opening].text != closing:
            opening -= 1
        if opening < max(0, position - _APPOSITIVE_TOKENS):
            return fallback
        position = opening - 1
    return fallback


def _after_preposition(tokens: list[Token], mention: Mention) -> bool:
    position = next((i for i, t in enumerate(tokens) if t.start >= mention.start), 0) - 1
    while position >= 0 and tokens[position].key in _DETERMINERS:
        position -= 1
    return position >= 0 and tokens[position].key in PREPOSITIONS


def _mention_starting(tokens: list[Token], position: int, by_start: dict[int, Mention]) -> Mention | None:
    mention = by_start.get(tokens[position].start)
    if mention is None and tokens[position].key == "the" and position + 1 < len(tokens):
        mention = by_start.get(tokens[position + 1].start)
    return mention
