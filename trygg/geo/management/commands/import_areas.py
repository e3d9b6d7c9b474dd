from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from trygg.core.viewer import operator_viewer
from trygg.geo.management.arguments import municipality_by_code, read_input
from trygg.geo.models import Area
from trygg.geo.services import areas_import


class Command(BaseCommand):
    help = "Importerar områden från en GeoJSON-fil (WGS 84 eller SWEREF 99 TM) till en kommun."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--kommunkod", required=True, help="t.ex. 1983")
        parser.add_argument("--typ", required=True, choices=Area.Kind.values)
        parser.add_argument("--crs", choices=["EPSG:4326", "EPSG:3006"], default=None)
        parser.add_argument("--namn-egenskap", default="", help="egenskapen med områdets namn")
        parser.add_argument("--kod-egenskap", default="", help="egenskapen med områdets kod")

    def handle(self, *args, **opts):
        municipality = municipality_by_code(opts["kommunkod"])
        raw = read_input(opts["path"])
        with scope(municipality=municipality):
            try:
                result = areas_import(
                    viewer=operator_viewer(municipality),
                    raw=raw,
                    kind=opts["typ"],
                    crs=opts["crs"],
                    name_property=opts["namn_egenskap"],
                    code_property=opts["kod_egenskap"],
                )
            except ValidationError as exc:
                raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(
            f"{result.total} områden importerade till {municipality.name} "
            f"({result.created} nya, {result.updated} uppdaterade; koordinatsystem {result.crs})."
        )
