from rest_framework.authentication import TokenAuthentication
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnlyOrTokenOrStaff(BasePermission):
    """Anyone may read; writing takes an API token (any user) or a staff member's session.

    A logged-in non-staff session may browse but not change data: a browser session is easier to
    abuse (cross-site requests) than a token a script was given on purpose.
    """

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if isinstance(request.successful_authenticator, TokenAuthentication):
            return True
        return bool(request.user and request.user.is_staff)
