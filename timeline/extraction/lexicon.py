"""General English word lists the extraction stages share: world knowledge, never article content."""


def word_set(text: str) -> frozenset[str]:
    """A frozen set of the white-space separated words of ``text`` (lists read better as prose blocks)."""
    return frozenset(text.split())
