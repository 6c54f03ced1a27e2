"""The API's JSON renderer, and exports of the chronology: TimelineJS3 JSON and CSV (both render
serialized ``FactSerializer`` entries)."""

import csv
import io
import json
from datetime import datetime, timedelta

from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html, format_html_join
from rest_framework import renderers
from rest_framework.renderers import BaseRenderer

from api.json_pages import RawJSON
from timeline.models import FactType, Precision


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer, which also writes a page whose entries the database already wrote as
    JSON text (``api.json_pages.RawJSON`` values of the top-level object) without parsing them."""

    accepts_raw_json = True

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, dict) or not any(isinstance(value, RawJSON) for value in data.values()):
            return super().render(data, accepted_media_type, renderer_context)
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            # Indented output is for people; parsing the text again is cheap enough for them.
            parsed = {name: json.loads(value) if isinstance(value, RawJSON) else value for name, value in data.items()}
            return super().render(parsed, accepted_media_type, renderer_context)
        # The separators and escaping of super().render's compact output, member by member.
        members = []
        for name, value in data.items():
            if isinstance(value, RawJSON):
                text = str(value)
            else:
                text = "null" if value is None else super().render(value).decode("utf-8")
            members.append(f"{json.dumps(name, ensure_ascii=self.ensure_ascii)}:{text}")
        return f"{{{','.join(members)}}}".encode()


# The date parts TimelineJS gets at each precision; it shows no more than it is given.
_DATE_PARTS = {
    Precision.HOUR: ("year", "month", "day", "hour"),
    Precision.PART_OF_DAY: ("year", "month", "day"),
    Precision.DAY: ("year", "month", "day"),
    Precision.WEEK: ("year", "month", "day"),
    Precision.MONTH: ("year", "month"),
    Precision.YEAR: ("year",),
    Precision.DECADE: ("year",),
}
# Precisions TimelineJS cannot express with date parts alone; their slides carry our own wording.
_APPROXIMATE = {Precision.PART_OF_DAY, Precision.WEEK, Precision.DECADE}


def _date_parts(moment: datetime, precision: Precision) -> dict:
    parts = _DATE_PARTS[precision]
    if precision == Precision.HOUR and moment.minute:
        # "at 9:30" is anchored to the hour but says its minute too.
        parts = (*parts, "minute")
    return {part: str(getattr(moment, part)) for part in parts}


def _source_item_html(source: dict):
    label = source["outlet"] or source["title"] or f"source {source['id']}"
    rest = f": {source['title']}" if source["outlet"] and source["title"] else ""
    if source["url"]:
        return format_html('<li><a href="{}">{}</a>{}</li>', source["url"], label, rest)
    return format_html("<li>{}{}</li>", label, rest)


def _source_list_html(sources: list[dict]):
    return format_html_join("", "{}", ((_source_item_html(source),) for source in sources))


def timelinejs_slide(entry: dict) -> dict:
    """One TimelineJS3 event for one chronology entry (a statement's headline is its speaker)."""
    when = entry["when"]
    precision = Precision[when["precision"].upper()]
    start = parse_datetime(when["start"])
    slide = {"unique_id": entry["id"], "start_date": _date_parts(start, precision)}
    # The interval's end is exclusive; its last instant shows whether it reaches past the start's unit.
    last = parse_datetime(when["end"]) - timedelta(microseconds=1)
    end_date = {part: str(getattr(last, part)) for part in slide["start_date"]}
    if end_date != slide["start_date"]:
        slide["end_date"] = end_date
    if precision in _APPROXIMATE:
        slide["display_date"] = when["display"]
    # Text is user content from articles: escaped, because TimelineJS renders it as HTML.
    if entry["type"] == FactType.STATEMENT:
        speaker = entry["speaker"]["name"] if entry["speaker"] else "Unknown speaker"
        slide["group"] = speaker
        headline = speaker
        body = format_html("<blockquote>{}</blockquote>", entry["text"])
    else:
        slide["group"] = FactType.EVENT.label
        headline = entry["text"]
        body = ""
    slide["text"] = {
        "headline": escape(headline),
        "text": format_html("{}<p>Sources:</p><ul>{}</ul>", body, _source_list_html(entry["sources"])),
    }
    return slide


class TimelineJSRenderer(renderers.JSONRenderer):
    """``?format=timelinejs``: a TimelineJS3 data file. Entries without a time are left out."""

    format = "timelinejs"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        events = [timelinejs_slide(entry) for entry in data if entry["when"]["start"] and entry["when"]["end"]]
        return super().render({"events": events}, accepted_media_type, renderer_context)


CSV_COLUMNS = (
    "id",
    "type",
    "start",
    "end",
    "precision",
    "display",
    "expression",
    "basis",
    "text",
    "speaker",
    "actors",
    "outlets",
    "urls",
    "conflicts",
)
# Spreadsheets run a cell that starts with these as a formula; article text must never do that.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def csv_row(entry: dict) -> list[str]:
    when = entry["when"]
    row = (
        entry["id"],
        entry["type"],
        when["start"],
        when["end"],
        when["precision"],
        when["display"],
        when["expression"],
        when["basis"],
        entry["text"],
        entry["speaker"]["name"] if entry["speaker"] else "",
        "; ".join(actor["name"] for actor in entry["actors"]),
        "; ".join(dict.fromkeys(source["outlet"] for source in entry["sources"] if source["outlet"])),
        " ".join(dict.fromkeys(source["url"] for source in entry["sources"] if source["url"])),
        "; ".join(conflict["description"] for conflict in entry["conflicts"]),
    )
    return [_cell(value) for value in row]


class CSVRenderer(BaseRenderer):
    """``?format=csv``: one row per chronology entry; several values in a cell are joined by "; "."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_row(entry) for entry in data)
        return buffer.getvalue().encode(self.charset)
