"""Add reporting end to end in a real browser: paste, review, create an event, save, see it everywhere.

The app runs on a store of its own (a SQLite file in a temporary folder), so the
writes of this test reach no other test. The analyst pastes a new article, accepts
the proposed places, reloads the page mid-review (nothing is lost), creates an event
from a passage, and saves; the event is then on the map with its popup quoting the
new passage, on the timeline, in the map's search; its history shows the revision,
and restoring the earlier version after a correction works.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lib.store import Store
from tests.browser import maps, waits

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

TITLE = "Drones hit camp near Koya"
ARTICLE = (
    "Kurdish officials said on Monday that drones of the IRGC struck a camp of the "
    "Democratic Party of Iranian Kurdistan near Koysinjaq, in Erbil governorate.\n\n"
    "The KDPI said two members were wounded. Komala members in Zrgwez were unhurt."
)
QUOTE = "drones of the IRGC struck a camp of the Democratic Party of Iranian Kurdistan"
EVENT_TITLE = "IRGC drones strike KDPI camp near Koya (browser test)"


def idle(page: Page) -> None:
    """Wait for the run a click or a commit started to finish (it starts within ~0.1 s)."""
    page.wait_for_timeout(800)
    waits.wait_for_app(page)


def fill(page: Page, label: str, text: str, commit: bool = True) -> None:
    """Type into a text field and (outside a form) commit it as a user does: leave it."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    if commit:
        field.press("Tab")
        idle(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox or multiselect by its label."""
    main = page.locator('[data-testid="stMain"]')  # the sidebar has a "Groups" filter too
    box = main.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    box.first.click()
    # Streamlit's selects filter as one types; Enter takes the first match.
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).first.wait_for()
    page.keyboard.press("Enter")
    # Escape would clear a choice not yet sent; Tab leaves the field (and closes a list).
    page.keyboard.press("Tab")
    idle(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    idle(page)


def test_a_new_article_reaches_the_map_timeline_search_and_history(
    app_server: Callable[..., str],
    offline_page: OfflinePage,
    screenshot: Callable[..., Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    db = f"sqlite:///{tmp_path_factory.mktemp('editorial') / 'store.sqlite'}"
    base = app_server("app.py", env={"ZAGROS_BRIEF_DB": db})
    page = offline_page.page
    page.goto(f"{base}/reporting?basemap=offline", wait_until="domcontentloaded")
    idle(page)
    fill(page, "Your name (kept with every change you save)", "Ana Analyst")

    # 1. The article in, the proposals out.
    fill(page, "Article text", f"{TITLE}\n\n{ARTICLE}", commit=False)
    fill(page, "Outlet", "Rudaw", commit=False)
    fill(page, "Published", "2025-08-20", commit=False)
    fill(page, "Address (URL)", "https://example.org/koya-drones", commit=False)
    click(page, "Propose annotations")
    page.wait_for_selector("mark.zb-prop")
    kinds = page.evaluate(
        "() => [...document.querySelectorAll('mark.zb-prop')].map(m => m.className)"
    )
    assert any("zb-prop-place" in k for k in kinds), kinds
    assert any("zb-prop-group" in k for k in kinds), kinds
    assert any("zb-prop-date" in k for k in kinds), kinds
    assert "draft=" in page.url

    # 2. Accept the places; reload mid-review: nothing is lost.
    page.get_by_role("button", name="Accept all to review").first.click()
    waits.wait_js(
        page,
        "() => document.querySelectorAll('mark.zb-accepted').length >= 2",
        "the accepted places marked in the text",
    )
    idle(page)
    accepted = page.locator("mark.zb-accepted").count()
    fill(page, "Title", EVENT_TITLE)
    screenshot(page, "add_reporting_review")
    page.reload(wait_until="domcontentloaded")
    idle(page)
    page.wait_for_selector("mark.zb-prop")
    assert page.locator("mark.zb-accepted").count() == accepted
    assert page.get_by_label("Title", exact=True).input_value() == EVENT_TITLE
    name = "Your name (kept with every change you save)"
    assert page.get_by_label(name, exact=True).input_value() == "Ana Analyst"

    # 3. A new event from a passage.
    fill(page, "Passage it comes from (a quote of the text)", QUOTE)
    choose(page, "Category", "strike")
    choose(page, "Groups", "KDPI")
    fill(page, "Actors", "IRGC")
    fill(page, "Find the place (gazetteer, curated places)", "Koysinjaq")
    click(page, "Use this place")
    # The button fills the place and reruns once more: wait for the coordinates.
    waits.wait_js(
        page,
        "() => { const i = document.querySelector('input[aria-label=\"Latitude\"]');"
        " return i && i.value !== '0.00000'; }",
        "the found place's coordinates in the form",
    )
    idle(page)
    choose(page, "Location precision", "stand-in: nearest town (the place is in or near it)")
    choose(page, "Confidence", "medium")
    click(page, "Add the event to the draft")
    page.get_by_text(re.compile("added to the draft")).wait_for()

    # 4. Saved as one change with a reason.
    fill(page, "Reason (kept in the history)", "Rudaw report of a new strike")
    click(page, "Save to the record")
    page.get_by_text("Saved to the record.").wait_for()
    store = Store(db)
    (event_id,) = [
        r.record_id
        for r in store.recent(20)
        if r.kind == "event" and r.action == "create" and r.who == "Ana Analyst"
    ]
    screenshot(page, "add_reporting_saved")

    # 5. On the map, its popup quoting the new passage.
    page.goto(f"{base}/?focus=event:{event_id}&basemap=offline", wait_until="domcontentloaded")
    frame = maps.map_frame(page)
    text = maps.popup_text(frame, what="the new event's popup")
    assert EVENT_TITLE in text
    assert QUOTE in text and "Rudaw" in text
    screenshot(page, "new_event_on_the_map")

    # 6. In the map's search.
    page.goto(f"{base}/?basemap=offline", wait_until="domcontentloaded")
    idle(page)
    search = page.get_by_label("Find on the map", exact=True)
    search.fill("browser test")
    search.press("Enter")
    idle(page)
    assert page.get_by_text(re.compile(r"IRGC drones strike KDPI camp near Koya")).count() >= 1

    # 7. On the timeline: one event more than the seed's.
    seed_events = len(store.query("event")) - 1
    page.goto(f"{base}/timeline", wait_until="domcontentloaded")
    idle(page)
    body = page.evaluate("() => document.body.innerText")
    assert f"{seed_events + 1} events in the filters" in body, body[:400]

    # 8. Correct it, see the history, restore the first version.
    page.goto(f"{base}/correct?record=event:{event_id}", wait_until="domcontentloaded")
    idle(page)
    fill(page, name, "Ana Analyst")  # a new page load is a new session
    title = page.get_by_label("title", exact=True)
    title.fill("A wrong title")
    title.press("Tab")
    idle(page)
    fill(page, "Reason for the change", "testing a correction")
    click(page, "Save the correction")
    assert store.get("event", event_id).payload["title"] == "A wrong title"
    page.goto(f"{base}/history?record=event:{event_id}", wait_until="domcontentloaded")
    idle(page)
    fill(page, name, "Ana Analyst")
    body = page.evaluate("() => document.body.innerText")
    assert "Ana Analyst" in body and "update" in body and "create" in body
    screenshot(page, "history_of_new_event")
    first = store.history("event", event_id)[0].revision
    page.get_by_text(re.compile(rf"#{first} ·")).first.click()  # open the first version
    fill(page, "Reason for restoring this version", "the correction was wrong")
    click(page, f"Restore this version (#{first})")
    restored = store.get("event", event_id)
    assert restored.payload["title"] == EVENT_TITLE and restored.version == 3
    assert offline_page.page_errors == []
    store.close()
