"""The editorial pages: Add reporting, Correct the record, History — what they show and store.

Each test points the app at its own copy of a seeded SQLite store (``ZAGROS_BRIEF_DB``),
drives the page's widgets as an analyst would, and reads back what the store holds:
drafts after every step, one change set per save, versions, restores, orphans.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.data import paths
from lib.data.paths import GEODATA_DIR
from lib.store import Store
from lib.store.config import ENV_VAR
from lib.ui.drafts import DRAFT_KEY
from lib.ui.editing import EDITOR_KEY
from tests.apptest_utils import APP

ARTICLE = (
    "Iranian drones strike Koya camp\n\n"
    "On Monday the IRGC struck a camp of the KDPI near Koysinjaq in Erbil governorate, "
    "Kurdish officials said.\n\n"
    "Komala said its members in Zrgwez were unhurt. <script>alert('x')</script>"
)
EVENT_QUOTE = "On Monday the IRGC struck a camp of the KDPI near Koysinjaq"
P = "zb_ev_"


def open_page(page: str, query: dict[str, str] | None = None, who: str = "alice") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if who:
        at.session_state[EDITOR_KEY] = who
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, label: str):
    (found,) = [b for b in at.button if b.label == label]
    return found


def texts(at: AppTest, kind: str) -> str:
    return " ".join(str(e.value) for e in at.get(kind))


def propose(at: AppTest, text: str = ARTICLE, published: str = "2025-08-20") -> AppTest:
    at.text_area(key="zb_intake_text").input(text)
    at.text_input(key="zb_intake_outlet").input("Rudaw")
    at.text_input(key="zb_intake_date").input(published)
    at.text_input(key="zb_intake_url").input("https://example.org/koya")
    button(at, "Propose annotations").click()
    return run(at)


def test_the_pages_need_the_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copy = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, copy, ignore=shutil.ignore_patterns("raw"))
    (copy / "raw").symlink_to(GEODATA_DIR / "raw")
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("ZAGROS_GEODATA_DIR", str(copy))
    # The folder is read once, at import: the app under test reads the copy as files.
    monkeypatch.setattr(paths, "GEODATA_DIR", copy)
    at = open_page("pages/correct.py")
    assert "Editing needs the store" in texts(at, "warning")


def test_an_article_is_proposed_reviewed_and_saved_as_one_change(store: Store) -> None:
    at = open_page("pages/reporting.py")
    at = propose(at)
    (draft_row,) = store.list_drafts()
    assert at.query_params["draft"] == [draft_row.draft_id] or at.query_params["draft"] == (
        draft_row.draft_id
    )
    review = texts(at, "html")
    # Each proposal is a <mark> with its kind; the script in the text is shown as text.
    assert "zb-prop-place" in review and "zb-prop-group" in review and "zb-prop-date" in review
    assert "&lt;script&gt;" in review and "<script>alert" not in review
    decisions = draft_row.payload["draft"]["decisions"]
    targets = {d["proposal"]["target"] for d in decisions}
    assert {"group:KDPI", "group:Komala", "place:koya"} <= targets or {
        "group:KDPI",
        "group:Komala",
    } <= targets
    monday = [d for d in decisions if d["proposal"]["kind"] == "date"]
    assert monday and monday[0]["proposal"]["date"] == "2025-08-18"  # "on Monday" before 20 Aug

    at.button(key="acc_place").click()
    at = run(at)
    saved = store.load_draft(draft_row.draft_id).payload["draft"]["decisions"]
    places = [d for d in saved if d["proposal"]["kind"] == "place"]
    assert places and all(d["status"] == "accepted" for d in places)

    # A reload (a new session opened on the draft's address) loses nothing.
    at = open_page("pages/reporting.py", {"draft": draft_row.draft_id})
    assert isinstance(at.session_state[DRAFT_KEY], object)
    reloaded = at.session_state[DRAFT_KEY]
    assert [d.status for d in reloaded.decisions] == [d["status"] for d in saved]

    # An ambiguous quote is refused; a unique one is added.
    at.text_input(key="zb_quote_text").input("the")
    button(at, "Add this annotation").click()
    at = run(at)
    assert "quote a longer passage" in texts(at, "error")
    at.text_input(key="zb_quote_text").input("Kurdish officials")
    at.selectbox(key="zb_quote_target").set_value("boundary:kurdistan-region")
    button(at, "Add this annotation").click()
    at = run(at)
    assert "Annotation added to the draft" in texts(at, "success")

    # A new event from the passage: every field required.
    button(at, "Add the event to the draft").click()
    at = run(at)
    assert "The event is not complete" in texts(at, "error")
    fill_event(at)
    button(at, "Add the event to the draft").click()
    at = run(at)
    assert "added to the draft" in texts(at, "success")

    at.text_input(key="zb_save_why").input("New Rudaw report of the Koya strike")
    button(at, "Save to the record").click()
    at = run(at)
    assert store.list_drafts() == []
    revisions = store.recent(50)
    change = revisions[0].change_set
    made = [r for r in revisions if r.change_set == change]
    kinds = {r.kind for r in made}
    assert {"article", "annotation_collection", "annotation", "event"} <= kinds
    assert {r.who for r in made} == {"alice"}
    assert {r.why for r in made} == {"New Rudaw report of the Koya strike"}
    (event,) = [r for r in made if r.kind == "event"]
    payload = store.get("event", event.record_id).payload
    assert payload["title"] == "IRGC drones strike KDPI camp near Koya"
    assert payload["precision"] == "town" and payload["confidence"] == "medium"
    assert "example.org/koya" in payload["sources"]


def fill_event(at: AppTest, lat: float = 36.08289, lon: float = 44.62873) -> None:
    at.text_area(key=P + "quote").input(EVENT_QUOTE)
    at.text_input(key=P + "title").input("IRGC drones strike KDPI camp near Koya")
    at.selectbox(key=P + "category").set_value("strike")
    at.date_input(key=P + "date").set_value(dt.date(2025, 8, 18))
    at.multiselect(key=P + "groups").set_value(["KDPI"])
    at.text_input(key=P + "actors").input("IRGC")
    at.text_input(key=P + "place").input("Koya")
    at.text_input(key=P + "coord_basis").input("Koya town centre (GeoNames 94220)")
    at.number_input(key=P + "lat").set_value(lat)
    at.number_input(key=P + "lon").set_value(lon)
    at.selectbox(key=P + "precision").set_value("town")
    at.selectbox(key=P + "confidence").set_value("medium")


@pytest.mark.parametrize(
    ("text", "published", "message"),
    [
        ("", "2025-08-20", "empty"),
        ("x" * 10, "banana", "is not a date"),
        (ARTICLE, (dt.date.today() + dt.timedelta(days=3)).isoformat(), "in the future"),
    ],
)
def test_bad_intake_is_refused_with_a_reason(
    store: Store, text: str, published: str, message: str
) -> None:
    at = propose(open_page("pages/reporting.py"), text, published)
    assert message in texts(at, "error")
    assert store.list_drafts() == []


def test_an_event_outside_the_region_is_refused(store: Store) -> None:
    at = propose(open_page("pages/reporting.py"))
    fill_event(at, lat=48.85, lon=2.35)  # Paris
    button(at, "Add the event to the draft").click()
    at = run(at)
    assert "region" in texts(at, "error")
    assert at.session_state[DRAFT_KEY].events == []


def test_a_correction_is_saved_with_a_reason_and_a_stale_one_refused(store: Store) -> None:
    query = {"record": "event:amini-death-protests"}
    at = open_page("pages/correct.py", query)
    prefix = "edit_event_amini-death-protests"
    at.text_area(key=f"{prefix}_title").input("Jina Amini dies in custody (title corrected)")
    button(at, "Save the correction").click()
    at = run(at)
    assert "Say why" in texts(at, "error")
    assert store.get("event", "amini-death-protests").version == 1
    at.text_input(key=f"{prefix}_why").input("Her Kurdish name, as the sources give it")
    # Meanwhile a colleague changes the same record.
    rec = store.get("event", "amini-death-protests")
    store.update(
        "event", rec.record_id, {**rec.payload, "confidence": "medium"},
        base_version=1, who="bob", why="second source",
    )  # fmt: skip
    button(at, "Save the correction").click()
    at = run(at)
    assert "bob" in texts(at, "error") and "bob" in texts(at, "warning")
    # What was typed is still there.
    assert at.text_area(key=f"{prefix}_title").value.endswith("(title corrected)")
    at = open_page("pages/correct.py", query)
    prefix = "edit_event_amini-death-protests"
    at.text_area(key=f"{prefix}_title").input("Jina Amini dies in custody (title corrected)")
    at.text_input(key=f"{prefix}_why").input("Her Kurdish name, as the sources give it")
    button(at, "Save the correction").click()
    at = run(at)
    rec = store.get("event", "amini-death-protests")
    assert rec.version == 3 and rec.payload["title"].endswith("(title corrected)")
    assert rec.payload["confidence"] == "medium"  # bob's change kept


def test_a_move_outside_the_region_is_refused(store: Store) -> None:
    at = open_page("pages/correct.py", {"record": "site:kdpi-koya-hq"})
    prefix = "edit_site_kdpi-koya-hq"
    at.number_input(key=f"{prefix}_lat").set_value(10.0)
    at.text_input(key=f"{prefix}_why").input("moved")
    button(at, "Save the correction").click()
    at = run(at)
    assert "Not saved" in texts(at, "error")
    assert store.get("site", "kdpi-koya-hq").version == 1


def test_history_shows_the_change_and_restores_a_version(store: Store) -> None:
    rec = store.get("event", "amini-death-protests")
    original = rec.payload["title"]
    store.update(
        "event", rec.record_id, {**rec.payload, "title": "Wrong title"},
        base_version=1, who="bob", why="typo",
    )  # fmt: skip
    at = open_page("pages/history.py", {"record": "event:amini-death-protests"})
    labels = [e.label for e in at.expander]
    assert any("bob" in label and "update" in label for label in labels)
    frames = [f.value for f in at.dataframe]
    assert any("Wrong title" in str(frame.to_dict()) for frame in frames)
    first = store.history("event", "amini-death-protests")[0].revision
    at.text_input(key=f"restore_{first}_why").input("bob's title was wrong")
    button(at, f"Restore this version (#{first})").click()
    at = run(at)
    rec = store.get("event", "amini-death-protests")
    assert rec.version == 3 and rec.payload["title"] == original
    assert store.history("event", "amini-death-protests")[-1].action == "restore"


def test_retire_and_restore_from_the_correct_page(store: Store) -> None:
    at = open_page("pages/correct.py", {"record": "place:tehran"})
    key = "retire_place_tehran_1"
    at.text_input(key=f"{key}_why").input("duplicate")
    button(at, "Retire").click()
    at = run(at)
    assert store.get("place", "tehran").retired
    at = open_page("pages/correct.py", {"record": "place:tehran"})
    assert "retired" in texts(at, "warning")
    at.text_input(key="retire_place_tehran_2_why").input("not a duplicate after all")
    button(at, "Restore").click()
    at = run(at)
    assert not store.get("place", "tehran").retired


def test_editing_an_article_lists_the_orphans(store: Store) -> None:
    article = store.get("article", "peregraf-2025-08-16")
    at = open_page("pages/correct.py", {"record": "article:peregraf-2025-08-16"})
    prefix = "article_peregraf-2025-08-16_1"
    text = at.text_area(key=f"{prefix}_text").value
    # The passage about the al-Hol camp is rewritten beyond recognition.
    edited = text.replace("repatriate their nationals from Syria’s al-Hol camp", "act")
    assert edited != text
    at.text_area(key=f"{prefix}_text").input(edited)
    at.text_input(key=f"{prefix}_why").input("the outlet rewrote the paragraph")
    button(at, "Save the article").click()
    at = run(at)
    assert store.get("article", "peregraf-2025-08-16").version == article.version + 1
    subheaders = " ".join(h.value for h in at.subheader)
    assert "Orphaned annotations (1)" in subheaders or "Orphaned annotations (" in subheaders
    assert "place:al\\-hol\\-camp" in texts(at, "markdown")


def test_a_claim_can_be_moved_to_another_article_the_record_holds(store: Store) -> None:
    at = open_page("pages/correct.py", {"record": "claim:border-length"})
    prefix = "edit_claim_border-length"
    assert at.selectbox(key=f"{prefix}_article_id").options == ["peregraf-2025-08-16"]
    at.text_area(key=f"{prefix}_statement").input("The border is about 1,400 km long")
    at.text_input(key=f"{prefix}_why").input("closer to the article's words")
    button(at, "Save the correction").click()
    at = run(at)
    assert store.get("claim", "border-length").version == 2


def test_saving_refuses_a_target_retired_meanwhile(store: Store) -> None:
    at = propose(open_page("pages/reporting.py"))
    at.text_input(key="zb_quote_text").input("Kurdish officials")
    at.selectbox(key="zb_quote_target").set_value("place:tehran")
    button(at, "Add this annotation").click()
    at = run(at)
    store.retire("place", "tehran", who="bob", why="duplicate")
    at.text_input(key="zb_save_why").input("new report")
    button(at, "Save to the record").click()
    at = run(at)
    assert "retired" in texts(at, "error")
    assert store.list_drafts() != []  # nothing lost: the draft is still there
    assert not [r for r in store.recent(5) if r.kind == "article"]
