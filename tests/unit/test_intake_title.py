"""Where a pasted text's title comes from (lib.data.intake.text_from_paste)."""

from __future__ import annotations

from lib.data.intake import MAX_TITLE, text_from_paste

BODY = "Guards struck near Koya on Monday.\n\nOfficials in Erbil said so on Tuesday."


def test_a_short_first_line_becomes_the_title_and_a_note_says_so() -> None:
    incoming = text_from_paste("Strikes near Koya\n\n" + BODY)
    assert incoming.title == "Strikes near Koya"
    assert incoming.paragraphs == (
        "Guards struck near Koya on Monday.",
        "Officials in Erbil said so on Tuesday.",
    )
    assert any("Title taken from the text's first line" in n for n in incoming.notes)


def test_a_first_line_without_blank_lines_becomes_the_title_too() -> None:
    incoming = text_from_paste("Strikes near Koya\nGuards struck.\nOfficials said so.")
    assert incoming.title == "Strikes near Koya"
    assert incoming.paragraphs == ("Guards struck.", "Officials said so.")


def test_a_single_paragraph_keeps_no_title() -> None:
    incoming = text_from_paste("Guards struck near Koya on Monday, officials said.")
    assert incoming.title == ""
    assert incoming.paragraphs == ("Guards struck near Koya on Monday, officials said.",)
    assert not any("Title" in n for n in incoming.notes)


def test_a_long_first_paragraph_is_not_taken_for_a_title() -> None:
    first = "word " * (MAX_TITLE // 5 + 10)
    incoming = text_from_paste(first + "\n\n" + BODY)
    assert incoming.title == ""
    assert incoming.paragraphs[0] == first.strip()
    assert len(incoming.paragraphs) == 3


def test_a_given_title_wins_and_the_first_line_stays_text() -> None:
    incoming = text_from_paste("Strikes near Koya\n\n" + BODY, title="  The   real  headline ")
    assert incoming.title == "The real headline"
    assert incoming.paragraphs[0] == "Strikes near Koya"
    assert len(incoming.paragraphs) == 3
    assert not any("Title" in n for n in incoming.notes)


def test_markup_in_a_pasted_title_is_kept_as_text() -> None:
    incoming = text_from_paste("<script>alert(1)</script>\n\n" + BODY)
    assert incoming.title == "<script>alert(1)</script>"
