"""Citizen-facing pages: no login, one municipality's public face."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_scopes import scope

from trygg.core import ratelimit
from trygg.core.clientip import client_key
from trygg.core.contributions import promise_links_for
from trygg.core.selectors import municipality_by_slug, municipality_list
from trygg.dialog.selectors.answering import open_surveys
from trygg.geo.gazetteer.selectors import place_suggestions
from trygg.geo.selectors import boundary_geojson
from trygg.reports import idempotency, tracking
from trygg.reports import selectors as report_selectors
from trygg.reports import services as report_services
from trygg.reports.forms import CitizenReportForm, ReopenForm


def home(request):
    """`/`: members go to their workspace; visitors see the default municipality's page."""
    if request.user.is_authenticated and request.municipality is not None:
        return redirect("core:start")
    municipality = municipality_by_slug(settings.DEFAULT_MUNICIPALITY)
    if municipality is None:
        return render(request, "public/choose.html", {"municipalities": municipality_list()})
    return _municipality_page(request, municipality)


def municipality_home(request, slug):
    return _municipality_page(request, _municipality(slug))


def _municipality(slug):
    municipality = municipality_by_slug(slug)
    if municipality is None:
        raise Http404
    return municipality


def _municipality_page(request, municipality):
    with scope(municipality=municipality):
        return render(
            request,
            "public/home.html",
            {
                "public_municipality": municipality,
                "others": municipality_list().exclude(pk=municipality.pk),
                "open_surveys": open_surveys(municipality=municipality),
            },
        )


def accessibility(request):
    return render(request, "public/accessibility.html")


@require_http_methods(["GET", "POST"])
def citizen_report(request, slug):
    """The public form: an adapter to citizen_report_submit, which holds the rules it shares
    with Open311 (limits, the unverified mark, the retry key)."""
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        choices = report_selectors.category_choices(municipality=municipality, citizen=True)
        form = CitizenReportForm(
            request.POST or None, request.FILES or None, category_choices=choices
        )
        form.setup_place(
            municipality=municipality, search_url=reverse("public:place_search", args=[slug])
        )
        status = 200
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                # The honeypot was filled in: answer as if all went well, store nothing.
                return redirect(reverse("public:report_thanks", args=[slug]))
            category = report_selectors.citizen_category_get(
                municipality=municipality, pk=data["category"]
            )
            if category is None:
                form.add_error("category", "Välj en kategori i listan.")
            else:
                try:
                    receipt = report_services.citizen_report_submit(
                        municipality=municipality,
                        channel=report_selectors.ReportSource.MEDBORGARE,
                        client=client_key(request),
                        proof=data["altcha"],
                        key=data["client_uuid"],
                        photo=data["photo"].read() if data.get("photo") else None,
                        notify_email=data["notify_email"],
                        data=report_services.ReportInput(
                            category=category,
                            kind=report_selectors.ReportKind.OBSERVATION,
                            occurred_at=data["occurred_at"],
                            lat=data["lat"],
                            lon=data["lon"],
                            place_name=data["place_name"],
                            description=data["description"],
                            contact_name=data["contact_name"],
                            contact_email=data["contact_email"],
                            contact_phone=data["contact_phone"],
                        ),
                    )
                except report_services.TooManyReports as refused:
                    form.add_error(None, refused.message)
                    status = 429
                except ValidationError as error:
                    for field, errors in error.message_dict.items():
                        form.add_error(
                            field if field in form.fields and field not in ("lat", "lon") else None,
                            errors,
                        )
                except idempotency.UuidConflict:
                    # Not this submission's receipt: say so, and let the page make a new
                    # UUID so that sending again stores it as a new report.
                    form.add_error(None, idempotency.FORM_MESSAGE)
                    form.data = form.data.copy()
                    form.data["client_uuid"] = ""
                    status = 409
                else:
                    return redirect(
                        reverse("public:report_status", args=[slug, receipt.report.tracking_code])
                        + "?ny=1"
                    )
        return render(
            request,
            "public/report_form.html",
            {
                "public_municipality": municipality,
                "form": form,
                "challenge": ratelimit.new_challenge(),
                "boundary": boundary_geojson(municipality=municipality),
            },
            status=status,
        )


# Typing a place asks once per pause (the combobox waits 250 ms): a few dozen requests per
# report at most. Far more is someone reading out the address register.
PLACE_SEARCH_LIMIT = 120
PLACE_SEARCH_WINDOW = timedelta(minutes=10)


def place_search(request, slug):
    """The citizen form's autocomplete: the municipality's place names and addresses that
    begin with what has been typed, rate-limited per client."""
    municipality = _municipality(slug)
    if not ratelimit.hit(
        bucket="place_search",
        request=request,
        limit=PLACE_SEARCH_LIMIT,
        window=PLACE_SEARCH_WINDOW,
    ):
        return JsonResponse(
            {"results": [], "error": "För många sökningar på kort tid. Vänta en stund."},
            status=429,
        )
    with scope(municipality=municipality):
        results = place_suggestions(municipality=municipality, text=request.GET.get("q", ""))
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "public, max-age=300"
    return response


def citizen_report_thanks(request, slug):
    municipality = _municipality(slug)
    return render(request, "public/report_thanks.html", {"public_municipality": municipality})


def citizen_report_lookup(request, slug):
    municipality = _municipality(slug)
    code = (request.GET.get("kod") or "").strip().upper().replace(" ", "").replace("-", "")
    if code:
        return redirect("public:report_status", slug, code)
    return render(request, "public/report_lookup.html", {"public_municipality": municipality})


def _tracked_report(municipality, code):
    return report_selectors.report_by_tracking_code(municipality=municipality, code=code)


def _not_found(request, municipality, code):
    return render(
        request,
        "public/report_lookup.html",
        {"public_municipality": municipality, "not_found": code},
        status=404,
    )


def _status_page(request, municipality, report, *, reopen_form=None, status=200):
    return render(
        request,
        "public/report_status.html",
        {
            "public_municipality": municipality,
            "report": report,
            "new": request.GET.get("ny") == "1",
            "history": tracking.public_history(report=report),
            "reopen": tracking.reopen_state(report=report),
            "reopen_form": reopen_form or ReopenForm(),
            "reopened": request.GET.get("oppnad") == "1",
        },
        status=status,
    )


def citizen_report_status(request, slug, code):
    """The tracking page: status, history, the municipality's public replies and, within
    30 days of closing, "inte åtgärdat – öppna igen"."""
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        report = _tracked_report(municipality, code)
        if report is None:
            return _not_found(request, municipality, code)
        return _status_page(request, municipality, report)


@require_POST
def citizen_report_reopen(request, slug, code):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        report = _tracked_report(municipality, code)
        if report is None:
            return _not_found(request, municipality, code)
        form = ReopenForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                report_services.report_reopen_by_citizen(
                    municipality=municipality,
                    report=report,
                    reason=form.cleaned_data["reason"],
                    client=client_key(request),
                )
            except report_services.TooManyReopens as refused:
                form.add_error(None, refused.message)
                status = 429
            except ValidationError as error:
                # The page may no longer show the field (the report is not closed): the
                # summary at the top carries the reason.
                for messages in error.message_dict.values():
                    form.add_error(None, messages)
            else:
                return redirect(
                    reverse("public:report_status", args=[slug, report.tracking_code]) + "?oppnad=1"
                )
        return _status_page(request, municipality, report, reopen_form=form, status=status)


# A mail client's one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the signed
# token in the address is what authorises it, and all it can do is stop mails.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, slug, token):
    """GET asks (link scanners in mail systems follow every link); POST unsubscribes."""
    municipality = _municipality(slug)
    done = None
    if request.method == "POST":
        with scope(municipality=municipality):
            done = report_services.status_subscription_cancel(
                municipality=municipality, token=token
            )
    return render(
        request,
        "public/unsubscribe.html",
        {"public_municipality": municipality, "done": done},
    )


def promise(request, slug, year=None):
    """The current medborgarlöfte (or a year's), its activities and progress, earlier years."""
    municipality = _municipality(slug)
    from trygg.strategy import selectors as strategy

    with scope(municipality=municipality):
        current = strategy.public_promise(municipality=municipality, year=year)
        if current is None and year is not None:
            raise Http404
        focus = list(current.focus_areas.all()) if current else []
        # The dialogues behind each focus area, from the apps that register links (dialog).
        links = promise_links_for(municipality=municipality, focus_area_ids=[f.pk for f in focus])
        return render(
            request,
            "public/promise.html",
            {
                "public_municipality": municipality,
                "promise": current,
                "focus_areas": [(f, links.get(f.pk, [])) for f in focus],
                "progress": strategy.progress(current) if current else None,
                "earlier": strategy.published_promises(municipality=municipality).exclude(
                    pk=getattr(current, "pk", None)
                ),
            },
        )
