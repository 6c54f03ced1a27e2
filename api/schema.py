from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS

from api.serializers import ErrorSerializer

_ERRORS_OF_EVERY_REQUEST = {
    400: "Invalid or unknown query parameter (named in `fields`).",
    429: "Too many requests from this address; see Retry-After.",
    503: "The database is unavailable; nothing was changed, try again shortly.",
}
_ERRORS_OF_WRITES = {
    401: "No credentials: send `Authorization: Token <key>`.",
    403: "These credentials may not write.",
    413: "Request body too large.",
    415: "Request body is not JSON.",
}


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the error responses every operation can give (one shape)."""

    def get_auth(self):
        # Reads are public (api.permissions.ReadOnlyOrTokenOrStaff), which drf-spectacular cannot infer.
        auth = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auth:
            auth.append({})
        return auth

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(_ERRORS_OF_EVERY_REQUEST)
        if "{" in self.path:
            errors[404] = "No such record."
        if self.method not in SAFE_METHODS:
            errors.update(_ERRORS_OF_WRITES)
        for status_code, description in errors.items():
            responses.setdefault(
                str(status_code),
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description),
                    str(status_code),
                    media_types=["application/json"],
                    direction=direction,
                ),
            )
        return responses
