"""The arguments naming articles, shared by the ``extract`` and ``ingest`` commands: a manifest, or
article files that share a publication date and outlet."""

from django.core.management.base import CommandError

from timeline.articles import ArticleError, ManifestEntry, entries_for_paths, load_manifest


def add_article_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", help="article text files (UTF-8)")
    parser.add_argument("--manifest", help='JSON list of {"file", "published", "outlet", "title", "url"}')
    parser.add_argument("--published", help="publication date (2019-04-30) or datetime of the article files")
    parser.add_argument("--outlet", default="", help="outlet of the article files")


def given_articles(
    *, paths: list[str], manifest: str | None, published: str | None, outlet: str
) -> list[ManifestEntry]:
    """The articles the arguments name; a manifest or date that cannot be used stops the command with its reason.

    Files are not opened here: one that cannot be read is reported when its turn comes.
    """
    if bool(manifest) == bool(paths):
        raise CommandError("give either --manifest FILE or one or more article files, not both or neither")
    try:
        if manifest:
            return load_manifest(manifest)
        return entries_for_paths(paths, published=published, outlet=outlet)
    except ArticleError as error:
        raise CommandError(str(error)) from None
