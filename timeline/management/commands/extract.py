"""``manage.py extract``: run the extraction on article files and print JSON lines, touching no database."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.articles import ArticleError, ManifestEntry, load_manifest, parse_published, read_article_file
from timeline.extraction.pipeline import extract_article, extraction_to_json
from timeline.extraction.types import Publication


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
        parser.add_argument("--published", help="publication date (2019-04-30) or datetime of the article files")
        parser.add_argument("--outlet", default="", help="outlet of the article files")

    def handle(self, *args, paths, manifest, published, outlet, **options):
        if bool(manifest) == bool(paths):
            raise CommandError("give either --manifest FILE or one or more article files, not both or neither")
        try:
            entries = load_manifest(manifest) if manifest else _entries_from_paths(paths, published, outlet)
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
            publication = Publication(entry.published, entry.outlet, entry.title, entry.url)
            extraction = extract_article(text, publication)
            record = extraction_to_json(entry.path.name, publication, extraction)
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failures:
            raise CommandError(f"{failures} of {len(entries)} articles could not be read")


def _entries_from_paths(paths: list[str], published: str | None, outlet: str) -> list[ManifestEntry]:
    moment, _precision = parse_published(published)
    return [ManifestEntry(path=Path(path), published=moment, outlet=outlet, title="", url="") for path in paths]
