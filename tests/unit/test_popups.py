"""Every text that reaches map HTML is escaped, template literals included."""

from __future__ import annotations

from lib.maps.popups import esc, popup_html, tooltip_html

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "`;alert(1);`",
    "${alert(1)}",
    "\\`",
    "javascript:alert(1)",
]


def test_escape_neutralises_html_and_template_literals():
    for payload in PAYLOADS:
        out = esc(payload)
        assert "<" not in out and ">" not in out and "`" not in out and "$" not in out
        assert '"' not in out and "\\" not in out


def test_escape_cuts_very_long_text():
    assert len(esc("x" * 50_000, limit=100)) == 101


def test_popup_escapes_every_field_and_lists_sources():
    html = popup_html(
        PAYLOADS[0], [("Group", PAYLOADS[1]), ("Empty", "")], [PAYLOADS[2]], kind="Site"
    )
    assert "<script>" not in html and "<img" not in html and "`" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<th>Group</th>" in html and "Empty" not in html
    assert "<b>Sources</b>" in html


def test_tooltip_escapes_title_and_subtitle():
    html = tooltip_html("<b>x</b>", "${y}")
    assert html.startswith("<b>&lt;b&gt;x&lt;/b&gt;</b>") and "&#36;{y}" in html
