"""manage.py restore <fil>: an archive from `backup` back into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trygg.core.backup import BackupError, backup_restore, backup_verify, files_text
from trygg.locale_sv import format_number


class Command(BaseCommand):
    help = (
        "Återställer databasen och de uppladdade filerna från en säkerhetskopia. Alla "
        "kontrollsummor kontrolleras innan något ändras; databasen måste vara tom."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Arkivfil från manage.py backup.")
        parser.add_argument(
            "--replace",
            "--force",
            action="store_true",
            help="Ersätt en databas och en filmapp som inte är tomma (allt nuvarande innehåll).",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Kontrollera bara arkivet (alla kontrollsummor); ändra ingenting.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, replace, verify, database, **options):
        try:
            if verify:
                manifest = backup_verify(archive)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Säkerhetskopian är hel: skapad {manifest['created_at']}, "
                        f"{files_text(len(manifest['files']) - 1)}, databas {manifest['engine']}."
                    )
                )
                return
            result = backup_restore(archive, using=database, replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Återställd från säkerhetskopian skapad {result.created_at}: databasen och "
                f"{files_text(result.files)} på {format_number(result.seconds, 1)} s. "
                "Starta om tjänsten."
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                f"Säkerhetskopian är från en äldre version: {len(result.pending_migrations)} "
                "migreringar saknas. Kör manage.py migrate."
            )
        self.stdout.write(
            "Rader som gallrats efter att kopian gjordes finns med igen; tjänstens dagliga "
            "gallring (kl. 02.30) tar bort dem."
        )
