from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Print the API token of USERNAME, creating it if the user has none. Writes to the API need it as "
        "`Authorization: Token <key>`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--create-user",
            action="store_true",
            help="Create USERNAME (without a password: it can use the API but not log in) if it does not exist.",
        )
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the user's token with a new one; the old one stops working."
        )

    def handle(self, *args, username, create_user, rotate, **options):
        users = get_user_model()
        try:
            user = users.objects.get_by_natural_key(username)
        except users.DoesNotExist:
            if not create_user:
                raise CommandError(f"No user {username!r}: create one first, or pass --create-user.") from None
            user = users.objects.create_user(username)
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; its token would be refused.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
