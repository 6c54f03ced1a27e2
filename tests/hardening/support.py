"""Helpers of the hardening tests: the articles they send, the error shape they expect, table counts
that prove a refused request wrote nothing, the admin forms a person submits, manage.py in a
subprocess and HTTP to a live server."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

from tests.seeds import seed_article
from timeline.articles import parse_published
from timeline.extraction.types import Publication
from timeline.models import Actor, ActorRole, Alias, Conflict, ConflictSide, Evidence, Fact, Source
from timeline.services.ingest import ingest_article

TIMELINE_TABLES = (Source, Actor, Alias, ActorRole, Fact, Evidence, Conflict, ConflictSide)
SOURCES = "/api/sources/"

ARTICLE = 'Harbour Master Ines Duarte said on Monday: "The channel stays closed until the wreck is lifted."\n'
MARKUP = "<script>alert('owned')</script><img src=x onerror=alert(1)>"
ARTICLE_WITH_MARKUP = f'Harbour Master Ines Duarte said on Monday: "{MARKUP} The <b>channel</b> stays closed."\n'


def assert_refused(response, status: int, *, field: str | None = None, says: str = "") -> dict:
    """The one JSON error shape, with the status, the offending field named and the reason given."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"status", "code", "detail", "fields"}
    assert body["status"] == status
    if field is not None:
        assert list(body["fields"]) == [field], body
    assert says in json.dumps(body), body
    return body


def ingest_seed(number: int):
    article = seed_article(number)
    published, _precision = parse_published(article["published"])
    publication = Publication(published=published, outlet=article["outlet"], title=article["title"], url="")
    return ingest_article(text=article["text"], publication=publication)


def start_manage(*args, env_overrides=None) -> subprocess.Popen:
    """``manage.py`` started in a subprocess, on the test database: a transactional test sees what it wrote."""
    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": database_url.geturl(), **(env_overrides or {})}
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, args)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> subprocess.CompletedProcess:
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def manage(*args, env_overrides=None) -> subprocess.CompletedProcess:
    """``manage.py`` run to its end in a subprocess, on the test database."""
    return finish(start_manage(*args, env_overrides=env_overrides))


def post_article(live_server, token: str, article: dict) -> tuple[int, dict]:
    """POST ``article`` to a live server over real HTTP: the status and the JSON answer."""
    request = urllib.request.Request(
        f"{live_server.url}/api/sources/",
        data=json.dumps(article).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def table_counts() -> dict[str, int]:
    """Rows in every timeline table, to compare before and after a request that must change nothing."""
    return {model.__name__: model.objects.count() for model in TIMELINE_TABLES}


class ChangeFormParser(HTMLParser):
    """The fields of an admin change form as a browser would submit them, unchanged."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = [""]
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            # The admin starts a textarea with a newline that browsers drop.
            self.fields[self._textarea][0] += data.removeprefix("\n") if not self.fields[self._textarea][0] else data


def admin_change_form(client, url) -> dict[str, list[str]]:
    """What the admin page at ``url`` would post back if saved as it is."""
    page = client.get(url)
    assert page.status_code == 200, url
    parser = ChangeFormParser()
    parser.feed(page.content.decode())
    return parser.fields


def admin_save(client, url, changes: dict) -> None:
    """Save the admin change form at ``url`` with ``changes``, as a person would in the browser."""
    data = admin_change_form(client, url)
    data.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
