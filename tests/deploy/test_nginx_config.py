"""The rendered nginx configuration is valid for Debian's nginx and routes as documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lib.data.paths import PROJECT_ROOT
from lib.tools.deploy_local import COOKIE_NAME, find_nginx, render_local, render_site
from lib.tools.loadrun import is_loopback_url, percentile
from tests.browser import waits

REPLICAS = ["127.0.0.1:8501", "127.0.0.1:8502"]


def test_the_site_config_has_sticky_sessions_websockets_static_files_and_health_checks() -> None:
    conf = render_site(REPLICAS, listen="80", cookie_secure=True)
    assert "hash $zb_route consistent;" in conf
    assert f"{COOKIE_NAME}=$request_id; Path=/; HttpOnly; SameSite=Lax; Secure" in conf
    for replica in REPLICAS:
        assert f"server {replica} max_fails=2 fail_timeout=10s;" in conf
    assert "location = /_stcore/stream {" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_read_timeout 1h;" in conf
    assert f"alias {(PROJECT_ROOT / 'static').resolve()}/;" in conf
    assert "location = /healthz {" in conf and "/_stcore/health;" in conf
    # A public server does not tell clients which replica answered.
    assert "X-Upstream" not in conf
    with pytest.raises(ValueError):
        render_site([])


def test_nginx_accepts_the_local_config(tmp_path: Path) -> None:
    nginx = find_nginx()
    if nginx is None:
        if waits.in_ci():
            pytest.fail("nginx not found (required in CI)")
        pytest.skip("nginx not found (apt-get install nginx)")
    tmp_path.chmod(0o755)
    (tmp_path / "tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_local(REPLICAS, 18099, tmp_path))
    check = subprocess.run(
        [str(nginx), "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "e.log")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert "X-Upstream $upstream_addr" in conf.read_text()


def test_the_load_run_only_targets_this_machine() -> None:
    assert is_loopback_url("http://127.0.0.1:8080")
    assert is_loopback_url("http://localhost:8080/")
    assert is_loopback_url("http://[::1]:8080")
    for url in ("http://example.org", "http://10.0.0.5:8080", "ftp://127.0.0.1", "127.0.0.1"):
        assert not is_loopback_url(url)
    refused = subprocess.run(
        [sys.executable, "-m", "lib.tools.loadrun", "--url", "http://192.0.2.1:80"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 2 and "loopback" in refused.stderr
    too_many = subprocess.run(
        [sys.executable, "-m", "lib.tools.loadrun", "--url", "http://127.0.0.1:9", "--sessions", "1000"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert too_many.returncode == 2 and "--sessions" in too_many.stderr


def test_p95_is_nearest_rank() -> None:
    assert percentile([float(n) for n in range(1, 21)], 0.95) == 19.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([], 0.95) is None


def test_replicas_do_not_force_a_garbage_collection_after_every_run() -> None:
    # Every open page reruns the sidebar's store poll every 2 s; Streamlit's forced
    # full collection after each run made 20 idle pages saturate two cores (README,
    # Team deployment). The option must exist under that name in this Streamlit.
    import tomllib

    from streamlit import config as st_config

    project = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert project["runner"]["postScriptGC"] is False
    assert "runner.postScriptGC" in st_config._config_options_template
