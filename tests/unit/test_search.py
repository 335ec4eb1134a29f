"""Search finds things by any of their names, across scripts, accents and typos."""

from __future__ import annotations

import pytest

from lib.analysis.search import SearchIndex, build_index, normalize, search
from lib.model.links import Focus


@pytest.fixture(scope="module")
def index(catalog):
    return build_index(catalog)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("koysinjaq", Focus("place", "koya")),
        ("Koy Sanjaq", Focus("place", "koya")),
        ("PDKI", Focus("group", "KDPI")),
        ("Sulaimani", Focus("town", "98463")),
        ("سلیمانی", Focus("town", "98463")),
        ("Halabja", Focus("boundary", "halabja")),
        ("Halabjah", Focus("boundary", "halabja")),
        ("Hawler", Focus("place", "erbil")),
        ("zurbatiya", Focus("crossing", "zurbatiyah")),
        ("al hol", Focus("place", "al-hol-camp")),
    ],
)
def test_the_right_feature_comes_first(index, query, expected):
    hits = search(index, query)
    assert hits and hits[0].entry.focus == expected, [(h.entry.label, h.score) for h in hits[:3]]


def test_diacritics_and_case_do_not_matter():
    assert normalize("Sulaymānīyah") == normalize("SULAYMANIYAH") == "sulaymaniyah"
    assert normalize("Ḩalabjah") == "halabjah"


def test_nonsense_finds_nothing(index):
    assert search(index, "qqqzzzxx") == []
    assert search(index, "a") == []


def test_kinds_read_as_the_registry_names_them(index):
    hits = search(index, "Halabja")
    assert hits[0].kind_label == "Border or region"


def test_a_plain_list_of_entries_ranks_as_the_index_does(index):
    assert isinstance(index, SearchIndex) and isinstance(index, list)
    for query in ("Halabjah", "koysinjaq", "al hol"):
        assert search(list(index), query) == search(index, query)


def test_names_holding_the_query_are_found_wherever_it_occurs(index):
    positions = index.containing("halabj")
    assert len(positions) and all("halabj" in index.names[p] for p in positions)
    assert sum("halabj" in n for n in index.names) == len(positions)
