from django.urls import reverse

from .contributions import menu_for
from .permissions import ACTIONS


class _Can:
    """Template helper: {% if can.reports.create %} reads the permission table."""

    def __init__(self, roles, prefix=""):
        self._roles = roles
        self._prefix = prefix

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        key = f"{self._prefix}{name}"
        if key in ACTIONS:
            return any(r in ACTIONS[key] for r in self._roles)
        return _Can(self._roles, f"{key}.")

    def __getitem__(self, name):
        return self.__getattr__(name)

    def __bool__(self):
        return False


def _menu(request, roles) -> list[dict]:
    """The main menu from the navigation registry; the entry whose address is the longest
    start of this page's is the current one (the meetings, not the lägesbild, on
    /lagesbild/moten/)."""
    if not roles or getattr(request, "municipality", None) is None:
        return []
    entries = [(entry, reverse(entry.url_name)) for entry in menu_for(roles)]
    current = max(
        (url for _, url in entries if request.path.startswith(url)), key=len, default=None
    )
    return [{"label": entry.label, "url": url, "current": url == current} for entry, url in entries]


def workspace(request):
    roles = getattr(request, "roles", frozenset())
    return {
        "municipality": getattr(request, "municipality", None),
        "workspace": getattr(request, "workspace", None),
        "roles": roles,
        "can": _Can(roles),
        "menu": _menu(request, roles),
    }
