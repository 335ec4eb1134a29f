"""A copy of the project's data whose texts carry script-injection payloads.

Names, titles, quotes, sources, notes and captions get payloads that try to
break out of HTML, of attributes, of JavaScript strings and template literals,
plus very long, right-to-left and combining-character text. Loaded by the
app, none may run, and each must show as text.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from lib.data.paths import GEODATA_DIR

PAYLOADS: tuple[str, ...] = (
    "<script>alert('xss1')</script>",
    "<img src=x onerror=alert('xss2')>",
    "javascript:alert('xss3')",
    "`;alert('xss4');//",
    "${alert('xss5')}",
    "\"'><svg onload=alert('xss6')>",
    "</script><script>alert('xss7')</script>",
    "\\`\\${alert('xss8')}",
    "\u202eRTL override: عربي فارسی کوردی",
    "Z\u0338\u0322\u031b\u0317a\u0337l\u0336g\u0335o\u0334 with combining marks",
    "Long " + "x" * 4000,
)
#: The site whose popup the browser test opens to read a payload as text.
HOSTILE_SITE = "pjak-qandil"
HOSTILE_SITE_NAME = PAYLOADS[1] + " " + PAYLOADS[3]


def _edit_csv(path: Path, edit) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    fields = list(rows[0].keys())
    for index, row in enumerate(rows):
        edit(index, row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def make_hostile_geodata(target: Path) -> Path:
    """Copy ``geodata/`` to ``target`` and fill its texts with payloads.

    Parameters
    ----------
    target : pathlib.Path
        Folder to create.

    Returns
    -------
    pathlib.Path
        ``target``.
    """
    shutil.copytree(GEODATA_DIR, target)
    curated = target / "curated"

    def sites(index: int, row: dict) -> None:
        payload = PAYLOADS[index % len(PAYLOADS)]
        row["name"] = (
            HOSTILE_SITE_NAME if row["site_id"] == HOSTILE_SITE else f"{row['name']} {payload}"
        )
        row["notes"] = PAYLOADS[(index + 3) % len(PAYLOADS)]
        row["sources"] = f"{PAYLOADS[(index + 5) % len(PAYLOADS)]}; {row['sources']}"
        row["coord_basis"] = PAYLOADS[(index + 7) % len(PAYLOADS)]

    def events(index: int, row: dict) -> None:
        row["title"] = f"{row['title']} {PAYLOADS[index % len(PAYLOADS)]}"
        row["place"] = PAYLOADS[(index + 2) % len(PAYLOADS)]
        row["sources"] = f"{PAYLOADS[(index + 4) % len(PAYLOADS)]}; {row['sources']}"

    def named(index: int, row: dict) -> None:
        row["name"] = f"{row['name']} {PAYLOADS[index % len(PAYLOADS)]}"

    def groups(index: int, row: dict) -> None:
        row["name"] = f"{row['name']} {PAYLOADS[index % len(PAYLOADS)]}"
        row["aliases"] = f"{row['aliases']};{PAYLOADS[(index + 1) % len(PAYLOADS)]}"

    _edit_csv(curated / "sites.csv", sites)
    _edit_csv(curated / "events.csv", events)
    _edit_csv(curated / "crossings.csv", named)
    _edit_csv(curated / "places.csv", named)
    _edit_csv(curated / "groups.csv", groups)
    _edit_csv(
        curated / "claims.csv", lambda i, r: r.update(statement=f"{r['statement']} {PAYLOADS[i]}")
    )

    # A hostile paragraph in the article, annotated like any other passage.
    article = target / "articles" / "peregraf-2025-08-16.toml"
    hostile_paragraph = " ".join(PAYLOADS[:8])
    text = article.read_text(encoding="utf-8")
    text = text.replace(
        "paragraphs = [\n", "paragraphs = [\n" + json.dumps(hostile_paragraph) + ",\n", 1
    )
    text = text.replace(
        'url = "https://peregraf.com/en/news/9504"', "url = \"javascript:alert('xss9')\""
    )
    article.write_text(text, encoding="utf-8")
    annotations = target / "annotations" / "peregraf-2025-08-16.jsonld"
    document = json.loads(annotations.read_text(encoding="utf-8"))
    document["items"].append(
        {
            "id": "event-hostile-1",
            "type": "Annotation",
            "motivation": "linking",
            "body": {"type": "SpecificResource", "source": "zagros:event/joint-security-agreement"},
            "target": {
                "source": "zagros:article/peregraf-2025-08-16",
                "selector": {
                    "type": "TextQuoteSelector",
                    "exact": PAYLOADS[1],
                    "prefix": "",
                    "suffix": "",
                },
            },
        }
    )
    annotations.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for briefing in (
        (target / "briefings").glob("*.toml") if (target / "briefings").exists() else ()
    ):
        text = briefing.read_text(encoding="utf-8")
        text = text.replace('caption = "', 'caption = "' + PAYLOADS[1].replace('"', "'") + " ", 1)
        briefing.write_text(text, encoding="utf-8")
    return target
