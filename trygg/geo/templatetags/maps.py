"""`{% map_assets %}`: the scripts and the basemap of the one map component (static/trygg/map.js),
so every page with a map loads the same library and draws the same background."""

from django import template

from trygg.geo.basemap import basemap_config

register = template.Library()


@register.inclusion_tag("geo/_map_assets.html", takes_context=True)
def map_assets(context, municipality=None):
    """The basemap of `municipality` (a public page's), else of the request's municipality."""
    request = context["request"]
    config = basemap_config(municipality or getattr(request, "municipality", None))
    # The CSP middleware (geo/middleware.py) adds an online basemap's origin to pages that
    # draw a map, and to no other page.
    request.basemap_config = config
    return {"basemap": config}
