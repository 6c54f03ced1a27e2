"""The fact model: sources, actors, facts (statements and events), evidence, conflicts.

Statements and events share one table, ``Fact``, so that the merged chronology is one ordered,
indexed read rather than a union of two tables; ``Statement`` and ``Event`` are proxies over it.

Every record other than ``Source`` has a ``uid`` that is its natural key, so fixtures load into a
database that already holds data without clashing primary keys. ``Source``'s natural key is the
hash of its text.
"""

import json
import uuid
import zlib
from datetime import UTC, datetime, timedelta

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length

from timeline.normalize import fold, word_key, words
from timeline.services.similarity import happening_words


class Precision(models.IntegerChoices):
    """How much of a time anchor the text gives; lower is finer, so ordering by it puts finer first."""

    HOUR = 10, "hour"
    PART_OF_DAY = 20, "part of day"
    DAY = 30, "day"
    WEEK = 40, "week"
    MONTH = 50, "month"
    YEAR = 60, "year"
    DECADE = 70, "decade"
    UNKNOWN = 90, "unknown"


class TimeBasis(models.TextChoices):
    STATED = "stated", "stated in the text"
    PUBLICATION = "publication", "inferred from the publication date"
    UNKNOWN = "unknown", "unknown"


class UidManager(models.Manager):
    def get_by_natural_key(self, uid):
        return self.get(uid=uid)


class UidModel(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = UidManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (str(self.uid),)


class Reviewable(models.Model):
    """A record a person edited. Machine re-extraction never overwrites or deletes a reviewed record."""

    reviewed = models.BooleanField(default=False, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class TimeAnchor(models.Model):
    """When something happened or was said: a sortable interval, its precision and where it came from."""

    time_start = models.DateTimeField(null=True, blank=True)
    time_end = models.DateTimeField(null=True, blank=True)
    time_precision = models.PositiveSmallIntegerField(choices=Precision.choices, default=Precision.UNKNOWN)
    time_expression = models.CharField(max_length=200, blank=True)
    time_basis = models.CharField(max_length=16, choices=TimeBasis.choices, default=TimeBasis.UNKNOWN)

    class Meta:
        abstract = True


class SourceManager(models.Manager):
    def get_by_natural_key(self, content_hash):
        return self.get(content_hash=content_hash)


class Source(models.Model):
    """One article as received. ``text`` is stored exactly as it came; every offset points into it."""

    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_precision = models.PositiveSmallIntegerField(choices=Precision.choices, default=Precision.UNKNOWN)
    language = models.CharField(max_length=16, default="en")
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    extractor_version = models.CharField(max_length=32, blank=True)

    objects = SourceManager()

    class Meta:
        ordering = ["-published_at", "id"]
        indexes = [
            models.Index(fields=["outlet"], name="source_outlet_idx"),
            models.Index(fields=["published_at", "id"], name="source_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(content_hash__regex=r"^[0-9a-f]{64}$"), name="source_hash_is_sha256"),
            models.CheckConstraint(condition=~Q(url=""), name="source_url_null_not_empty"),
        ]

    def __str__(self):
        label = self.title or self.text[:60]
        return f"{self.outlet}: {label}" if self.outlet else label

    def natural_key(self):
        return (self.content_hash,)


class ActorKind(models.TextChoices):
    PERSON = "person", "person"
    ORGANIZATION = "organization", "organization"
    GOVERNMENT = "government", "government"
    COUNTRY = "country", "country"
    GROUP = "group", "group"
    OTHER = "other", "other"


class Actor(UidModel, Reviewable):
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True, editable=False, help_text="accent- and case-folded name")
    kind = models.CharField(max_length=16, choices=ActorKind.choices, default=ActorKind.PERSON)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="actor_name_not_empty")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The key is a pure function of the name; keeping it here means no writer can let them drift.
        self.key = fold(self.name)
        super().save(*args, **kwargs)


class Alias(UidModel):
    """A surface form an actor was seen under ("Guaido", "Juan Guaidó")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["actor", "key"], name="alias_unique_per_actor")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = fold(self.name)
        super().save(*args, **kwargs)


class ActorRole(UidModel, Reviewable):
    """A title or role a source reported for an actor ("Defense Minister"), with where it said so."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200)
    key = models.CharField(max_length=200, editable=False)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="actor_roles", null=True, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["actor", "title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "key", "source"], name="role_unique_per_actor_source"),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True) | Q(start__isnull=False, end__gt=F("start")),
                name="role_span_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.actor})"

    def save(self, *args, **kwargs):
        self.key = fold(self.title)
        super().save(*args, **kwargs)


class FactType(models.TextChoices):
    STATEMENT = "statement", "statement"
    EVENT = "event", "event"


# Text keys are indexed prefixes: enough words to tell statements apart, short enough for an index.
TEXT_KEY_LENGTH = 255


def text_key(text: str) -> str:
    """The folded words of a fact's text, cut to an indexable prefix: what merging looks texts up by."""
    return word_key(text)[:TEXT_KEY_LENGTH]


# Quotes shorter than this are not disputed between speakers (``conflicts.MIN_DISPUTED_QUOTE_WORDS``),
# so every quote that is has runs of this many words, and a statement holding it holds them all.
PHRASE_WORDS = 4
# Anchors up to a year long (a leap year at year precision) are found by overlap; a decade-long one
# is matched only by facts starting within a year of it.
LONGEST_MERGED_ANCHOR = timedelta(days=367)


def signed_hash(text: str) -> int:
    """A 32-bit hash of ``text`` as a signed integer (PostgreSQL's ``integer``).

    A hash names one word or run of words among a few billion: rare enough to find the facts holding
    it through an index, whatever the size of the corpus. A collision only adds a candidate that the
    comparison of the words then drops.
    """
    return zlib.crc32(text.encode()) - 2**31


def phrase_hashes(text: str) -> list[int]:
    """The hash of each run of ``PHRASE_WORDS`` folded words of ``text``, once each, smallest first."""
    text_words = words(text)
    runs = (" ".join(text_words[first : first + PHRASE_WORDS]) for first in range(len(text_words) - PHRASE_WORDS + 1))
    return sorted({signed_hash(run) for run in runs})


def months(first: datetime, last: datetime) -> range:
    """The months from ``first``'s to ``last``'s (UTC), numbered from the year 0."""
    first, last = first.astimezone(UTC), last.astimezone(UTC)
    return range(first.year * 12 + first.month - 1, last.year * 12 + last.month)


def happening_hashes(happening, in_months: range) -> list[int]:
    """The hash of each of the ``happening`` words in each of ``in_months``, once each, smallest first."""
    return sorted({signed_hash(f"{month} {word}") for month in in_months for word in happening})


def event_months(start: datetime, end: datetime) -> range:
    """The months an event anchored at [start, end) is found in by the events overlapping it.

    An event overlapping it from within ``LONGEST_MERGED_ANCHOR`` before ``start`` (see
    ``merge.overlapping``) overlaps it at the later of the two starts, which lies in these months
    and in its own time; so a lookup of the months of its own time finds it.
    """
    return months(start, max(start, min(end - timedelta(microseconds=1), start + LONGEST_MERGED_ANCHOR)))


def integer_array(values) -> str:
    """``values`` as a PostgreSQL array literal. psycopg then passes one string, where it adapts a
    list element by element: a millisecond or more an article for the merge's lookups."""
    return "{" + ",".join(str(int(value)) for value in values) + "}"


def text_array(values) -> str:
    """``values`` as a PostgreSQL array literal of quoted strings, as ``integer_array``."""
    quoted = ('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values)
    return "{" + ",".join(quoted) + "}"


class IntegerList(models.Field):
    """A list of 32-bit integers: an integer array on PostgreSQL, JSON text on SQLite.

    On PostgreSQL a GIN index answers which rows hold all of some integers (``@>``), and the planner
    keeps statistics of the elements, so it knows a lookup of rare ones is cheap. (With a JSON list
    it does not, and compares every row of a small table with the lookup instead.) SQLite, the
    demo's database, has no arrays and never searches the list.
    """

    def db_type(self, connection):
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        return integer_array(value) if connection.vendor == "postgresql" else json.dumps(list(value))

    def from_db_value(self, value, expression, connection):
        return json.loads(value) if isinstance(value, str) else value

    def to_python(self, value):
        return json.loads(value) if isinstance(value, str) else value

    def value_to_string(self, obj):
        # The list itself, as JSONField does: fixtures hold it as a JSON list, not as a string.
        return self.value_from_object(obj)


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "direct"
    PARTIAL = "partial", "partial"
    INDIRECT = "indirect", "indirect"


class Fact(UidModel, Reviewable, TimeAnchor):
    """A statement (what an actor said) or an event (something that happened), merged across sources."""

    type = models.CharField(max_length=16, choices=FactType.choices)
    text = models.TextField(help_text="the quote, or the event summary taken from the text")
    text_key = models.CharField(
        max_length=TEXT_KEY_LENGTH, db_index=True, editable=False, help_text="folded words of the text, for merging"
    )
    word_hashes = IntegerList(
        default=list,
        blank=True,
        editable=False,
        help_text="what merging finds the fact by: hashes of a statement's runs of words (``phrase_hashes``), "
        "of a dated event's happening words in each month of its time (``happening_hashes``)",
    )
    # Statements
    speaker = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements")
    quote_kind = models.CharField(max_length=16, choices=QuoteKind.choices, blank=True)
    cue = models.CharField(max_length=60, blank=True, help_text="the verb that introduced the quote")
    channel = models.CharField(max_length=60, blank=True, help_text="Twitter, video, interview, statement ...")
    # Events
    place = models.CharField(max_length=200, blank=True)
    # Both
    participants = models.ManyToManyField(Actor, blank=True, related_name="facts")
    first_reported_at = models.DateTimeField(
        null=True, blank=True, help_text="earliest publication among its sources; breaks ties in the chronology"
    )
    extractor_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["time_start", "time_precision", "first_reported_at", "id"]
        indexes = [
            models.Index(
                fields=["time_start", "time_precision", "first_reported_at", "id"], name="fact_chronology_idx"
            ),
            models.Index(
                fields=["type", "time_start", "time_precision", "first_reported_at", "id"],
                name="fact_type_chronology_idx",
            ),
            models.Index(fields=["speaker", "time_start", "id"], name="fact_speaker_time_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="fact_text_not_empty"),
            models.CheckConstraint(
                condition=Q(type=FactType.STATEMENT) & ~Q(quote_kind="")
                | Q(type=FactType.EVENT, speaker__isnull=True, quote_kind="", cue="", channel=""),
                name="fact_fields_match_type",
            ),
            models.CheckConstraint(
                condition=Q(time_start__isnull=True, time_end__isnull=True)
                | Q(time_start__isnull=False, time_end__isnull=False, time_end__gte=F("time_start")),
                name="fact_time_interval_ordered",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        # The keys are pure functions of the text, as Actor.key is of the name: a quote a person
        # corrects in the admin is found by its corrected words. (Merging's bulk writes derive them too.)
        self.derive_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"text", "type", "time_start", "time_end"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "text_key", "word_hashes"}
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """Set what the fact is looked up by from its text, type and time."""
        self.text_key = text_key(self.text)
        if self.type == FactType.STATEMENT:
            self.word_hashes = phrase_hashes(self.text)
        elif self.time_start is not None:
            in_months = event_months(self.time_start, self.time_end or self.time_start)
            self.word_hashes = happening_hashes(happening_words(self.text), in_months)
        else:
            self.word_hashes = []


class StatementManager(UidManager):
    def get_queryset(self):
        return super().get_queryset().filter(type=FactType.STATEMENT)


class EventManager(UidManager):
    def get_queryset(self):
        return super().get_queryset().filter(type=FactType.EVENT)


class Statement(Fact):
    objects = StatementManager()

    class Meta:
        proxy = True

    def save(self, *args, **kwargs):
        self.type = FactType.STATEMENT
        super().save(*args, **kwargs)


class Event(Fact):
    objects = EventManager()

    class Meta:
        proxy = True

    def save(self, *args, **kwargs):
        self.type = FactType.EVENT
        super().save(*args, **kwargs)


class DeletedRecord(models.Model):
    """A record a person deleted in the admin (a fact, an actor, an alias or a title), by uid.

    Merging derives a new record's uid from its content (a fact's speaker, words and time; an
    actor's name; an alias's and a title's actor and words), so the same record extracted again
    would come back under the same uid; ingest leaves these deleted.
    """

    class Kind(models.TextChoices):
        FACT = "fact", "fact"
        ACTOR = "actor", "actor"
        ALIAS = "alias", "alias"
        TITLE = "title", "title"

    uid = models.UUIDField(unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    deleted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} {self.uid}"


class Evidence(UidModel, Reviewable):
    """Provenance: the span of one source's text that supports one fact.

    ``fact`` is a non-null foreign key, so evidence points at exactly one fact by construction.
    ``excerpt`` is ``source.text[start:end]``; the constraint ties its length to the offsets. A span
    a person set or corrected is reviewed: extracting its source again leaves it in place.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="evidence")
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="evidence")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    excerpt = models.TextField()
    extractor_version = models.CharField(max_length=32, blank=True)
    confidence = models.FloatField(default=1.0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["fact", "source", "start", "id"]
        indexes = [models.Index(fields=["source", "start"], name="evidence_source_idx")]
        constraints = [
            models.UniqueConstraint(fields=["fact", "source", "start", "end"], name="evidence_unique_span"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="evidence_span_not_empty"),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("excerpt")), name="evidence_excerpt_matches_span"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0.0, confidence__lte=1.0), name="evidence_confidence_unit"
            ),
        ]

    def __str__(self):
        return f"{self.source_id}[{self.start}:{self.end}]"


class ConflictKind(models.TextChoices):
    SPEAKER = "speaker", "same words, different speakers"
    ROLE = "role", "different titles for the same actor"
    DATE = "date", "incompatible dates for the same event"


class Conflict(UidModel, Reviewable):
    """Sources disagree. Every version is kept; each side lists the sources that hold it."""

    kind = models.CharField(max_length=16, choices=ConflictKind.choices)
    description = models.TextField()
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="conflicts")
    facts = models.ManyToManyField(Fact, blank=True, related_name="conflicts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self):
        return self.description[:80]


class ConflictSide(UidModel):
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="sides")
    value = models.CharField(max_length=500, help_text="what these sources say: a speaker, a title, a date")
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    sources = models.ManyToManyField(Source, related_name="conflict_sides")

    class Meta:
        ordering = ["conflict", "value", "id"]
        constraints = [models.UniqueConstraint(fields=["conflict", "value"], name="conflict_side_unique_value")]

    def __str__(self):
        return self.value
