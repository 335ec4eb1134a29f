"""Playwright fixtures for browser tests against a running Streamlit app.

Fixtures
--------
app_server
    Session-scoped factory: ``app_server("app.py")`` starts
    ``python -m streamlit run <script>`` from the project root on a free port
    (once per script per session) and returns its base URL.
browser
    Session-scoped headless Debian Chromium (``/usr/bin/chromium``) driven by
    ``playwright.sync_api``. Skipped when Chromium is missing, except under
    ``CI`` where a missing browser is a failure.
offline_page
    An :class:`OfflinePage`: a fresh context in which every request to a host
    other than 127.0.0.1 / localhost is aborted and recorded, with console
    errors, page errors and failed local responses collected in lists.
screenshot
    ``screenshot(page, "name")`` saves ``artifacts/screenshots/name.png``.

Every wait (the server's health, Playwright's default timeout in the offline
context, the helpers of ``tests/browser/waits.py`` and ``maps.py``) shares one generous
deadline, ``ZB_BROWSER_TIMEOUT`` seconds (default 180) times
``ZB_BROWSER_TIMEOUT_SCALE`` (default 1, 2 under ``CI``): the waits are keyed
on progress, so a loaded machine only makes them slower, not fail.

Streamlit serves ``static/`` from the folder of the *main script*. A script
outside the project root (e.g. ``tests/browser/apps/map_smoke.py``) is
therefore run through a symlink in a temporary folder whose ``static`` links
to the project's ``static/``, so ``/app/static/vendor/...`` works for it too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from lib.data.paths import PROJECT_ROOT, STATIC_DIR
from lib.tools.deploy_local import streamlit_command
from tests.browser import waits

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SCREENSHOT_DIR = PROJECT_ROOT / "artifacts" / "screenshots"
# Environment variables passed through to the app; everything else is dropped.
# ZAGROS_BRIEF_DB: the test session's own store (tests/conftest.py).
_ENV_KEEP = ("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR", "CI", "VIRTUAL_ENV", "ZAGROS_BRIEF_DB")


def _in_ci() -> bool:
    return waits.in_ci()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class _Server:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path


def _log_tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text("utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_healthy(server: _Server, timeout: float | None = None) -> None:
    timeout = waits.timeout_s() if timeout is None else timeout
    deadline = time.monotonic() + timeout
    health = f"{server.url}/_stcore/health"
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with {server.proc.returncode}; log:\n{_log_tail(server.log)}"
            )
        try:
            with urllib.request.urlopen(health, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{health} not healthy after {timeout:.0f}s; log:\n{_log_tail(server.log)}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start Streamlit apps on demand; yield a factory ``(script, *args) -> base URL``.

    ``script`` is a path relative to the project root (or absolute). Extra
    arguments are passed to ``streamlit run``; ``env`` adds environment
    variables (e.g. ``ZAGROS_GEODATA_DIR``). Each distinct (script, args, env)
    is started once per session; all are stopped (process group killed) at
    the end of the session.
    """
    servers: dict[tuple[str, ...], _Server] = {}
    home = tmp_path_factory.mktemp("streamlit-home")  # no user ~/.streamlit config
    STATIC_DIR.mkdir(exist_ok=True)

    def start(script: str | Path, *args: str, env: dict[str, str] | None = None) -> str:
        script_path = (PROJECT_ROOT / script).resolve()
        if not script_path.is_file():
            raise FileNotFoundError(script_path)
        key = (str(script_path), *args, *sorted((env or {}).items()))
        if key in servers:
            return servers[key].url

        run_path = script_path
        if script_path.parent != PROJECT_ROOT:
            stage = tmp_path_factory.mktemp(f"app-{script_path.stem}")
            (stage / "static").symlink_to(STATIC_DIR, target_is_directory=True)
            run_path = stage / script_path.name
            run_path.symlink_to(script_path)

        port = _free_port()
        extra = env or {}
        env = {k: os.environ[k] for k in _ENV_KEEP if k in os.environ}
        env.update(HOME=str(home), PYTHONPATH=str(PROJECT_ROOT), PYTHONUNBUFFERED="1", **extra)
        cmd = streamlit_command(run_path, port, *args)
        log = tmp_path_factory.mktemp("streamlit-log") / f"{script_path.stem}-{port}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd,
                cwd=PROJECT_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group, killed as a whole
            )
        server = _Server(proc=proc, url=f"http://127.0.0.1:{port}", log=log)
        servers[key] = server
        try:
            _wait_healthy(server)
        except BaseException:
            _stop(proc)
            del servers[key]
            raise
        return server.url

    try:
        yield start
    finally:
        for server in servers.values():
            _stop(server.proc)


def launch_browser() -> Iterator[Browser]:
    """Headless Chromium from ``/usr/bin/chromium`` (playwright.sync_api.Browser).

    The ``browser`` fixture of ``tests/conftest.py`` runs this once per test session
    for every folder (browser, auth, deploy): Playwright's sync API runs one instance
    per thread, so a second session-wide browser would fail every test after it.
    """
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: install Debian's chromium package"
        if _in_ci():
            pytest.fail(f"{reason} (required in CI)", pytrace=False)
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if _in_ci():
            pytest.fail("playwright is not installed (required in CI)", pytrace=False)
        pytest.skip("playwright is not installed")

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class OfflinePage:
    """A page whose context can only reach the local app.

    Attributes
    ----------
    page : playwright.sync_api.Page
        The page.
    blocked_urls : list of str
        Requests to non-local hosts, which were aborted.
    console_errors : list of str
        ``console.error`` messages (including "Failed to load resource").
    page_errors : list of str
        Uncaught JavaScript exceptions.
    failed_local : list of str
        Local requests that failed or answered with status >= 400.
    """

    page: Page
    blocked_urls: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_local: list[str] = field(default_factory=list)

    def blocked_hosts(self) -> set[str]:
        """Return the hosts of the blocked requests."""
        return {urlsplit(u).hostname or "" for u in self.blocked_urls}


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    """A fresh page in which only 127.0.0.1 / localhost are reachable."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Every wait without its own timeout: the shared, load-tolerant deadline.
    context.set_default_timeout(waits.timeout_ms())
    context.set_default_navigation_timeout(waits.timeout_ms())
    page = context.new_page()
    result = OfflinePage(page=page)

    def route(r: Route) -> None:
        url = r.request.url
        if _is_local(url):
            r.continue_()
        else:
            result.blocked_urls.append(url)
            r.abort("blockedbyclient")

    def on_response(resp: Response) -> None:
        if resp.status >= 400 and _is_local(resp.url):
            result.failed_local.append(f"{resp.status} {resp.url}")

    def on_request_failed(req: Request) -> None:
        # ERR_ABORTED is the browser cancelling a load itself (a page change mid-load,
        # e.g. the favicon); the server neither failed nor refused anything.
        if _is_local(req.url) and req.failure != "net::ERR_ABORTED":
            result.failed_local.append(f"{req.failure} {req.url}")

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            result.console_errors.append(f"{msg.text} [{msg.location.get('url', '')}]")

    context.route("**/*", route)
    context.on("response", on_response)
    context.on("requestfailed", on_request_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: result.page_errors.append(str(exc)))
    try:
        yield result
    finally:
        context.close()


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """Return ``save(page, name, **kwargs) -> Path`` into ``artifacts/screenshots/``."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def save(page: Page, name: str, **kwargs: object) -> Path:
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), **kwargs)  # type: ignore[arg-type]
        return path

    return save
