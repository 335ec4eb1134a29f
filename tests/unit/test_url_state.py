"""Links in, filters and view out — and hostile query values are ignored with a notice."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lib.model.map_view import MapView
from lib.model.url_state import encode_filters, encode_view, parse_url_state


def test_defaults_encode_to_no_parameters(all_filters):
    assert encode_filters(all_filters, all_filters) == {}
    assert parse_url_state({}, all_filters).filters == all_filters


def test_a_selection_round_trips_through_the_link(all_filters):
    chosen = dataclasses.replace(
        all_filters,
        groups=frozenset({"KDPI", "none"}),
        date_from=dt.date(2023, 1, 1),
        date_to=dt.date(2024, 6, 30),
        min_confidence="medium",
    )
    params = {**encode_filters(chosen, all_filters), **encode_view(MapView(36.1, 44.6, 10))}
    state = parse_url_state(params, all_filters)
    assert state.filters == chosen
    assert state.view == MapView(36.1, 44.6, 10)
    assert state.notices == []


def test_no_groups_is_distinct_from_all_groups(all_filters):
    empty = dataclasses.replace(all_filters, groups=frozenset())
    assert (
        parse_url_state(encode_filters(empty, all_filters), all_filters).filters.groups
        == frozenset()
    )


@pytest.mark.parametrize(
    "params",
    [
        {"groups": "../../etc/passwd"},
        {"groups": "<script>alert(1)</script>"},
        {"from": "2023-02-30"},
        {"from": "1900-01-01"},
        {"from": "2025-01-01", "to": "2023-01-01"},
        {"conf": "certain"},
        {"lat": "36", "lon": "44"},
        {"lat": "nan", "lon": "44", "z": "7"},
        {"lat": "36", "lon": "44", "z": "99"},
        {"lat": "1e400", "lon": "44", "z": "7"},
        {"groups": "K" * 10_000},
    ],
)
def test_hostile_or_malformed_values_are_ignored_with_a_notice(all_filters, params):
    state = parse_url_state(params, all_filters)
    assert state.notices, params
    assert state.filters == all_filters
    assert state.view is None


def test_known_groups_survive_next_to_unknown_ones(all_filters):
    state = parse_url_state({"groups": "PJAK,nonsense"}, all_filters)
    assert state.filters.groups == frozenset({"PJAK"})
    assert "nonsense" in state.notices[0]


def test_list_values_take_the_last(all_filters):
    assert parse_url_state({"conf": ["low", "high"]}, all_filters).filters.min_confidence == "high"
