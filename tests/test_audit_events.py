"""Every audit event the code writes is declared in the registry. The kernel refuses an
unknown name at run time; this test finds one on a path no other test takes."""

import ast
from pathlib import Path

from trygg.core.audit import registered_events

ROOT = Path(__file__).resolve().parent.parent / "trygg"


def _names_in(node):
    """Every string constant an event argument can evaluate to (`"a" if created else "b"`)."""
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _written_names():
    """(name, file) for the event of every `audit(viewer, "<event>", …)` and
    `audit_log(event="<event>", …)` call in the code."""
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for call in ast.walk(ast.parse(path.read_text())):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "audit" and len(call.args) >= 2:
                argument = call.args[1]
            else:
                argument = next(
                    (
                        k.value
                        for k in call.keywords
                        if name in ("audit", "audit_log") and k.arg == "event"
                    ),
                    None,
                )
            if argument is not None:
                for event in _names_in(argument):
                    yield event, path.relative_to(ROOT.parent)


def test_the_scan_finds_the_events_written_in_the_code():
    found = {name for name, _ in _written_names()}
    assert {"core.login", "reports.import_started", "strategy.plan_decided"} <= found


def test_every_event_name_in_the_code_is_registered():
    known = {e.name for e in registered_events()}
    unknown = sorted({f"{name} ({path})" for name, path in _written_names() if name not in known})
    assert unknown == []


def test_every_registered_event_has_a_swedish_label_and_its_apps_prefix():
    apps = {p.name for p in ROOT.iterdir() if p.is_dir()}
    bad = [e.name for e in registered_events() if not e.label or e.name.split(".")[0] not in apps]
    assert bad == []
