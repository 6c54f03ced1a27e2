"""Reading and validating articles: every bad input gets a message a person can act on."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from timeline.articles import (
    ArticleError,
    load_manifest,
    parse_published,
    read_article_file,
    validate_article_text,
)
from timeline.models import Precision

TEXT = "The mayor said on Monday that the bridge would reopen.\n"


def test_valid_text_is_returned_unchanged():
    text = "  Indented first line.\r\nSecond line with ünïcode.  \n"
    assert validate_article_text(text) is text


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_is_refused(text):
    with pytest.raises(ArticleError, match="empty"):
        validate_article_text(text)


def test_nul_character_is_refused_with_its_offset():
    with pytest.raises(ArticleError, match="NUL character at offset 5"):
        validate_article_text("Hello\x00world")


def test_a_text_not_in_english_is_refused():
    spanish = (
        "El presidente de Chile, Pablo Ortega, dijo el lunes que las protestas habían terminado y que el "
        "gobierno no renunciará ante los periodistas reunidos en el palacio."
    )
    with pytest.raises(ArticleError, match="does not look like English; extraction reads English only"):
        validate_article_text(spanish)


def test_text_over_the_configured_maximum_is_refused(settings):
    settings.TIMELINE_MAX_ARTICLE_CHARS = 10
    assert validate_article_text("x" * 10)
    with pytest.raises(ArticleError, match="11 characters; the maximum is 10"):
        validate_article_text("x" * 11)


def test_reads_a_utf8_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert read_article_file(path) == TEXT


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ArticleError, match="no such file") as error:
        read_article_file(tmp_path / "missing.txt")
    assert "missing.txt" in str(error.value)


def test_directory_is_refused(tmp_path):
    with pytest.raises(ArticleError, match="is a directory"):
        read_article_file(tmp_path)


def test_invalid_utf8_reports_the_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 society".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"not valid UTF-8 \(byte offset 3\)"):
        read_article_file(path)


def test_twenty_megabyte_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        # A sparse file: its size is what stat reports, and reading it would take 20 MB of memory.
        handle.truncate(20 * 1024 * 1024)
    with pytest.raises(ArticleError, match="maximum article is 2,000,000 characters"):
        read_article_file(path)


def test_file_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(ArticleError, match="NUL character"):
        read_article_file(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="empty"):
        read_article_file(path)


def test_a_plain_date_is_day_precision():
    assert parse_published("2019-04-30") == (date(2019, 4, 30), Precision.DAY)


def test_a_naive_datetime_is_taken_as_utc():
    assert parse_published("2019-04-30T09:15:00") == (datetime(2019, 4, 30, 9, 15, tzinfo=UTC), Precision.HOUR)


def test_an_aware_datetime_keeps_its_offset():
    published, precision = parse_published("2019-04-30T09:15:00-04:00")
    assert published == datetime(2019, 4, 30, 13, 15, tzinfo=UTC)
    assert published.utcoffset() == timedelta(hours=-4)
    assert precision == Precision.HOUR


def test_zulu_suffix_is_utc():
    assert parse_published("2019-04-30T09:15Z")[0] == datetime(2019, 4, 30, 9, 15, tzinfo=UTC)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_no_date_is_unknown(value):
    assert parse_published(value) == (None, Precision.UNKNOWN)


def test_date_and_datetime_objects_are_accepted():
    assert parse_published(date(2019, 4, 30)) == (date(2019, 4, 30), Precision.DAY)
    east = timezone(timedelta(hours=3))
    assert parse_published(datetime(2019, 4, 30, 9, tzinfo=east)) == (
        datetime(2019, 4, 30, 9, tzinfo=east),
        Precision.HOUR,
    )


@pytest.mark.parametrize("value", ["yesterday", "30/04/2019", "2019-02-30", "10000-01-01", "2019-04-30T25:00"])
def test_malformed_dates_are_refused(value):
    with pytest.raises(ArticleError, match="is not an ISO date"):
        parse_published(value)


def test_a_number_is_not_a_date():
    with pytest.raises(ArticleError, match="must be a string"):
        parse_published(20190430)


def write_manifest(folder, entries):
    path = folder / "manifest.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_manifest_paths_are_relative_to_its_folder_or_absolute(tmp_path):
    absolute = tmp_path / "elsewhere.txt"
    path = write_manifest(
        tmp_path,
        [
            {"file": "a.txt", "published": "2019-04-30", "outlet": "Daily", "title": "T", "url": "https://x.test/a"},
            {"file": str(absolute), "published": None, "outlet": None, "title": None, "url": None},
        ],
    )
    first, second = load_manifest(path)
    assert first.path == tmp_path / "a.txt"
    assert (first.published, first.outlet, first.title, first.url) == (
        date(2019, 4, 30),
        "Daily",
        "T",
        "https://x.test/a",
    )
    assert second.path == absolute
    assert (second.published, second.outlet, second.title, second.url) == (None, "", "", "")


def test_manifest_with_malformed_json_is_refused(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text('[{"file": "a.txt",]', encoding="utf-8")
    with pytest.raises(ArticleError, match="malformed JSON at line 1"):
        load_manifest(path)


def test_manifest_must_be_a_list(tmp_path):
    with pytest.raises(ArticleError, match="must be a JSON list"):
        load_manifest(write_manifest(tmp_path, {"file": "a.txt"}))


def test_manifest_entry_without_file_is_named(tmp_path):
    path = write_manifest(tmp_path, [{"file": "a.txt"}, {"published": "2019-04-30"}])
    with pytest.raises(ArticleError, match='manifest entry 2: missing "file"'):
        load_manifest(path)


def test_manifest_entry_that_is_not_an_object_is_named(tmp_path):
    with pytest.raises(ArticleError, match="manifest entry 1: must be an object"):
        load_manifest(write_manifest(tmp_path, ["a.txt"]))


def test_manifest_entry_with_bad_date_names_the_file(tmp_path):
    path = write_manifest(tmp_path, [{"file": "a.txt", "published": "last Tuesday"}])
    with pytest.raises(ArticleError, match=r"manifest entry 1 \(a.txt\): publication date 'last Tuesday'"):
        load_manifest(path)


def test_missing_manifest_is_named(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_manifest(tmp_path / "nope.json")


def test_manifest_entry_for_a_missing_file_fails_only_when_read(tmp_path):
    (entry,) = load_manifest(write_manifest(tmp_path, [{"file": "gone.txt"}]))
    with pytest.raises(ArticleError, match="gone.txt: no such file"):
        read_article_file(entry.path)
