"""Between a geodata-style folder and records: read the seed files, write them back.

A record keeps the seed's own text for itself (``source_text``: a CSV row's
line(s), a document's whole file). Writing uses that text while it still parses
to the record's content, so an unedited store writes the seed files back
byte for byte; an edited record is written in the file's format (CSV with
minimal quoting, TOML by tomli-w, JSON indented).
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from lib.store.kinds import CSV_KINDS, from_json, table_kind, to_json

#: The folders of geodata/ the store holds (the rest stays files).
FOLDERS = ("curated", "articles", "annotations", "briefings")
CATALOG_FILE = "curated/CATALOG.toml"


@dataclass
class RecordData:
    """One record as read from, or written to, a folder."""

    kind: str
    record_id: str
    payload: dict[str, Any]
    ord: int = 0
    parent: str | None = None
    source_text: str | None = None
    retired: bool = False


def _csv_rows(text: str) -> Iterator[tuple[list[str], str]]:
    """Each CSV row with the exact text it came from (a quoted cell may span lines)."""
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in text.splitlines(keepends=True):
            consumed.append(line)
            yield line

    for row in csv.reader(lines()):
        raw = "".join(consumed)
        consumed.clear()
        yield row, raw


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def _parse_csv_line(raw: str) -> list[str] | None:
    rows = list(csv.reader(io.StringIO(raw)))
    return rows[0] if len(rows) == 1 else None


def _read_table(folder: Path, table: str, file_name: str, order: int) -> list[RecordData]:
    text = (folder / "curated" / file_name).read_text(encoding="utf-8")
    rows = _csv_rows(text)
    columns, header_raw = next(rows)
    kind = table_kind(table)
    id_column = CSV_KINDS.get(table, (kind, columns[0] if columns else None))[1]
    out = [
        RecordData(
            "file",
            f"curated/{file_name}",
            {"columns": columns, "id_column": id_column},
            order,
            source_text=header_raw,
        )
    ]
    for n, (cells, raw) in enumerate(rows, start=1):
        if not any(c.strip() for c in cells):
            continue
        payload = dict(zip(columns, cells, strict=False))
        record_id = payload.get(id_column, "") if id_column else f"row-{n}"
        out.append(RecordData(kind, record_id, payload, n, source_text=raw))
    return out


def read_folder(folder: Path) -> list[RecordData]:
    """Every record a geodata-style folder holds (curated tables, articles, annotations, briefings).

    Parameters
    ----------
    folder : pathlib.Path
        A folder laid out like ``geodata/`` (validate it first: this reads, it
        does not check).

    Returns
    -------
    list of RecordData
        Catalog tables (``layer``), file headers (``file``), rows and documents.
    """
    out: list[RecordData] = []
    catalog_text = (folder / CATALOG_FILE).read_text(encoding="utf-8")
    out.append(RecordData("file", CATALOG_FILE, {}, 0, source_text=catalog_text))
    for n, (table, entry) in enumerate(tomllib.loads(catalog_text).items(), start=1):
        out.append(RecordData("layer", table, to_json(entry), n))
        out.extend(_read_table(folder, table, entry["file"], n))
    for kind, sub in (("article", "articles"), ("briefing", "briefings")):
        for n, path in enumerate(sorted((folder / sub).glob("*.toml")), start=1):
            text = path.read_text(encoding="utf-8")
            out.append(RecordData(kind, path.stem, to_json(tomllib.loads(text)), n, None, text))
    for n, path in enumerate(sorted((folder / "annotations").glob("*.jsonld")), start=1):
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
        items = doc.pop("items", [])
        out.append(RecordData("annotation_collection", path.stem, doc, n, None, text))
        for i, item in enumerate(items, start=1):
            record_id = f"{path.stem}#{item.get('id', f'item-{i}')}"
            out.append(RecordData("annotation", record_id, item, i, parent=path.stem))
    return out


def _by_kind(records: Iterable[RecordData]) -> dict[str, list[RecordData]]:
    groups: dict[str, list[RecordData]] = {}
    for record in sorted(records, key=lambda r: (r.ord, r.record_id)):
        if not record.retired:
            groups.setdefault(record.kind, []).append(record)
    return groups


def _toml_text(record: RecordData) -> str:
    if record.source_text is not None:
        try:
            if to_json(tomllib.loads(record.source_text)) == record.payload:
                return record.source_text
        except tomllib.TOMLDecodeError:
            pass
    return tomli_w.dumps(from_json(record.payload), multiline_strings=True)


def _table_text(header: RecordData | None, rows: list[RecordData]) -> str:
    columns: list[str] = header.payload["columns"] if header else list(rows[0].payload)
    head_raw = header.source_text if header else None
    parts = [head_raw if head_raw and _parse_csv_line(head_raw) == columns else _csv_line(columns)]
    for row in rows:
        cells = [str(row.payload.get(c, "")) for c in columns]
        raw = row.source_text
        parts.append(raw if raw and _parse_csv_line(raw) == cells else _csv_line(cells))
    # A seed file may lack its final newline; rows written after it still need one.
    return "".join(
        p if p.endswith("\n") or i == len(parts) - 1 else p + "\n" for i, p in enumerate(parts)
    )


def file_texts(records: Iterable[RecordData]) -> dict[str, str]:
    """The text of every file the records make up, by path relative to the folder.

    Parameters
    ----------
    records : iterable of RecordData
        Current records (retired ones are left out of the files).

    Returns
    -------
    dict
        ``{"curated/events.csv": "...", "articles/<id>.toml": "...", ...}``.
    """
    kinds = _by_kind(records)
    files = {r.record_id: r for r in kinds.get("file", [])}
    texts: dict[str, str] = {}
    layers = kinds.get("layer", [])
    catalog = {r.record_id: from_json(r.payload) for r in layers}
    raw = files.get(CATALOG_FILE)
    if raw and raw.source_text and tomllib.loads(raw.source_text) == catalog:
        texts[CATALOG_FILE] = raw.source_text
    else:
        texts[CATALOG_FILE] = tomli_w.dumps(catalog)
    for layer in layers:
        name = f"curated/{layer.payload['file']}"
        rows = kinds.get(table_kind(layer.record_id), [])
        if files.get(name) or rows:
            texts[name] = _table_text(files.get(name), rows)
    for kind, sub in (("article", "articles"), ("briefing", "briefings")):
        for record in kinds.get(kind, []):
            texts[f"{sub}/{record.record_id}.toml"] = _toml_text(record)
    items: dict[str, list[dict[str, Any]]] = {}
    for record in kinds.get("annotation", []):
        items.setdefault(record.parent or "", []).append(record.payload)
    for record in kinds.get("annotation_collection", []):
        doc = {**record.payload, "items": items.get(record.record_id, [])}
        text = record.source_text
        if not (text and json.loads(text) == doc):
            text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        texts[f"annotations/{record.record_id}.jsonld"] = text
    return texts


def managed_files(folder: Path) -> list[Path]:
    """The files of ``folder`` an export would write (to refuse or replace them)."""
    patterns = {
        "curated": ("*.csv", "CATALOG.toml"),
        "articles": ("*.toml",),
        "annotations": ("*.jsonld",),
        "briefings": ("*.toml",),
    }
    return sorted(
        p for sub, pats in patterns.items() for pat in pats for p in (folder / sub).glob(pat)
    )


def write_folder(records: Iterable[RecordData], folder: Path) -> list[Path]:
    """Write records as files into ``folder`` (its four store folders), returning the paths."""
    written = []
    for rel, text in file_texts(records).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        written.append(path)
    for sub in FOLDERS:
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return written
