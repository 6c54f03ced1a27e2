"""One JSON shape for every error the API answers, whatever raised it.

``{"status": 400, "code": "invalid", "detail": "Invalid value for since.", "fields": {"since": ["..."]}}``
``fields`` names the offending request fields or query parameters; it is empty when none is to blame.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

from api.parsers import RequestBodyTooLarge
from timeline.articles import ArticleError

API_PREFIX = "/api/"


class InvalidArticle(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_article"


class DatabaseUnavailable(APIException):
    """The database went away or refused the work for now; the request changed nothing and may be retried."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable; try again shortly."
    default_code = "database_unavailable"


def error_body(*, status_code: int, code: str, detail: str, fields: dict | None = None) -> dict:
    return {"status": status_code, "code": code, "detail": detail, "fields": fields or {}}


def _messages(value) -> list[str]:
    """Every message in a (possibly nested) DRF error detail, flattened."""
    if isinstance(value, dict):
        return [message for item in value.values() for message in _messages(item)]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


def _first_code(value) -> str:
    if isinstance(value, dict):
        value = next(iter(value.values()), "invalid")
    if isinstance(value, list):
        value = value[0] if value else "invalid"
    if isinstance(value, dict | list):
        return _first_code(value)
    return getattr(value, "code", None) or "invalid"


def _body_for(exc: APIException) -> dict:
    detail = exc.detail
    if isinstance(detail, dict):
        fields = {name: _messages(value) for name, value in detail.items()}
        general = fields.pop("non_field_errors", [])
        blamed = ", ".join(fields)
        summary = " ".join(general) or (f"Invalid value for {blamed}." if blamed else "Invalid input.")
        return error_body(status_code=exc.status_code, code=_first_code(detail), detail=summary, fields=fields)
    if isinstance(detail, list):
        return error_body(status_code=exc.status_code, code=_first_code(detail), detail=" ".join(_messages(detail)))
    return error_body(status_code=exc.status_code, code=getattr(detail, "code", "error"), detail=str(detail))


def api_exception_handler(exc, context):
    """DRF's handler with the one error shape; unexpected exceptions still reach ``handler500``."""
    if isinstance(exc, ArticleError):
        exc = InvalidArticle(str(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestBodyTooLarge()
    elif isinstance(exc, Http404):
        exc = NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied(*exc.args)
    elif isinstance(exc, OperationalError | InterfaceError):
        # A lost connection (or a server shutting down) rolled the request's transaction back.
        exc = DatabaseUnavailable()
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = _body_for(exc)
    # An error is JSON whatever format was asked for: a CSV, TimelineJS or HTML page cannot carry it.
    request = context["request"]
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type
    return response


# Django's own error handlers (config/urls.py): they answer for what fails before or outside a DRF
# view, such as an unknown path, a disallowed Host header or an unhandled exception. Under /api/ they
# answer JSON in the one shape; elsewhere the ordinary pages.


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json_error(status_code: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse(error_body(status_code=status_code, code=code, detail=detail), status=status_code)


def bad_request(request, exception):
    if _is_api(request):
        return _json_error(400, "bad_request", "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _is_api(request):
        return _json_error(403, "permission_denied", "You do not have permission to perform this action.")
    return defaults.permission_denied(request, exception)


def not_found(request, exception):
    if _is_api(request):
        return _json_error(404, "not_found", f"No endpoint at {request.path}.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return _json_error(500, "server_error", "Internal server error.")
    return defaults.server_error(request)
