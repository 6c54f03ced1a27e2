"""Text keys shared by the models, the extractor and the merger.

A key folds away what does not distinguish two surface forms of the same thing: case, accents,
typographic quotes and dashes, runs of white space.
"""

import hashlib
import re
import unicodedata
from functools import lru_cache

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
WORD = re.compile(r"[^\W_]+")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # most text: nothing to decompose, and this is on every key's path
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Merging an article folds the same names and texts again and again (nine calls in ten repeat one).
FOLDS_KEPT = 1 << 14


@lru_cache(maxsize=FOLDS_KEPT)
def fold(text: str) -> str:
    """Case-, accent- and typography-insensitive form of ``text`` with white space collapsed."""
    folded = strip_accents((text or "").translate(_TYPOGRAPHY)).casefold()
    return _SPACE.sub(" ", folded).strip()


def words(text: str) -> list[str]:
    """The folded words of ``text``: letters and digits only, punctuation dropped."""
    return WORD.findall(fold(text))


def word_key(text: str) -> str:
    """Folded words joined by single spaces: equal for texts that differ only in punctuation."""
    return " ".join(words(text))


def content_hash(text: str) -> str:
    """SHA-256 of the exact text as received (no normalisation: any change is a new version)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
