"""A reviewed draft saved as one change set; record edits and article text edits, checked first.

Everything a save writes goes through one ``store.batch(who, why)``: all of it is
committed, or none (a check that fails raises :class:`EditorialError` before the
batch opens; a store error inside it rolls the whole batch back).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from lib.data.annotations import BODY_PREFIX, Annotation, annotation_from_item
from lib.data.catalog import Catalog
from lib.editorial.anchor import AnchorError, ReanchorResult, anchor_once, reanchor
from lib.editorial.draft import Draft, EventDraft
from lib.editorial.errors import EditorialError, Problem
from lib.editorial.validate import (
    check_event,
    check_meta,
    check_record,
    check_target,
    latest_date,
    record_schema,
)
from lib.store import Batch, Record, RecordNotFound, Revision, Store

#: GeoNames alternate names copied as a new place's aliases (the first few, Latin and not).
MAX_ALIASES = 6


def slugify(text: str, limit: int = 40) -> str:
    """``Rudaw English`` -> ``rudaw-english``: ASCII letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _taken(store: Store, kind: str, catalog_ids: set[str]) -> set[str]:
    # Retired records keep their ids in the store: a new record may not reuse one.
    return catalog_ids | {r.record_id for r in store.query(kind, include_retired=True)}


def new_article_id(store: Store, catalog: Catalog, draft: Draft) -> str:
    """``<outlet>-<date>-<title words>``, unique among the store's articles (retired too)."""
    meta = draft.meta
    base = f"{slugify(meta.outlet, 20)}-{meta.published.isoformat()}-{slugify(meta.title, 30)}"
    return _unique(base, _taken(store, "article", set(catalog.articles)))


def body_source(target: str) -> str:
    """``place:koya`` -> ``zagros:place/koya`` (an annotation body's source)."""
    kind, _, ref = target.partition(":")
    return f"{BODY_PREFIX}{kind}/{ref}"


def annotation_item(item_id: str, article_id: str, target: str, exact: str, prefix: str,
                    suffix: str) -> dict[str, Any]:  # fmt: skip
    """One W3C annotation item, as the collections of ``geodata/annotations`` hold them."""
    return {
        "id": item_id,
        "type": "Annotation",
        "motivation": "linking",
        "body": {
            "type": "SpecificResource",
            "source": body_source(target),
            "purpose": "identifying",
        },
        "target": {
            "source": f"{BODY_PREFIX}article/{article_id}",
            "selector": {
                "type": "TextQuoteSelector",
                "exact": exact,
                "prefix": prefix,
                "suffix": suffix,
            },
        },
    }


def gazetteer_place(catalog: Catalog, geonameid: str, place_id: str) -> dict[str, str]:
    """A ``places.csv`` row for a GeoNames place (town precision, medium confidence)."""
    towns = catalog.gazetteer
    assert towns is not None  # check_target refused the target otherwise
    row = towns[towns["geonameid"].astype(str) == str(geonameid)].iloc[0]
    aliases = [n for n in row["names"] if n != row["name"]][:MAX_ALIASES]
    return {
        "place_id": place_id,
        "name": str(row["name"]),
        "aliases": ";".join(a.replace(";", ",") for a in aliases),
        "lat": f"{float(row['latitude']):.5f}",
        "lon": f"{float(row['longitude']):.5f}",
        "off_region": "",
        "precision": "town",
        "coord_basis": f"GeoNames {geonameid}",
        "confidence": "medium",
        "sources": f"GeoNames {geonameid}",
    }


def event_row(
    event: EventDraft, event_id: str, article_source: str, catalog: Catalog
) -> dict[str, str]:
    """An ``events.csv`` row for a new event; the article is its first source."""
    sources = [article_source, *(s.strip() for s in event.sources if s.strip())]
    cells = {
        "event_id": event_id,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "title": event.title.strip(),
        "category": event.category,
        "place": event.place.strip(),
        "lat": f"{event.lat:.5f}",
        "lon": f"{event.lon:.5f}",
        "coord_basis": event.coord_basis.strip(),
        "precision": event.precision,
        "off_region": "yes" if event.off_region else "",
        "groups": ";".join(event.groups),
        "actors": event.actors.strip(),
        "in_seed_article": "no",
        "confidence": event.confidence,
        "sources": "; ".join(dict.fromkeys(sources)),
    }
    return {name: cells.get(name, "") for name in record_schema("event", catalog).columns}


def article_source_of(draft: Draft) -> str:
    """How an event cites the article: its URL, else ``<outlet>, <date>``."""
    meta = draft.meta
    return meta.url.strip() or f"{meta.outlet.strip()}, {meta.published.isoformat()}"


def draft_problems(store: Store, catalog: Catalog, draft: Draft, today: dt.date) -> list[Problem]:
    """Everything that keeps a draft from being saved (empty: it can be)."""
    problems = check_meta(draft.meta, today)
    if not any(p.strip() for p in draft.paragraphs):
        problems.append(Problem("paragraphs", "the article has no text"))
    source = article_source_of(draft)
    blocks = draft.blocks()
    for i, event in enumerate(draft.events):
        problems.extend(check_event(event, catalog, today, f"events[{i}].", source))
        try:
            anchor_once(blocks, event.quote)
        except AnchorError as exc:
            problems.append(Problem(f"events[{i}].quote", str(exc)))
    for i, decision in enumerate(draft.decisions):
        target = decision.final_target
        if decision.status == "accepted" and target is not None:
            problems.extend(check_target(target, catalog, store, f"decisions[{i}].target"))
    for i, quote in enumerate(draft.quotes):
        problems.extend(check_target(quote.target, catalog, store, f"quotes[{i}].target"))
        try:
            anchor_once(blocks, quote.exact)
        except AnchorError as exc:
            problems.append(Problem(f"quotes[{i}].exact", str(exc)))
    return problems


def save_draft(
    store: Store, catalog: Catalog, draft: Draft, who: str, why: str, today: dt.date | None = None
) -> list[Revision]:
    """Save a reviewed draft: article, annotations, new places and events, in one batch.

    Parameters
    ----------
    store : Store
        Where to write.
    catalog : Catalog
        The catalog the draft was reviewed against (known ids, the gazetteer).
    draft : Draft
        The reviewed draft. Accepted decisions with a target and quote annotations
        become annotations; a ``geonames:`` target becomes a new ``place`` first;
        each event becomes an ``event`` with an annotation of its quote.
    who, why : str
        Recorded on every revision (one change set).
    today : datetime.date, optional
        For the future-date check (default: today, UTC).

    Returns
    -------
    list of Revision
        In the order written; they share one ``change_set``.

    Raises
    ------
    EditorialError
        The draft's problems; nothing was written.
    """
    today = today or latest_date()
    problems = draft_problems(store, catalog, draft, today)
    if problems:
        raise EditorialError(problems)
    article_id = draft.meta.article_id or new_article_id(store, catalog, draft)
    if draft.meta.article_id and article_id in _taken(store, "article", set(catalog.articles)):
        raise EditorialError([Problem("article_id", f"an article “{article_id}” exists")])
    with store.batch(who, why) as batch:
        _write(batch, store, catalog, draft, article_id)
    return batch.revisions


#: Annotation targets that are records of the store (boundaries are layers, not records).
STORED_TARGET_KINDS = frozenset({"event", "site", "crossing", "place", "group", "claim"})


def _write(batch: Batch, store: Store, catalog: Catalog, draft: Draft, article_id: str) -> None:
    blocks = draft.blocks()
    items: list[tuple[str, str, str, str]] = []  # (target, exact, prefix, suffix)
    places_taken = _taken(store, "place", set(catalog.curated.places["place_id"]))
    new_places: dict[str, str] = {}  # geonames id -> place id
    for decision in draft.decisions:
        target, p = decision.final_target, decision.proposal
        if decision.status != "accepted" or target is None:
            continue
        if target.startswith("geonames:"):
            geonameid = target.partition(":")[2]
            if geonameid not in new_places:
                place = gazetteer_place(catalog, geonameid, "")
                place_id = _unique(slugify(place["name"]), places_taken)
                places_taken.add(place_id)
                new_places[geonameid] = place_id
                batch.create("place", place_id, {**place, "place_id": place_id})
            target = f"place:{new_places[geonameid]}"
        items.append((target, p.exact, p.prefix, p.suffix))
    for quote in draft.quotes:
        anchor = anchor_once(blocks, quote.exact)
        items.append((quote.target, quote.exact.strip(), anchor.prefix, anchor.suffix))
    events_taken = _taken(store, "event", set(catalog.curated.events["event_id"]))
    source = article_source_of(draft)
    for event in draft.events:
        base = event.event_id or f"{slugify(event.title, 40)}-{event.date.isoformat()}"
        event_id = event.event_id or _unique(base, events_taken)
        events_taken.add(event_id)
        row = event_row(event, event_id, source, catalog)
        problems = check_record("event", row, catalog)
        if problems:
            raise EditorialError(problems)
        batch.create("event", event_id, row)
        anchor = anchor_once(blocks, event.quote)
        items.append((f"event:{event_id}", event.quote.strip(), anchor.prefix, anchor.suffix))
    meta = draft.meta
    batch.create("article", article_id, {
        "id": article_id, "outlet": meta.outlet.strip(), "published": meta.published.isoformat(),
        "title": meta.title.strip(), "language": meta.language.strip(), "url": meta.url.strip(),
        "source": meta.source.strip() or f"{meta.outlet.strip()}, {meta.published.isoformat()}",
        "licence": meta.licence.strip(), "paragraphs": list(draft.paragraphs),
    })  # fmt: skip
    batch.create("annotation_collection", article_id, {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": f"zagros:annotations/{article_id}",
        "type": "AnnotationCollection", "label": f"Zagros Brief annotations of {meta.title.strip()}",
        "creator": batch.who,
    })  # fmt: skip
    seen: set[str] = set()
    made = {f"event:{e}" for e in events_taken} | {f"place:{p}" for p in new_places.values()}
    for target, exact, prefix, suffix in items:
        kind, _, ref = target.partition(":")
        # Checked again inside the transaction: a target retired since the review
        # (by anyone, in any process) refuses the whole save.
        if target not in made and kind in STORED_TARGET_KINDS:
            record = batch.current(kind, ref)
            if record is None or record.retired:
                state = "was retired" if record else "is not in the record"
                raise EditorialError(
                    [Problem("target", f"{target} {state}: restore it or link another")]
                )
        item_id = _unique(f"{kind}-{slugify(ref, 50)}", seen)
        seen.add(item_id)
        payload = annotation_item(item_id, article_id, target, exact, prefix, suffix)
        batch.create("annotation", f"{article_id}#{item_id}", payload, parent=article_id)


def edit_record(
    store: Store, catalog: Catalog, kind: str, record_id: str, payload: dict[str, Any],
    base_version: int, who: str, why: str,
) -> Revision:  # fmt: skip
    """Check an edited curated row, then update it (refused if the record moved on).

    Raises
    ------
    EditorialError
        The row's problems (nothing saved).
    lib.store.StaleEdit
        Someone changed it since ``base_version``.
    """
    problems = check_record(kind, payload, catalog)
    schema = record_schema(kind, catalog)
    if schema.id_column and str(payload.get(schema.id_column, "")) != record_id:
        problems.append(Problem(schema.id_column, "the id cannot change in an edit"))
    if problems:
        raise EditorialError(problems)
    return store.update(kind, record_id, payload, base_version=base_version, who=who, why=why)


def store_annotations(store: Store, article_id: str) -> list[tuple[Record, Annotation]]:
    """The store's current annotations of one article, with their records."""
    out = []
    for record in store.query("annotation"):
        annotation = annotation_from_item(record.payload, record.record_id)
        if annotation is not None and annotation.article_id == article_id:
            out.append((record, annotation))
    return out


#: An article's metadata an analyst may correct (besides its title and text).
ARTICLE_META_FIELDS: tuple[str, ...] = ("outlet", "url", "language", "licence", "source")


def edit_article_text(
    store: Store, catalog: Catalog, article_id: str, title: str, paragraphs: list[str],
    base_version: int, who: str, why: str, meta: Mapping[str, str] | None = None,
) -> ReanchorResult:  # fmt: skip
    """Change an article's text and re-anchor its annotations, in one batch.

    Annotations placed with confidence are updated (new exact/prefix/suffix) when
    their selector changed; the others are left as they were and returned as
    orphans, for the analyst to fix. ``catalog`` is unused today but kept so that
    every editorial write has the same shape (the page passes it).

    ``meta`` replaces metadata fields (outlet, url, language, licence, source) in the
    same revision; the id and the publication date stay.

    Raises
    ------
    EditorialError
        An empty title or text, or a metadata field that is not the article's.
    lib.store.StaleEdit, lib.store.RecordNotFound
    """
    del catalog
    extra = dict(meta or {})
    unknown = sorted(set(extra) - set(ARTICLE_META_FIELDS))
    if unknown:
        raise EditorialError([Problem(f, "not an article field one may edit") for f in unknown])
    if not title.strip() or not any(p.strip() for p in paragraphs):
        raise EditorialError([Problem("text", "an article needs a title and some text")])
    current = store.get("article", article_id)
    if current.retired:
        raise RecordNotFound(f"article:{article_id} is retired: restore it before editing.")
    annotations = store_annotations(store, article_id)
    result = reanchor([title, *paragraphs], [a for _, a in annotations])
    records = {a.annotation_id: r for r, a in annotations}
    with store.batch(who, why) as batch:
        batch.update("article", article_id, {**current.payload, **extra, "title": title,
                     "paragraphs": list(paragraphs)}, base_version=base_version)  # fmt: skip
        for moved in result.moved:
            record = records[moved.annotation.annotation_id]
            payload = dict(record.payload)
            selector = {**payload["target"]["selector"], "exact": moved.exact,
                        "prefix": moved.prefix, "suffix": moved.suffix}  # fmt: skip
            payload["target"] = {**payload["target"], "selector": selector}
            batch.update("annotation", record.record_id, payload, base_version=record.version)
    return result
