from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api import views
from api.exceptions import not_found

app_name = "api"

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("timeline/undated/", views.UndatedTimelineView.as_view(), name="timeline-undated"),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path("statements/<uuid:uid>/", views.StatementDetailView.as_view(), name="statement-detail"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/<uuid:uid>/", views.EventDetailView.as_view(), name="event-detail"),
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
    path("actors/<uuid:uid>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("actors/<uuid:uid>/quotes/", views.ActorQuotesView.as_view(), name="actor-quotes"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/ is a JSON 404 even with DEBUG on, when Django would show its HTML
    # debug page instead of calling handler404. Only paths ending in "/", so that APPEND_SLASH still
    # redirects "/api/timeline" to "/api/timeline/".
    re_path(r"^.*/$", csrf_exempt(not_found), {"exception": None}),
]
