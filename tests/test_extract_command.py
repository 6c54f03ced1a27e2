"""The ``extract`` command, run for real as a separate process on files written for each test."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"
SHARED = Path(settings.BASE_DIR).parent / "shared"
ARTICLE = (
    'Chilean President Pablo Ortega said on Monday that the protests were "over."\n"We will not resign," Ortega said.\n'
)


def extract(*args, cwd=None):
    # The command must not need a database: point it at one that cannot exist.
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    return subprocess.run(
        [sys.executable, str(MANAGE), "extract", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def records(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def write_manifest(folder, entries):
    path = folder / "manifest.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_manifest_with_relative_paths_prints_one_json_object_per_article(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "articles" / "two.txt").write_text("Activist Daniel Ruiz was freed in 2014.\n", encoding="utf-8")
    manifest = write_manifest(
        tmp_path,
        [
            {"file": "articles/one.txt", "published": "2021-03-03", "outlet": "A", "title": None, "url": None},
            {"file": str(tmp_path / "articles" / "two.txt"), "published": "2021-03-04"},
        ],
    )
    result = extract("--manifest", manifest, cwd="/")
    assert result.returncode == 0, result.stderr
    one, two = records(result)
    assert one["document"] == "one.txt" and one["published"] == "2021-03-03"
    assert [q["speaker"] for q in one["quotes"]] == ["Pablo Ortega", "Pablo Ortega"]
    assert [(e["date"], e["precision"]) for e in one["events"]] == [("2021-03-01", "day")]
    assert two["document"] == "two.txt"
    assert [(e["date"], e["expression"]) for e in two["events"]] == [("2014", "2014")]


def test_paths_with_a_publication_date(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = extract(path, "--published", "2021-03-03")
    assert result.returncode == 0, result.stderr
    (record,) = records(result)
    assert record["published"] == "2021-03-03"
    assert record["actors"][0]["name"] == "Pablo Ortega"


def test_without_a_publication_date_relative_times_stay_unresolved(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = extract(path)
    assert result.returncode == 0, result.stderr
    (record,) = records(result)
    assert record["published"] is None
    assert all(event["date"] is None for event in record["events"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"Ortega spoke.\x00", "NUL"),
        (b"Ortega spoke \xff\xfe.", "UTF-8"),
    ],
)
def test_a_bad_file_among_several_is_reported_and_the_others_processed(tmp_path, content, message):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = extract(bad, good, "--published", "2021-03-03")
    assert result.returncode != 0
    assert [r["document"] for r in records(result)] == ["good.txt"]
    assert "bad.txt" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_20_mb_file_is_refused_with_a_message(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Ortega spoke. " * (20 * 1024 * 1024 // 14))
    result = extract(huge, "--published", "2021-03-03")
    assert result.returncode != 0
    assert "huge.txt" in result.stderr and "maximum" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_missing_file_in_a_manifest_is_reported_and_the_rest_extracted(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    manifest = write_manifest(tmp_path, [{"file": "missing.txt"}, {"file": "one.txt", "published": "2021-03-03"}])
    result = extract("--manifest", manifest)
    assert result.returncode != 0
    assert [r["document"] for r in records(result)] == ["one.txt"]
    assert "missing.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("manifest_text", "message"),
    [
        ("{not json", "malformed JSON"),
        ('{"file": "one.txt"}', "must be a JSON list"),
        ('[{"published": "2021-03-03"}]', 'missing "file"'),
        ('[{"file": "one.txt", "published": "March 3rd"}]', "not an ISO date"),
    ],
)
def test_a_malformed_manifest_stops_the_command_with_one_line(tmp_path, manifest_text, message):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(manifest_text, encoding="utf-8")
    result = extract("--manifest", manifest)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_malformed_publication_date_or_missing_arguments_stop_the_command(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    bad_date = extract(path, "--published", "30/04/2019")
    assert bad_date.returncode != 0 and "not an ISO date" in bad_date.stderr
    neither = extract()
    assert neither.returncode != 0 and "--manifest" in neither.stderr
    for result in (bad_date, neither):
        assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    not (SHARED / "seeds" / "manifest.json").exists() or not (SHARED / "eval" / "score.py").exists(),
    reason=f"the development set is not in {SHARED} (seeds/manifest.json and eval/score.py)",
)
def test_development_set_scores_hold(tmp_path):
    result = extract("--manifest", SHARED / "seeds" / "manifest.json")
    assert result.returncode == 0, result.stderr
    output = tmp_path / "out.jsonl"
    output.write_text(result.stdout, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(output), str(SHARED / "eval" / "gold"), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    # The JSON metrics are followed by a one-line summary.
    metrics, _ = json.JSONDecoder().raw_decode(scored.stdout[scored.stdout.index("{") :])
    assert metrics["documents_missing"] == []
    # The targets.
    assert metrics["quote_speaker_joint"]["f1"] >= 0.95
    assert metrics["actors"]["f1"] >= 0.90
    assert metrics["time_value"]["f1"] >= 0.95
    assert metrics["event_recall"] >= 0.90


def test_a_non_english_article_is_reported_and_skipped(tmp_path):
    spanish = tmp_path / "spanish.txt"
    spanish.write_text(
        "El presidente de Chile, Pablo Ortega, dijo el lunes que las protestas habían terminado y que el "
        "gobierno no renunciará. «No vamos a renunciar», afirmó Ortega ante los periodistas en el palacio.\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = extract(spanish, good, "--published", "2021-03-03")
    assert result.returncode != 0
    assert [r["document"] for r in records(result)] == ["good.txt"]
    assert "spanish.txt: article text does not look like English; extraction reads English only" in result.stderr
    assert "Traceback" not in result.stderr
