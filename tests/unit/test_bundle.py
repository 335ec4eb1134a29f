"""A map's local scripts joined into one file, in order (lib.maps.map_assets.bundle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.maps.map_assets.bundle import BUNDLE_DIR, bundle_page_scripts, bundle_scripts

BASE = "/app/static/vendor"


@pytest.fixture
def vendor(tmp_path: Path) -> Path:
    (tmp_path / "leaflet").mkdir()
    (tmp_path / "leaflet" / "leaflet.js").write_text("var L = {v: 1}", "utf-8")
    (tmp_path / "plugin.js").write_text("L.plugin = true // no semicolon, a comment", "utf-8")
    return tmp_path


def test_local_scripts_become_one_file_joined_in_order(vendor: Path) -> None:
    urls = [f"{BASE}/leaflet/leaflet.js", f"{BASE}/plugin.js"]
    (url,) = bundle_scripts(urls, vendor, BASE)
    assert url.startswith(f"{BASE}/{BUNDLE_DIR}/") and url.endswith(".js")
    text = (vendor / url.removeprefix(f"{BASE}/")).read_text("utf-8")
    # In order; each file on its own statement, so a trailing comment cannot swallow the next.
    assert text == "var L = {v: 1}\n;\nL.plugin = true // no semicolon, a comment\n"
    # The same files give the same name; a change to one gives another.
    assert bundle_scripts(urls, vendor, BASE) == (url,)
    (vendor / "plugin.js").write_text("L.plugin = 2;", "utf-8")
    (other,) = bundle_scripts(urls, vendor, BASE)
    assert other != url and (vendor / other.removeprefix(f"{BASE}/")).is_file()
    # Another order is another bundle, in that order.
    (reverse,) = bundle_scripts(urls[::-1], vendor, BASE)
    assert (vendor / reverse.removeprefix(f"{BASE}/")).read_text("utf-8").startswith("L.plugin")


@pytest.mark.parametrize(
    "urls",
    [
        [f"{BASE}/leaflet/leaflet.js"],  # one script: nothing to join
        [f"{BASE}/leaflet/leaflet.js", "https://cdn.example/x.js"],  # not all local
        [f"{BASE}/leaflet/leaflet.js", f"{BASE}/missing.js"],  # a file not installed
    ],
)
def test_anything_else_is_left_as_it_was(vendor: Path, urls: list[str]) -> None:
    assert bundle_scripts(urls, vendor, BASE) == tuple(urls)
    assert not (vendor / BUNDLE_DIR).exists()


def test_a_vendor_folder_it_cannot_write_to_keeps_the_links(vendor: Path) -> None:
    # A file where the bundles folder should be: writing fails (as it would on a
    # read-only deployment), and the map keeps its separate scripts.
    (vendor / BUNDLE_DIR).write_text("not a folder", "utf-8")
    urls = [f"{BASE}/leaflet/leaflet.js", f"{BASE}/plugin.js"]
    assert bundle_scripts(urls, vendor, BASE) == tuple(urls)


def _page(*scripts: str) -> str:
    tags = "".join(f'<script src="{u}"></script>\n    ' for u in scripts)
    return (
        f"<!DOCTYPE html>\n<html>\n<head>\n    {tags}<script>L.Icon.Default.imagePath = 'x';</script>\n"
        # The body holds whole tags too (in the map script's text, in a paragraph): left alone.
        "</head>\n<body>\n<script>var m = L.map('m'); "
        f"var s = '<script src=\"{BASE}/plugin.js\"></script>';</script>\n"
        f'<p><script src="{BASE}/plugin.js"></script></p>\n</body>\n</html>\n'
    )


def test_a_page_loads_its_local_scripts_as_one_file_where_the_first_one_was(vendor: Path) -> None:
    html = _page(f"{BASE}/leaflet/leaflet.js", f"{BASE}/plugin.js")
    out = bundle_page_scripts(html, vendor, BASE)
    (url,) = bundle_scripts([f"{BASE}/leaflet/leaflet.js", f"{BASE}/plugin.js"], vendor, BASE)
    # One tag in the head, the bundle, before the inline script that uses Leaflet; the
    # body (the map's own script and the text inside it) untouched.
    head = out.split("</head>")[0]
    assert head.count("<script src=") == 1
    assert head.index(f'<script src="{url}"></script>') < head.index("L.Icon.Default")
    assert out.split("<body>")[1] == html.split("<body>")[1]


def test_a_script_path_out_of_the_vendor_folder_is_never_read(vendor: Path) -> None:
    (vendor.parent / "secret.js").write_text("var secret = 1;", "utf-8")
    urls = [f"{BASE}/leaflet/leaflet.js", f"{BASE}/../secret.js"]
    assert bundle_scripts(urls, vendor, BASE) == tuple(urls)
    assert not (vendor / BUNDLE_DIR).exists()


@pytest.mark.parametrize(
    "scripts",
    [
        [f"{BASE}/leaflet/leaflet.js"],  # one script
        [f"{BASE}/leaflet/leaflet.js", "https://cdn.example/x.js"],  # one not local
    ],
)
def test_a_page_it_cannot_bundle_is_returned_as_it_was(vendor: Path, scripts: list[str]) -> None:
    html = _page(*scripts)
    assert bundle_page_scripts(html, vendor, BASE) == html
