"""Who a session is: the mode a request gives, the actor a sign-in gives, the access settings."""

from __future__ import annotations

import pytest

from lib.store.access import (
    ANONYMOUS,
    FORWARDED_HEADERS,
    LOCAL_EDITOR,
    AccessConfig,
    Actor,
    actor_from_claims,
    connection_mode,
    load_access_config,
)

LOCAL = {"Host": "localhost:8501", "User-Agent": "x"}
ISSUER = "http://127.0.0.1:8900/"
SIGNED_IN = {
    "is_logged_in": True,
    "iss": ISSUER,
    "sub": "user-1",
    "email": "Ana@X.org",
    "email_verified": True,
    "name": "Ana Analyst",
    "groups": ["zb-admins", "staff"],
    "provider": "default",
}


# ::ffff:127.0.0.1: what Streamlit's default dual-stack listener reports for 127.0.0.1.
@pytest.mark.parametrize("peer", ["127.0.0.1", "::1", "127.0.1.1", "::ffff:127.0.0.1"])
@pytest.mark.parametrize("host", ["localhost:8501", "127.0.0.1:8501", "[::1]:8501", "LOCALHOST"])
def test_a_direct_browser_on_this_machine_is_the_local_editor(peer: str, host: str) -> None:
    assert connection_mode({"host": host}, peer, auth_configured=False).mode == "local"


@pytest.mark.parametrize("header", FORWARDED_HEADERS)
def test_a_request_through_a_proxy_is_never_local(header: str) -> None:
    headers = {**LOCAL, header.title(): "127.0.0.1"}
    mode = connection_mode(headers, "127.0.0.1", auth_configured=False)
    assert mode.mode == "read-only"
    assert "proxy" in mode.reason and "127.0.0.1" not in mode.reason


@pytest.mark.parametrize(
    ("headers", "peer"),
    [
        (LOCAL, "192.168.1.20"),  # another machine
        (LOCAL, "10.0.0.5"),
        (LOCAL, "::ffff:192.168.1.20"),  # another machine, through the dual-stack listener
        (LOCAL, None),  # unknown peer: fail closed
        (LOCAL, "not an address"),
        ({"Host": "evil.example:8501"}, "127.0.0.1"),  # DNS rebinding to this machine
        ({}, "127.0.0.1"),  # no Host at all
    ],
)
def test_anything_else_without_sign_in_is_read_only(headers: dict, peer: str | None) -> None:
    assert connection_mode(headers, peer, auth_configured=False).mode == "read-only"


def test_with_sign_in_configured_the_sign_in_decides_even_on_this_machine() -> None:
    assert connection_mode(LOCAL, "127.0.0.1", auth_configured=True).mode == "oidc"


def test_a_signed_in_user_of_the_configured_issuer_is_an_actor() -> None:
    actor, problem = actor_from_claims(SIGNED_IN, ISSUER, "groups")
    assert problem is None
    groups = frozenset({"zb-admins", "staff"})
    assert actor == Actor("user-1", "ana@x.org", "Ana Analyst", ISSUER, "oidc", groups)
    assert actor.label == "Ana Analyst <ana@x.org>"


@pytest.mark.parametrize(
    ("claims", "issuer", "why"),
    [
        ({**SIGNED_IN, "iss": "https://attacker.example/"}, ISSUER, "issuer"),
        ({k: v for k, v in SIGNED_IN.items() if k != "iss"}, ISSUER, "issuer"),
        (SIGNED_IN, None, "could not be read"),
        ({**SIGNED_IN, "sub": ""}, ISSUER, "subject"),
    ],
)
def test_a_crafted_or_foreign_identity_is_refused(claims: dict, issuer: str | None, why: str):
    actor, problem = actor_from_claims(claims, issuer)
    assert actor is ANONYMOUS
    assert problem is not None and why in problem


def test_not_signed_in_is_anonymous_without_a_problem() -> None:
    assert actor_from_claims({"email": "test@example.com"}, ISSUER) == (ANONYMOUS, None)
    # Only a real True counts (a claim cannot say "yes").
    assert actor_from_claims({**SIGNED_IN, "is_logged_in": "yes"}, ISSUER)[0] is ANONYMOUS


def test_an_unverified_address_names_nobody() -> None:
    actor, _ = actor_from_claims({**SIGNED_IN, "email_verified": False}, ISSUER)
    assert actor.mode == "oidc" and actor.email == ""
    assert actor.label == "Ana Analyst"


def test_labels() -> None:
    assert LOCAL_EDITOR.label == "local editor"
    assert ANONYMOUS.label == "anonymous"
    assert Actor("s", "a@x.org", "", "i", "oidc").label == "a@x.org"
    assert Actor("s", "", "", "i", "oidc").label == "s"


def test_access_settings_are_read_and_checked(tmp_path) -> None:
    config = AccessConfig.from_mapping(
        {
            "admins": [" Root@X.org"],
            "admin_claim": "groups",
            "admin_group": "zb-admins",
            "default_role": "Editor",
            "require_login_to_view": True,
        }
    )
    assert config == AccessConfig(frozenset({"root@x.org"}), "groups", "zb-admins", "editor", True)
    assert AccessConfig.from_mapping(None) == AccessConfig()
    for bad in (
        {"admins": ["not an address"]},
        {"admins": 3},
        {"default_role": "admin"},
        {"default_role": "owner"},
        {"require_login_to_view": "yes"},
    ):
        with pytest.raises(ValueError, match=r"\[zagros\]"):
            AccessConfig.from_mapping(bad)
    assert load_access_config(tmp_path) == AccessConfig()
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[zagros]\nadmins = ["a@x.org"]\n', encoding="utf-8"
    )
    assert load_access_config(tmp_path).admins == frozenset({"a@x.org"})


def test_the_secrets_example_shows_every_key_and_no_secret() -> None:
    import tomllib

    from lib.data.paths import PROJECT_ROOT

    example = PROJECT_ROOT / ".streamlit" / "secrets.toml.example"
    data = tomllib.loads(example.read_text(encoding="utf-8"))
    auth = data["auth"]
    for key in (
        "redirect_uri",
        "cookie_secret",
        "client_id",
        "client_secret",
        "server_metadata_url",
    ):
        assert auth[key], key
    assert "client_kwargs" in auth
    assert auth["cookie_secret"].startswith("CHANGE-ME") and auth["client_secret"] == "CHANGE-ME"
    assert AccessConfig.from_mapping(data["zagros"]).admins == frozenset({"lead@example.org"})
    assert set(data["zagros"]) == {
        "admins",
        "admin_claim",
        "admin_group",
        "default_role",
        "require_login_to_view",
    }
    assert data["connections"]["store"]["url"].startswith("postgresql://")
