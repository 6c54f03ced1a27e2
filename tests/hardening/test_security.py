"""Security: writes need credentials, the admin needs staff, session writes need their CSRF token,
production runs without debug, the repository holds no secret, and the anonymous rate limit holds."""

import re
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from tests.hardening.support import ARTICLE, SOURCES, assert_refused, manage, table_counts
from timeline.models import Source, Statement

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "hardening-test-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "timeline.example.org",
}


@pytest.mark.django_db
def test_anonymous_writes_are_refused_in_json_and_change_nothing(anonymous_client, stored_source):
    before = table_counts()
    assert_refused(anonymous_client.post(SOURCES, {"text": "The mayor said."}, format="json"), 401)
    assert_refused(anonymous_client.delete(f"{SOURCES}{stored_source.pk}/"), 401)
    assert_refused(anonymous_client.put(f"{SOURCES}{stored_source.pk}/", {}, format="json"), 401)
    assert table_counts() == before


@pytest.mark.django_db
def test_the_admin_turns_away_a_logged_in_user_who_is_not_staff(client, django_user_model, stored_source):
    client.force_login(django_user_model.objects.create_user("reader", password="a-long-password-1"))
    statement = Statement.objects.get()
    for url in (
        reverse("admin:index"),
        reverse("admin:timeline_statement_change", args=[statement.pk]),
        reverse("admin:timeline_statement_delete", args=[statement.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login"))
    response = client.post(reverse("admin:timeline_statement_delete", args=[statement.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert Statement.objects.filter(pk=statement.pk).exists()


@pytest.mark.django_db
def test_a_staff_session_writes_only_with_its_csrf_token(django_user_model):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(django_user_model.objects.create_user("editor", is_staff=True))

    refused = browser.post(SOURCES, {"text": ARTICLE}, format="json")

    assert_refused(refused, 403, says="CSRF")
    assert not Source.objects.exists()
    # The same session with the token a page of the site gave it may write: the 403 was the CSRF check.
    browser.get(reverse("admin:index"))
    accepted = browser.post(
        SOURCES, {"text": ARTICLE}, format="json", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value
    )
    assert accepted.status_code == 201, accepted.content


@pytest.mark.django_db
def test_an_admin_form_posted_without_its_csrf_token_is_refused(django_user_model, stored_source):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(django_user_model.objects.create_user("editor", is_staff=True, is_superuser=True))
    statement = Statement.objects.get()

    response = browser.post(reverse("admin:timeline_statement_delete", args=[statement.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_production_settings_run_without_debug_and_show_no_debug_page():
    script = (
        "from django.conf import settings; from django.test import Client; "
        "client = Client(HTTP_HOST='timeline.example.org'); "
        "page = client.get('/no-such-page/', secure=True); "
        "print(settings.DEBUG, page.status_code, 'URLconf' in page.content.decode())"
    )
    result = manage("shell", "--verbosity", "0", "-c", script, env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "404", "False"]


def test_production_redirects_plain_http_to_https():
    script = (
        "from django.test import Client; "
        "print(Client(HTTP_HOST='timeline.example.org').get('/api/timeline/').headers['Location'])"
    )
    result = manage("shell", "--verbosity", "0", "-c", script, env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://timeline.example.org/api/timeline/"


# What a committed secret looks like. The settings' local development key is allowed by name.
SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Django secret key": re.compile(r"""SECRET_KEY\s*=\s*["'](?!insecure-local-development-key)[^"']+["']"""),
    "password hash": re.compile(r"\b(?:pbkdf2_sha256|argon2|bcrypt_sha256)\$"),
}


def test_no_secret_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    found = []
    for name in filter(None, tracked):
        path = settings.BASE_DIR / name
        if not path.is_file():
            continue  # removed in the work tree, not yet in a commit
        text = path.read_bytes().decode("utf-8", errors="replace")
        found += [f"{name}: {kind}" for kind, pattern in SECRET_PATTERNS.items() if pattern.search(text)]
    assert found == []


def test_the_secret_patterns_find_what_they_are_for():
    # Assembled here so that this file itself holds none of them.
    samples = {
        "private key": "-----BEGIN RSA " + "PRIVATE KEY-----",
        "AWS access key": "AKIA" + "ABCDEFGHIJKLMNOP",
        "Django secret key": "SECRET_" + 'KEY = "s3cr3t-production-value"',
        "password hash": "pbkdf2_sha256" + "$870000$salt$hash",
    }
    for kind, sample in samples.items():
        assert SECRET_PATTERNS[kind].search(sample), kind
    assert not SECRET_PATTERNS["Django secret key"].search('SECRET_KEY = "insecure-local-development-key-do-not"')


@pytest.mark.django_db
def test_a_forged_forwarded_address_does_not_escape_the_anonymous_rate(anonymous_client):
    # The rate as configured (REST framework binds it when the throttle class is imported, so
    # override_settings cannot lower it here); tests/api checks the plain burst and its 429 body.
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
    answers = [
        anonymous_client.get("/api/actors/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number % 250}, 10.0.0.{number // 250}")
        for number in range(limit + 1)
    ]
    assert [answer.status_code for answer in answers[:limit]] == [200] * limit
    assert_refused(answers[-1], 429, says="throttled")
