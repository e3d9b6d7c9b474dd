import base64
from datetime import timedelta
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import contributions, ratelimit, selectors, services, twofactor
from .audit import audit_log
from .clientip import keyed_hash
from .decorators import member_required
from .forms import (
    LoginForm,
    MembershipForm,
    MunicipalityForm,
    OrganisationForm,
    OtpTokenForm,
    add_validation_errors,
)
from .health import health_check
from .middleware import SESSION_KEY
from .models import Role
from .permissions import ROLES_REQUIRING_2FA
from .viewer import viewer_for_request

PASSWORD_RESET_WINDOW = timedelta(hours=1)


def healthz(request):
    health = health_check()
    body = {
        "status": "ok" if health.ok else "fel",
        "database": health.database,
        "disk_free_mb": health.disk_free_mb,
        "disk": "ok" if health.disk_ok else "nästan full",
    }
    response = JsonResponse(body, status=200 if health.ok else 503)
    if not health.ok:
        response["Retry-After"] = "30"
    return response


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordResetView(auth_views.PasswordResetView):
    """Mails a reset link at most PASSWORD_RESET_PER_ACCOUNT times an hour per address
    typed and PASSWORD_RESET_PER_ADDRESS per client; over either limit nothing is sent and
    the answer is the same page, so it reveals neither the limit nor the account."""

    template_name = "core/password_reset.html"
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    success_url = reverse_lazy("core:password_reset_done")

    @property
    def extra_email_context(self):
        # The link is built on SITE_URL, not on the Host header the request came with.
        return {"site_url": settings.SITE_URL}

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().casefold()
        allowed = ratelimit.hit(
            bucket="password_reset_ip",
            request=self.request,
            limit=settings.PASSWORD_RESET_PER_ADDRESS,
            window=PASSWORD_RESET_WINDOW,
        ) and ratelimit.hit(
            bucket="password_reset_account",
            key=keyed_hash("reset:" + email),
            limit=settings.PASSWORD_RESET_PER_ACCOUNT,
            window=PASSWORD_RESET_WINDOW,
        )
        if not allowed:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("core:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_log(event="core.password_reset", actor=form.user, summary="Lösenord bytt")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"


def start(request):
    """What this person's roles give them, from what every app registered (core.contributions):
    the menu's entries with a line each, grouped, and the panels the viewer may see. Someone
    with no municipality who belongs to a county goes to the county's start page instead."""
    if request.user.is_authenticated and request.municipality is None:
        landing = contributions.landing_for(request.user)
        if landing:
            return redirect(landing)
    return _start(request)


@member_required()
def _start(request):
    roles_display = [label for value, label in Role.choices if value in request.roles]
    return render(
        request,
        "core/start.html",
        {
            "groups": [
                (label, [(entry, reverse(entry.url_name)) for entry in entries])
                for label, entries in contributions.start_page_for(request.roles)
            ],
            "panels": contributions.panels_for(viewer_for_request(request)),
            "roles_display": roles_display,
        },
    )


@require_POST
@login_required
def switch_municipality(request):
    target = request.POST.get("municipality")
    match = next((m for m in request.workspace.municipalities if str(m.pk) == target), None)
    if match is None:
        raise Http404
    request.session[SESSION_KEY] = match.pk
    audit_log(
        event="core.municipality_switched",
        actor=request.user,
        municipality=match,
        summary=f"Bytte till {match.name}",
    )
    messages.success(request, _("Du arbetar nu i %(name)s.") % {"name": match.name})
    return redirect("core:start")


# --- Two-factor login -------------------------------------------------------------


@login_required
def otp_overview(request):
    return render(
        request,
        "core/otp_overview.html",
        {
            "devices": twofactor.confirmed_devices(request.user),
            "required": bool(request.roles & ROLES_REQUIRING_2FA),
        },
    )


@login_required
def otp_setup(request):
    device = twofactor.pending_device(request.user)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.confirm_device(request, device, form.cleaned_data["token"]):
            messages.success(request, _("Tvåfaktorsinloggning är aktiverad."))
            return redirect("core:otp_overview")
        form.add_error(
            "token", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
        )
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return render(
        request,
        "core/otp_setup.html",
        {
            "form": form,
            "qr_data_uri": "data:image/svg+xml;base64,"
            + base64.b64encode(buffer.getvalue()).decode(),
            "secret": twofactor.readable_secret(device),
        },
    )


@login_required
def otp_verify(request):
    if not twofactor.confirmed_devices(request.user):
        return redirect("core:otp_setup")
    form = OtpTokenForm(request.POST or None)
    next_url = request.GET.get("next") or request.POST.get("next") or reverse("core:start")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("core:start")
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request, form.cleaned_data["token"]):
            return redirect(next_url)
        form.add_error("token", _("Koden stämmer inte. Försök igen."))
    return render(request, "core/otp_verify.html", {"form": form, "next": next_url})


@require_POST
@login_required
def otp_remove(request, pk):
    if request.roles & ROLES_REQUIRING_2FA and twofactor.is_required():
        messages.error(request, _("Din roll kräver tvåfaktorsinloggning; den kan inte tas bort."))
        return redirect("core:otp_overview")
    twofactor.remove_device(request, pk)
    messages.success(request, _("Tvåfaktorsinloggningen är borttagen."))
    return redirect("core:otp_overview")


# --- Administration ------------------------------------------------------------------


@member_required("core.manage_organisations")
def organisation_list(request):
    return render(
        request,
        "core/organisation_list.html",
        {"organisations": selectors.organisation_list(municipality=request.municipality)},
    )


@member_required("core.manage_organisations")
def organisation_edit(request, pk=None):
    organisation = None
    if pk is not None:
        organisation = selectors.organisation_get(municipality=request.municipality, pk=pk)
        if organisation is None:
            raise Http404
    initial = (
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "email": organisation.email,
            "active": organisation.active,
        }
        if organisation
        else {"active": True}
    )
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if organisation is None:
                services.organisation_create(
                    viewer=viewer_for_request(request),
                    name=data["name"],
                    kind=data["kind"],
                    email=data["email"],
                )
            else:
                services.organisation_update(
                    viewer=viewer_for_request(request),
                    organisation=organisation,
                    name=data["name"],
                    kind=data["kind"],
                    email=data["email"],
                    active=data["active"],
                )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Organisationen är sparad."))
            return redirect("core:organisation_list")
    return render(
        request, "core/organisation_form.html", {"form": form, "organisation": organisation}
    )


@member_required("core.manage_memberships")
def membership_list(request):
    organisations = selectors.organisation_list(municipality=request.municipality).filter(
        active=True
    )
    form = MembershipForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_grant(
                viewer=viewer_for_request(request),
                organisation=data["organisation"],
                role=data["role"],
                username=data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Rollen är tilldelad."))
            return redirect("core:membership_list")
    return render(
        request,
        "core/membership_list.html",
        {"memberships": selectors.membership_list(municipality=request.municipality), "form": form},
    )


@member_required("core.manage_memberships")
def membership_revoke(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    membership = selectors.membership_get(municipality=request.municipality, pk=pk)
    if membership is None:
        raise Http404
    try:
        services.membership_revoke(viewer=viewer_for_request(request), membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rollen är borttagen."))
    return redirect("core:membership_list")


@member_required("core.manage_municipality")
def municipality_edit(request):
    municipality = request.municipality
    form = MunicipalityForm(
        request.POST or None,
        initial={
            "name": municipality.name,
            "official_name": municipality.official_name,
            "population": municipality.population,
            "job_file_keep_days": municipality.job_file_keep_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_update(
                viewer=viewer_for_request(request),
                name=form.cleaned_data["name"],
                official_name=form.cleaned_data["official_name"],
                population=form.cleaned_data["population"],
                job_file_keep_days=form.cleaned_data["job_file_keep_days"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Kommunens uppgifter är sparade."))
            return redirect("core:municipality_edit")
    return render(request, "core/municipality_form.html", {"form": form})


@member_required("core.view_audit")
def audit_list(request):
    filters = selectors.audit_filter(
        event=request.GET.get("handelse", ""),
        object_type=request.GET.get("objekttyp", ""),
        object_id=request.GET.get("objekt", ""),
    )
    page = selectors.audit_page(
        viewer=viewer_for_request(request), filters=filters, page=request.GET.get("sida", 1)
    )
    return render(
        request,
        "core/audit_list.html",
        {"page": page, "filters": filters, "events": selectors.audit_event_choices()},
    )
