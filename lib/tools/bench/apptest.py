"""Cold starts and warm reruns of a Streamlit page, each cold start a fresh process."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lib.data.paths import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"

#: The page a session opens on (``default=True`` in ``app.py``).
DEFAULT_PAGE = "pages/map.py"
#: Group selections the warm reruns switch between (each run is a real change).
WARM_SELECTIONS: tuple[tuple[str, ...], ...] = (("Komala",), ("KDPI", "PAK"), ("PJAK",))

_MARK = "@@ZB-BENCH@@"
#: The child process's script, run with ``python -c`` (see its docstring).
CHILD_SCRIPT = Path(__file__).with_name("apptest_child.py")


@dataclass
class AppRun:
    """Cold start and warm reruns of one page (or the alternative).

    Attributes
    ----------
    label : str
        Page file or ``alternative``.
    cold_s : list of float
        Cold starts, seconds (one fresh process each).
    warm_s : list of float
        Warm reruns after a filter change, seconds.
    bytes : int
        Map HTML bytes at the default view (all maps of the page).
    maps : int
        Number of ``st_folium`` maps on the page.
    filter_applied : bool
        Whether every warm rerun drew the new filter (AppTest can only
        deliver a widget change on the default page; see the README).
    errors : list of str
        Exceptions the page raised (should be empty).
    """

    label: str
    cold_s: list[float] = field(default_factory=list)
    warm_s: list[float] = field(default_factory=list)
    bytes: int = 0
    maps: int = 0
    filter_applied: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def cold(self) -> float:
        """Median cold start, seconds."""
        return statistics.median(self.cold_s)

    @property
    def warm(self) -> float:
        """Median warm rerun, seconds."""
        return statistics.median(self.warm_s)


def run_apptest(
    script: Path,
    page: str | None,
    *,
    cold_repeats: int = 3,
    warm_selections: Sequence[tuple[str, ...]] = WARM_SELECTIONS,
    widget: str = "zb_groups",
    state: str = "zb_filters",
    default_route: bool = False,
    label: str | None = None,
    timeout: float = 300.0,
    env: dict[str, str] | None = None,
) -> AppRun:
    """Time cold starts (fresh processes) and warm reruns of a Streamlit script.

    Parameters
    ----------
    script : pathlib.Path
        The entry script (``app.py`` or the generated alternative).
    page : str or None
        Page to open, relative to the script (``pages/map.py``); None for a
        single-page script.
    cold_repeats : int
        Fresh processes to start; the warm reruns are taken in the first.
    warm_selections : sequence of tuple of str
        Values given to the filter widget before each warm rerun.
    widget : str
        Key of the multiselect that filters by group.
    state : str
        Session-state key read back to tell whether the filter took effect.
    default_route : bool
        Rerun by asking for the default page (``tests/apptest_utils.rerun``).
    label : str, optional
        Name in the report (default: ``page``).
    timeout : float
        AppTest's timeout per run, seconds.
    env : dict of str, optional
        Variables added to the child's environment (e.g. ``ZAGROS_BRIEF_DB``).

    Returns
    -------
    AppRun
        The samples.

    Raises
    ------
    RuntimeError
        If a child process fails or prints no result.
    """
    run = AppRun(label or page or script.name)
    child = CHILD_SCRIPT.read_text(encoding="utf-8")
    for i in range(max(1, cold_repeats)):
        spec = {
            "script": str(script),
            "page": page,
            "warm": [list(s) for s in warm_selections] if i == 0 else [],
            "widget": widget,
            "state": state,
            "default_route": default_route,
            "timeout": timeout,
            "mark": _MARK,
        }
        child_env = {**os.environ, **(env or {}), "PYTHONPATH": str(PROJECT_ROOT)}
        proc = subprocess.run(
            [sys.executable, "-c", child, json.dumps(spec)],
            cwd=PROJECT_ROOT,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=timeout * (2 + len(warm_selections)),
            check=False,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith(_MARK)]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(
                f"benchmark child for {run.label} failed (exit {proc.returncode}):\n"
                + proc.stderr[-3000:]
            )
        result = json.loads(lines[-1][len(_MARK) :])
        run.cold_s.append(result["cold_s"])
        run.errors += result["errors"]
        if i == 0:
            run.warm_s = result["warm_s"]
            run.bytes, run.maps = result["bytes"], result["maps"]
            run.filter_applied = bool(result["applied"]) and all(result["applied"])
    return run


def app_pages(app: Path = APP) -> list[str]:
    """The page files ``app.py`` registers with ``st.Page``, in menu order."""
    return re.findall(r"st\.Page\(\s*\"(pages/[^\"]+\.py)\"", app.read_text(encoding="utf-8"))
