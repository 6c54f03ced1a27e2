"""Extraction speed on one core: articles per second at 5 KB, and the time for 5 KB, 50 KB and 500 KB articles.

    .venv/bin/python bench/extraction.py [--seconds 5]

Articles are the seed texts in ../shared/seeds and synthetic concatenations of them cut to size, so
the text is real news prose with its furniture. Each repeated copy carries its number after every
fourth word: otherwise the body stage would rightly drop the copies as recaps of the first, and the
long article would measure nothing. The 50 KB and 500 KB times show whether the cost is linear in
the length (the ratio should be near 10). Times are CPU time of this process, so other work on the
machine does not count. No database is touched.
"""

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
_FOURTH_WORD = re.compile(r"(?:\S+\s+){3}\w+")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to run the throughput loop")
    parser.add_argument(
        "--dotted-dates",
        type=int,
        default=0,
        help="open this many paragraphs of each 5 KB article with a date like 30.04.2019 (read by dateparser)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from timeline.articles import ArticleError, load_manifest, read_article_file
    from timeline.extraction.pipeline import extract_article

    try:
        entries = load_manifest(SEEDS / "manifest.json")
        seeds = [read_article_file(entry.path) for entry in entries]
    except ArticleError as error:
        sys.exit(f"cannot read the seed articles: {error}")
    # The seeds' own publication date, so relative times resolve as they would on ingest.
    publication = entries[0].publication
    articles = [_dated(_sized(seeds, first, 5_000), args.dotted_dates) for first in range(len(seeds))]

    began = time.process_time()
    done = 0
    while time.process_time() - began < args.seconds:
        extract_article(articles[done % len(articles)], publication)
        done += 1
    rate = done / (time.process_time() - began)

    small, medium, large = (_sized(seeds, 0, size) for size in (5_000, 50_000, 500_000))
    small_ms = _best_of(lambda: extract_article(small, publication), 5)
    medium_ms = _best_of(lambda: extract_article(medium, publication), 3)
    large_ms = _best_of(lambda: extract_article(large, publication), 2)
    print(f"throughput  {rate:.1f} articles/s on one core (5 KB articles)")
    print(f"5 KB        {small_ms:.1f} ms")
    # The 5 KB cut holds the lighter seeds only; 50 KB and up mix all of them, so compare those two.
    print(f"50 KB       {medium_ms:.1f} ms")
    print(f"500 KB      {large_ms:.1f} ms   ({large_ms / medium_ms:.1f}x the 50 KB time for 10x the text)")
    figures = {"articles_per_s": round(rate, 1), "ms_5kb": round(small_ms, 2), "ms_50kb": round(medium_ms, 1)}
    print(json.dumps(figures | {"ms_500kb": round(large_ms, 1)}))


def _sized(seeds: list[str], first: int, size: int) -> str:
    """Seed texts joined in turn from ``first`` and cut at a paragraph break near ``size`` characters."""
    parts, length, index = [], 0, first
    while length < size:
        copy = (index - first) // len(seeds)
        seed = seeds[index % len(seeds)]
        parts.append(_FOURTH_WORD.sub(rf"\g<0> {copy}", seed) if copy else seed)
        length += len(parts[-1]) + 2
        index += 1
    text = "\n\n".join(parts)
    cut = text.rfind("\n", 0, size)
    return text[: cut if cut > size // 2 else size]


def _dated(text: str, paragraphs: int) -> str:
    """``text`` with its first paragraphs opened by a dotted date, a different day each."""
    parts = text.split("\n\n")
    for index in range(min(paragraphs, len(parts))):
        parts[index] = f"On {index % 28 + 1:02d}.04.2019 {parts[index]}"
    return "\n\n".join(parts)


def _best_of(call, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        began = time.process_time()
        call()
        best = min(best, (time.process_time() - began) * 1000)
    return best


if __name__ == "__main__":
    main()
