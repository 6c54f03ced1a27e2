"""?format=timelinejs and ?format=csv on the chronology."""

import csv
import io

import pytest

from tests.api.factories import at, make_actor, make_event, make_source, make_statement
from timeline.models import Precision

pytestmark = pytest.mark.django_db


def timelinejs(client, query=""):
    response = client.get(f"/api/timeline/?format=timelinejs{query}")
    assert response.status_code == 200, response.content
    return response.json()["events"]


def test_timelinejs_gives_date_parts_only_down_to_the_precision(client):
    source = make_source()
    hour = make_event("hour", start=at(2019, 4, 30, 9), precision=Precision.HOUR, sources=[source])
    make_event("half past", start=at(2019, 4, 30, 9, 30), precision=Precision.HOUR, sources=[source])
    make_event("morning", start=at(2019, 4, 30, 6), precision=Precision.PART_OF_DAY, sources=[source])
    make_event("month", start=at(2019, 1, 1), precision=Precision.MONTH, sources=[source])
    make_event("year", start=at(2014, 1, 1), precision=Precision.YEAR, sources=[source])
    make_event("week", start=at(2019, 4, 29), precision=Precision.WEEK, sources=[source])
    make_event("undated", sources=[source])

    slides = {slide["text"]["headline"]: slide for slide in timelinejs(client)}

    assert "undated" not in slides
    assert slides["hour"]["unique_id"] == str(hour.uid)
    assert slides["hour"]["start_date"] == {"year": "2019", "month": "4", "day": "30", "hour": "9"}
    assert "end_date" not in slides["hour"] and "display_date" not in slides["hour"]
    assert slides["half past"]["start_date"] == {"year": "2019", "month": "4", "day": "30", "hour": "9", "minute": "30"}
    assert slides["morning"]["start_date"] == {"year": "2019", "month": "4", "day": "30"}
    assert slides["morning"]["display_date"] == "30 April 2019, morning"
    assert slides["month"]["start_date"] == {"year": "2019", "month": "1"}
    assert "display_date" not in slides["month"]
    assert slides["year"]["start_date"] == {"year": "2014"}
    # A week spans days: it shows as a range, in our words.
    assert slides["week"]["end_date"] == {"year": "2019", "month": "5", "day": "5"}
    assert slides["week"]["display_date"] == "week of 29 April 2019"


def test_timelinejs_groups_by_speaker_or_kind_and_quotes_with_escaped_sources(client):
    speaker = make_actor("Juan Guaidó")
    source = make_source(outlet="Reuters", title="Uprising <live>", url="https://news.example/a?x=1&y=2")
    make_statement('The moment is <b>now</b> & "here"', speaker=speaker, start=at(2019, 4, 30), sources=[source])
    make_event("Troops gathered", start=at(2019, 5, 1), sources=[make_source(outlet="AP", title="", url=None)])

    statement, event = timelinejs(client)

    assert statement["group"] == "Juan Guaidó"
    assert statement["text"]["headline"] == "Juan Guaidó"
    body = statement["text"]["text"]
    assert "&lt;b&gt;now&lt;/b&gt; &amp; &quot;here&quot;" in body
    assert "<b>" not in body
    assert '<a href="https://news.example/a?x=1&amp;y=2">Reuters</a>: Uprising &lt;live&gt;' in body
    assert event["group"] == "event"
    assert event["text"]["headline"] == "Troops gathered"
    assert event["text"]["text"] == "<p>Sources:</p><ul><li>AP</li></ul>"


def test_exports_take_the_filters_and_are_not_paginated(client):
    guaido = make_actor("Juan Guaidó")
    for day in range(1, 8):
        make_statement(f"words {day}", speaker=guaido, start=at(2019, 4, day), sources=[make_source()])
    make_statement("other", speaker=make_actor("Other"), start=at(2019, 4, 1), sources=[make_source()])

    assert len(timelinejs(client, f"&actor={guaido.uid}")) == 7
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/timeline/?format=csv&actor={guaido.uid}").text)))
    assert [row["text"] for row in rows] == [f"words {day}" for day in range(1, 8)]


def test_csv_has_one_row_per_entry_and_defuses_formulas(client):
    speaker = make_actor("Juan Guaidó")
    statement = make_statement(
        '=HYPERLINK("http://evil")',
        speaker=speaker,
        start=at(2019, 4, 30, 6),
        precision=Precision.PART_OF_DAY,
        sources=[make_source(outlet="Reuters"), make_source(outlet="AP")],
    )

    response = client.get("/api/timeline/?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert row["id"] == str(statement.uid)
    assert row["type"] == "statement"
    assert row["start"] == "2019-04-30T06:00:00Z"
    assert row["precision"] == "part_of_day"
    assert row["display"] == "30 April 2019, morning"
    assert row["speaker"] == "Juan Guaidó"
    assert row["outlets"] == "Reuters; AP"
    assert row["text"] == '\'=HYPERLINK("http://evil")'
