"""The welfare pages. Every one is hidden from roles without the grant: they get 404, not
403, so that the register's existence is not disclosed (issue 20)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render

from trygg.core.permissions import roles_may


def hidden_unless(action: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.municipality is None:
                return render(request, "core/no_membership.html", status=403)
            if not roles_may(request.roles, action):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
