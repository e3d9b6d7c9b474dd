"""Grows a page's CSP by exactly the online basemap's origin, on pages that draw a map."""

from urllib.parse import urlsplit


class BasemapCSPMiddleware:
    """Inside django-csp's middleware, so the update is read when the policy is built."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        config = getattr(request, "basemap_config", None)
        if config and config.get("source") == "online":
            parts = urlsplit(config["tiles"])
            # Raster tiles are images; Leaflet loads them with <img>, never with fetch.
            response._csp_update = {"img-src": [f"{parts.scheme}://{parts.netloc}"]}
        return response
