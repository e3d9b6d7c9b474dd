"""The public "ni sa – vi gör" pages: the published dialogues of a municipality and, per
dialogue, what was asked, how, how many took part, what came out (suppressed aggregates
only) and what the municipality and police decided because of it. No login, no JavaScript."""

from django.http import Http404
from django.shortcuts import render
from django_scopes import scope

from trygg.core.selectors import municipality_by_slug
from trygg.dialog.models import Dialogue
from trygg.dialog.selectors.public import (
    public_results,
    published_dialogue_get,
    published_dialogues,
)


def _municipality(slug):
    municipality = municipality_by_slug(slug)
    if municipality is None:
        raise Http404
    return municipality


def dialogue_list(request, slug):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        return render(
            request,
            "public/dialogue_list.html",
            {
                "public_municipality": municipality,
                "dialogues": list(published_dialogues(municipality=municipality)),
            },
        )


def dialogue_page(request, slug, pk):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        dialogue = published_dialogue_get(municipality=municipality, pk=pk)
        if dialogue is None:
            raise Http404
        forms = dict(Dialogue.Form.choices)
        return render(
            request,
            "public/dialogue.html",
            {
                "public_municipality": municipality,
                "dialogue": dialogue,
                "forms": [forms.get(f, f) for f in dialogue.forms],
                "results": public_results(dialogue=dialogue),
            },
        )
