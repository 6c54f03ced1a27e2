"""The database a benchmark runs against, and the settings it runs Django with.

``DATABASE_URL`` when it is set; otherwise a throwaway PostgreSQL cluster (the one the tests use),
removed when the benchmark ends. Either way the schema is migrated first, which is a no-op on a
database that is up to date.
"""

import os
import secrets
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

# Production-like settings: no query log kept by DEBUG, no HTTPS redirect on plain loopback HTTP,
# and an anonymous rate limit high enough that a load test measures the server, not the throttle.
BENCHMARK_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "TIMELINE_ANON_RATE": "100000000/minute",
}


def configure_environment():
    """Set the benchmark settings unless the caller's environment already chose them.

    Gunicorn workers inherit this environment, so the served and the in-process stacks agree.
    """
    if str(REPOSITORY) not in sys.path:
        sys.path.insert(0, str(REPOSITORY))
    for name, value in BENCHMARK_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))


@contextmanager
def benchmark_database(log=print):
    """Django set up against a migrated database; yields a short description of where it is."""
    import django
    from django.core.management import call_command
    from django.db import connections

    configure_environment()
    # Static files are not collected for a benchmark and no benchmarked page serves any.
    warnings.filterwarnings("ignore", message="No directory at")
    cluster = None
    if not os.environ.get("DATABASE_URL"):
        from tests.postgres_cluster import ThrowawayCluster

        cluster = ThrowawayCluster()
        os.environ["DATABASE_URL"] = cluster.start()
        log(f"DATABASE_URL is not set: started a throwaway PostgreSQL cluster in {cluster.root}")
    try:
        django.setup()
        call_command("migrate", verbosity=0)
        yield "throwaway cluster" if cluster else "DATABASE_URL"
    finally:
        connections.close_all()
        if cluster:
            cluster.stop()
            os.environ.pop("DATABASE_URL")
