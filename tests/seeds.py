"""The seed articles in ``fixtures/articles/``, as tests read them."""

import json
from pathlib import Path

SEED_ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def seed_article(number: int) -> dict:
    """One of the seed articles as the JSON an API client would post."""
    entry = json.loads((SEED_ARTICLES / "manifest.json").read_text(encoding="utf-8"))[number]
    return {
        "text": (SEED_ARTICLES / entry["file"]).read_text(encoding="utf-8"),
        "published": entry["published"],
        "outlet": entry["outlet"] or "",
        "title": entry["title"] or "",
    }
