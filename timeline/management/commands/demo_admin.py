"""Create the admin login of the local demo and print its credentials.

Only for the demo that ``bin/demo`` runs: it refuses unless debug is on and the database is SQLite,
so a production configuration never gets an account with a password printed to a terminal.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

DEMO_USERNAME = "demo"


class Command(BaseCommand):
    help = "Create (or reset) the local demo's admin user and print its credentials. Local demo only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="create the user even though debug is off or the database is not SQLite",
        )

    def handle(self, *args, force, **options):
        if not force and not (settings.DEBUG and connection.vendor == "sqlite"):
            raise CommandError(
                "demo_admin only runs for the local demo (DJANGO_DEBUG on, SQLite database); "
                "use `manage.py createsuperuser` for a real account, or --force if you mean it."
            )
        # A new password each run: nothing guessable outlives the terminal that printed it.
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Admin login for this local demo: username {DEMO_USERNAME}  password {password}")
