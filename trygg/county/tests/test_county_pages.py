"""The county user's pages: only what snapshots carry. Reports seeded with unique tokens in
every text field never show up on any county page or API answer, nor their ids; every
municipal page of the product turns the county user away (URL table)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import body_of, make_member, make_report
from tests.test_tenant_isolation import PAGES, POST_ONLY, _objects, _url
from trygg.core.models import Municipality, Role
from trygg.county.models import Snapshot

from .helpers import make_county, make_county_user, publish

COUNTY_PAGES = ["overview", "law", "measures", "hotspots", "bra", "api_overview"]


def _tokened_reports(municipality, n, tag):
    """n reports this quarter, every free-text field of each holding its own token."""
    from trygg.reports.models import Report

    fields = [
        f
        for f in Report._meta.concrete_fields
        if f.get_internal_type() in ("CharField", "TextField") and not f.choices
    ]
    reports, tokens = [], []
    for i in range(n):
        values = {}
        for field in fields:
            token = f"TOK{tag}{i}{field.name.upper()}"[: field.max_length or 200]
            values[field.name] = token
            tokens.append(token)
        when = timezone.now() - timedelta(minutes=i + 1)
        reports.append(make_report(municipality, when=when, **values))
    return reports, tokens


@pytest.fixture
def county_setup(users, koping, arboga, arboga_org):
    county = make_county()
    lan = make_county_user(county)
    arboga_s = make_member("arboga_s", arboga_org, Role.SAMORDNARE)
    k_reports, k_tokens = _tokened_reports(koping, 7, "K")
    a_reports, a_tokens = _tokened_reports(arboga, 3, "A")
    publish(users[Role.SAMORDNARE], koping, timezone.localdate())
    publish(arboga_s, arboga, timezone.localdate())
    return {
        "county": county,
        "user": lan,
        "reports": k_reports + a_reports,
        "tokens": k_tokens + a_tokens,
        "arboga_s": arboga_s,
    }


def _crawl(client, kommunkoder):
    pages = [reverse(f"county:{name}") for name in COUNTY_PAGES]
    pages += [reverse("county:member", args=[k]) for k in kommunkoder]
    pages += [
        reverse("county:measures") + f"?effekt={v}" for v in ("minskning", "ingen_effekt", "x")
    ]
    out = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        out[url] = body_of(response).decode()
    return out


def test_no_report_token_or_id_on_any_county_page(client, county_setup):
    client.force_login(county_setup["user"])
    client.post(reverse("county:hotspots_start"))
    bodies = _crawl(client, ["1983", "1984"])
    ids = {str(r.pk) for r in county_setup["reports"]} | {
        str(r.uuid) for r in county_setup["reports"]
    }
    for url, body in bodies.items():
        for token in county_setup["tokens"]:
            assert token not in body, (url, token)
        for rid in ids:
            # A report id would appear as a path or key; numbers in figures are not ids.
            assert not re.search(
                rf"(/|\"id\"\s*:\s*|rapport[^<]{{0,20}}){re.escape(rid)}\b", body
            ), url
        assert "TOK" not in body


def test_side_by_side_suppresses_small_cells_and_lists_the_silent(client, county_setup):
    client.force_login(county_setup["user"])
    body = body_of(client.get(reverse("county:overview"))).decode()
    assert "Köping" in body and "Arboga" in body
    # Köping's 7 reports in one category: the rate per 100 000 (7 / 25 806) is shown.
    assert "27,1 (7)" in body
    # Arboga's 3 are suppressed at publication: the snapshot itself holds no 3.
    assert "&lt;5 (&lt;5)" in body
    with scopes_disabled():
        arboga_snapshot = Snapshot.objects.get(municipality__kommunkod="1984")
    assert 3 not in [n for row in arboga_snapshot.figures["counts"]["rows"] for n in row["counts"]]
    # Västerås and Kungsör are in the county but publish nothing: shown so, never as zero.
    assert body.count("Publicerar inget") == 2


def test_county_user_gets_404_for_outside_or_silent_municipality(client, county_setup):
    Municipality.objects.create(name="Uppsala", kommunkod="0380", county_code="03", slug="uppsala")
    client.force_login(county_setup["user"])
    for code in ("0380", "1980", "9999", str(county_setup["reports"][0].pk)):
        assert client.get(reverse("county:member", args=[code])).status_code == 404


def test_withdrawn_snapshot_is_gone_for_the_county(client, users, county_setup, koping):
    client.force_login(users[Role.SAMORDNARE])
    with scopes_disabled():
        snapshot = Snapshot.objects.get(municipality=koping)
    assert client.post(reverse("county:withdraw", args=[snapshot.pk])).status_code == 302
    client.force_login(county_setup["user"])
    assert client.get(reverse("county:member", args=["1983"])).status_code == 404
    assert body_of(client.get(reverse("county:overview"))).decode().count("Publicerar inget") == 3


def test_county_pages_refuse_municipal_users(client, users, county_setup):
    client.force_login(users[Role.ADMINISTRATOR])
    for name in COUNTY_PAGES:
        assert client.get(reverse(f"county:{name}")).status_code == 403
    client.logout()
    assert client.get(reverse("county:overview")).status_code == 302


def test_law_matrix_and_bra_draft(client, county_setup):
    client.force_login(county_setup["user"])
    body = body_of(client.get(reverse("county:law"))).decode()
    assert "Köping" in body and "Publicerar inget" in body
    draft = body_of(client.get(reverse("county:bra"))).decode()
    assert "2 av länets 4 kommuner" in draft
    assert "Publicerar inget: Kungsör, Västerås" in draft


def test_every_municipal_page_turns_the_county_user_away(
    client, county_setup, koping, koping_org, users
):
    """The URL table of tests/test_tenant_isolation, all of it, as the county user: a county
    membership is no membership in a municipality."""
    objects = _objects(koping, koping_org, users[Role.ADMINISTRATOR])
    client.force_login(county_setup["user"])
    let_in = []
    for name, key, _granted, _denied in PAGES:
        url = _url(name, key, objects)
        response = client.post(url) if name in POST_ONLY else client.get(url)
        if name == "core:start":  # the start page sends the county user to the county's
            assert response["Location"] == reverse("county:overview")
            continue
        if response.status_code not in (403, 404):
            let_in.append((name, response.status_code))
    assert let_in == []


def test_publishing_needs_the_samordnare_and_a_sane_date(client, users, county_setup):
    client.force_login(users[Role.ANALYTIKER])
    assert (
        client.post(reverse("county:publications"), {"period_end": "2025-12-31"}).status_code == 403
    )
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(reverse("county:publications"), {"period_end": "31/12"})
    assert response.status_code == 400
    assert (
        "ÅÅÅÅ-MM-DD" in response.content.decode() and 'value="31/12"' in response.content.decode()
    )
    future = (timezone.localdate() + timedelta(days=40)).isoformat()
    response = client.post(reverse("county:publications"), {"period_end": future})
    assert "framtiden" in response.content.decode()


def test_mapping_moves_counts_to_the_chosen_code(client, users, county_setup, koping):
    from tests.helpers import category

    klotter = category(koping, "klotter")
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(reverse("county:mapping"), {f"kod-{klotter.pk}": "skadegorelse"})
    assert response.status_code == 302
    client.post(reverse("county:publications"), {"period_end": timezone.localdate().isoformat()})
    with scopes_disabled():
        latest = Snapshot.objects.filter(municipality=koping).first()
    rows = {r["code"]: r["counts"] for r in latest.figures["counts"]["rows"]}
    assert rows["skadegorelse"][-1] == 7
    assert client.post(reverse("county:mapping"), {f"kod-{klotter.pk}": "fel"}).status_code == 400
