"""Rebuild ``fixtures/demo.json`` from the seed articles in ``fixtures/articles/``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.articles import ArticleError
from timeline.demo import DEMO_FIXTURE, DEMO_MANIFEST, build_demo_records, write_fixture


class Command(BaseCommand):
    help = (
        "Ingest the seed articles and write what ingest produced as the demo fixture. Works in a "
        "transaction that is rolled back, so the database's own data is left untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--manifest", type=Path, default=DEMO_MANIFEST, help="articles to ingest")
        parser.add_argument("--output", type=Path, default=DEMO_FIXTURE, help="fixture file to write")

    def handle(self, *args, manifest, output, **options):
        try:
            records = build_demo_records(manifest)
        except ArticleError as error:
            raise CommandError(str(error)) from None
        write_fixture(records, output)
        self.stdout.write(f"Wrote {len(records)} records to {output}")
