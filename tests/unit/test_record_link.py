"""Addresses of the editorial pages opened on one record (lib.model.links.record_link)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from lib.model.links import (
    CORRECT_PAGE,
    HISTORY_PAGE,
    MAP_ALIAS,
    PAGE_PATHS,
    REPORTING_PAGE,
    record_link,
)


def test_the_editorial_pages_are_registered() -> None:
    assert {CORRECT_PAGE, HISTORY_PAGE, REPORTING_PAGE} <= set(PAGE_PATHS)


@pytest.mark.parametrize(("page", "path"), [(CORRECT_PAGE, "/correct"), (HISTORY_PAGE, "/history")])
def test_a_record_link_names_the_record_as_kind_colon_id(page: str, path: str) -> None:
    assert record_link(page, "event", "x") == f"{path}?record=event%3Ax"
    assert record_link(page, "site", "a-camp") == f"{path}?record=site%3Aa-camp"


def test_ids_with_reserved_characters_survive_the_round_trip() -> None:
    link = record_link(HISTORY_PAGE, "annotation", "seed#ann 1/2&x=y")
    parts = urlsplit(link)
    assert parts.path == "/history"
    assert "#" not in link and " " not in link
    assert parse_qs(parts.query) == {"record": ["annotation:seed#ann 1/2&x=y"]}


@pytest.mark.parametrize("page", ["nowhere", MAP_ALIAS, "correct/"])
def test_a_page_that_is_not_registered_raises(page: str) -> None:
    with pytest.raises(ValueError, match="no page is served"):
        record_link(page, "event", "x")
