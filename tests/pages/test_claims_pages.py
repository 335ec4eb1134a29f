"""AppTest: the border-length check as the article page and the border page show it."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.analysis.claims import check_claims
from lib.data.catalog import Catalog
from lib.data.paths import RAW_DIR
from tests.apptest_utils import APP


def _open(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _plain(text: str) -> str:
    """Markdown as written by ``lib.ui.banners.md_escape``, without its backslashes."""
    return text.replace("\\", "")


def test_article_page_shows_the_border_length_check_with_every_figure(catalog: Catalog) -> None:
    (check,) = check_claims(catalog, raw_dir=RAW_DIR, kind="border_length")
    at = _open("pages/article.py")
    markdown = [_plain(m.value) for m in at.markdown]
    assert any(check.statement in m and f"*{check.verdict}*" in m for m in markdown)
    assert check.summary in markdown
    assert check.why in [_plain(c.value) for c in at.caption]
    (evidence,) = [
        d.value
        for d in at.dataframe
        if isinstance(d.value, pd.DataFrame)
        and "note" in d.value.columns
        and d.value["what"].str.startswith("Measured:").any()
    ]
    assert list(evidence["what"]) == [e.what for e in check.evidence]
    assert list(evidence["figure"]) == [e.figure for e in check.evidence]
    published = catalog.curated.published_border_lengths
    assert evidence["what"].str.contains("Published:|The claim:").sum() == len(published)


def test_border_page_shows_the_claim_beside_the_lengths(catalog: Catalog) -> None:
    (check,) = check_claims(catalog, raw_dir=RAW_DIR, kind="border_length")
    at = _open("pages/border.py")
    markdown = [_plain(m.value) for m in at.markdown]
    assert any(f"The article: “{check.statement}”" in m and check.summary in m for m in markdown), (
        markdown
    )
    assert check.why in [_plain(c.value) for c in at.caption]
