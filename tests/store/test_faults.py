"""What the operator reads when the store cannot work: each fault its own exception and message."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from lib.data.paths import GEODATA_DIR
from lib.store import (
    ConnectionLost,
    SchemaOutdated,
    Store,
    StoreCorrupt,
    StoreNotInitialised,
    StoreUnreachable,
)
from lib.store.cli import main
from tests.store.pg_cluster import Cluster, _free_port


def test_an_unreachable_server_is_named_without_its_password() -> None:
    url = f"postgresql://alice:s3cret-pw@127.0.0.1:{_free_port()}/zagros"
    store = Store(url)
    with pytest.raises(StoreUnreachable) as caught:
        store.latest_revision()
    message = str(caught.value)
    assert "Cannot reach the store (PostgreSQL · zagros on 127.0.0.1:" in message
    assert "ZAGROS_BRIEF_DB" in message and "s3cret-pw" not in message


def test_a_corrupt_sqlite_file_is_reported_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "zagros-brief.sqlite"
    path.write_bytes(b"this is not a database, just some text " * 200)
    with pytest.raises(StoreCorrupt, match="not a SQLite database"):
        Store(f"sqlite:///{path}").latest_revision()
    assert main(["--db", f"sqlite:///{path}", "check"]) == 2
    assert "is not a SQLite database or is damaged" in capsys.readouterr().err
    assert path.read_bytes().startswith(b"this is not a database")  # left as found


def test_a_store_never_initialised_says_to_run_init(empty_url: str) -> None:
    with pytest.raises(StoreNotInitialised, match=r"python -m lib\.store init"):
        Store(empty_url).latest_revision()


def test_a_schema_older_than_the_code_says_to_upgrade(empty_url: str) -> None:
    store = Store(empty_url)
    store.upgrade("0001")
    with pytest.raises(SchemaOutdated, match=r"run `python -m lib\.store upgrade`"):
        store.latest_revision()
    assert main(["--db", empty_url, "upgrade"]) == 0
    assert Store(empty_url).latest_revision() == 0


def test_a_connection_lost_mid_write_loses_no_committed_change(
    tmp_path: Path, pg_cluster: Cluster
) -> None:
    store = Store(pg_cluster.create_database("zb_lost"))
    store.init(GEODATA_DIR, who="seed", why="test")
    head = store.latest_revision()
    store.retire("place", "tehran", who="a", why="committed before")
    with pytest.raises(ConnectionLost, match="rolled that change back"):  # noqa: SIM117
        with store.batch("a", "lost") as batch:
            batch.retire("place", "baghdad")
            pid = batch._conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            with pg_cluster.admin() as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            batch.retire("group", "KDPI")
    assert store.latest_revision() == head + 1
    assert store.get("place", "tehran").retired and not store.get("place", "baghdad").retired
    store.retire("place", "baghdad", who="a", why="after reconnecting")
    assert store.latest_revision() == head + 2


def test_the_schema_has_the_postgis_point_and_gist_index(pg_cluster: Cluster) -> None:
    store = Store(pg_cluster.create_database("zb_schema"))
    store.upgrade()
    inspector = sa.inspect(store.engine)
    geom = {c["name"]: c for c in inspector.get_columns("records")}["geom"]
    assert "POINT" in str(geom["type"]).upper() and "4326" in str(geom["type"])
    with pg_cluster.admin("zb_schema") as conn:
        indexdef = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_records_geom'"
        ).fetchone()
    assert indexdef is not None and "USING gist" in indexdef[0]
