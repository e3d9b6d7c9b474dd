"""Reports whose time of day is known: a whole day's interval (a spreadsheet row with only a
date) says nothing about the hour, so hour-of-day figures leave it out."""

from datetime import timedelta

from django.db.models import F, Q, QuerySet

from .models import Report

# The shortest a day can be (the spring DST change): an interval at least this long is a
# date without a time of day, e.g. a spreadsheet row with only a date.
WHOLE_DAY = timedelta(hours=23)


def with_time_of_day(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Only reports whose time of day is known: what hour-of-day figures may count. A report
    stored as a whole day's interval would otherwise all land in hour 0."""
    return reports.exclude(WHOLE_DAY_Q)


WHOLE_DAY_Q = Q(occurred_until__isnull=False, occurred_until__gte=F("occurred_at") + WHOLE_DAY)
