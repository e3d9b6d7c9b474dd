"""View guards: a logged-in member of the current municipality holding an action."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .permissions import roles_may


def member_required(action: str = "core.view_workspace"):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.municipality is None:
                return render(request, "core/no_membership.html", status=403)
            if not roles_may(request.roles, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
