"""A new article's text, from a paste or an uploaded file, checked and capped.

Nothing here reaches a network: HTML pages are read by trafilatura from the bytes given.
Markup inside a plain-text file is kept as literal text (escaping it is the display's job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 100_000
MAX_UPLOAD_BYTES = 5_000_000
#: A first line longer than this is a paragraph, not a headline.
MAX_TITLE = 200
#: Tried in order; cp1256 is the Arabic Windows code page older Iraqi sites still serve.
ENCODINGS = ("utf-8-sig", "utf-8", "cp1256")
TEXT_EXTENSIONS = (".txt", ".md", ".html", ".htm")


class IntakeError(ValueError):
    """A text that cannot be taken in; the message says where, what and why."""


@dataclass(frozen=True)
class IncomingText:
    """A text ready for the proposer.

    Attributes
    ----------
    title : str
        The title ("" when none was given or found).
    paragraphs : tuple of str
        The text, paragraph by paragraph, whitespace normalised.
    notes : tuple of str
        What was done to it that the analyst should know (capped, title taken from…).
    """

    title: str
    paragraphs: tuple[str, ...]
    notes: tuple[str, ...] = ()


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [p for p in (re.sub(r"\s+", " ", part).strip() for part in parts) if p]


def _cap(paragraphs: list[str], notes: list[str]) -> list[str]:
    total = sum(len(p) for p in paragraphs)
    if total <= MAX_CHARS:
        return paragraphs
    kept, used = [], 0
    for p in paragraphs:
        if used + len(p) > MAX_CHARS:
            kept.append(p[: MAX_CHARS - used])
            break
        kept.append(p)
        used += len(p)
    notes.append(f"Text capped at {MAX_CHARS:,} characters (it had {total:,}).")
    return [p for p in kept if p]


def text_from_paste(text: str, title: str = "", where: str = "pasted text") -> IncomingText:
    """Take in pasted text.

    Parameters
    ----------
    text : str
        Paragraphs separated by blank lines (or, without blank lines, one per line).
    title : str
        The title, if known.
    where : str
        Named in error messages.

    Returns
    -------
    IncomingText

    Raises
    ------
    IntakeError
        When there is no text.
    """
    notes: list[str] = []
    paragraphs = _paragraphs(text)
    if not paragraphs:
        raise IntakeError(f"{where}: empty — there is no text to take in")
    title = re.sub(r"\s+", " ", title).strip()
    if not title and len(paragraphs) > 1 and len(paragraphs[0]) <= MAX_TITLE:
        # Pasted articles start with their headline: it is the title, not a paragraph.
        title, paragraphs = paragraphs[0], paragraphs[1:]
        notes.append("Title taken from the text's first line.")
    return IncomingText(title, tuple(_cap(paragraphs, notes)), tuple(notes))


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:8192]:
        raise IntakeError(f"{name}: a binary file (it holds NUL bytes), not text")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise IntakeError(f"{name}: not text in {', '.join(ENCODINGS)}")


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images → their alt text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links → their text
    text = re.sub(r"^[ \t]{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"^[ \t]{0,3}>\s?", "", text, flags=re.M)  # quotes
    text = re.sub(r"^[ \t]*[-*+][ \t]+", "", text, flags=re.M)  # list bullets
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    return re.sub(r"`([^`]*)`", r"\1", text)


def _html(name: str, page: str) -> IncomingText:
    import trafilatura  # imported here: only HTML uploads need it

    notes: list[str] = []
    body = trafilatura.extract(
        page, include_comments=False, include_tables=False, favor_precision=True, fast=True
    )
    if not body or not body.strip():
        raise IntakeError(f"{name}: no article text found in the page")
    metadata = trafilatura.extract_metadata(page)
    title = (metadata.title or "").strip() if metadata else ""
    if title:
        notes.append("Title taken from the page's metadata.")
    paragraphs = [p for p in (re.sub(r"\s+", " ", x).strip() for x in body.split("\n")) if p]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise IntakeError(f"{name}: no article text found in the page")
    notes.append("Text extracted from the HTML page (navigation and comments left out).")
    return IncomingText(title, tuple(_cap(paragraphs, notes)), tuple(notes))


def text_from_upload(name: str, data: bytes) -> IncomingText:
    """Take in an uploaded ``.txt``, ``.md``, ``.html`` or ``.htm`` file.

    Parameters
    ----------
    name : str
        The file's name (its extension decides how it is read).
    data : bytes
        Its content.

    Returns
    -------
    IncomingText

    Raises
    ------
    IntakeError
        Unknown extension, over :data:`MAX_UPLOAD_BYTES`, binary or undecodable, empty,
        or an HTML page without article text.
    """
    extension = "." + name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    if extension not in TEXT_EXTENSIONS:
        raise IntakeError(
            f"{name}: cannot read a '{extension or 'no extension'}' file; "
            f"upload {', '.join(TEXT_EXTENSIONS)}"
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise IntakeError(
            f"{name}: {len(data):,} bytes is over the {MAX_UPLOAD_BYTES:,}-byte upload limit"
        )
    text, encoding = _decode(name, data)
    if extension in (".html", ".htm"):
        return _html(name, text)
    if extension == ".md":
        text = _markdown_to_text(text)
    incoming = text_from_paste(text, where=name)
    notes = incoming.notes
    if encoding == "cp1256":
        notes = (*notes, "Read as Windows-1256 (Arabic): the file was not UTF-8.")
    return IncomingText(incoming.title, incoming.paragraphs, notes)
