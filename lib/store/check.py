"""Is a geodata-style folder sound? The app's own loader, plus the references it leaves unchecked.

:func:`folder_problems` loads the folder with :func:`lib.data.catalog.load_catalog`
(schemas, unique ids, groups known, every annotation anchored to its article's
text and naming a known feature) and then checks what crosses files: source
positions name an existing site or crossing, claims an existing article, briefing
steps existing groups and features. Boundary layers and raw sources are not in
the store: they are taken from the project's ``geodata/``.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

from lib.data.catalog import Catalog, known_references, load_catalog
from lib.data.paths import GEODATA_DIR
from lib.data.schemas import NO_GROUP
from lib.store.files import FOLDERS


@contextlib.contextmanager
def assembled(folder: Path, geodata_dir: Path = GEODATA_DIR) -> Iterator[Path]:
    """A temporary geodata folder: the store's four folders from ``folder``, the rest linked.

    Parameters
    ----------
    folder : pathlib.Path
        Holds ``curated/``, ``articles/``, ``annotations/``, ``briefings/``.
    geodata_dir : pathlib.Path
        Where ``layers/`` and ``raw/`` (files, not in the store) come from.

    Yields
    ------
    pathlib.Path
        The folder to load; removed afterwards.
    """
    with tempfile.TemporaryDirectory(prefix="zb-store-") as tmp:
        root = Path(tmp)
        for sub in FOLDERS:
            if (folder / sub).is_dir():
                shutil.copytree(folder / sub, root / sub)
            else:
                (root / sub).mkdir()
        for sub in ("layers", "raw"):
            source = folder / sub if (folder / sub).is_dir() else geodata_dir / sub
            if source.is_dir():
                (root / sub).symlink_to(source.resolve(), target_is_directory=True)
        yield root


def _briefing_problems(root: Path, catalog: Catalog) -> list[str]:
    known = known_references(catalog.curated, catalog.boundaries)
    groups = known["group"] | {NO_GROUP}
    problems = []
    for path in sorted((root / "briefings").glob("*.toml")):
        label = f"briefings/{path.name}"
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{label} — (file), field “(file)”: not valid TOML: {exc}")
            continue
        for n, step in enumerate(doc.get("steps", []), start=1):
            for group in step.get("groups", []) if isinstance(step, dict) else []:
                if group not in groups:
                    problems.append(f"{label} — step {n}, field “groups”: unknown group “{group}”")
            for ref in step.get("highlights", []) if isinstance(step, dict) else []:
                kind, _, ident = str(ref).partition(":")
                if ident not in known.get(kind, set()):
                    problems.append(
                        f"{label} — step {n}, field “highlights”: “{ref}” names no known feature"
                    )
    return problems


def _reference_problems(catalog: Catalog) -> list[str]:
    known = known_references(catalog.curated, catalog.boundaries)
    problems = []
    positions = catalog.curated.source_positions
    for pid, kind, ref in zip(
        positions["position_id"], positions["kind"], positions["ref"], strict=True
    ):
        if ref not in known.get(kind, set()):
            problems.append(f"curated/source_positions.csv — {pid}, field “ref”: no {kind} “{ref}”")
    claims = catalog.curated.claims
    for cid, article in zip(claims["claim_id"], claims["article_id"], strict=True):
        if article and article not in catalog.articles:
            problems.append(
                f"curated/claims.csv — {cid}, field “article_id”: no article “{article}”"
            )
    return problems


def folder_problems(folder: Path, geodata_dir: Path = GEODATA_DIR) -> list[str]:
    """Every problem in a geodata-style folder, one readable line each (empty: sound).

    Parameters
    ----------
    folder : pathlib.Path
        An export of the store, or a folder to import.
    geodata_dir : pathlib.Path
        The project's geodata (boundary layers and raw sources).

    Returns
    -------
    list of str
        ``file — row, field “name”: problem`` lines.
    """
    with assembled(folder, geodata_dir) as root:
        catalog = load_catalog(root)
        problems = [issue.message() for issue in catalog.issues]
        problems += _reference_problems(catalog)
        problems += _briefing_problems(root, catalog)
    return problems
