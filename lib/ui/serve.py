"""Start the app's server with the app's modules already imported.

``python -m lib.ui.serve [options]`` is ``streamlit run app.py [options]`` (same options,
same ``.streamlit/config.toml``), except that every module the router and the pages
import — Streamlit's elements, folium, GeoPandas, SQLAlchemy and ``lib`` — is imported
before the server listens. A plain ``streamlit run`` imports them in the first
reader's script run: about 2 s of the first page's 3.7 s on a fresh server
(``python -m lib.tools.benchmark --only-browser``, cold). The pages themselves are
not run (they are scripts); their imports are read from their source. Then
:func:`warm` loads the file layers and measures the border, kept by content for the
first run to find (:mod:`lib.data.memo`), and :func:`warm_decks` loads the data and
draws the briefing files' decks into the caches the first run reads.
"""

from __future__ import annotations

import ast
import importlib
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from lib.data.paths import PROJECT_ROOT

#: The router the server runs, and the page scripts whose imports are loaded.
APP = PROJECT_ROOT / "app.py"
PAGES_DIR = PROJECT_ROOT / "pages"
#: Left to the first run: modules that declare Streamlit components (``st_folium``,
#: the deck) register them with the running server, which does not exist yet — a
#: component declared before it starts is never served. ``lib`` outside ``lib/ui``
#: never imports Streamlit (tests/unit/test_architecture.py), so it all loads here;
#: :func:`warm_decks` imports two modules of ``lib/ui`` that declare none (``cache``,
#: ``deck_maps``; tests/data/test_warm_data.py checks that no component module follows).
NOT_PRELOADED: tuple[str, ...] = ("lib.ui", "streamlit", "streamlit_folium")


def imported_modules(script: Path) -> Iterator[str]:
    """The modules a script imports at its top level (``import a.b``, ``from a.b import c``).

    Parameters
    ----------
    script : pathlib.Path
        A Python file (read, never run).

    Yields
    ------
    str
        Module names, in the order the script names them.
    """
    tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
    for node in tree.body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def preload(scripts: Sequence[Path] | None = None) -> list[str]:
    """Import what the app's scripts import, so their first run imports little.

    All but :data:`NOT_PRELOADED`: the heavy libraries (folium, GeoPandas, SQLAlchemy,
    Altair…) and ``lib`` below ``lib/ui`` load here.

    Parameters
    ----------
    scripts : sequence of pathlib.Path, optional
        Default: ``app.py`` and every page.

    Returns
    -------
    list of str
        The modules that could not be imported (the page that needs one says why
        when it runs; the server starts anyway).
    """
    scripts = scripts if scripts is not None else [APP, *sorted(PAGES_DIR.glob("*.py"))]
    failed = []
    names = dict.fromkeys(m for script in scripts for m in imported_modules(script))
    for name in names:
        if any(name == p or name.startswith(p + ".") for p in NOT_PRELOADED):
            continue
        try:
            importlib.import_module(name)
        except Exception:  # reported by the page itself when it runs
            failed.append(name)
    return failed


def warm(geodata_dir: Path | None = None) -> str | None:
    """Load the file layers and measure the border before the server listens.

    A fresh server's first border page measured the border (2.6 s) and its zone
    (1.6 s), and every page's first run loaded the layers and the gazetteer: all of it
    depends on files only, so it is done here and kept by content
    (:mod:`lib.data.memo`) for the first run to find.

    Parameters
    ----------
    geodata_dir : pathlib.Path, optional
        Default: :data:`lib.data.paths.GEODATA_DIR`.

    Returns
    -------
    str or None
        Why it could not (the pages measure it themselves then); None when done.
    """
    from lib.analysis.border import warm as warm_border
    from lib.data.paths import GEODATA_DIR
    from lib.store.catalog_source import load_file_layers

    folder = geodata_dir or GEODATA_DIR
    try:
        warm_border(folder / "raw", load_file_layers(folder).boundaries)
    except Exception as exc:  # a bad file: the page that reads it says so
        return f"{type(exc).__name__}: {exc}"
    return None


def warm_decks() -> str | None:
    """Load the data and draw the deck of every briefing file before the server listens.

    A fresh server's first presenter waited for the store's catalog and the deck's nine
    maps (about 1 s) in the briefing page's first run. Both are kept in the caches that
    run reads (:func:`lib.ui.cache.warm_source`, :mod:`lib.ui.deck_maps`), keyed by the
    store's revision, the briefing's content and the default basemap, so a later
    revision or another briefing is drawn as before.

    Returns
    -------
    str or None
        Why it could not (the page draws it itself then); None when done.
    """
    from lib.model.url_state import BASEMAP_VALUES
    from lib.story.briefing import load_briefings
    from lib.ui import cache, deck_maps

    # Streamlit's caches work outside a session, but say so on every call.
    chatter = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = chatter.level
    chatter.setLevel(logging.ERROR)
    try:
        source = cache.warm_source()
        if source.problem:  # the store cannot be read: the first run tries it again
            return source.problem
        vocabulary = cache.briefing_vocabulary(source.catalog)
        briefings, _issues = load_briefings(source.folder / "briefings", vocabulary)
        # No more than the cache keeps, so none pushes out another.
        for briefing in list(briefings.values())[: deck_maps.DECKS_KEPT]:
            deck_maps.deck_documents(source.catalog, source.key, briefing, BASEMAP_VALUES[0])
            deck_maps.map_texts(source.catalog, source.key, briefing)
    except Exception as exc:  # a store that cannot be read, a bad file: the page says so
        return f"{type(exc).__name__}: {exc}"
    finally:
        chatter.setLevel(level)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Preload and warm, then hand over to ``streamlit run app.py`` with the given options."""
    options = list(sys.argv[1:] if argv is None else argv)
    preload()
    problem = warm()
    if problem:
        print(f"Zagros Brief: not measured ahead ({problem}); pages will.", file=sys.stderr)
    problem = warm_decks()
    if problem:
        print(f"Zagros Brief: briefings not drawn ahead ({problem}); pages will.", file=sys.stderr)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *options]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
