"""The county's own viewer and scope. A county user has no municipality (core sees no
Membership), so the county pages build this viewer from the CountyMembership and read
inside scope(county=…, municipality=[the county's municipalities]) — never scopes_disabled()."""

from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django_scopes import scope

from trygg.core.selectors import municipality_list

from .models import County, CountyMembership


@dataclass(frozen=True)
class CountyViewer:
    county: County
    municipalities: tuple  # the county's municipalities that are in Trygg, by name
    user: object | None = None

    @property
    def municipality_ids(self) -> list[int]:
        return [m.pk for m in self.municipalities]

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)


def county_viewer_for(user, county: County | None = None) -> CountyViewer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        CountyMembership.objects.filter(user=user).select_related("county").order_by("pk").first()
    )
    county = county or (membership.county if membership else None)
    if county is None:
        return None
    return CountyViewer(county, county_municipalities(county), user)


def county_municipalities(county: County) -> tuple:
    return tuple(m for m in municipality_list() if m.county_code == county.code)


@contextmanager
def county_scope(viewer: CountyViewer):
    with scope(county=viewer.county, municipality=viewer.municipality_ids):
        yield


def county_required(view):
    """Logged in with a county membership; the view runs inside the county's scope and gets
    the viewer as `request.county_viewer`."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        viewer = county_viewer_for(request.user)
        if viewer is None:
            return render(request, "county/no_county.html", status=403)
        request.county_viewer = viewer
        with county_scope(viewer):
            return view(request, *args, **kwargs)

    return wrapped


def counties() -> list[County]:
    return list(County.objects.order_by("code"))
