"""Every list page issues as many queries for three rows as for one: no query per row (N+1).

Rows are made with the ORM, every foreign key the page may show filled in, so a page that
follows one per row is caught. The report list has its own test beside the reports; the
Open311 and API lists of reports are here.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import (
    category,
    make_area,
    make_forum,
    make_meeting,
    make_member,
    make_organisation,
    make_report,
    membership_of,
    viewer_for,
)
from trygg.core.models import AuditEvent, Organisation, Role
from trygg.forums.models import ActionItem, Decision, Forum, ForumMembership
from trygg.lagesbild.models import PoliceInput, PoliceInputItem
from trygg.reports.models import ApiKey, Category, ImportJob, Report
from trygg.reports.services import api_key_create
from trygg.strategy.models import (
    ActionPlan,
    CitizenPromise,
    FocusArea,
    Measure,
    ProblemPicture,
    StrategicPicture,
)


def _category(m, i, user):
    Category.objects.create(
        municipality=m, code=f"egen-{i}", name=f"Egen {i}", parent=category(m, "skadegorelse")
    )


def _api_key(m, i, user):
    ApiKey.objects.create(
        municipality=m,
        organisation=make_organisation(m, f"Väktare {i}"),
        name=f"Nyckel {i}",
        prefix=f"pre{i}",
        key_hash=f"hash{i}",
        created_by=user,
    )


def _organisation(m, i, user):
    make_organisation(m, f"Förvaltning {i}")


def _membership(m, i, user):
    make_member(f"person{i}", make_organisation(m, f"Enhet {i}"), Role.RAPPORTOR)


def _audit_event(m, i, user):
    AuditEvent.objects.create(
        municipality=m, actor=user, event="core.organisation_updated", summary=f"Ändring {i}"
    )


def _meeting(m, i, user):
    org = make_organisation(m, f"Ansvarig {i}")
    held = timezone.now() - timedelta(days=14 * i + 1)
    meeting = make_meeting(
        m, held, period_start=date(2026, 1, 1), period_end=date(2026, 1, 14), created_by=user
    )
    meeting.organisations.add(org)
    Decision.objects.create(
        municipality=m,
        meeting=meeting,
        what=f"Insats {i}",
        responsible=org,
        area=make_area(m, f"Område {i}"),
        until=timezone.localdate() + timedelta(days=7),
    )
    ActionItem.objects.create(
        municipality=m,
        meeting=meeting,
        title=f"Åtgärd {i}",
        owner_organisation=org,
        due=timezone.localdate() + timedelta(days=7),
    )


def _working_group(m, i, user):
    Forum.objects.create(
        municipality=m, kind=Forum.Kind.ARBETSGRUPP, name=f"Grupp {i}", parent=make_forum(m, "est")
    )


def _seat(m, i, user):
    member = make_member(f"ledamot{i}", make_organisation(m, f"Nämnd {i}"), Role.RADSLEDAMOT)
    ForumMembership.objects.create(municipality=m, forum=make_forum(m, "bra"), user=member)
    ForumMembership.objects.create(
        municipality=m, forum=make_forum(m, "bra"), person_name=f"Extern {i}"
    )


def _police_input(m, i, user):
    police_input = PoliceInput.objects.create(
        municipality=m,
        period_start=date(2026, 1, 1) + timedelta(days=14 * i),
        period_end=date(2026, 1, 14) + timedelta(days=14 * i),
        created_by=user,
    )
    PoliceInputItem.objects.create(
        municipality=m,
        police_input=police_input,
        theme=f"Tema {i}",
        text="Ökad oro vid stationen",
        area=make_area(m, f"Polisområde {i}"),
    )


def _import_job(m, i, user):
    ImportJob.objects.create(
        municipality=m,
        kind=ImportJob.Kind.values[0],
        filename=f"fil{i}.csv",
        file=f"imports/fil{i}.csv",
        created_by=user,
        organisation=make_organisation(m, f"Importör {i}"),
    )


def _promise(m, i, user):
    focus = FocusArea.objects.create(
        municipality=m, title=f"Fokus {i}", decided_on=date(2026, 1, 1), decision_reference="§1"
    )
    focus.areas.add(make_area(m, f"Fokusområde {i}"))
    promise = CitizenPromise.objects.create(municipality=m, year=2020 + i, title=f"Löfte {i}")
    promise.focus_areas.add(focus)


def _plan(m, i, user):
    picture = StrategicPicture.objects.create(
        municipality=m, start_year=2020 + i, end_year=2021 + i
    )
    plan = ActionPlan.objects.create(
        municipality=m, title=f"Plan {i}", start_year=2025, end_year=2026, picture=picture
    )
    Measure.objects.create(
        municipality=m,
        plan=plan,
        title=f"Åtgärd {i}",
        owner=make_organisation(m, f"Ägare {i}"),
        start=date(2025, 1, 1),
        end=date(2026, 12, 31),
    )
    ProblemPicture.objects.create(municipality=m, title=f"Problem {i}")


def _strategic_picture(m, i, user):
    StrategicPicture.objects.create(municipality=m, start_year=2010 + i, end_year=2011 + i)


def _area(m, i, user):
    make_area(m, f"Stadsdel {i}", lon=15.9 + i * 0.03)


PAGES = [
    ("reports:categories", _category),
    ("reports:api_keys", _api_key),
    ("reports:import", _import_job),
    ("core:organisation_list", _organisation),
    ("core:membership_list", _membership),
    ("core:audit_list", _audit_event),
    ("forums:list", _working_group),
    ("forums:detail:lagesbild", _meeting),
    ("forums:members:bra", _seat),
    ("lagesbild:police_list", _police_input),
    ("strategy:promises", _promise),
    ("strategy:plans", _plan),
    ("strategy:pictures", _strategic_picture),
    ("geo:area_list", _area),
]


def _page_url(name, municipality):
    """A list page, or a forum's page (`forums:detail:<kind>`) of the municipality's forum."""
    if name.count(":") == 2:
        name, kind = name.rsplit(":", 1)
        return reverse(name, args=[make_forum(municipality, kind).pk])
    return reverse(name)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize(("name", "make_row"), PAGES)
def test_a_list_page_issues_as_many_queries_for_three_rows_as_for_one(
    client, users, koping, name, make_row
):
    # The strongest viewer of Köping, so every page opens: every role at once.
    viewer = users[Role.ADMINISTRATOR]
    for role in (Role.SAMORDNARE, Role.ANALYTIKER, Role.POLIS):
        make_member(viewer.username, membership_of(users[role]).organisation, role)
    client.force_login(viewer)
    url = _page_url(name, koping)
    with scopes_disabled():
        make_row(koping, 1, viewer)
    client.get(url)  # caches (the area index, the session) warm before counting
    one = _queries(client, url)
    with scopes_disabled():
        make_row(koping, 2, viewer)
        make_row(koping, 3, viewer)
    three = _queries(client, url)
    assert len(three) == len(one), "\n".join(three)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_open311_request_list_issues_as_many_queries_for_three_reports_as_for_one(
    client, koping, fmt
):
    url = f"/open311/v2/requests.{fmt}?jurisdiction_id=1983"
    make_report(koping, source=Report.Source.OPEN311, tracking_code="LISTA00001")
    client.get(url)
    one = _queries(client, url)
    for i in (2, 3):
        make_report(koping, source=Report.Source.OPEN311, tracking_code=f"LISTA0000{i}")
    three = _queries(client, url)
    assert client.get(url).content.decode().count("LISTA0000") == 3
    assert len(three) == len(one), "\n".join(three)


def test_the_api_report_list_issues_as_many_queries_for_three_reports_as_for_one(users, koping):
    guards = make_organisation(koping, "Väktarbolaget", kind=Organisation.Kind.VAKTARBOLAG)
    with scope(municipality=koping):
        _key, secret = api_key_create(
            viewer=viewer_for(users[Role.ADMINISTRATOR], koping), organisation=guards, name="App"
        )
    client = Client(HTTP_X_API_KEY=secret)
    make_report(koping, organisation=guards, assigned_organisation=guards)
    client.get("/api/reports")
    one = _queries(client, "/api/reports")
    for _ in (2, 3):
        make_report(koping, organisation=guards, assigned_organisation=guards)
    three = _queries(client, "/api/reports")
    assert client.get("/api/reports").json()["count"] == 3
    assert len(three) == len(one), "\n".join(three)
