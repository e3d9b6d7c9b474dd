"""Resolves the current municipality once per request and activates its tenant scope.

Everything after this middleware receives `request.municipality` and `request.roles`;
a query on a tenant-owned model outside a scope raises (django-scopes) instead of leaking.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from .permissions import ROLES_REQUIRING_2FA
from .selectors import workspace_for_user

SESSION_KEY = "trygg_municipality_id"

# Paths a user who must enrol in two-factor login may still reach.
_2FA_EXEMPT_PREFIXES = ("/konto/tvafaktor/", "/logga-ut/", "/static/", "/healthz")


class MunicipalityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        workspace = workspace_for_user(request.user)
        chosen = request.session.get(SESSION_KEY) if workspace.municipalities else None
        current = next((m for m in workspace.municipalities if m.pk == chosen), None)
        if current is None:
            current = workspace.default
        request.workspace = workspace
        request.municipality = current
        request.roles = workspace.roles_in(current)

        if self._must_verify_2fa(request):
            return redirect(reverse("core:otp_verify") + f"?next={request.path}")

        if request.path.startswith("/django-admin/") and request.user.is_superuser:
            # The Django admin is for superusers maintaining all tenants.
            with scopes_disabled():
                return self.get_response(request)
        if current is not None:
            with scope(municipality=current):
                return self.get_response(request)
        return self.get_response(request)

    @staticmethod
    def _must_verify_2fa(request) -> bool:
        if not settings.REQUIRE_2FA or not request.user.is_authenticated:
            return False
        if request.path.startswith(_2FA_EXEMPT_PREFIXES):
            return False
        if not (request.roles & ROLES_REQUIRING_2FA):
            return False
        return not request.user.is_verified()
