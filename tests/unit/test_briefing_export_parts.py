"""The parts split out of lib.story.briefing_export: templates, static scripts, PNG rings."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from types import SimpleNamespace

import matplotlib
import numpy as np
import pandas as pd
import pytest
from markupsafe import Markup
from pyproj import Geod

from lib.data.schemas import CATEGORY_LETTERS, EVENT_CATEGORIES
from lib.maps.marks import GROUP_MARKS, MARK_GLYPHS
from lib.maps.popups import esc
from lib.story import briefing as bf
from lib.story import export_keys, export_legend, export_png
from lib.story.export_html import export_html
from lib.story.export_keys import keyboard_script
from lib.story.export_legend import legend_html
from lib.story.export_text import StepText, format_day
from lib.story.markup import render, static_text

matplotlib.use("Agg")

NASTY = "<script>alert(\"x\")</script> & `${x}` \\ 'q'"
#: NASTY as lib.maps.popups.esc writes it (the bytes the export has always had).
NASTY_ESCAPED = (
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#96;&#36;{x}&#96; &#92; &#x27;q&#x27;"
)


def _static(name: str) -> str:
    return resources.files("lib.story").joinpath("static", name).read_text("utf-8")


def test_esc_filter_writes_what_esc_writes():
    assert esc(NASTY) == NASTY_ESCAPED


def _fake_catalog(name: str, colour: str) -> SimpleNamespace:
    groups = pd.DataFrame({"group_id": ["lower"], "name": [name], "colour": [colour]})
    return SimpleNamespace(curated=SimpleNamespace(groups=groups))


@pytest.mark.parametrize("svg", [True, False])
def test_legend_template_escapes_group_names_and_colours(svg):
    page = legend_html(_fake_catalog(NASTY, "red'><script>x()</script>"), svg=svg)
    assert "<script" not in page
    assert NASTY_ESCAPED in page
    colour = "red&#x27;&gt;&lt;script&gt;x()&lt;/sc…"  # cut at 20 characters
    assert (f'fill="{colour}"' if svg else f"background:{colour}") in page
    assert page.startswith("<div class='zb-plain-legend'><ul class='zb-groups'><li>")
    assert "\n" not in page
    assert ("<svg" in page) is svg
    categories = len(EVENT_CATEGORIES)
    assert page.count("<li>") == 1 + len(export_legend.SYMBOL_LEGEND) + 1 + categories


@pytest.mark.parametrize("svg", [True, False])
def test_legend_tells_groups_and_categories_apart_without_colour(svg):
    groups = pd.DataFrame(
        {"group_id": ["A", "B", "C"], "name": ["A", "B", "C"], "colour": ["#111111"] * 3}
    )
    page = legend_html(SimpleNamespace(curated=SimpleNamespace(groups=groups)), svg=svg)
    group_items = page.split("<ul class='zb-groups'>")[1].split("</ul>")[0].split("</li>")[:-1]
    # Same colour for all three: each still has its own mark (the first three marks).
    marks = GROUP_MARKS[:3]
    if svg:
        paths = [item.split('<path d="')[1].split('"')[0] for item in group_items]
        assert len(set(paths)) == 3
    else:
        assert [item.split("zb-glyph'>")[1][:1] for item in group_items] == [
            MARK_GLYPHS[m] for m in marks
        ]
    category_items = page.split("<ul class='zb-categories'>")[1].split("</li>")[:-1]
    letters = [CATEGORY_LETTERS[c] for c in EVENT_CATEGORIES]
    assert len(set(letters)) == len(letters)
    for item, category in zip(category_items, EVENT_CATEGORIES, strict=True):
        assert category.capitalize() in item
        assert f">{esc(CATEGORY_LETTERS[category])}</" in item, item


def _export(**changes: object) -> str:
    context = {
        "title": NASTY,
        "subtitle": NASTY,
        "generated": format_day(dt.date(2025, 1, 2)),
        "steps": [
            SimpleNamespace(
                text=StepText(NASTY, NASTY, NASTY, [NASTY], NASTY, [NASTY]),
                document='<script>alert("map")</script>',
                map_text=Markup('<details class="zb-map-text"></details>'),
            ),
            SimpleNamespace(
                text=StepText("Two", "", "", [], "all", []), document="<p>2</p>", map_text=""
            ),
        ],
        "include_notes": True,
        "legend": legend_html(_fake_catalog("KDPI", "#123456")),
        "border_km": NASTY,
        "attribution": NASTY,
        "css": static_text("export.css"),
        "script": export_keys.export_keys_script(),
    }
    context.update(changes)
    return render("export.html.j2", **context)


def test_export_template_escapes_every_text():
    page = _export()
    # Only the inlined key script is a script element; every hostile text is text.
    assert re.findall(r"<script\b", page) == ["<script"]
    # Title, subtitle, toc, heading, iframe title, caption, layer, filters, highlight,
    # notes, previous-step link, footer (border length and attribution).
    assert page.count(NASTY_ESCAPED) == 14
    # The map page is one attribute value: its quotes and tags are escaped once more.
    assert 'srcdoc="&lt;script&gt;alert(&quot;map&quot;)&lt;/script&gt;"' in page
    assert "<a href='#step-2'>" in page and "<a href='#step-1'>← " + NASTY_ESCAPED in page


def test_export_template_has_no_line_breaks_between_tags_and_optional_parts():
    page = _export(subtitle=None, include_notes=False)
    outside = page.replace(str(static_text("export.css")), "").replace(
        str(export_keys.export_keys_script()), ""
    )
    assert outside.count("\n") == 2  # after <style> and after <script>
    assert "Speaker notes" not in page
    assert "<h1>" + NASTY_ESCAPED + "</h1><p>2 steps · " in page
    assert page.startswith("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta ")
    assert page.endswith("</script></body></html>")


def test_the_export_inlines_its_css_and_key_script(catalog):
    briefing = bf.Briefing("x", "One step", (bf.Step("Only"),), "")
    page = export_html(catalog, briefing, bf.briefing_facts(catalog), tiles=False)
    assert f"<style>\n{_static('export.css')}</style>" in page
    assert f"<script>\n{_static('export_keys.js')}</script></body></html>" in page


def test_keyboard_script_inlines_the_static_file_and_passes_the_keys():
    script = keyboard_script("zb_prev", "zb_next")
    assert script.startswith("<script>" + _static("keyboard.js"))
    assert script.endswith(
        'zbStepKeys({"ArrowLeft": "zb_prev", "ArrowRight": "zb_next", '
        '"PageDown": "zb_next", "PageUp": "zb_prev"});</script>'
    )
    assert script.count("<script") == 1 and script.count("</script") == 1


def test_keyboard_script_keys_cannot_end_the_script():
    script = keyboard_script("</script><script>alert(1)//", "zb_next")
    assert script.count("</script") == 1
    assert "\\u003c/script\\u003e" in script


def test_png_ring_is_geodesic(monkeypatch):
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    export_png._ring(ax, 45.5, 36.2, 15.0, ec="#111", lw=3.0, zorder=11)
    (patch,) = ax.patches
    points = np.asarray(patch.get_xy())[:-1]  # matplotlib closes the polygon
    n = len(points)
    _, _, metres = Geod(ellps="WGS84").inv(
        np.full(n, 45.5), np.full(n, 36.2), points[:, 0], points[:, 1]
    )
    assert metres == pytest.approx(np.full(n, 15_000.0), abs=1e-3)
    assert patch.get_fill() is False and patch.get_linewidth() == 3.0
