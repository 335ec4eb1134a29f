"""The browser benchmark's pure parts: decoding, stages, medians, budgets, tables."""

from __future__ import annotations

import base64

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from lib.tools.bench.browser import LoadRun, Target, TargetRun, Visit
from lib.tools.bench.browser_profile import STAGES, Breakdown, Message, breakdown, decode_messages
from lib.tools.bench.browser_report import (
    median_or_none,
    profile_table,
    returning_table,
    time_table,
)
from lib.tools.bench.budgets import browser_budgets, ratio_budget
from lib.tools.loadrun import percentile


def _b64(msg: ForwardMsg) -> str:
    return base64.b64encode(msg.SerializeToString()).decode()


def _component(name: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.component_instance.component_name = name
    msg.delta.new_element.component_instance.json_args = '{"script": "' + "x" * 500 + '"}'
    return msg


def test_decode_messages_names_kinds_and_the_component():
    session = ForwardMsg()
    session.new_session.name = "s"
    finished = ForwardMsg()
    finished.script_finished = 1
    raw = [
        [10.0, _b64(session)],
        [20.0, _b64(_component("streamlit_folium.st_folium"))],
        [30.0, _b64(finished)],
        [40.0, base64.b64encode(b"\xff\xff\xff").decode()],
    ]
    decoded = decode_messages(raw)
    assert [m.kind for m in decoded] == ["new_session", "delta", "script_finished", "undecodable"]
    assert decoded[1].component == "streamlit_folium.st_folium"
    assert decoded[1].size > 500
    assert decoded[0].at == 10.0


def _frames(*, srcdoc: bool = False) -> list[dict]:
    top = {"url": "http://127.0.0.1:1/", "top": True, "origin": 0.0, "render": None,
           "drawn": None, "longtasks": [[100.0, 80.0], [5000.0, 60.0]], "resources": []}  # fmt: skip
    component = {
        "url": "http://127.0.0.1:1/component/streamlit_folium.st_folium/index.html",
        "top": False, "origin": 1500.0, "render": 1800.0, "drawn": None if srcdoc else 2600.0,
        "what": "path.zb-border", "longtasks": [[2000.0, 120.0]],
        "resources": [
            {"name": "/app/static/vendor/leaflet/leaflet.js", "start": 1900.0, "end": 2100.0},
            {"name": "/app/static/vendor/leaflet/leaflet.css", "start": 1950.0, "end": 2050.0},
            {"name": "/app/static/vendor/bundles/ab12.js", "start": 2000.0, "end": 2300.0},
            {"name": "/app/static/vendor/late.js", "start": 2700.0, "end": 2800.0},  # after
        ],
    }  # fmt: skip
    frames = [top, component]
    if srcdoc:
        frames.append({"url": "about:srcdoc", "top": False, "origin": 1900.0, "render": None,
                       "drawn": 2700.0, "what": "path.x", "longtasks": [[2200.0, 200.0]],
                       "resources": []})  # fmt: skip
    return frames


MESSAGES = [
    Message(1000.0, "new_session", 100),
    Message(1100.0, "script_finished", 10),  # a first run that drew no map
    Message(1150.0, "new_session", 100),
    Message(1400.0, "delta", 50_000, "streamlit_folium.st_folium"),
    Message(1450.0, "delta", 300, "other.component"),
    Message(1700.0, "script_finished", 10),
    Message(3000.0, "delta", 7),  # after the draw
]


def test_breakdown_stages_add_up_to_the_total():
    b = breakdown(0.0, 900.0, MESSAGES, _frames())
    assert b is not None
    assert b.total_ms == 2600.0
    assert b.stages == {
        "boot": 900.0, "session": 100.0, "script_to_map": 400.0, "delta_to_frame": 100.0,
        "frame_to_args": 300.0, "args_to_drawn": 800.0,
    }  # fmt: skip
    assert sum(b.stages.values()) == pytest.approx(b.total_ms)
    assert b.script_ms == 550.0  # the run that sent the map: 1150 → 1700
    assert b.runs_before_map == 1
    assert b.map_delta_bytes == 50_000
    assert b.bytes_before_draw == 100 + 10 + 100 + 50_000 + 300 + 10
    assert b.components == 2
    # The map's scripts before the draw (stylesheets and later scripts not counted).
    assert (b.map_scripts_ms, b.map_scripts) == (400.0, 2)
    assert b.longtask_page_ms == 80.0  # the task after the draw is not counted
    assert b.longtask_map_ms == 120.0
    assert b.drawn == "path.zb-border"
    assert not b.notes


def test_breakdown_of_a_map_in_a_frame_inside_the_component():
    b = breakdown(0.0, 900.0, MESSAGES, _frames(srcdoc=True))
    assert b is not None
    assert b.total_ms == 2700.0
    assert b.stages["frame_to_args"] == 300.0  # the component frame's arguments
    assert b.stages["args_to_drawn"] == 900.0
    assert b.longtask_map_ms == 200.0 + 120.0  # map frame and the component around it


def test_breakdown_missing_stamps_and_nothing_drawn():
    assert breakdown(0.0, 900.0, MESSAGES, [_frames()[0]]) is None
    b = breakdown(0.0, None, MESSAGES[:1], _frames())
    assert b is not None
    assert b.stages["boot"] is None and b.stages["script_to_map"] is None
    assert "boot: no stamp" in b.notes
    assert b.script_ms is None and b.map_delta_bytes == 0


def test_median_and_p95():
    assert median_or_none([3.0, None, 1.0, 2.0]) == 2.0
    assert median_or_none([None]) is None
    assert percentile([float(v) for v in range(1, 21)], 0.95) == 19.0
    assert percentile([5.0], 0.95) == 5.0
    assert percentile([], 0.95) is None


def _run(label: str, warm: list[float | None], cold: list[float | None]) -> TargetRun:
    return TargetRun(
        Target(label, "minimal" if label.startswith("minimal") else "app", "/"),
        warm=[Visit(s) for s in warm],
        cold=[Visit(s) for s in cold],
    )


def test_ratio_budget_verdicts():
    assert ratio_budget("x", "r", 2.5, 2.0, 1.25).status == "PASS"
    assert ratio_budget("x", "r", 2.6, 2.0, 1.25).status == "FAIL"
    assert ratio_budget("x", "r", None, 2.0, 1.25).status == "FAIL"
    assert ratio_budget("x", "r", 2.0, None, 1.25).status == "SKIP"
    assert "1.30" in ratio_budget("x", "r", 2.6, 2.0, 1.25).measured


def test_browser_budgets_per_page_against_the_minimal_app():
    runs = [
        _run("minimal", [2.0, 2.2, 1.8], [4.0, 4.2]),
        _run("map", [2.4, 2.5, 2.3], [6.0, 7.0]),  # warm 1.2 ×, cold 1.6 ×
        _run("border", [5.0, None, 4.0], [5.0, 5.0]),  # warm 2.25 ×, cold 1.22 ×
        # A reference row (the minimal app with a table): shown, never budgeted.
        _run("minimal + table", [9.0, 9.0, 9.0], [9.0, 9.0]),
    ]
    verdicts = {b.name: b.status for b in browser_budgets(runs, None)}
    assert verdicts == {
        "drawn warm map": "PASS", "drawn cold map": "FAIL",
        "drawn warm border": "FAIL", "drawn cold border": "PASS", "under load": "SKIP",
    }  # fmt: skip
    assert "× minimal" in time_table(runs)[0]
    assert "| minimal + table | 9.00 (3) |" in "\n".join(time_table(runs))


def test_browser_budgets_under_load():
    ok = LoadRun(10, 10, 2.0, 5.9, 7.0, 20.0)
    slow = LoadRun(10, 10, 2.0, 6.1, 7.0, 20.0)
    failed = LoadRun(10, 9, 2.0, 3.0, 4.0, 20.0, ["session 3: TimeoutError"])
    assert browser_budgets([], ok)[-1].status == "PASS"
    assert browser_budgets([], slow)[-1].status == "FAIL"
    assert browser_budgets([], failed)[-1].status == "FAIL"
    assert "1 failed" in browser_budgets([], failed)[-1].measured


def test_tables_show_medians_ratios_and_stages():
    runs = [_run("minimal", [2.0, 2.0], [4.0]), _run("map", [3.0, 5.0], [8.0])]
    runs[1].warm[0].profile = Breakdown(3000.0, dict.fromkeys(STAGES, 500.0), script_ms=700.0)
    rows = time_table(runs)
    assert rows[3].startswith("| map | 4.00 (2) |") and "| 2.00 |" in rows[3]
    table = profile_table(runs)
    assert len(table) == 3  # the minimal app had no profile
    assert table[2].startswith("| map (1) | 500 | 500 |") and "| 3,000 | 700 |" in table[2]


def test_load_table_shows_the_minimal_app_beside_ours() -> None:
    from lib.tools.bench.browser_report import load_table

    ours = LoadRun(10, 10, 2.0, 20.0, 22.0, 30.0)
    minimal = LoadRun(10, 10, 1.5, 12.0, 13.0, 18.0)
    rows = load_table(ours, minimal)
    assert rows[2].startswith("| map page | 10 | 10 | 2.00 | 20.00 |") and "| 10.00 |" in rows[2]
    assert rows[3].startswith("| minimal (reference) | 10 | 10 | 1.50 | 12.00 |")
    assert "| 8.00 |" in rows[3]
    assert len(load_table(ours)) == 3


def test_a_large_store_is_held_to_the_seed_datas_time_and_to_no_error():
    from lib.tools.bench.browser_scale import SEED_LABEL, scale_budgets

    def run(label: str, times: list[float], errors: tuple[str, ...] = ()) -> TargetRun:
        env = (("ZAGROS_BRIEF_DB", "sqlite:///x"),)
        return TargetRun(
            Target(label, "app", "/", env), warm=[Visit(t, None, list(errors)) for t in times]
        )

    runs = [
        run(SEED_LABEL, [2.0, 2.2, 2.1]),
        run("sqlite", [2.9, 3.0, 3.1]),  # 1.43 ×
        run("postgresql", [3.3, 3.2, 3.4]),  # 1.57 ×
        run("broken", [2.0], ("app exception: KeyError",)),
    ]
    budgets = scale_budgets(runs, {"other": "no server binaries"})
    assert [(b.name.rsplit(" ", 1)[-1], b.status) for b in budgets] == [
        ("sqlite", "PASS"),
        ("postgresql", "FAIL"),
        ("broken", "FAIL"),  # fast, but it showed an error
        ("scale", "SKIP"),
    ]
    assert "1 error(s): app exception" in budgets[2].measured


def test_a_returning_visitor_is_reported_beside_a_first_visit_without_a_budget():
    minimal = _run("minimal", [2.0, 2.0], [])
    minimal.returning = [Visit(1.0), Visit(1.2), Visit(None)]
    page = _run("map", [3.0, 3.0], [])
    page.returning = [Visit(1.5), Visit(1.5)]
    table = "\n".join(returning_table([minimal, page]))
    assert "| minimal | 2.00 | 1.10 (2) | 1.00–1.20 | 1.00 | 1 |" in table
    assert "| map | 3.00 | 1.50 (2) | 1.50–1.50 | 1.36 | 0 |" in table
    # The budgets are a first visit's: the returning figures change none of them.
    assert {b.name for b in browser_budgets([minimal, page], None)} == {
        "drawn warm map", "drawn cold map", "under load"
    }  # fmt: skip
