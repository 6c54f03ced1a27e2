"""``manage.py ingest``: one transaction per article, one line per failure, a summary, the right exit."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from timeline.models import Source, Statement

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Harbour Master Ines Duarte closed the channel on Tuesday.\n\n"
    '"The channel stays closed until the wreck is lifted," Duarte said.\n'
)
OTHER = 'Port director Tomas Ferreira said on Monday: "The port will reopen next week."\n'
SPANISH = (
    "El capitán de puerto Inés Duarte cerró el canal el martes. «El canal seguirá cerrado hasta que se "
    "retire el barco hundido», dijo Duarte a los periodistas reunidos en el muelle.\n"
)
NOT_ENGLISH = "article text does not look like English; extraction reads English only"


def ingest(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def write_manifest(folder, entries):
    path = folder / "manifest.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_manifest_articles_are_stored_with_progress_and_a_summary(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    manifest = write_manifest(
        tmp_path,
        [
            {"file": "a.txt", "published": "2021-03-09", "outlet": "Harbour News", "title": "", "url": None},
            {"file": "b.txt", "published": "2021-03-09T10:00:00Z", "outlet": "Port Daily"},
        ],
    )

    out, err, error = ingest("--manifest", str(manifest))

    assert error is None
    assert "[###############...............] 1/2 a.txt: new" in err
    assert "2/2 b.txt: new" in err
    assert out.startswith("2 articles: 2 new, 0 re-extracted, 0 unchanged, 0 failed.")
    assert sorted(Source.objects.values_list("outlet", flat=True)) == ["Harbour News", "Port Daily"]
    assert Statement.objects.filter(text__contains="channel stays closed").exists()


def test_a_second_run_changes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ingest(str(tmp_path / "a.txt"), "--published", "2021-03-09")
    statements = list(Statement.objects.values_list("uid", flat=True))

    out, err, error = ingest(str(tmp_path / "a.txt"), "--published", "2021-03-09", "--outlet", "Other")

    assert error is None
    assert "1/1 a.txt: unchanged" in err
    assert "1 articles: 0 new, 0 re-extracted, 1 unchanged, 0 failed." in out
    assert list(Statement.objects.values_list("uid", flat=True)) == statements


def test_failed_articles_are_reported_in_one_line_the_others_stored_and_the_exit_is_non_zero(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    manifest = write_manifest(
        tmp_path,
        [{"file": name, "published": "2021-03-09"} for name in ("empty.txt", "missing.txt", "latin1.txt", "good.txt")],
    )

    out, err, error = ingest("--manifest", str(manifest))

    assert error == "3 of 4 articles failed; nothing of them was stored"
    lines = err.splitlines()
    assert len(lines) == 4
    assert "empty.txt: FAILED: " in lines[0] and "article text is empty" in lines[0]
    assert "missing.txt: FAILED: " in lines[1] and "no such file" in lines[1]
    assert "latin1.txt: FAILED: " in lines[2] and "not valid UTF-8 (byte offset 3)" in lines[2]
    assert "good.txt: new" in lines[3]
    assert "Traceback" not in err
    assert "4 articles: 1 new, 0 re-extracted, 0 unchanged, 3 failed." in out
    assert Source.objects.count() == 1


def test_a_malformed_manifest_stops_the_command_with_its_reason(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text("{not json", encoding="utf-8")

    out, err, error = ingest("--manifest", str(manifest))

    assert "malformed JSON" in error
    assert not Source.objects.exists()


def test_a_malformed_publication_date_stops_the_command(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out, err, error = ingest(str(tmp_path / "a.txt"), "--published", "last Tuesday")
    assert "publication date 'last Tuesday'" in error


def test_either_a_manifest_or_files(tmp_path):
    assert "either --manifest FILE or one or more article files" in ingest()[2]


def test_a_non_english_article_is_reported_and_not_stored_while_the_others_are(tmp_path):
    (tmp_path / "spanish.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")

    out, err, error = ingest(str(tmp_path / "spanish.txt"), str(tmp_path / "good.txt"), "--published", "2021-03-09")

    assert error == "1 of 2 articles failed; nothing of them was stored"
    assert f"spanish.txt: FAILED: {tmp_path / 'spanish.txt'}: {NOT_ENGLISH}" in err
    assert list(Source.objects.values_list("text", flat=True)) == [ARTICLE]


def test_the_api_refuses_a_non_english_article_with_the_same_message(django_user_model):
    client = APIClient()
    token = Token.objects.create(user=django_user_model.objects.create_user("robot"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.post("/api/sources/", {"text": SPANISH, "published": "2021-03-09"}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == NOT_ENGLISH
    assert not Source.objects.exists()
