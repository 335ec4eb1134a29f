"""Fixtures of the sign-in tests: a real OIDC provider, apps signing in through it, pages.

Fixtures
--------
oidc_provider
    Session-scoped :class:`~tests.auth.oidc.OidcProvider`: ``oidc-provider-mock``
    on ``127.0.0.1:<free port>`` (``.url`` = ``.issuer``,
    ``.server_metadata_url``, ``.set_user(sub, **claims)``, ``.authorize(page, sub)``).
other_oidc_provider
    A second, independent provider (another issuer, another signing key).
oidc_app
    Session-scoped factory ``oidc_app(script="app.py", *, provider=None,
    admins=(), zagros=None, db=None, cookie_secret=None, args=(), env=None)``
    → :class:`~tests.auth.oidc.OidcApp` (``.url``, ``.log``, ``.log_text()``,
    ``.client_secret``, ``.cookie_secret``, ``.db``, ``.provider``,
    ``.stop()``). Every call starts a new server with its own secrets file,
    HOME, log and (unless ``db`` is given) SQLite store; all are stopped at
    the end of the session. See :func:`tests.auth.oidc.start_app`.
new_page
    Factory ``new_page(record=False) -> Page``: a fresh browser context (its
    own cookie jar, so one user each) in which only local hosts are reachable;
    ``page.zb_log`` is its :class:`PageLog`. With ``record=True`` it also
    keeps every local response body and every WebSocket frame received.
browser
    Headless Chromium, the test session's one (``tests/conftest.py``).

Helpers to sign in and out in a page: :mod:`tests.auth.oidc`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from tests.auth.oidc import OidcApp, OidcProvider, start_app, start_provider
from tests.browser import waits
from tests.browser.conftest import _is_local

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response, Route, WebSocket


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """The OpenID Connect provider the apps are configured with."""
    yield from start_provider(tmp_path_factory.mktemp("oidc"))


@pytest.fixture(scope="session")
def other_oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """A second provider: another issuer, another signing key."""
    yield from start_provider(tmp_path_factory.mktemp("oidc-other"))


@pytest.fixture(scope="session")
def oidc_app(
    tmp_path_factory: pytest.TempPathFactory, oidc_provider: OidcProvider
) -> Iterator[Callable[..., OidcApp]]:
    """Factory of app servers signing in through :func:`oidc_provider` (module notes)."""
    started: list[OidcApp] = []

    def start(
        script: str = "app.py", *, provider: OidcProvider | None = None, **kw: Any
    ) -> OidcApp:
        work = tmp_path_factory.mktemp("oidc-app")
        app = start_app(work, provider or oidc_provider, script, **kw)
        started.append(app)
        return app

    try:
        yield start
    finally:
        for app in started:
            app.stop()


@dataclass
class PageLog:
    """What a page's context saw.

    Attributes
    ----------
    blocked : list of str
        Requests to non-local hosts, aborted (the mock provider's pages link a CDN style sheet).
    page_errors : list of str
        Uncaught JavaScript exceptions.
    bodies : dict of str to bytes
        With ``record=True``: every local response's body, by URL.
    frames : list of bytes
        With ``record=True``: every WebSocket frame the page received.
    """

    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bodies: dict[str, bytes] = field(default_factory=dict)
    frames: list[bytes] = field(default_factory=list)


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Factory ``new_page(record=False) -> Page`` of fresh, offline browser contexts."""
    contexts = []

    def make(record: bool = False) -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(waits.timeout_ms())
        context.set_default_navigation_timeout(waits.timeout_ms())
        contexts.append(context)
        seen = PageLog()

        def route(r: Route) -> None:
            if _is_local(r.request.url):
                r.continue_()
            else:
                seen.blocked.append(r.request.url)
                r.abort("blockedbyclient")

        def keep(resp: Response) -> None:
            if _is_local(resp.url) and not 300 <= resp.status < 400:
                # A body gone with a page change: there is nothing served to read.
                with contextlib.suppress(Exception):
                    seen.bodies[resp.url] = resp.body()

        def on_socket(ws: WebSocket) -> None:
            ws.on(
                "framereceived",
                lambda p: seen.frames.append(p if isinstance(p, bytes) else p.encode()),
            )

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: seen.page_errors.append(str(exc)))
        if record:
            page.on("response", keep)
            page.on("websocket", on_socket)
        page.zb_log = seen  # type: ignore[attr-defined]
        return page

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
