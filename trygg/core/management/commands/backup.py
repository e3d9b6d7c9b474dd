"""manage.py backup <fil eller mapp>: the database and the uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trygg.core.backup import BackupError, backup_create, files_text
from trygg.locale_sv import format_number


class Command(BaseCommand):
    help = (
        "Säkerhetskopierar databasen och de uppladdade filerna till ett arkiv (.tar eller "
        ".tar.gz). Ange en mapp för ett daterat filnamn."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="Arkivfil eller mapp.")
        parser.add_argument(
            "--keep-days",
            type=int,
            default=None,
            help="Radera daterade säkerhetskopior i samma mapp som är äldre än så här många dagar.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, target, keep_days, database, **options):
        try:
            result = backup_create(target, using=database, keep_days=keep_days)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Säkerhetskopia skriven till {result.path}: databasen och "
                f"{files_text(result.files)}, "
                f"{format_number(result.size / 1e6, 1)} MB på {format_number(result.seconds, 1)} s."
            )
        )
        for path in result.purged:
            self.stdout.write(f"Raderade gammal säkerhetskopia {path.name}.")
