"""Every audit event the code writes is declared in the registry. The kernel refuses an
unknown name at run time; this test finds one on a path no other test takes."""

import re
from pathlib import Path

from trygg.core.audit import registered_events

ROOT = Path(__file__).resolve().parent.parent / "trygg"
# audit(viewer, "reports.assigned", ...) and audit_log(event="core.login", ...)
WRITTEN = re.compile(r"""\baudit\(\s*[\w.]+,\s*["']([^"']+)["']|\bevent=["']([^"']+)["']""")


def _written_names():
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for match in WRITTEN.finditer(path.read_text()):
            yield match.group(1) or match.group(2), path.relative_to(ROOT.parent)


def test_every_event_name_in_the_code_is_registered():
    known = {e.name for e in registered_events()}
    unknown = sorted({f"{name} ({path})" for name, path in _written_names() if name not in known})
    assert unknown == []


def test_every_registered_event_has_a_swedish_label_and_its_apps_prefix():
    apps = {p.name for p in ROOT.iterdir() if p.is_dir()}
    bad = [e.name for e in registered_events() if not e.label or e.name.split(".")[0] not in apps]
    assert bad == []
