"""The benchmark corpus generator at a tiny scale: row counts and the invariants the API relies on."""

import random
from collections import Counter

import pytest
from django.db.models import Count, Min

from bench.corpus import COINED_NAMES, story_subject
from bench.generate import Scale, generate_corpus
from timeline.models import Actor, Evidence, Fact, FactType, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts():
    return generate_corpus(Scale(sources=40, actors=30), seed=1, log=lambda message: None)


def test_writes_the_requested_sources_with_facts_and_evidence_in_proportion(counts):
    assert counts["sources"] == Source.objects.count() == 40
    assert counts["actors"] == Actor.objects.count() == 30
    assert 3 * counts["sources"] < counts["facts"] < counts["evidence"] < 15 * counts["sources"]
    assert counts["undated_facts"] > 0
    assert Source.objects.values("outlet").distinct().count() > 5


def test_every_excerpt_is_the_span_of_its_source_text(counts):
    texts = dict(Source.objects.values_list("id", "text"))
    for source_id, start, end, excerpt in Evidence.objects.values_list("source_id", "start", "end", "excerpt"):
        assert texts[source_id][start:end] == excerpt


def test_every_fact_has_evidence_and_is_first_reported_by_its_earliest_source(counts):
    facts = Fact.objects.annotate(sources=Count("evidence"), earliest=Min("evidence__source__published_at"))
    assert not facts.filter(sources=0).exists()
    for fact in facts:
        assert fact.first_reported_at == fact.earliest
    assert not Fact.objects.filter(type=FactType.STATEMENT, speaker=None).exists()


def test_quotes_are_reported_by_several_outlets(counts):
    shared = Fact.objects.annotate(sources=Count("evidence__source", distinct=True)).filter(sources__gt=1)
    assert shared.count() > counts["facts"] // 10


def test_stories_are_about_things_named_by_zipfs_law():
    # A few names are in the news all the time, most only now and then, as the words of real news are:
    # the full-text index then has long lists for few words, not for every word of a quote.
    rng = random.Random(0)
    draws = 20_000
    names = Counter(story_subject(rng).split()[1] for _ in range(draws))
    commonest = names.most_common(1)[0][1] / draws
    harmonic = sum(1 / rank for rank in range(1, len(COINED_NAMES) + 1))
    assert commonest == pytest.approx(1 / harmonic, rel=0.15)
    assert sum(count == 1 for count in names.values()) > len(names) / 2
