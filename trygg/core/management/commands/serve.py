"""Starts the web server (granian, WSGI) and the task worker side by side; Ctrl-C stops both."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Startar webbservern och bakgrundsarbetaren; Ctrl-C stoppar båda."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--workers", default="2")

    def handle(self, *args, host, port, workers, **options):
        bin_dir = os.path.dirname(sys.executable)
        web = [
            os.path.join(bin_dir, "granian"),
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "2",
            "--no-ws",
            "trygg.wsgi:application",
        ]
        worker = [sys.executable, "manage.py", "db_worker", "--no-reload"]
        processes = [subprocess.Popen(web), subprocess.Popen(worker)]  # noqa: S603 - fixed argv
        self.stdout.write(
            self.style.SUCCESS(f"Trygg körs på http://{host}:{port}/ – stoppa med Ctrl-C.")
        )
        next_check = 0.0

        def stop(signum, frame):
            raise KeyboardInterrupt

        # A service manager stops us with SIGTERM: shut both children down the same way.
        signal.signal(signal.SIGTERM, stop)
        try:
            while all(p.poll() is None for p in processes):
                if time.monotonic() >= next_check:
                    from trygg.core.periodic import enqueue_due_jobs

                    enqueue_due_jobs()
                    next_check = time.monotonic() + 60
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGINT)
            for p in processes:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
        failed = [p for p in processes if p.returncode not in (0, None, -signal.SIGINT, 130)]
        if failed:
            sys.exit(1)
