"""The county user's start page: logging in lands on core's start page, which a person with
no municipality cannot use; core asks the registered landings where they belong."""

from django.urls import reverse

from trygg.core.contributions import Landing, landings

from .models import CountyMembership


def _county_start(user) -> str:
    if CountyMembership.objects.filter(user=user).exists():
        return reverse("county:overview")
    return ""


def register() -> None:
    landings.register(Landing("county.start", _county_start))
