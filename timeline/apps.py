from django.apps import AppConfig
from django.db.backends.signals import connection_created


class TimelineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "timeline"
    verbose_name = "Fact timeline"

    def ready(self):
        from timeline.database import use_compiled_timestamp_loader

        connection_created.connect(use_compiled_timestamp_loader, dispatch_uid="timeline-compiled-timestamp-loader")
