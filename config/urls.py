"""Top-level routes: the admin, the API and the timeline pages.

Under /api/ even Django's own 400, 403, 404 and 500 answer in the API's JSON error shape.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("timeline.urls")),
]

handler400 = "api.exceptions.bad_request"
handler403 = "api.exceptions.permission_denied"
handler404 = "api.exceptions.not_found"
handler500 = "api.exceptions.server_error"
