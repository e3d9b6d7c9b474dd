from django.urls import re_path

from . import open311

app_name = "open311"

FMT = r"\.(?P<fmt>[a-z]+)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, open311.discovery, name="discovery"),
    re_path(r"^services" + FMT, open311.service_list, name="services"),
    re_path(r"^services/(?P<code>[\w-]+)" + FMT, open311.service_definition, name="service"),
    re_path(r"^requests" + FMT, open311.request_list, name="requests"),
    re_path(r"^challenge" + FMT, open311.challenge, name="challenge"),
    re_path(r"^requests/(?P<request_id>[\w-]+)" + FMT, open311.request_detail, name="request"),
]
