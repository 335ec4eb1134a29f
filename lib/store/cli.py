"""The store's command line: ``python -m lib.store {init,export,import,check,history,recent,upgrade}``.

Every command works on the store the one setting names (``ZAGROS_BRIEF_DB``,
``.streamlit/secrets.toml``, else ``var/zagros-brief.sqlite``), or on ``--db URL``.
Exit status: 0 done, 1 problems found (check, validation), 2 the store refused
or failed (the message says why and what to do).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from lib.data.paths import GEODATA_DIR
from lib.store.errors import StoreError, ValidationFailed
from lib.store.store import Store


def _who() -> str:
    try:
        return os.environ.get("ZAGROS_BRIEF_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command each)."""
    parser = argparse.ArgumentParser(prog="python -m lib.store", description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="SQLAlchemy URL (default: ZAGROS_BRIEF_DB, secrets, SQLite)")
    parser.add_argument("--who", default=None, help="who makes the change (default: your login)")
    parser.add_argument("--why", default="", help="why (recorded on every revision written)")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="migrate; seed from geodata/ if the store is empty")
    init.add_argument("--geodata", type=Path, default=GEODATA_DIR, help="seed folder")
    export = sub.add_parser("export", help="write the store as geodata-style files")
    export.add_argument("dir", type=Path)
    export.add_argument("--overwrite", action="store_true", help="replace data files in DIR")
    imp = sub.add_parser("import", help="import a geodata-style folder into an empty store")
    imp.add_argument("dir", type=Path)
    imp.add_argument(
        "--replace",
        action="store_true",
        help="store not empty: bring it to DIR's content (each change a revision)",
    )
    sub.add_parser("check", help="export to a temp folder and validate it (exit 1 on problems)")
    hist = sub.add_parser("history", help="every revision of one record")
    hist.add_argument("ref", metavar="KIND:ID")
    recent = sub.add_parser("recent", help="the newest revisions")
    recent.add_argument("n", type=int, nargs="?", default=20)
    sub.add_parser("upgrade", help="migrate the schema to the code's (alembic upgrade head)")
    sub.add_parser("describe", help="which store the setting names (no password)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Run one parsed command; returns the exit status."""
    store = Store(args.db)
    who = args.who or _who()
    try:
        if args.command == "describe":
            print(store.description)
        elif args.command == "init":
            count = store.init(args.geodata, who=who, why=args.why)
            state = f"seeded with {count} records" if count else "already seeded: nothing imported"
            print(
                f"Store ready ({store.description}), {state}; revision {store.latest_revision()}."
            )
        elif args.command == "upgrade":
            store.upgrade()
            print(f"Store schema up to date ({store.description}).")
        elif args.command == "export":
            written = store.export(args.dir, overwrite=args.overwrite)
            print(f"Wrote {len(written)} files to {args.dir}.")
        elif args.command == "import":
            count = store.import_(args.dir, who=who, why=args.why, replace=args.replace)
            print(f"Imported {count} records from {args.dir}; revision {store.latest_revision()}.")
        elif args.command == "check":
            problems = store.check()
            for problem in problems:
                print(problem)
            if problems:
                print(f"{len(problems)} problem(s).", file=sys.stderr)
                return 1
            print(f"Store sound ({store.description}), revision {store.latest_revision()}.")
        elif args.command == "history":
            kind, sep, record_id = args.ref.partition(":")
            if not sep or not record_id:
                print(
                    "Name the record as KIND:ID, e.g. event:amini-death-protests.", file=sys.stderr
                )
                return 2
            revisions = store.history(kind, record_id)
            if not revisions:
                print(f"No revisions of {args.ref}.", file=sys.stderr)
                return 2
            for rev in revisions:
                print(rev.summary())
        elif args.command == "recent":
            for rev in store.recent(args.n):
                print(rev.summary())
        return 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, run, print errors as the operator should read them."""
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except ValidationFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
