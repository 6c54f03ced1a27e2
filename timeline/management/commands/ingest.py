"""``manage.py ingest``: extract articles and merge them into the stored story, one transaction each."""

from collections import Counter
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from timeline.articles import ArticleError, read_article_file
from timeline.management.arguments import add_article_arguments, given_articles
from timeline.services.ingest import ingest_article

PROGRESS_WIDTH = 30
COUNTED = (
    "statements_created",
    "statements_merged",
    "events_created",
    "events_merged",
    "actors_created",
    "actors_matched",
    "conflicts_created",
)


class Command(BaseCommand):
    help = (
        "Extract actors, statements and events from articles and merge them into the chronology. Give a "
        "manifest (--manifest FILE) or article files (with --published DATE and --outlet NAME). Each article "
        "is stored whole or not at all; a failed one is reported and the others go on."
    )

    def add_arguments(self, parser):
        add_article_arguments(parser)

    def handle(self, *args, paths, manifest, published, outlet, **options):
        entries = given_articles(paths=paths, manifest=manifest, published=published, outlet=outlet)
        totals = Counter()
        failed = 0
        for number, entry in enumerate(entries, 1):
            try:
                result = ingest_article(text=read_article_file(entry.path), publication=entry.publication)
            # Whatever goes wrong in one article (bad file, extractor or database error) rolled back only
            # that article; the others still deserve to be ingested.
            except Exception as error:
                failed += 1
                outcome = f"FAILED: {one_line(error)}"
            else:
                counts = asdict(result)
                totals.update({name: counts[name] for name in COUNTED})
                outcome = "re-extracted" if result.reextracted else "new" if result.created else "unchanged"
                totals[outcome] += 1
            self.stderr.write(f"{progress_bar(number, len(entries))} {entry.path.name}: {outcome}")
        self.stdout.write(summary(totals, failed=failed, total=len(entries)))
        if failed:
            raise CommandError(f"{failed} of {len(entries)} articles failed; nothing of them was stored")


def progress_bar(done: int, total: int) -> str:
    filled = PROGRESS_WIDTH * done // total
    return f"[{'#' * filled}{'.' * (PROGRESS_WIDTH - filled)}] {done}/{total}"


def one_line(error: Exception) -> str:
    message = " ".join(str(error).split()) or type(error).__name__
    return message if isinstance(error, ArticleError | ValueError) else f"{type(error).__name__}: {message}"


def summary(totals: Counter, *, failed: int, total: int) -> str:
    return (
        f"{total} articles: {totals['new']} new, {totals['re-extracted']} re-extracted, "
        f"{totals['unchanged']} unchanged, {failed} failed. "
        f"Statements: {totals['statements_created']} new, {totals['statements_merged']} merged. "
        f"Events: {totals['events_created']} new, {totals['events_merged']} merged. "
        f"Actors: {totals['actors_created']} new, {totals['actors_matched']} matched. "
        f"Conflicts: {totals['conflicts_created']} new."
    )
