from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings


class StrictFormatNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` is a bad parameter (400 naming it), not a missing page (DRF's 404)."""

    def filter_renderers(self, renderers, format):
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            offered = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise ValidationError(
                {api_settings.URL_FORMAT_OVERRIDE: [f"Unknown format {format!r}; this endpoint offers: {offered}."]}
            ) from None
