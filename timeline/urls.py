from django.urls import path

from timeline import views

app_name = "timeline"

urlpatterns = [
    path("", views.timeline_page, name="timeline"),
    path("actors/<uuid:uid>/", views.actor_page, name="actor"),
]
