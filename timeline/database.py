"""Reading timestamps from PostgreSQL at the speed of psycopg's compiled loader.

Django registers its own loader for ``timestamptz`` on every connection, a subclass of psycopg's
pure-Python one (Django ticket 36960): reading a row of facts, with six timestamps, cost three times
what it costs with the loader psycopg compiles. The compiled class cannot be subclassed, so the
loader registered here hands each value to an instance of it.

Django's loader only sets the connection's time zone on what it reads; a connection whose time zone
is UTC (``USE_TZ``, as in ``config.settings``) reads the same datetimes with either.
"""

from datetime import UTC

import psycopg
from psycopg.adapt import Loader
from psycopg.pq import Format

TIMESTAMPTZ_OID = psycopg.postgres.types["timestamptz"].oid
# psycopg's default loader for the type: the compiled one when psycopg's C extension is installed.
COMPILED_LOADER = psycopg.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)


class UtcTimestamptzLoader(Loader):
    # Django compares this with its connection's time zone, and registers its own loader on a cursor
    # if they differ.
    timezone = UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        # psycopg calls ``load`` once a value: the compiled loader's own, with no Python in between.
        self.load = COMPILED_LOADER(oid, context).load

    def load(self, data):  # replaced on each instance by the compiled loader's
        raise NotImplementedError


def use_compiled_timestamp_loader(sender, connection, **kwargs):
    """``connection_created`` receiver: the compiled loader on each new PostgreSQL connection in UTC."""
    if connection.vendor == "postgresql" and connection.timezone == UTC:
        connection.connection.adapters.register_loader(TIMESTAMPTZ_OID, UtcTimestamptzLoader)
