"""The proposer meets its targets on the real gold sets (geodata/gold/)."""

from __future__ import annotations

import pytest

from lib.analysis.propose.evaluate import evaluate, failures, load_gold_dir
from lib.data.catalog import load_catalog


@pytest.fixture(scope="module")
def results():
    catalog = load_catalog()
    texts = load_gold_dir(catalog)
    assert len(texts) >= 3
    assert all(t.licence and t.gold for t in texts)
    return evaluate(catalog, texts)


def test_places_and_groups_meet_the_targets_on_every_text(results):
    assert failures(results) == []


def test_targets_of_matched_places_and_groups_are_right(results):
    for kinds in results.values():
        for kind in ("place", "group"):
            accuracy = kinds[kind].target_accuracy
            assert accuracy is None or accuracy >= 0.9


def test_the_command_exits_zero_when_targets_are_met(capsys):
    from lib.tools.propose_eval import main

    assert main([]) == 0
    assert "targets met" in capsys.readouterr().out
