"""Fixtures: a real nginx in front of two real app replicas on one real PostgreSQL.

``deployment`` (module-scoped) starts a throwaway PostgreSQL 15 + PostGIS cluster
(``tests/store/pg_cluster.py``), two ``streamlit run app.py`` replicas pointed at it
and Debian's nginx in the foreground (``lib.tools.deploy_local.LocalDeployment``),
and stops them all afterwards. Skipped locally when nginx or the PostgreSQL binaries
are missing; under ``CI`` a missing one is a failure (``.ci/run`` installs them).
The ``browser`` fixture is the browser tests' own (Debian's Chromium).
"""

from __future__ import annotations

import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lib.tools.deploy_local import COOKIE_NAME, LocalDeployment, find_nginx
from tests.browser import waits
from tests.store.pg_cluster import Cluster, find_bin


def _missing(message: str) -> None:
    if waits.in_ci():
        pytest.fail(f"{message} (required in CI)", pytrace=False)
    pytest.skip(message)


@dataclass
class Deployed:
    """The running deployment, its store's URL, and a cookie pinning to each replica."""

    site: LocalDeployment
    db_url: str
    #: replica address (``127.0.0.1:port``) -> a sticky-cookie value nginx routes to it
    pins: dict[str, str]

    @property
    def url(self) -> str:
        return self.site.url

    def replica(self, index: int) -> str:
        return self.site.apps[index].address


def upstream_for(base: str, cookie: str, path: str = "/_stcore/health") -> str:
    """The replica nginx sends a request with this sticky cookie to (``X-Upstream``)."""
    request = urllib.request.Request(base + path, headers={"Cookie": f"{COOKIE_NAME}={cookie}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        # After a failed try, $upstream_addr lists each replica tried: the last one answered.
        return response.headers.get("X-Upstream", "").split(", ")[-1]


def find_pins(base: str, replicas: list[str]) -> dict[str, str]:
    """A cookie value per replica, found by asking nginx where each candidate goes."""
    pins: dict[str, str] = {}
    for n in range(200):
        value = f"pin{n:03d}"
        pins.setdefault(upstream_for(base, value), value)
        if all(r in pins for r in replicas):
            return {r: pins[r] for r in replicas}
    raise AssertionError(f"nginx never routed to every replica: {pins}")


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployed]:
    """PostgreSQL, two replicas and nginx on local ports, for the whole module."""
    if find_nginx() is None:
        _missing("nginx not found (apt-get install nginx)")
    bin_dir = find_bin()
    if bin_dir is None:
        _missing("PostgreSQL server binaries not found (postgresql-15 postgresql-15-postgis-3)")
    assert bin_dir is not None
    cluster = Cluster(bin_dir)
    home = Path(tempfile.mkdtemp(prefix="zb-deploy-home-"))  # no user ~/.streamlit config
    site: LocalDeployment | None = None
    try:
        cluster.start()
        db_url = cluster.create_database("zb_deploy")
        site = LocalDeployment(replicas=2, db_url=db_url, env={"HOME": str(home)},
                               timeout=waits.timeout_s()).start()  # fmt: skip
        replicas = [app.address for app in site.apps]
        yield Deployed(site, db_url, find_pins(site.url, replicas))
    finally:
        if site is not None:
            site.stop()
        cluster.stop()
