"""A throwaway PostgreSQL cluster for the test run when no ``DATABASE_URL`` is given.

Loaded with ``-p tests.postgres_cluster`` (see ``pyproject.toml``). The hook wraps pytest-django's own
``pytest_load_initial_conftests``, which reads the settings, so ``DATABASE_URL`` is in place before
the settings module is imported. The cluster listens on a Unix socket in a private directory only
and is removed when the run ends. PostgreSQL refuses to run as root, so as root it runs as the
``postgres`` user.
"""

import atexit
import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

PG_BIN_CANDIDATES = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/local/bin"), Path("/usr/bin")]


def _pg_tool(name):
    found = shutil.which(name)
    if found:
        return found
    for folder in PG_BIN_CANDIDATES:
        if (folder / name).exists():
            return str(folder / name)
    raise pytest.UsageError(
        f"DATABASE_URL is not set and the PostgreSQL server tool {name!r} was not found; "
        "install PostgreSQL 15 or point DATABASE_URL at a server."
    )


class ThrowawayCluster:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.run_as = None
        if os.geteuid() == 0:
            self.run_as = pwd.getpwnam("postgres")

    def _run(self, args):
        command = [*args]
        if self.run_as is not None:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise pytest.UsageError(f"{' '.join(args[:2])} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self):
        self.socket_dir.mkdir()
        if self.run_as is not None:
            for path in (self.root, self.socket_dir):
                os.chown(path, self.run_as.pw_uid, self.run_as.pw_gid)
        self._run(
            [
                _pg_tool("initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--locale=C",
            ]
        )
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.socket_dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self._run(
            [
                _pg_tool("pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "start",
            ]
        )
        return f"postgres://postgres@{quote(str(self.socket_dir), safe='')}/postgres"

    def stop(self):
        if self.data.exists():
            with contextlib.suppress(pytest.UsageError):
                self._run([_pg_tool("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if not os.environ.get("DATABASE_URL"):
        cluster = ThrowawayCluster()
        atexit.register(cluster.stop)
        os.environ["DATABASE_URL"] = cluster.start()
    return (yield)
