"""The UI's markup files: static CSS injected as written, templates escape data text."""

from __future__ import annotations

from types import SimpleNamespace

from lib.maps.popups import esc
from lib.ui import markup

HOSTILE = "<script>alert('x')</script> & `${document.cookie}`"


def test_stylesheets_are_injected_as_style_elements():
    tag = markup.style_tag("presenter.css")
    assert tag.startswith("\n<style>\n/* Presenter views only") and tag.endswith("}\n</style>\n")
    assert "<style>" not in markup.static_text("page.css")


def test_step_bar_escapes_the_title_and_links():
    bar = markup.render(
        "step_bar.html.j2",
        index=0,
        total=3,
        title=HOSTILE,
        counter_id=True,
        exit_href=f"/?q={HOSTILE}",
        notes_href="/notes?b=x&step=1",
    )
    assert "<script>" not in bar and esc(HOSTILE) in bar
    assert bar.startswith("<div class='zb-bar'><span class='zb-counter' id='zb-counter'>1 / 3")
    assert "href='/notes?b=x&amp;step=1' target='_blank'>Notes ↗</a></span></div>" in bar
    plain = markup.render(
        "step_bar.html.j2",
        index=2,
        total=3,
        title="T",
        counter_id=False,
        exit_href=None,
        notes_href=None,
    )
    assert plain == (
        "<div class='zb-bar'><span class='zb-counter'>3 / 3</span>"
        "<h1 class='zb-step-title'>T</h1></div>"
    )


def test_page_fragments_escape_data_text():
    text = SimpleNamespace(
        title=HOSTILE,
        caption=HOSTILE,
        notes=HOSTILE,
        highlights=[HOSTILE],
        filters=HOSTILE,
        layers=[HOSTILE],
    )
    pieces = [
        markup.fragment("briefing.html.j2", "side_panel", text, "<div>legend</div>"),
        markup.fragment("notes.html.j2", "notes", text),
        markup.fragment("notes.html.j2", "said", text),
        markup.fragment("notes.html.j2", "following", text, 2, 3),
    ]
    for piece in pieces:
        assert "<script>" not in piece and esc(HOSTILE) in piece
    # Trusted markup (the legend) is passed through as it is.
    assert pieces[0].endswith("<div>legend</div>")
