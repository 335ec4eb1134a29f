"""Taking in a new text: paste and upload, and every bad input refused or capped."""

from __future__ import annotations

import pytest

from lib.data.intake import MAX_CHARS, IntakeError, text_from_paste, text_from_upload


def test_paste_splits_on_blank_lines_and_normalises_whitespace():
    got = text_from_paste("First  para\ncontinues.\n\n\n  Second\tpara. ", title=" A  title ")
    assert got.title == "A title"
    assert got.paragraphs == ("First para continues.", "Second para.")
    assert got.notes == ()


def test_paste_without_blank_lines_splits_on_lines():
    assert text_from_paste("one\ntwo\n", title="T").paragraphs == ("one", "two")


@pytest.mark.parametrize("text", ["", "   \n\n\t "])
def test_empty_text_is_refused(text):
    with pytest.raises(IntakeError, match="pasted text: empty"):
        text_from_paste(text)


def test_huge_text_is_capped_and_says_so():
    got = text_from_paste(("x" * 1000 + "\n\n") * 231)
    assert sum(len(p) for p in got.paragraphs) == MAX_CHARS
    assert got.notes == ("Text capped at 100,000 characters (it had 231,000).",)


def test_script_in_a_text_file_is_kept_literal():
    got = text_from_upload("a.txt", b"Hello <script>alert(1)</script> world")
    assert got.paragraphs == ("Hello <script>alert(1)</script> world",)


def test_markdown_is_stripped_to_text():
    md = b"# Heading\n\nSome **bold** and *em* with [a link](http://x.y).\n\n- item"
    got = text_from_upload("n.md", md)
    # The heading is the title (a pasted or uploaded article starts with its headline).
    assert got.title == "Heading"
    assert got.paragraphs == ("Some bold and em with a link.", "item")


def test_binary_file_is_refused():
    with pytest.raises(IntakeError, match="binary"):
        text_from_upload("a.txt", b"\x89PNG\x00\x00\x01")


def test_undecodable_bytes_fall_back_to_cp1256_and_say_so():
    got = text_from_upload("a.txt", "بغداد".encode("cp1256"))
    assert got.paragraphs == ("بغداد",)
    assert "Windows-1256" in got.notes[-1]


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "noextension"])
def test_unknown_extension_is_refused(name):
    with pytest.raises(IntakeError, match="cannot read"):
        text_from_upload(name, b"text")


def test_oversized_upload_is_refused():
    with pytest.raises(IntakeError, match="upload limit"):
        text_from_upload("a.txt", b"a" * 5_000_001)


def test_page_without_article_text_is_refused():
    page = b"<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>"
    with pytest.raises(IntakeError, match="no article text found"):
        text_from_upload("page.html", page)


def test_html_article_text_is_extracted():
    body = " ".join(["Iran struck camps of Kurdish groups near Koya on Monday."] * 8)
    page = (
        "<html><head><title>Strikes near Koya</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Strikes near Koya</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Contact us</footer></body></html>"
    ).encode()
    got = text_from_upload("page.htm", page)
    assert got.title == "Strikes near Koya"
    assert any("Koya on Monday" in p for p in got.paragraphs)
    assert not any("Contact us" in p or "Home | News" in p for p in got.paragraphs)
