"""Citizen-facing pages: no login, one municipality's public face."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django_scopes import scope

from trygg.core.selectors import municipality_by_slug, municipality_list


def home(request):
    """`/`: members go to their workspace; visitors see the default municipality's page."""
    if request.user.is_authenticated and request.municipality is not None:
        return redirect("core:start")
    municipality = municipality_by_slug(settings.DEFAULT_MUNICIPALITY)
    if municipality is None:
        return render(request, "public/choose.html", {"municipalities": municipality_list()})
    return _municipality_page(request, municipality)


def municipality_home(request, slug):
    municipality = municipality_by_slug(slug)
    if municipality is None:
        raise Http404
    return _municipality_page(request, municipality)


def _municipality_page(request, municipality):
    with scope(municipality=municipality):
        return render(
            request,
            "public/home.html",
            {
                "public_municipality": municipality,
                "others": municipality_list().exclude(pk=municipality.pk),
            },
        )


def accessibility(request):
    return render(request, "public/accessibility.html")
