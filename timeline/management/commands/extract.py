"""``manage.py extract``: run the extraction on article files and print JSON lines, touching no database."""

import json

from django.core.management.base import BaseCommand, CommandError

from timeline.articles import ArticleError, entries_for_paths, load_manifest, read_article_file
from timeline.extraction.language import looks_english
from timeline.extraction.pipeline import extract_article, extraction_to_json


class Command(BaseCommand):
    help = (
        "Extract actors, quotes and events from articles and print one JSON object per article on stdout. "
        "Give a manifest (--manifest FILE) or article files with --published DATE."
    )
    # The database is never touched, so a missing or unmigrated one must not stop the command.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="article text files (UTF-8)")
        parser.add_argument("--manifest", help='JSON list of {"file", "published", "outlet", "title", "url"}')
        parser.add_argument("--published", help="publication date (2021-03-03) or datetime of the article files")
        parser.add_argument("--outlet", default="", help="outlet of the article files")

    def handle(self, *args, paths, manifest, published, outlet, **options):
        if bool(manifest) == bool(paths):
            raise CommandError("give either --manifest FILE or one or more article files, not both or neither")
        try:
            if manifest:
                entries = load_manifest(manifest)
            else:
                entries = entries_for_paths(paths, published=published, outlet=outlet)
        except ArticleError as error:
            raise CommandError(str(error)) from None
        failures = 0
        for entry in entries:
            try:
                text = read_article_file(entry.path)
            except ArticleError as error:
                failures += 1
                self.stderr.write(f"skipped: {error}")
                continue
            if not looks_english(text):
                failures += 1
                self.stderr.write(f"skipped: {entry.path}: does not look like English; extraction reads English only")
                continue
            extraction = extract_article(text, entry.publication)
            record = extraction_to_json(entry.path.name, entry.publication, extraction)
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failures:
            raise CommandError(f"{failures} of {len(entries)} articles could not be extracted")
