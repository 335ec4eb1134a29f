"""The text under review with its proposals marked (lib.story.review_view)."""

from __future__ import annotations

import html
import re

from lib.story.review_view import ReviewMark, review_html

TITLE = "Strikes near Koya"
PARAGRAPH = "Guards struck Koya on Monday. Then <b>more</b> came."
#: The first sentence, with "Koya" and "on Monday" inside it.
SENTENCE = (0, PARAGRAPH.index(".") + 1)
KOYA = (PARAGRAPH.index("Koya"), PARAGRAPH.index("Koya") + len("Koya"))
MONDAY = (PARAGRAPH.index("on Monday"), PARAGRAPH.index("on Monday") + len("on Monday"))


def mark(number: int, kind: str, span: tuple[int, int], status: str = "pending", block: int = 1,
         label: str = "") -> ReviewMark:  # fmt: skip
    return ReviewMark(number, kind, block, span[0], span[1], status, label or f"{kind} {number}")


def paragraph_of(page: str) -> str:
    """The markup of the first paragraph."""
    return re.search(r"<p>(.*?)</p>", page, flags=re.S).group(1)


def shown_text(fragment: str) -> str:
    """What a reader sees of a fragment without the marks' number tags."""
    without_numbers = re.sub(r"<sup class='zb-n'>.*?</sup>", "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", without_numbers))


def marks_in(fragment: str) -> list[str]:
    return re.findall(r"<mark [^>]*>", fragment)


def test_an_event_sentence_holds_its_place_and_date_marks() -> None:
    page = review_html(
        [TITLE, PARAGRAPH],
        [mark(1, "event", SENTENCE), mark(2, "place", KOYA), mark(3, "date", MONDAY)],
    )
    body = paragraph_of(page)
    event = re.search(r"<mark [^>]*data-n='1'.*?</mark>\.</mark>", body, flags=re.S)
    assert event is not None, body
    inner = event.group(0)
    assert "data-n='2'" in inner and "data-n='3'" in inner
    # The event mark closes after the sentence's full stop, after both inner marks.
    assert body.index("data-n='1'") < body.index("data-n='2'") < body.index("data-n='3'")
    assert shown_text(inner) == PARAGRAPH[SENTENCE[0] : SENTENCE[1]]


def test_each_proposal_is_one_mark_with_its_number_and_kind() -> None:
    marks = [mark(1, "event", SENTENCE), mark(2, "place", KOYA), mark(7, "group", (35, 45))]
    body = paragraph_of(review_html([TITLE, PARAGRAPH], marks))
    tags = marks_in(body)
    assert len(tags) == 3
    for m in marks:
        [tag] = [t for t in tags if f"data-n='{m.number}'" in t]
        assert f"zb-prop-{m.kind}" in tag
        assert f"title='#{m.number} {m.kind} (pending)" in tag
        assert f"<sup class='zb-n'>{m.number}&#8239;{m.kind}</sup>" in body


def test_statuses_give_the_mark_classes() -> None:
    page = review_html(
        [TITLE, PARAGRAPH],
        [
            mark(1, "place", KOYA, "pending"),
            mark(2, "date", MONDAY, "accepted"),
            mark(3, "group", (35, 45), "rejected"),
        ],
    )
    classes = {int(n): c for c, n in re.findall(r"<mark class='([^']*)' data-n='(\d+)'", page)}
    assert "zb-pending" in classes[1].split()
    assert "zb-accepted" in classes[2].split()
    assert "zb-rejected" in classes[3].split()
    for n, wrong in ((1, "zb-accepted"), (2, "zb-rejected"), (3, "zb-pending")):
        assert wrong not in classes[n].split()


def test_a_mark_crossing_an_outer_marks_edge_is_not_drawn_and_the_text_stays_whole() -> None:
    crossing = (KOYA[0] + 2, MONDAY[0] + 2)  # "ya on": begins inside Koya, ends after it
    body = paragraph_of(
        review_html([TITLE, PARAGRAPH], [mark(1, "place", KOYA), mark(2, "date", crossing)])
    )
    assert "data-n='1'" in body
    assert "data-n='2'" not in body
    assert shown_text(body) == PARAGRAPH


def test_a_mark_crossing_the_end_of_an_event_sentence_is_not_drawn() -> None:
    end = SENTENCE[1]
    crossing = (end - 3, end + 5)  # "ay. Then"
    body = paragraph_of(
        review_html([TITLE, PARAGRAPH], [mark(1, "event", SENTENCE), mark(2, "group", crossing)])
    )
    assert len(marks_in(body)) == 1 and "data-n='1'" in body
    assert shown_text(body) == PARAGRAPH


def test_stale_offsets_beyond_the_text_are_ignored() -> None:
    stale = [
        mark(1, "place", (len(PARAGRAPH) - 2, len(PARAGRAPH) + 10)),
        mark(2, "place", (500, 520)),
        mark(3, "group", (10, 10)),  # empty
        mark(4, "date", (8, 3)),  # reversed
        mark(5, "place", (0, 4), block=9),  # a block that is not there
    ]
    page = review_html([TITLE, PARAGRAPH], stale)
    assert marks_in(page) == []
    assert shown_text(paragraph_of(page)) == PARAGRAPH


def test_every_text_is_escaped() -> None:
    title = "Raid <script>alert(1)</script>"
    paragraph = "They said <script>alert('x')</script> & left <img src=x onerror=alert(2)>."
    label = "<script>alert('label')</script>"
    page = review_html([title, paragraph], [mark(1, "place", (0, 4), label=label)])
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#x27;label&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&amp; left" in page


def test_an_unknown_kind_or_status_cannot_break_out_of_its_attribute() -> None:
    hostile = ReviewMark(1, "x'><script>", 1, 0, 4, "y'><b>", "z")
    page = review_html([TITLE, PARAGRAPH], [hostile])
    assert "<script>" not in page and "<b>" not in page.replace("&lt;b&gt;", "")


def test_the_text_of_every_block_is_reproduced_exactly() -> None:
    title = "Koya & Slemani: «strikes» <again>"
    paragraphs = [
        PARAGRAPH,
        "  Leading and  double  spaces, quotes \"x\" and 'y', backtick ` and ${x}.  ",
        "کۆیە — Koysinjaq; Arabic كويسنجق and Persian کویه.",
        "",
    ]
    marks = [
        mark(1, "place", (0, 4), block=0),
        mark(2, "event", SENTENCE, block=1),
        mark(3, "place", KOYA, block=1),
        mark(4, "date", MONDAY, block=1),
        mark(5, "group", (2, 9), block=2),
        mark(6, "place", (0, 4), block=3),
    ]
    page = review_html([title, *paragraphs], marks)
    heading = re.search(r"<h2>(.*?)</h2>", page, flags=re.S).group(1)
    assert shown_text(heading) == title
    shown = [shown_text(p) for p in re.findall(r"<p>(.*?)</p>", page, flags=re.S)]
    assert shown == paragraphs
