"""The same bad input through the command line (``manage.py ingest`` and ``extract`` in real
subprocesses): one clear line per bad article, never a traceback, nothing of a refused article stored."""

import json

import pytest

from tests.hardening.support import ARTICLE, ARTICLE_WITH_MARKUP, manage
from timeline.models import Source

pytestmark = pytest.mark.django_db(transaction=True)

BAD_FILES = {
    "empty.txt": (b"", "article text is empty"),
    "blank.txt": (b" \n\t \n", "article text is empty"),
    "nul.txt": (b"The mayor said.\x00", "NUL character at offset 15"),
    "latin1.txt": ("Caf\u00e9 society".encode("latin-1"), "not valid UTF-8 (byte offset 3)"),
}
GOOD_FILES = {"one.txt": b"x", "markup.txt": ARTICLE_WITH_MARKUP.encode()}


def test_ingest_reports_each_bad_file_on_one_line_and_stores_the_others_verbatim(tmp_path):
    for name, content in {**{name: content for name, (content, _) in BAD_FILES.items()}, **GOOD_FILES}.items():
        (tmp_path / name).write_bytes(content)

    result = manage("ingest", *sorted(tmp_path.iterdir()), "--published", "2021-03-08")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    progress = result.stderr.splitlines()

    def line_of(name):
        (line,) = [line for line in progress if f" {name}: " in line]
        return line

    for name, (_content, message) in BAD_FILES.items():
        assert f"{name}: FAILED: " in line_of(name) and message in line_of(name), line_of(name)
    for name in GOOD_FILES:
        assert line_of(name).endswith(f"{name}: new")
    assert f"{len(BAD_FILES)} of {len(BAD_FILES) + len(GOOD_FILES)} articles failed" in result.stderr
    assert sorted(Source.objects.values_list("text", flat=True)) == sorted(
        content.decode() for content in GOOD_FILES.values()
    )


@pytest.mark.parametrize(
    ("published", "message"),
    [("10000-01-01", "not an ISO date"), ("9999-12-31", "outside the years"), ("2019-04-31", "not an ISO date")],
)
def test_ingest_refuses_a_publication_date_that_is_no_date_before_storing_anything(tmp_path, published, message):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    result = manage("ingest", article, "--published", published)

    assert result.returncode != 0
    assert message in result.stderr and published in result.stderr
    assert "Traceback" not in result.stderr
    assert not Source.objects.exists()


def test_extract_handles_an_article_of_one_character_and_one_full_of_markup(tmp_path):
    (tmp_path / "one.txt").write_bytes(b"x")
    (tmp_path / "markup.txt").write_text(ARTICLE_WITH_MARKUP, encoding="utf-8")

    result = manage("extract", *sorted(tmp_path.iterdir()), "--published", "2021-03-08")

    assert result.returncode == 0, result.stderr
    records = {record["document"]: record for record in map(json.loads, result.stdout.splitlines())}
    assert records["one.txt"]["quotes"] == [] and records["one.txt"]["events"] == []
    (quote,) = records["markup.txt"]["quotes"]
    assert quote["text"].startswith("<script>alert('owned')</script>")
    assert not Source.objects.exists(), "extract never writes"
