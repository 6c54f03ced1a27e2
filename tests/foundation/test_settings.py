"""Settings come from the environment: safe local defaults, and a production mode that refuses to guess."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a" * 20 + "-production-secret-" + "b" * 30,
    "DJANGO_ALLOWED_HOSTS": "timeline.example.org",
}


def manage(*args, env_overrides, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )


def test_production_without_a_secret_key_refuses_to_start_with_a_clear_message():
    result = manage("check", env_overrides={"DJANGO_DEBUG": "0"}, drop=("DJANGO_SECRET_KEY",))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_deploy_check_passes_in_production_configuration():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_database_url_the_project_runs_on_sqlite_in_the_project_root():
    code = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup(); "
        "from django.conf import settings; "
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(settings.BASE_DIR / "db.sqlite3")


def test_tests_run_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_migrations_match_the_models():
    result = manage("makemigrations", "--check", "--dry-run", env_overrides={})
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_statement_run_again_and_again_on_postgresql_is_prepared_once_on_the_server(db):
    from django.db import connection

    from timeline.models import Source

    for attempt in range(6):
        Source.objects.filter(url=f"https://example.org/{attempt}").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "timeline_source" WHERE "timeline_source"."url" = $' in statement for statement in prepared)


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('server_side_binding', False))"
    )

    def server_side_binding(**environment):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert server_side_binding() == "True"
    assert server_side_binding(DATABASE_PREPARED_STATEMENTS="0") == "False"
