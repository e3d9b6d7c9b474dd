"""The public version of a trygghetsvandring's protocol, once the leader has published it:
no staff names, no owners' e-mail addresses, free text redacted, approved photos only."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django_scopes import scope

from trygg.geo.selectors import map_background
from trygg.walks.models import ObservationPhoto
from trygg.walks.protocol_svg import observation_map_svg
from trygg.walks.selectors import findings as walks
from trygg.walks.selectors.field import scores_by_item
from trygg.walks.services.protocol import public_text
from trygg.walks.views.protocol import protocol_response

from .views import _municipality


def _walk(municipality, pk):
    walk = walks.published_walk(municipality=municipality, pk=pk)
    if walk is None:
        raise Http404
    return walk


def walk_protocol(request, slug, pk):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        walk = _walk(municipality, pk)
        observations = list(enumerate(walks.walk_observations(walk=walk), start=1))
        findings = [
            (f, public_text(f, "proposal"), public_text(f, "owner_answer"), walks.public_photos(f))
            for f in walks.walk_findings(walk=walk)
        ]
        svg = observation_map_svg(
            area_name=walk.area.name,
            area_geometry=walk.area.geometry,
            route=walk.route,
            points=[
                (n, o.lat, o.lon, o.item.label if o.item else "Observation")
                for n, o in observations
                if o.lat is not None
            ],
            background=map_background(municipality=municipality),
        )
        return render(
            request,
            "public/walk_protocol.html",
            {
                "public_municipality": municipality,
                "walk": walk,
                "observations": [(n, o, public_text(o, "text")) for n, o in observations],
                "findings": findings,
                "scores": scores_by_item(walk, approved_only=True),
                "map_svg": svg,
            },
        )


def walk_protocol_pdf(request, slug, pk):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        return protocol_response(_walk(municipality, pk), "pdf", public=True)


def walk_photo(request, slug, pk, photo_pk):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        walk = _walk(municipality, pk)
        photo = ObservationPhoto.objects.filter(
            municipality=municipality, observation__walk=walk, public_ok=True, pk=photo_pk
        ).first()
        if photo is None:
            raise Http404
        response = FileResponse(
            (photo.thumbnail or photo.image).open("rb"), content_type="image/jpeg"
        )
        response["Cache-Control"] = "public, max-age=3600"
        return response
