"""The registry of feature kinds: one label per kind, and every kind's features found."""

from __future__ import annotations

import pytest

from lib.data.catalog import known_references
from lib.data.features import BODY_KINDS, FEATURES
from lib.model.kinds import FOCUS_KINDS, KINDS, feature_name, find_feature, kind_label
from lib.story.article_view import KIND_COLOURS, kinds_legend_html


def test_every_stored_kind_has_a_label_and_the_labels_differ():
    assert set(KINDS) == set(FEATURES)
    labels = [kind.label for kind in KINDS.values()]
    assert len(set(labels)) == len(labels)
    assert kind_label("boundary") == "Border or region"
    assert kind_label("no-such-kind") == "no-such-kind"


def test_every_kind_an_annotation_may_name_can_be_focused_on_the_map():
    assert set(BODY_KINDS) <= set(FOCUS_KINDS)


def test_the_article_key_lists_every_annotation_kind_by_its_label():
    assert list(KIND_COLOURS) == list(BODY_KINDS)
    legend = kinds_legend_html()
    assert all(KINDS[kind].label in legend for kind in BODY_KINDS)


def test_every_known_id_is_found_and_named(catalog):
    known = catalog.focus_ids()
    assert set(known) == set(KINDS)
    assert known_references(catalog.curated, catalog.boundaries).keys() == set(BODY_KINDS)
    for kind, ids in known.items():
        assert ids, kind
        ref = sorted(ids)[0]
        assert find_feature(catalog, kind, ref) is not None, (kind, ref)
        assert feature_name(catalog, kind, ref), (kind, ref)


@pytest.mark.parametrize("kind", [*KINDS, "no-such-kind"])
def test_an_unknown_id_is_not_found(catalog, kind):
    assert find_feature(catalog, kind, "no-such-id") is None
