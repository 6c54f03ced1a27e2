"""The demo's admin login exists only for the local demo."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_demo_admin_refuses_outside_a_local_sqlite_demo(settings):
    settings.DEBUG = True  # the test database is PostgreSQL: that alone must refuse
    with pytest.raises(CommandError, match="local demo"):
        call_command("demo_admin")
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local demo"):
        call_command("demo_admin")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_demo_admin_prints_credentials_that_log_in_to_the_admin(client):
    output = io.StringIO()
    call_command("demo_admin", force=True, stdout=output)
    words = output.getvalue().split()
    username, password = words[words.index("username") + 1], words[words.index("password") + 1]
    user = authenticate(username=username, password=password)
    assert user is not None and user.is_staff and user.is_superuser
    client.force_login(user)
    assert client.get("/admin/").status_code == 200

    call_command("demo_admin", force=True, stdout=io.StringIO())
    assert authenticate(username=username, password=password) is None, "each run issues a new password"
    assert get_user_model().objects.count() == 1
