"""HTTP endpoints. Thin: validate the request, call a selector or service, serialize the result."""

from dataclasses import replace
from functools import partial

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api import json_pages
from api import serializers as api_serializers
from api.filters import ActorFilters, FactFilters, NoFilters, TimelineFilters, UndatedFilters, validated_query
from api.pagination import KeysetPagination
from api.renderers import CSVRenderer, JSONRenderer, TimelineJSRenderer
from timeline import selectors
from timeline.extraction.types import Publication
from timeline.models import Actor, Fact, FactType, Source
from timeline.services.ingest import delete_source, ingest_article

EXPORT_FORMATS = (TimelineJSRenderer.format, CSVRenderer.format)
ROOT_LINKS = ("timeline", "statement-list", "event-list", "actor-list", "source-list", "schema", "docs")


class QueryParametersMixin:
    """Checks the query parameters against ``filters_class`` before anything is read.

    A parameter the endpoint does not know is refused (400), so a misspelt filter is never silently
    ignored; the validated filters are ``self.query_filters``.
    """

    filters_class = NoFilters
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        paging = self.pagination_class.query_params if self.pagination_class else ()
        self.query_filters = validated_query(self.filters_class, request, also_allowed=paging)


@extend_schema(exclude=True)
class ApiRootView(QueryParametersMixin, APIView):
    """Where everything is: start here in the browsable API."""

    def get(self, request):
        return Response({name: reverse(f"api:{name}", request=request) for name in ROOT_LINKS})


class FactListView(QueryParametersMixin, generics.ListAPIView):
    """Facts in chronological order, each with its sources and conflicts."""

    serializer_class = api_serializers.FactSerializer
    filters_class = FactFilters
    pagination_class = KeysetPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    fact_type = None
    undated = None

    def get_queryset(self):
        arguments = self.query_filters.selector_arguments()
        if self.fact_type is not None:
            arguments["kinds"] = [self.fact_type]
        return selectors.chronology(**arguments, undated=self.undated, with_provenance=False)

    # Pages are not built from model instances through serializer fields, which cost most of a
    # page's time; ``serializer_class`` still documents the shape. On PostgreSQL the database writes
    # the page's JSON in one statement; otherwise it is shaped from plain rows in Python.
    def list(self, request, *args, **kwargs):
        if json_pages.available(request):
            return self.get_paginated_response(self.paginator.paginate_json(self.get_queryset(), request, self))
        rows = self.paginator.paginate_queryset(self.get_queryset(), request, self, fetch=selectors.fact_rows)
        return self.get_paginated_response([api_serializers.fact_entry(row) for row in rows])


_FORMAT_PARAMETER = OpenApiParameter(
    api_settings.URL_FORMAT_OVERRIDE,
    str,
    # Empty is accepted as the default, like an empty filter.
    enum=["json", "api", *EXPORT_FORMATS, ""],
    description=(
        "json (default, also when empty) pages through the chronology; timelinejs (a TimelineJS3 data file) "
        "and csv export every matching entry at once, unpaginated."
    ),
)


@extend_schema(
    summary="The merged chronology",
    description=(
        "Statements and events placed in time, ordered by time anchor (start, then finer precision first, "
        "then first reported). Facts whose time is unknown are listed at /api/timeline/undated/."
    ),
    parameters=[TimelineFilters, _FORMAT_PARAMETER],
    responses={
        # One JSON media type, two documents: a page of the chronology, or the TimelineJS3 data file.
        (200, JSONRenderer.media_type): PolymorphicProxySerializer(
            component_name="TimelinePageOrTimelineJS",
            serializers=[api_serializers.TimelinePageSerializer, api_serializers.TimelineJSSerializer],
            resource_type_field_name=None,
            many=False,
        ),
        (200, CSVRenderer.media_type): OpenApiResponse(OpenApiTypes.STR, description="CSV export"),
        (200, BrowsableAPIRenderer.media_type): OpenApiResponse(
            OpenApiTypes.STR, description="The browsable API page (format=api)"
        ),
    },
)
class TimelineView(FactListView):
    """The merged chronology, with exports."""

    filters_class = TimelineFilters
    undated = False
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, TimelineJSRenderer, CSVRenderer]

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format in EXPORT_FORMATS:
            # An export is the whole selection: a TimelineJS file or spreadsheet of one page is of no use.
            rows = selectors.fact_rows(self.get_queryset())
            return Response([api_serializers.fact_entry(row) for row in rows])
        return super().list(request, *args, **kwargs)


@extend_schema(
    summary="Facts whose time is unknown",
    description="Listed apart from the chronology rather than guessed into place; ordered by first reported.",
    parameters=[UndatedFilters],
)
class UndatedTimelineView(FactListView):
    filters_class = UndatedFilters
    undated = True


@extend_schema(
    summary="Statements",
    description="In chronological order; statements whose time is unknown come last.",
    parameters=[FactFilters],
)
class StatementListView(FactListView):
    fact_type = FactType.STATEMENT


@extend_schema(
    summary="Events",
    description="In chronological order; events whose time is unknown come last.",
    parameters=[FactFilters],
)
class EventListView(FactListView):
    fact_type = FactType.EVENT


class FactDetailView(QueryParametersMixin, generics.RetrieveAPIView):
    """One fact with its full provenance: every supporting span, its confidence, and its conflicts."""

    serializer_class = api_serializers.FactDetailSerializer
    fact_type = None

    def get_object(self):
        try:
            return selectors.fact_detail(uid=self.kwargs["uid"], kind=self.fact_type)
        except Fact.DoesNotExist:
            raise NotFound(f"No {self.fact_type} with id {self.kwargs['uid']}.") from None


@extend_schema(summary="A statement with full provenance")
class StatementDetailView(FactDetailView):
    fact_type = FactType.STATEMENT


@extend_schema(summary="An event with full provenance")
class EventDetailView(FactDetailView):
    fact_type = FactType.EVENT


@extend_schema(summary="Actors", parameters=[ActorFilters])
class ActorListView(QueryParametersMixin, generics.ListAPIView):
    """Actors by name, with their aliases and how much they said and took part in."""

    serializer_class = api_serializers.ActorSerializer
    filters_class = ActorFilters
    pagination_class = KeysetPagination

    def get_queryset(self):
        return selectors.actor_list(**self.query_filters.validated_data)


@extend_schema(summary="An actor with aliases, reported roles and their sources")
class ActorDetailView(QueryParametersMixin, generics.RetrieveAPIView):
    """One actor: aliases, every title a source reported for it (with that source), counts."""

    serializer_class = api_serializers.ActorDetailSerializer

    def get_object(self):
        try:
            return selectors.actor_detail(uid=self.kwargs["uid"], with_conflicts=True)
        except Actor.DoesNotExist:
            raise NotFound(f"No actor with id {self.kwargs['uid']}.") from None


@extend_schema(summary="What an actor said, in time order (undated last), each with its sources")
class ActorQuotesView(QueryParametersMixin, generics.ListAPIView):
    """The actor's statements in time order, those of unknown time last, each with its sources."""

    serializer_class = api_serializers.QuoteSerializer
    pagination_class = KeysetPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    def get_queryset(self):
        return selectors.actor_quotes(actor_uid=self.kwargs["uid"], with_provenance=False)

    # As in FactListView; the speaker is the actor, so no actors are read.
    def list(self, request, *args, **kwargs):
        if json_pages.available(request):
            entries = self.paginator.paginate_json(self.get_queryset(), request, self, entry="quote")
            empty = entries == "[]"
        else:
            rows = self.paginator.paginate_queryset(
                self.get_queryset(), request, self, fetch=partial(selectors.fact_rows, with_actors=False)
            )
            entries = [api_serializers.quote_entry(row) for row in rows]
            empty = not entries
        # The quotes are read by the actor's uid, so only an empty page asks whether the actor exists.
        if empty and not selectors.actor_exists(uid=self.kwargs["uid"]):
            raise NotFound(f"No actor with id {self.kwargs['uid']}.")
        return self.get_paginated_response(entries)


class SourceListView(QueryParametersMixin, generics.ListCreateAPIView):
    """Sources (newest publication first); POST ingests an article."""

    pagination_class = KeysetPagination

    def get_serializer_class(self):
        if self.request.method == "POST":
            return api_serializers.ArticleSerializer
        return api_serializers.SourceListItemSerializer

    def get_queryset(self):
        return selectors.source_list()

    @extend_schema(summary="Sources, newest publication first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Ingest an article",
        description=(
            "Extracts statements, events and actors from the text and merges them into the chronology. "
            "201 with what was extracted and merged; 200 with the existing source when the same text was "
            "ingested before."
        ),
        request=api_serializers.ArticleSerializer,
        responses={201: api_serializers.IngestResultSerializer, 200: api_serializers.IngestResultSerializer},
    )
    def post(self, request, *args, **kwargs):
        article = api_serializers.ArticleSerializer(data=request.data)
        article.is_valid(raise_exception=True)
        data = article.validated_data
        result = ingest_article(
            text=data["text"],
            publication=Publication(
                published=data["published"], outlet=data["outlet"], title=data["title"], url=data["url"]
            ),
            language=data["language"],
        )
        # The answer shows the source with everything extracted from it, read in a fixed number of queries.
        result = replace(result, source=selectors.source_detail(pk=result.source.pk))
        answer = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(api_serializers.IngestResultSerializer(result).data, status=answer)


class SourceDetailView(QueryParametersMixin, generics.RetrieveDestroyAPIView):
    """One source with its text and what was extracted from it; DELETE withdraws it."""

    serializer_class = api_serializers.SourceDetailSerializer

    def get_object(self):
        try:
            return selectors.source_detail(pk=self.kwargs["pk"])
        except Source.DoesNotExist:
            raise NotFound(f"No source with id {self.kwargs['pk']}.") from None

    @extend_schema(summary="A source and what was extracted from it")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Remove a source and whatever only it supported")
    def delete(self, request, *args, **kwargs):
        return super().delete(request, *args, **kwargs)

    def perform_destroy(self, instance):
        delete_source(source=instance)
