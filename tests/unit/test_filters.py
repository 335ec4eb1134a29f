"""Filters by group, date and confidence return the right features (real data)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from lib.model.filters import (
    NO_GROUP,
    filter_crossings,
    filter_events,
    filter_sites,
    show_all,
)


def ids(frame, column):
    return set(frame[column])


def test_everything_passes_the_default_filters(catalog, all_filters):
    assert len(filter_sites(catalog.curated.sites, all_filters)) == len(catalog.curated.sites) == 9
    assert (
        len(filter_events(catalog.curated.events, all_filters)) == len(catalog.curated.events) == 21
    )
    assert len(filter_crossings(catalog.curated.crossings, all_filters)) == 10


def test_group_filter_keeps_only_that_groups_sites(catalog, all_filters):
    komala = dataclasses.replace(all_filters, groups=frozenset({"Komala"}))
    assert ids(filter_sites(catalog.curated.sites, komala), "site_id") == {
        "komala-zrgwez",
        "komala-surdash",
    }


def test_group_filter_on_events_uses_any_of_their_groups(catalog, all_filters):
    pak = dataclasses.replace(all_filters, groups=frozenset({"PAK"}))
    events = ids(filter_events(catalog.curated.events, pak), "event_id")
    assert "irgc-strikes-2022-11-22" in events and "pak-erbil-drone-2026" in events
    assert "komala-to-surdash" not in events and "railway-foundation-stone" not in events


def test_events_tied_to_no_group_follow_the_no_group_option(catalog, all_filters):
    none = dataclasses.replace(all_filters, groups=frozenset({NO_GROUP}))
    events = ids(filter_events(catalog.curated.events, none), "event_id")
    all_events = catalog.curated.events
    untied = {e for e, g in zip(all_events["event_id"], all_events["groups"], strict=True) if not g}
    assert events == untied
    assert {"railway-foundation-stone", "amini-death-protests", "us-opposes-memorandum"} <= events


def test_unclear_group_is_selectable(catalog, all_filters):
    unclear = dataclasses.replace(all_filters, groups=frozenset({"unclear"}))
    assert ids(filter_sites(catalog.curated.sites, unclear), "site_id") == {"khalifan-camp"}


def test_date_filter_on_events_is_inclusive(catalog, all_filters):
    year_2023 = dataclasses.replace(
        all_filters, date_from=dt.date(2023, 3, 19), date_to=dt.date(2023, 9, 18)
    )
    events = ids(filter_events(catalog.curated.events, year_2023), "event_id")
    assert events == {
        "joint-security-agreement",
        "deadline-announced",
        "railway-foundation-stone",
        "kdpi-koya-evacuated",
    }


def test_sites_pass_the_date_filter_while_in_use(catalog, all_filters):
    # After the Koya HQ was evacuated (18 Sep 2023) and before Komala reached Surdash (Sep 2024).
    window = dataclasses.replace(
        all_filters, date_from=dt.date(2023, 10, 1), date_to=dt.date(2024, 6, 30)
    )
    sites = ids(filter_sites(catalog.curated.sites, window), "site_id")
    assert "kdpi-koya-hq" not in sites  # ended 2023-09-18
    assert "komala-surdash" not in sites  # from 2024-09-05
    assert "pak-sherawa" not in sites  # ended 2023-09 (whole month)
    assert {
        "komala-zrgwez",
        "kdpi-azadi-camp",
        "pjak-qandil",
        "pak-erbil-hq",
        "khalifan-camp",
    } <= sites


def test_minimum_confidence_hides_less_confident_items(catalog, all_filters):
    high = dataclasses.replace(all_filters, min_confidence="high")
    sites = filter_sites(catalog.curated.sites, high)
    assert set(sites["confidence"]) == {"high"}
    assert "khalifan-camp" not in set(sites["site_id"])
    medium = dataclasses.replace(all_filters, min_confidence="medium")
    assert "mandali" not in ids(filter_crossings(catalog.curated.crossings, medium), "crossing_id")


def test_filtering_does_not_change_the_loaded_frames(catalog, all_filters):
    before = catalog.curated.sites.copy()
    narrow = dataclasses.replace(all_filters, groups=frozenset({"PJAK"}))
    filter_sites(catalog.curated.sites, narrow)["name"] = "changed"
    assert catalog.curated.sites.equals(before)


def test_show_all_is_the_default_filters_of_the_catalog(catalog, all_filters):
    assert show_all(catalog) == all_filters
    # The old method, kept while callers outside lib/model move to show_all.
    assert show_all(catalog) == all_filters
