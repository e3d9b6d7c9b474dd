"""Reads for the biennial strategic lägesbild and its versions."""

from django.db.models import QuerySet

from trygg.core.kernel import require
from trygg.core.viewer import Viewer

from ..models import StrategicPicture


def picture_list(*, viewer: Viewer) -> QuerySet[StrategicPicture]:
    require(viewer, "strategy.view")
    return StrategicPicture.objects.filter(municipality=viewer.municipality)


def picture_get(*, viewer: Viewer, pk: int) -> StrategicPicture | None:
    return picture_list(viewer=viewer).filter(pk=pk).first()
