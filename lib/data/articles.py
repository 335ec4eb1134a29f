"""Articles as data: metadata and text in paragraphs, one TOML file each.

``geodata/articles/<id>.toml`` holds ``id``, ``outlet``, ``published``,
``title``, ``language``, ``url``, ``source``, ``licence`` and ``paragraphs``
(a list of strings). Further articles are added the same way.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lib.data.validation import DataIssue

REQUIRED_FIELDS: tuple[str, ...] = ("id", "outlet", "published", "title", "language", "paragraphs")


@dataclass(frozen=True)
class Article:
    """One article.

    Attributes
    ----------
    article_id : str
        Stable id (also the file name).
    outlet, title, language, url, source, licence : str
        Metadata.
    published : datetime.date
        Publication date.
    paragraphs : tuple of str
        The text, paragraph by paragraph (the title is kept apart in ``title``).
    """

    article_id: str
    outlet: str
    published: dt.date
    title: str
    language: str
    url: str
    source: str
    licence: str
    paragraphs: tuple[str, ...]

    def blocks(self) -> tuple[str, ...]:
        """The texts annotations may quote: the title, then each paragraph."""
        return (self.title, *self.paragraphs)


def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()


def read_article(path: Path, label: str) -> tuple[Article | None, list[DataIssue]]:
    """Read and check one article file.

    Parameters
    ----------
    path : pathlib.Path
        The TOML file.
    label : str
        How issues name the file.

    Returns
    -------
    tuple
        The article (None when unusable) and the issues found.
    """
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [DataIssue(label, "(file)", "(file)", f"not UTF-8 text (byte {exc.start})")]
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return None, [DataIssue(label, "(file)", "(file)", f"not valid TOML: {exc}")]
    item = str(data.get("id") or path.stem)[:80]
    issues = [
        DataIssue(label, item, name, "required but missing or empty")
        for name in REQUIRED_FIELDS
        if not data.get(name)
    ]
    paragraphs = data.get("paragraphs")
    if paragraphs and not (
        isinstance(paragraphs, list) and all(isinstance(p, str) and p.strip() for p in paragraphs)
    ):
        issues.append(DataIssue(label, item, "paragraphs", "must be a list of non-empty texts"))
    published = None
    if data.get("published"):
        try:
            published = _parse_date(data["published"])
        except ValueError:
            issues.append(DataIssue(label, item, "published", "not a date (YYYY-MM-DD)"))
    if issues or published is None:
        return None, issues
    return (
        Article(
            article_id=str(data["id"]),
            outlet=str(data["outlet"]),
            published=published,
            title=str(data["title"]).strip(),
            language=str(data["language"]),
            url=str(data.get("url", "")),
            source=str(data.get("source", "")),
            licence=str(data.get("licence", "")),
            paragraphs=tuple(p.strip() for p in paragraphs),
        ),
        [],
    )


def load_articles(articles_dir: Path) -> tuple[dict[str, Article], list[DataIssue]]:
    """Load every ``*.toml`` article in a folder, sorted by date then id.

    Parameters
    ----------
    articles_dir : pathlib.Path
        The ``geodata/articles`` folder.

    Returns
    -------
    tuple
        Articles by id, and the issues found (duplicate ids included).
    """
    articles: dict[str, Article] = {}
    issues: list[DataIssue] = []
    for path in sorted(articles_dir.glob("*.toml")):
        label = f"articles/{path.name}"
        article, found = read_article(path, label)
        issues.extend(found)
        if article is None:
            continue
        if article.article_id in articles:
            issues.append(DataIssue(label, article.article_id, "id", "duplicate article id"))
            continue
        articles[article.article_id] = article
    ordered = sorted(articles.values(), key=lambda a: (a.published, a.article_id))
    return {a.article_id: a for a in ordered}, issues
