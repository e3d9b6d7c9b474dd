"""Atom feed of a municipality's published medborgarlöften and their activities' progress."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django_scopes import scope

from trygg.core.selectors import municipality_by_slug

from . import selectors


class PromiseFeed(Feed):
    feed_type = Atom1Feed
    language = "sv"

    def get_object(self, request, slug):
        municipality = municipality_by_slug(slug)
        if municipality is None:
            raise Http404
        return municipality

    def title(self, municipality):
        return f"Medborgarlöften i {municipality.name}"

    def subtitle(self, municipality):
        return (
            f"Vad {municipality.official_name} och polisen lovar invånarna, och hur det går "
            "med aktiviteterna."
        )

    def link(self, municipality):
        return reverse("public:promise", args=[municipality.slug])

    def author_name(self, municipality):
        return municipality.official_name

    def items(self, municipality):
        with scope(municipality=municipality):
            return selectors.feed_items(municipality=municipality)

    def item_title(self, item):
        kind, obj, _ = item
        if kind == "promise":
            return f"Medborgarlöfte {obj.year}: {obj.title}"
        return f"{obj.title}: {obj.get_status_display().lower()}"

    def item_description(self, item):
        kind, obj, _ = item
        if kind == "promise":
            return obj.introduction or obj.title
        return obj.follow_up or obj.description or obj.title

    def item_link(self, item):
        kind, obj, _ = item
        promise = obj if kind == "promise" else obj.promise
        slug = promise.municipality.slug
        anchor = "" if kind == "promise" else f"#aktivitet-{obj.pk}"
        return reverse("public:promise_year", args=[slug, promise.year]) + anchor

    def item_guid(self, item):
        kind, obj, _ = item
        return f"tag:trygg,2026:{obj.municipality.slug}:{kind}:{obj.pk}:{item[2]:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item[2]

    def item_pubdate(self, item):
        return item[2]
