import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def issue(*args):
    out = io.StringIO()
    call_command("issue_token", *args, stdout=out)
    return out.getvalue().strip()


def test_prints_one_token_per_user_and_it_authorizes_writes(client, django_user_model):
    user = django_user_model.objects.create_user("newsroom")
    key = issue("newsroom")
    assert key == Token.objects.get(user=user).key
    assert issue("newsroom") == key

    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    # Past authentication and permission: the body is what is refused now.
    response = client.post("/api/sources/", {}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["text"]


def test_rotate_replaces_the_token(django_user_model):
    django_user_model.objects.create_user("newsroom")
    old = issue("newsroom")
    new = issue("newsroom", "--rotate")
    assert new != old
    assert not Token.objects.filter(key=old).exists()


def test_unknown_user_is_an_error_unless_asked_to_create_it(django_user_model):
    with pytest.raises(CommandError, match="No user 'robot'"):
        issue("robot")
    key = issue("robot", "--create-user")
    robot = django_user_model.objects.get(username="robot")
    assert not robot.has_usable_password()
    assert Token.objects.get(user=robot).key == key


def test_inactive_user_gets_no_token(django_user_model):
    django_user_model.objects.create_user("gone", is_active=False)
    with pytest.raises(CommandError, match="inactive"):
        issue("gone")
