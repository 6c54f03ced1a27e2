"""``manage.py extract``: run the extraction on article files and print JSON lines, touching no database."""

import json

from django.core.management.base import BaseCommand, CommandError

from timeline.articles import ArticleError, read_article_file
from timeline.extraction.pipeline import extract_article, extraction_to_json
from timeline.management.arguments import add_article_arguments, given_articles


class Command(BaseCommand):
    help = (
        "Extract actors, quotes and events from articles and print one JSON object per article on stdout. "
        "Give a manifest (--manifest FILE) or article files with --published DATE."
    )
    # The database is never touched, so a missing or unmigrated one must not stop the command.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        add_article_arguments(parser)

    def handle(self, *args, paths, manifest, published, outlet, **options):
        entries = given_articles(paths=paths, manifest=manifest, published=published, outlet=outlet)
        failures = 0
        for entry in entries:
            try:
                text = read_article_file(entry.path)
            except ArticleError as error:
                failures += 1
                self.stderr.write(f"skipped: {error}")
                continue
            extraction = extract_article(text, entry.publication)
            record = extraction_to_json(entry.path.name, entry.publication, extraction)
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failures:
            raise CommandError(f"{failures} of {len(entries)} articles could not be extracted")
