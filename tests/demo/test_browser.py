"""The demo as a person sees it: the timeline page in headless Chromium against a live server.

Uses Debian's ``chromium`` (``bin/test`` installs it) through Playwright's Python package; Playwright's
own browser downloads are never used. Screenshots go to ``artifacts/`` for a person to look at.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from timeline import selectors
from timeline.models import Actor, Fact

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = settings.BASE_DIR / "artifacts"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


@dataclass
class Demo:
    url: str
    fact_count: int
    padrino_uid: str
    padrino_fact_count: int
    guaido_quote_count: int


@pytest.fixture
def demo(live_server):
    """A live server holding the demo fixture, and what the page should show of it.

    The database is read here, before the browser starts: Playwright's sync API runs an event loop
    in this thread, inside which Django refuses database calls.
    """
    call_command("loaddata", "demo", verbosity=0)
    padrino = Actor.objects.get(name__icontains="Padrino")
    guaido = Actor.objects.get(name="Juan Guaidó")
    return Demo(
        url=live_server.url,
        fact_count=Fact.objects.count(),
        padrino_uid=str(padrino.uid),
        padrino_fact_count=selectors.chronology(actor_ids=[padrino.uid], undated=None).count(),
        guaido_quote_count=selectors.actor_quotes(actor=guaido).count(),
    )


@pytest.fixture
def browser_context(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (bin/test does it as root)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=DESKTOP,
        )
        # Everything the page needs comes from the test server; any other request is a fault.
        outside_requests = []

        def refuse(route):
            outside_requests.append(route.request.url)
            route.abort()

        context.route(re.compile(r"^(?!http://(localhost|127\.0\.0\.1)[:/])"), refuse)
        yield context
        context.close()
    assert not outside_requests, f"the page asked for resources outside the server: {outside_requests}"


def test_a_reader_filters_the_demo_timeline_and_opens_a_source(demo, browser_context):
    assert 0 < demo.padrino_fact_count < demo.fact_count

    page = browser_context.new_page()
    page.goto(demo.url + "/")
    items = page.locator("li.fact")
    expect(items).to_have_count(demo.fact_count)
    moment = page.locator("li.fact--statement", has_text="The moment is now").first
    expect(moment.locator(".speaker-name")).to_contain_text("Guaid")
    expect(page.locator(".period-heading").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "timeline-desktop.png"), full_page=True)

    # A source badge opens the words it cites.
    badge = moment.locator("summary.badge").first
    excerpt = moment.locator(".excerpt-text").first
    expect(excerpt).to_be_hidden()
    badge.click()
    expect(excerpt).to_be_visible()
    expect(excerpt).to_contain_text(re.compile("moment is now", re.IGNORECASE))
    page.screenshot(path=str(ARTIFACTS / "timeline-desktop-source-open.png"))

    # The speaker's "all quotes" link opens every quote of that actor.
    moment.locator(".quotes-link").click()
    expect(page.locator("h1")).to_have_text("Juan Guaidó")
    expect(page.locator(".quote-text")).to_have_count(demo.guaido_quote_count)
    page.screenshot(path=str(ARTIFACTS / "actor-desktop.png"))
    page.go_back()

    # The actor filter narrows the chronology to what that actor said or took part in.
    page.select_option("select[name=actor]", demo.padrino_uid)
    page.get_by_role("button", name="Show").click()
    expect(items).to_have_count(demo.padrino_fact_count)
    expect(page.locator(".quote-text", has_text="The moment is now")).to_have_count(0)
    expect(page.locator("select[name=actor]")).to_have_value(demo.padrino_uid)

    page.set_viewport_size(PHONE)
    page.goto(demo.url + "/")
    expect(items).to_have_count(demo.fact_count)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px wide)"
    page.screenshot(path=str(ARTIFACTS / "timeline-phone.png"), full_page=True)
