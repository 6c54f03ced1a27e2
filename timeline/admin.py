"""The admin is where people correct what the machine extracted.

Saving a fact, an actor, a role or a conflict here marks it reviewed, which protects it from being
overwritten or deleted by a later re-extraction.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html

from timeline.models import (
    Actor,
    ActorRole,
    Alias,
    Conflict,
    ConflictSide,
    DeletedRecord,
    Event,
    Evidence,
    Fact,
    Reviewable,
    Source,
    Statement,
)
from timeline.normalize import fold

# How much text either side of a cited span the admin shows for context.
EXCERPT_CONTEXT_CHARS = 160


def highlighted_span(*, text, start, end):
    """The cited span of ``text`` in <mark>, with some context around it; every piece is escaped."""
    before = text[max(0, start - EXCERPT_CONTEXT_CHARS) : start]
    after = text[end : end + EXCERPT_CONTEXT_CHARS]
    return format_html(
        '<div class="timeline-excerpt">{}{}<mark>{}</mark>{}{}</div>',
        "… " if start > EXCERPT_CONTEXT_CHARS else "",
        before,
        text[start:end],
        after,
        " …" if end + EXCERPT_CONTEXT_CHARS < len(text) else "",
    )


class FoldedSearchMixin:
    """Accent- and case-insensitive search over the folded ``key`` columns, next to the usual search."""

    folded_search_fields = ()

    def get_search_results(self, request, queryset, search_term):
        matched, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term or not self.folded_search_fields:
            return matched, may_have_duplicates
        folded = fold(search_term)
        condition = Q(pk__in=matched.values("pk"))
        for field in self.folded_search_fields:
            condition |= Q(**{f"{field}__contains": folded})
        return queryset.filter(condition), True


# What ingest would extract again, and so must remember as deleted when a person deletes it here.
DELETED_KINDS = {
    Fact: DeletedRecord.Kind.FACT,
    Actor: DeletedRecord.Kind.ACTOR,
    Alias: DeletedRecord.Kind.ALIAS,
    ActorRole: DeletedRecord.Kind.TITLE,
}


def remember_deletion(records) -> None:
    """Record the uids of ``records`` (all of one model) before a person deletes them (``DeletedRecord``)."""
    records = list(records)
    if not records:
        return
    kind = DELETED_KINDS[records[0]._meta.concrete_model]
    DeletedRecord.objects.bulk_create(
        [DeletedRecord(uid=record.uid, kind=kind) for record in records], ignore_conflicts=True
    )


class MarkReviewedMixin:
    def save_model(self, request, obj, form, change):
        obj.reviewed = True
        obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A record added or changed inline (a title in an actor's page) is a person's work too.
        for obj in formset.save(commit=False):
            if isinstance(obj, Reviewable):
                obj.reviewed = True
                obj.reviewed_at = timezone.now()
            obj.save()
        # An alias or a title deleted inline stays deleted, as one deleted from its own list does.
        if formset.model._meta.concrete_model in DELETED_KINDS:
            remember_deletion(formset.deleted_objects)
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class RememberDeletionMixin:
    """A record deleted here stays deleted when its articles are extracted again (``DeletedRecord``)."""

    def delete_model(self, request, obj):
        remember_deletion([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        remember_deletion(queryset.only("uid"))
        super().delete_queryset(request, queryset)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ["name"]


class ActorRoleInline(admin.TabularInline):
    model = ActorRole
    extra = 0
    fields = ["title", "source", "start", "end", "reviewed"]
    autocomplete_fields = ["source"]


@admin.register(Actor)
class ActorAdmin(FoldedSearchMixin, RememberDeletionMixin, MarkReviewedMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "alias_count", "statement_count", "reviewed"]
    list_filter = ["kind", "reviewed"]
    search_fields = ["name", "aliases__name", "description"]
    folded_search_fields = ["key", "aliases__key"]
    readonly_fields = ["uid", "created_at", "reviewed_at"]
    inlines = [AliasInline, ActorRoleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(alias_count=Count("aliases", distinct=True), statement_count=Count("statements", distinct=True))
        )

    @admin.display(ordering="alias_count", description="aliases")
    def alias_count(self, obj):
        return obj.alias_count

    @admin.display(ordering="statement_count", description="statements")
    def statement_count(self, obj):
        return obj.statement_count


@admin.register(Alias)
class AliasAdmin(FoldedSearchMixin, RememberDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    folded_search_fields = ["key"]
    autocomplete_fields = ["actor"]


@admin.register(ActorRole)
class ActorRoleAdmin(RememberDeletionMixin, MarkReviewedMixin, admin.ModelAdmin):
    list_display = ["title", "actor", "source", "reviewed"]
    list_select_related = ["actor", "source"]
    list_filter = ["reviewed", "source__outlet"]
    search_fields = ["title", "actor__name"]
    autocomplete_fields = ["actor", "source"]
    readonly_fields = ["uid", "reviewed_at"]


class EvidenceForm(forms.ModelForm):
    """Evidence whose offsets a person sets: they must fall inside the source's text, and the excerpt
    is the text they cut (the database refuses any other)."""

    class Meta:
        model = Evidence
        fields = ["source", "fact", "start", "end", "confidence"]

    def clean(self):
        cleaned = super().clean()
        source, start, end = cleaned.get("source"), cleaned.get("start"), cleaned.get("end")
        if source is None or start is None or end is None:
            return cleaned
        if not start < end <= len(source.text):
            raise forms.ValidationError(
                {"end": f"The span must end after it starts and within the text ({len(source.text)} characters)."}
            )
        self.instance.excerpt = source.text[start:end]
        return cleaned


class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceForm
    extra = 0
    fields = ["source", "start", "end", "cited_span", "confidence", "extractor_version", "reviewed"]
    readonly_fields = ["cited_span", "extractor_version", "reviewed"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(description="cited span")
    def cited_span(self, obj):
        if obj.source_id is None:
            return "-"
        return highlighted_span(text=obj.source.text, start=obj.start, end=obj.end)


class FactAdminBase(RememberDeletionMixin, MarkReviewedMixin, admin.ModelAdmin):
    list_filter = ["time_precision", "time_basis", "reviewed", "evidence__source__outlet"]
    date_hierarchy = "time_start"
    autocomplete_fields = ["participants"]
    readonly_fields = ["uid", "first_reported_at", "created_at", "updated_at", "reviewed_at", "extractor_version"]
    inlines = [EvidenceInline]
    search_fields = ["text"]

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:100]


@admin.register(Statement)
class StatementAdmin(FactAdminBase):
    list_display = ["short_text", "speaker", "quote_kind", "time_start", "time_precision", "reviewed"]
    list_select_related = ["speaker"]
    list_filter = ["quote_kind", *FactAdminBase.list_filter]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker", "participants"]
    fields = [
        "text",
        "speaker",
        "quote_kind",
        "cue",
        "channel",
        "participants",
        ("time_start", "time_end"),
        ("time_precision", "time_basis"),
        "time_expression",
        "reviewed",
        *FactAdminBase.readonly_fields,
    ]


@admin.register(Event)
class EventAdmin(FactAdminBase):
    list_display = ["short_text", "place", "time_start", "time_precision", "reviewed"]
    fields = [
        "text",
        "place",
        "participants",
        ("time_start", "time_end"),
        ("time_precision", "time_basis"),
        "time_expression",
        "reviewed",
        *FactAdminBase.readonly_fields,
    ]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published_at", "ingested_at", "extractor_version"]
    list_filter = ["outlet", "language", "extractor_version"]
    search_fields = ["title", "outlet", "url", "content_hash"]
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "ingested_at", "extractor_version", "text"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Evidence)
class EvidenceAdmin(MarkReviewedMixin, admin.ModelAdmin):
    form = EvidenceForm
    list_display = ["fact", "source", "start", "end", "confidence", "reviewed"]
    list_select_related = ["fact", "source"]
    list_filter = ["source__outlet", "fact__type", "extractor_version", "reviewed"]
    search_fields = ["excerpt", "fact__text"]
    autocomplete_fields = ["source", "fact"]
    readonly_fields = ["uid", "excerpt", "cited_span", "extractor_version", "created_at", "reviewed_at"]

    @admin.display(description="cited span")
    def cited_span(self, obj):
        if obj.source_id is None:
            return "-"
        return highlighted_span(text=obj.source.text, start=obj.start, end=obj.end)


@admin.register(Fact)
class FactAdmin(RememberDeletionMixin, MarkReviewedMixin, admin.ModelAdmin):
    """Both kinds in one list; registered so evidence and conflicts can autocomplete facts."""

    list_display = ["__str__", "type", "time_start", "time_precision", "reviewed"]
    list_filter = ["type", "time_precision", "reviewed"]
    search_fields = ["text"]
    readonly_fields = ["uid"]
    autocomplete_fields = ["speaker", "participants"]

    def has_add_permission(self, request):
        # A fact is added as a statement or an event, whose forms fit its type.
        return False


class ConflictSideInline(admin.TabularInline):
    model = ConflictSide
    extra = 0
    fields = ["value", "fact", "sources"]
    autocomplete_fields = ["fact", "sources"]


@admin.register(DeletedRecord)
class DeletedRecordAdmin(admin.ModelAdmin):
    """What ingest will not bring back; deleting a row here lets the next extraction restore it."""

    list_display = ["uid", "kind", "deleted_at"]
    list_filter = ["kind"]
    search_fields = ["uid"]
    readonly_fields = ["uid", "kind", "deleted_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Conflict)
class ConflictAdmin(MarkReviewedMixin, admin.ModelAdmin):
    list_display = ["description", "kind", "actor", "reviewed"]
    list_select_related = ["actor"]
    list_filter = ["kind", "reviewed"]
    search_fields = ["description", "actor__name"]
    autocomplete_fields = ["actor", "facts"]
    readonly_fields = ["uid", "created_at", "reviewed_at"]
    inlines = [ConflictSideInline]
