"""Timestamps are read by psycopg's compiled loader, and read the same as Django's own loader would."""

from datetime import UTC, datetime

from django.db import connection
from psycopg.pq import Format

from timeline.database import COMPILED_LOADER, TIMESTAMPTZ_OID, UtcTimestamptzLoader
from timeline.models import Source
from timeline.normalize import content_hash


def test_a_cursor_reads_timestamps_with_the_compiled_loader(db):
    with connection.cursor() as cursor:
        assert cursor.cursor.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT) is UtcTimestamptzLoader
        loader = UtcTimestamptzLoader(TIMESTAMPTZ_OID, cursor.cursor)
        assert loader.load.__self__.__class__ is COMPILED_LOADER


def test_a_timestamp_from_another_zone_is_read_as_the_same_moment_in_utc(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT '2019-04-30 12:00:00.123456+02'::timestamptz, NULL::timestamptz")
        moment, nothing = cursor.fetchone()
    assert moment == datetime(2019, 4, 30, 10, 0, 0, 123456, tzinfo=UTC)
    assert moment.tzinfo is UTC
    assert nothing is None


def test_a_model_reads_back_the_moment_it_stored(db):
    published = datetime(2019, 4, 30, 23, 59, 59, 999999, tzinfo=UTC)
    source = Source.objects.create(
        outlet="Example",
        url="https://example.org/a",
        text="Text.",
        content_hash=content_hash("Text."),
        published_at=published,
    )
    read = Source.objects.get(id=source.id)
    assert read.published_at == published
    assert read.published_at.tzinfo is UTC
    assert read.ingested_at.tzinfo is UTC
