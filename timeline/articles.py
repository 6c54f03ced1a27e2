"""Reading and validating articles, shared by the ``extract`` and ``ingest`` commands and the API.

Every problem becomes an ``ArticleError`` whose message a person can act on, so callers can report
it on one line instead of a traceback.
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings

from timeline.extraction.language import looks_english
from timeline.extraction.types import Publication
from timeline.models import Precision

DEFAULT_MAX_ARTICLE_CHARS = 2_000_000
# UTF-8 needs at most four bytes per character: a file larger than this cannot hold an allowed text.
_MAX_BYTES_PER_CHAR = 4


# Times are worked out around the publication date (the day after it, windows of days or years either
# side); far enough from the calendar's ends (years 1 and 9999) that arithmetic stays in range.
PUBLICATION_YEARS = (1000, 9000)


class ArticleError(ValueError):
    """An article, its metadata or a manifest that cannot be used, with a message saying why."""


def max_article_chars() -> int:
    return getattr(settings, "TIMELINE_MAX_ARTICLE_CHARS", DEFAULT_MAX_ARTICLE_CHARS)


def validate_article_text(text: str) -> str:
    """Return ``text`` unchanged if it can be stored and extracted; raise ``ArticleError`` otherwise."""
    if not isinstance(text, str):
        raise ArticleError(f"article text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ArticleError("article text is empty")
    limit = max_article_chars()
    if len(text) > limit:
        raise ArticleError(f"article text has {len(text):,} characters; the maximum is {limit:,}")
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleError(f"article text contains a NUL character at offset {nul}; it is not plain text")
    # Checked here so that the commands and the API refuse the same texts with the same message.
    if not looks_english(text):
        raise ArticleError("article text does not look like English; extraction reads English only")
    return text


def read_article_file(path) -> str:
    """The validated UTF-8 text of the file at ``path``."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot read: {error.strerror}") from None
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    # Checked before reading so that a huge file is refused without loading it into memory.
    limit = max_article_chars()
    if size > limit * _MAX_BYTES_PER_CHAR:
        raise ArticleError(f"{path}: file is {size:,} bytes; the maximum article is {limit:,} characters")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot read: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not valid UTF-8 (byte offset {error.start})") from None
    try:
        return validate_article_text(text)
    except ArticleError as error:
        raise ArticleError(f"{path}: {error}") from None


def parse_published(value) -> tuple[date | datetime | None, Precision]:
    """A publication date or datetime and its precision.

    "2019-04-30" is a day; an ISO datetime is an aware datetime at hour precision (naive means UTC);
    nothing at all is unknown. Anything else is an error rather than a guess.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, Precision.UNKNOWN
    if isinstance(value, datetime):
        return _aware(value), Precision.HOUR
    if isinstance(value, date):
        return value, Precision.DAY
    if not isinstance(value, str):
        raise ArticleError(f"publication date must be a string like 2019-04-30, not {type(value).__name__}")
    text = value.strip()
    try:
        if len(text) == len("YYYY-MM-DD"):
            moment, precision = date.fromisoformat(text), Precision.DAY
        else:
            moment, precision = _aware(datetime.fromisoformat(text)), Precision.HOUR
    except ValueError:
        raise ArticleError(
            f"publication date {value!r} is not an ISO date (2019-04-30) or datetime (2019-04-30T09:00:00Z)"
        ) from None
    if not PUBLICATION_YEARS[0] <= moment.year <= PUBLICATION_YEARS[1]:
        raise ArticleError(
            f"publication date {value!r} is outside the years {PUBLICATION_YEARS[0]} to {PUBLICATION_YEARS[1]}"
        )
    return moment, precision


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass
class ManifestEntry:
    path: Path
    published: date | datetime | None
    outlet: str
    title: str
    url: str

    @property
    def publication(self) -> Publication:
        return Publication(published=self.published, outlet=self.outlet, title=self.title, url=self.url)


def entries_for_paths(paths, *, published=None, outlet: str = "") -> list[ManifestEntry]:
    """Manifest entries for article files given on a command line, all with one publication date and outlet."""
    moment, _precision = parse_published(published)
    return [ManifestEntry(path=Path(path), published=moment, outlet=outlet, title="", url="") for path in paths]


def load_manifest(path) -> list[ManifestEntry]:
    """The entries of a manifest: a JSON list of {"file", "published", "outlet", "title", "url"}.

    File paths are absolute or relative to the manifest's folder. Files are not opened here, so one
    missing file is reported when it is read and does not stop the others.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ArticleError(f"manifest {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(f"manifest {path}: cannot read: {error}") from None
    try:
        items = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ArticleError(f"manifest {path}: malformed JSON at line {error.lineno}: {error.msg}") from None
    if not isinstance(items, list):
        raise ArticleError(f"manifest {path}: must be a JSON list of entries, not {type(items).__name__}")
    return [_manifest_entry(item, number=number, folder=path.parent) for number, item in enumerate(items, 1)]


def _manifest_entry(item, *, number: int, folder: Path) -> ManifestEntry:
    where = f"manifest entry {number}"
    if not isinstance(item, dict):
        raise ArticleError(f'{where}: must be an object with a "file", not {type(item).__name__}')
    file = item.get("file")
    if not isinstance(file, str) or not file.strip():
        raise ArticleError(f'{where}: missing "file"')
    where = f"{where} ({file})"
    for name in ("outlet", "title", "url"):
        if item.get(name) is not None and not isinstance(item[name], str):
            raise ArticleError(f'{where}: "{name}" must be a string')
    try:
        published, _precision = parse_published(item.get("published"))
    except ArticleError as error:
        raise ArticleError(f"{where}: {error}") from None
    return ManifestEntry(
        path=folder / file,
        published=published,
        outlet=item.get("outlet") or "",
        title=item.get("title") or "",
        url=item.get("url") or "",
    )
