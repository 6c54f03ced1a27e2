from pathlib import Path

import pytest
from django.conf import settings

from timeline.extraction.language import looks_english

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def test_english_news_prose_is_english():
    text = (
        "Chilean President Pablo Ortega said on Monday that the protests were over and that the government "
        "would not resign, after a week in which tens of thousands marched in the capital."
    )
    assert looks_english(text)


def test_spanish_and_german_news_prose_are_not():
    spanish = (
        "El presidente de Chile, Pablo Ortega, dijo el lunes que las protestas habían terminado y que el "
        "gobierno no renunciará, tras una semana en la que decenas de miles marcharon en la capital."
    )
    german = (
        "Der chilenische Präsident Pablo Ortega sagte am Montag, die Proteste seien vorbei und die Regierung "
        "werde nicht zurücktreten, nachdem Zehntausende eine Woche lang in der Hauptstadt marschiert waren."
    )
    assert not looks_english(spanish)
    assert not looks_english(german)


def test_a_short_text_is_not_judged():
    assert looks_english("Ortega dijo que no.")


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not in {SEEDS}")
def test_the_seed_articles_are_english():
    for path in sorted(SEEDS.glob("*.txt")):
        assert looks_english(path.read_text(encoding="utf-8")), path.name
