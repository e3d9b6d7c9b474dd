from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from trygg.core.viewer import operator_viewer
from trygg.geo.gazetteer.services import address_register_replace
from trygg.geo.management.arguments import municipality_by_code, read_input
from trygg.geo.models import AddressImportJob


class Command(BaseCommand):
    help = (
        "Ersätter en kommuns adressregister med en fil: CSV med gata, nummer, postnummer, "
        "postort och koordinater (SWEREF 99 TM eller WGS 84) eller GeoJSON med "
        "OpenStreetMap-punkter (addr:*). En fil med fel importeras inte alls."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--kommunkod", required=True, help="t.ex. 1983")
        parser.add_argument(
            "--format",
            choices=AddressImportJob.Format.values,
            default=None,
            help="csv (koordinatsystem enligt rubrikerna), csv-3006, csv-4326 eller geojson; "
            "standard: efter filändelsen",
        )

    def handle(self, *args, **opts):
        municipality = municipality_by_code(opts["kommunkod"])
        path = opts["path"]
        fmt = opts["format"] or (
            AddressImportJob.Format.GEOJSON
            if path.suffix.lower() in (".geojson", ".json")
            else AddressImportJob.Format.CSV
        )
        raw = read_input(path)
        with scope(municipality=municipality):
            try:
                result = address_register_replace(
                    viewer=operator_viewer(municipality), raw=raw, fmt=fmt
                )
            except ValidationError as exc:
                raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(
            f"{result.imported} adresser importerade till {municipality.name} (de "
            f"{result.replaced} tidigare ersattes; {result.duplicates} dubbletter hoppades "
            f"över; koordinatsystem {result.crs})."
        )
