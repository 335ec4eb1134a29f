"""Roles in the store and the write gate, on SQLite and on PostgreSQL + PostGIS.

Role records have history like every record, carry the signed-in identity on their
revisions, and never leave the store as data (snapshot, export, query, recent changes,
an ``import --replace``). A refused write stores nothing and is logged.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from lib.store import InvalidChange, Store, migrate
from lib.store.access import (
    ANONYMOUS,
    LOCAL_EDITOR,
    AccessConfig,
    Actor,
    WriteRefused,
    authorise,
    grant,
    list_roles,
    remove,
    role_history,
    role_of,
)
from lib.store.batch import acting_as
from lib.store.files import read_folder

ISSUER = "http://127.0.0.1:9/issuer"
CONFIG = AccessConfig(
    admins=frozenset({"root@x.org"}), admin_claim="groups", admin_group="zb-admins"
)
ROOT = Actor("sub-root", "root@x.org", "Root Admin", ISSUER, "oidc")
ANA = Actor("sub-ana", "ana@x.org", "Ana", ISSUER, "oidc")
BOB = Actor("sub-bob", "bob@x.org", "Bob", ISSUER, "oidc")


def _event(store: Store, event_id: str) -> dict[str, str]:
    return {**store.get("event", "amini-death-protests").payload, "event_id": event_id}


def test_roles_come_from_configuration_then_the_store_then_the_default(seeded: Store) -> None:
    assert role_of(seeded, ROOT, CONFIG) == "admin"
    assert role_of(seeded, ANA, CONFIG) == "viewer"
    claimed = Actor("sub-c", "c@x.org", "C", ISSUER, "oidc", frozenset({"zb-admins"}))
    assert role_of(seeded, claimed, CONFIG) == "admin"
    assert role_of(seeded, LOCAL_EDITOR, CONFIG) == "admin"
    assert role_of(seeded, ANONYMOUS, CONFIG) == "viewer"
    assert role_of(seeded, ANA, AccessConfig(default_role="editor")) == "editor"
    grant(seeded, ROOT, "Ana@X.org ", "editor", "joins the desk", CONFIG)
    assert role_of(seeded, ANA, CONFIG) == "editor"
    # The role is tied to the address, not to whoever claims it from another subject
    # once a subject is recorded.
    grant(seeded, ROOT, "ana@x.org", "editor", "tie to her account", CONFIG, subject="sub-ana")
    impostor = Actor("sub-other", "ana@x.org", "Ana?", ISSUER, "oidc")
    assert role_of(seeded, impostor, CONFIG) == "viewer"
    assert role_of(seeded, ANA, CONFIG) == "editor"


def test_a_grant_and_a_removal_are_revisions_with_the_admins_identity(seeded: Store) -> None:
    head = seeded.latest_revision()
    first = grant(seeded, ROOT, "ana@x.org", "editor", "joins the desk", CONFIG)
    second = grant(seeded, ROOT, "ana@x.org", "admin", "runs the desk", CONFIG)
    gone = remove(seeded, ROOT, "ana@x.org", "left the team", CONFIG)
    again = grant(seeded, ROOT, "ana@x.org", "viewer", "came back, reads only", CONFIG)
    assert [r.revision for r in (first, second, gone, again)] == list(range(head + 1, head + 5))
    history = seeded.history("role", "ana@x.org")
    assert [(h.action, (h.after or {}).get("role")) for h in history] == [
        ("create", "editor"),
        ("update", "admin"),
        ("retire", "admin"),
        ("restore", "viewer"),
    ]
    assert {(h.who, h.who_subject, h.who_email) for h in history} == {
        ("Root Admin <root@x.org>", "sub-root", "root@x.org")
    }
    assert [h.why for h in role_history(seeded)] == [
        "came back, reads only",
        "left the team",
        "runs the desk",
        "joins the desk",
    ]
    assert [(r.record_id, r.payload["role"]) for r in list_roles(seeded)] == [
        ("ana@x.org", "viewer")
    ]
    with pytest.raises(InvalidChange, match="already viewer"):
        grant(seeded, ROOT, "ana@x.org", "viewer", "twice", CONFIG)


def test_a_refused_write_stores_nothing_and_is_logged(
    seeded: Store, caplog: pytest.LogCaptureFixture
) -> None:
    head = seeded.latest_revision()
    caplog.set_level(logging.INFO, logger="zagros.access")
    with pytest.raises(WriteRefused, match=r"Bob <bob@x\.org> is a viewer, and .* needs an admin"):
        grant(seeded, BOB, "bob@x.org", "admin", "promote myself", CONFIG)
    with pytest.raises(WriteRefused, match="needs an editor"):
        authorise(seeded, BOB, "editor", CONFIG, what="retire site:x")
    with pytest.raises(WriteRefused, match="nobody is signed in"):
        authorise(seeded, ANONYMOUS, "editor", CONFIG, what="retire site:x")
    assert seeded.latest_revision() == head
    assert list_roles(seeded) == []
    refusals = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(refusals) == 3
    assert (
        "who=Bob <bob@x.org>" in refusals[0] and "what=granting admin to bob@x.org" in refusals[0]
    )
    assert "why=" in refusals[1] and "retire site:x" in refusals[1]


def test_editors_write_records_but_cannot_touch_roles(seeded: Store) -> None:
    grant(seeded, ROOT, "ana@x.org", "editor", "joins", CONFIG)
    assert authorise(seeded, ANA, "editor", CONFIG) == "editor"
    with pytest.raises(WriteRefused):
        authorise(seeded, ANA, "admin", CONFIG)
    # Not even a batch that passed the editor's gate may change a role record.
    with (
        pytest.raises(InvalidChange, match="only on the Admin page"),
        seeded.batch("Ana", "sneak") as b,
    ):
        b.create("role", "ana@x.org", {"email": "ana@x.org", "role": "admin"})
    with pytest.raises(InvalidChange, match="only on the Admin page"):
        seeded.retire("role", "ana@x.org", who="Ana", why="sneak")
    assert role_of(seeded, ANA, CONFIG) == "editor"


def test_revisions_record_the_signed_in_identity(seeded: Store) -> None:
    rev = seeded.create("event", "ev-a", _event(seeded, "ev-a"), who="Ana", why="explicit")
    assert (rev.who_subject, rev.who_email) == (None, None)
    with seeded.batch("Ana <ana@x.org>", "passed actor", ANA) as b:
        b.create("event", "ev-b", _event(seeded, "ev-b"))
    with acting_as(ANA):
        # The editorial saves open their own batch with who and why only.
        seeded.create("event", "ev-c", _event(seeded, "ev-c"), who="Ana <ana@x.org>", why="ctx")
    with acting_as(LOCAL_EDITOR):
        seeded.create("event", "ev-d", _event(seeded, "ev-d"), who="A. Analyst", why="local")
    got = {r.record_id: (r.who_subject, r.who_email) for r in seeded.recent(4)}
    assert got == {
        "ev-a": (None, None),
        "ev-b": ("sub-ana", "ana@x.org"),
        "ev-c": ("sub-ana", "ana@x.org"),
        "ev-d": ("local", None),
    }
    # Read back from the table itself, not only from what the write returned.
    assert [(r.who_subject, r.who_email) for r in seeded.history("event", "ev-b")] == [
        ("sub-ana", "ana@x.org")
    ]


def test_role_records_never_leave_the_store_as_data(seeded: Store, tmp_path: Path) -> None:
    grant(seeded, ROOT, "ana@x.org", "editor", "joins", CONFIG)
    head = seeded.latest_revision()
    assert not any(r.kind == "role" for r in seeded.snapshot()[1])
    assert not any(r.kind == "role" for r in seeded.query())
    assert [r.record_id for r in seeded.query("role")] == ["ana@x.org"]
    assert all(r.kind != "role" for r in seeded.recent(50))
    out = tmp_path / "export"
    seeded.export(out)
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "ana@x.org" not in text and "root@x.org" not in text
    assert not any(r.kind == "role" for r in read_folder(out))
    # Syncing the store to a folder (which never holds roles) keeps the roles.
    seeded.import_(out, who="ops", why="sync", replace=True)
    assert seeded.latest_revision() == head
    assert role_of(seeded, ANA, CONFIG) == "editor"


def test_migration_0004_adds_nullable_identity_columns(empty_url: str) -> None:
    store = Store(empty_url)
    try:
        store.upgrade("0003")
        with store.engine.begin() as conn:
            cols = {c["name"] for c in sa.inspect(conn).get_columns("revisions")}
        assert "who_subject" not in cols
        store.upgrade()
        with store.engine.begin() as conn:
            columns = {c["name"]: c for c in sa.inspect(conn).get_columns("revisions")}
        assert columns["who_subject"]["nullable"] and columns["who_email"]["nullable"]
        assert store.schema_status() == ("0004", "0004")
        with store.engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0003")
            cols = {c["name"] for c in sa.inspect(conn).get_columns("revisions")}
        assert "who_email" not in cols
    finally:
        store.close()
