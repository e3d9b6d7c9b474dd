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


def workspace(request):
    roles = getattr(request, "roles", frozenset())
    return {
        "municipality": getattr(request, "municipality", None),
        "workspace": getattr(request, "workspace", None),
        "roles": roles,
        "can": _Can(roles),
    }
