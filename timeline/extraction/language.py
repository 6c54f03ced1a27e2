"""Whether a text is English, the only language the extraction rules read."""

from timeline.extraction.lexicon import word_set
from timeline.normalize import words

# Words frequent in any English prose and rare elsewhere; "a" and "de" are left out as shared.
_ENGLISH_WORDS = word_set(
    """the of and to in is was that for on with as by at from it he she they said this be has have are were
    not but his her which an who their would will been had its after over"""
)
# English news prose has a third of its words in the list; other languages a few percent.
_MIN_SHARE = 0.1
_MIN_WORDS = 20
_SAMPLE_CHARS = 20_000  # the opening of a long article tells its language as well as the whole


def looks_english(text: str) -> bool:
    """False for a text long enough to judge whose common words are not English ones."""
    found = words(text[:_SAMPLE_CHARS])
    if len(found) < _MIN_WORDS:
        return True
    return sum(word in _ENGLISH_WORDS for word in found) >= _MIN_SHARE * len(found)
