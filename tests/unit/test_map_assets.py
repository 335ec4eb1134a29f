"""Unit tests for lib.maps.map_assets: local copies of the maps' web assets."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import pytest
from branca.element import Element
from folium.elements import JSCSSMixin

from lib.maps.map_assets import (
    ASSETS,
    CDN_ASSETS,
    VENDOR_URL,
    MissingAssetError,
    inline_assets,
    install_assets,
    localize_map,
)
from lib.maps.map_assets import install as assets_install

TILE_HOSTS = ("tile.openstreetmap.org",)
# URLs that appear in a rendered map as text, not as resources the page loads.
NON_RESOURCE_URLS = (
    "https://www.openstreetmap.org/copyright",
    "https://github.com/ljagis/leaflet-measure/issues/171",  # comment in folium's template
)

POLYGON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "test area"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[45.0, 33.0], [47.0, 33.0], [47.0, 35.0], [45.0, 35.0], [45.0, 33.0]]
                ],
            },
        }
    ],
}


@pytest.fixture(scope="module")
def vendor_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("vendor")
    install_assets(path)
    return path


def full_map(tiles: str | None = "OpenStreetMap", icon: bool = False) -> folium.Map:
    m = folium.Map(location=[34.0, 46.0], zoom_start=6, tiles=tiles)
    if icon:  # a Font Awesome marker: the map keeps the icon fonts' stylesheet
        folium.Marker([34.2, 46.2], icon=folium.Icon(prefix="fa", icon="flag")).add_to(m)
    folium.GeoJson(
        POLYGON,
        name="area",
        tooltip=folium.GeoJsonTooltip(fields=["name"]),
        popup=folium.GeoJsonPopup(fields=["name"]),
    ).add_to(m)
    folium.CircleMarker(
        [34.0, 46.0], radius=8, popup=folium.Popup("<b>post</b>"), tooltip="a post"
    ).add_to(m)
    folium.plugins.Fullscreen().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    cluster = folium.plugins.MarkerCluster(name="cluster").add_to(m)
    for lat, lon in [(33.5, 45.5), (33.6, 45.6), (34.5, 46.5)]:
        folium.Marker([lat, lon], tooltip=folium.Tooltip("marker")).add_to(cluster)
    folium.LayerControl().add_to(m)
    return m


def streamlit_folium_links(m: folium.Map) -> tuple[list[str], list[str]]:
    """Replicate st_folium's walk: default_js/default_css of every JSCSSMixin."""

    def walk(el: Element) -> Iterator[Element]:
        if isinstance(el, branca.colormap.ColorMap | JSCSSMixin):
            yield el
        for child in getattr(el, "_children", {}).values():
            yield from walk(child)

    js: list[str] = []
    css: list[str] = []
    for el in walk(m):
        css.extend(href for _, href in getattr(el, "default_css", []))
        js.extend(src for _, src in getattr(el, "default_js", []))
    return list(dict.fromkeys(js)), list(dict.fromkeys(css))


def resource_urls(html: str) -> list[str]:
    scripts = re.findall(r"<script\b[^>]*\bsrc=[\"']([^\"']+)", html, flags=re.I)
    links = re.findall(r"<link\b[^>]*\bhref=[\"']([^\"']+)", html, flags=re.I)
    return scripts + links


# --- table / install -----------------------------------------------------------------
def test_every_mapped_url_has_an_asset() -> None:
    paths = {a.path for a in ASSETS}
    assert set(CDN_ASSETS.values()) <= paths
    assert len(paths) == len(ASSETS), "duplicate asset paths"


def test_install_writes_every_asset(vendor_dir: Path) -> None:
    for asset in ASSETS:
        path = vendor_dir / asset.path
        assert path.is_file(), asset.path
        assert path.stat().st_size > 0, asset.path


def test_install_layout_matches_css_references(vendor_dir: Path) -> None:
    # Relative url(...) references in every installed stylesheet resolve to a file.
    for css in vendor_dir.rglob("*.css"):
        for target in re.findall(r"url\(\s*[\"']?([^\"')]+)", css.read_text("utf-8")):
            if target.startswith(("data:", "#")):
                continue
            assert not target.startswith(("http:", "https:", "//")), (css, target)
            resolved = (css.parent / target.split("?")[0].split("#")[0]).resolve()
            assert resolved.is_file(), (css, target)


def test_installed_files_have_no_source_map_comments(vendor_dir: Path) -> None:
    for path in [*vendor_dir.rglob("*.js"), *vendor_dir.rglob("*.css")]:
        assert "sourceMappingURL=" not in path.read_text("utf-8")[-400:], path


def test_install_is_idempotent_and_cheap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = install_assets(tmp_path)
    mtimes = {p: p.stat().st_mtime_ns for p in first}

    def fail(_asset: object) -> bytes:
        raise AssertionError("sources re-read although the vendor dir is current")

    monkeypatch.setattr(assets_install, "_content", fail)
    assert install_assets(tmp_path) == first
    assert {p: p.stat().st_mtime_ns for p in first} == mtimes
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_install_repairs_a_damaged_file(tmp_path: Path) -> None:
    paths = install_assets(tmp_path)
    leaflet = tmp_path / "leaflet" / "leaflet.js"
    good = leaflet.read_bytes()
    leaflet.write_bytes(good[:100])
    other = paths[-1]
    other_mtime = other.stat().st_mtime_ns
    os.utime(other, ns=(other_mtime, other_mtime))
    install_assets(tmp_path)
    assert leaflet.read_bytes() == good
    assert other.stat().st_mtime_ns == other_mtime  # unchanged files are not rewritten


# --- localize ------------------------------------------------------------------------
def test_localize_leaves_no_cdn_link_for_streamlit_folium() -> None:
    m = localize_map(full_map())
    js, css = streamlit_folium_links(m)
    assert js and css
    assert not [u for u in js + css if "http" in u]
    assert all(u.startswith(VENDOR_URL + "/") for u in js + css)
    assert js[0] == f"{VENDOR_URL}/leaflet/leaflet.js"
    for url in js + css:
        assert url.removeprefix(VENDOR_URL + "/") in CDN_ASSETS.values()
    # No Icon on this map: bootstrap, awesome markers, glyphicons and the icon fonts'
    # stylesheet are dropped; jQuery stays (folium's popups call it).
    assert not [
        u
        for u in js + css
        if any(name in u for name in ("bootstrap", "awesome-markers", "fontawesome"))
    ]
    assert any("jquery" in u for u in js)


def test_localize_leaves_no_cdn_link_in_rendered_html() -> None:
    m = localize_map(full_map())
    html = m.get_root().render()
    resources = resource_urls(html)
    assert f"{VENDOR_URL}/fullscreen/Control.FullScreen.min.js" in resources
    assert f"{VENDOR_URL}/measure/leaflet-measure.min.css" in resources
    assert not [u for u in resources if "http" in u or u.startswith("//")]
    for url in re.findall(r"https?://[^\s\"'<>)\\]+", html):
        assert url.split("/")[2] in TILE_HOSTS or url in NON_RESOURCE_URLS, url


def test_localize_does_not_touch_class_defaults() -> None:
    before_js = list(folium.Map.default_js)
    before_fs = list(folium.plugins.Fullscreen.default_css)
    localize_map(full_map())
    assert folium.Map.default_js == before_js
    assert folium.plugins.Fullscreen.default_css == before_fs
    js, _ = streamlit_folium_links(full_map())
    assert any(u.startswith("https://") for u in js)


def test_localize_returns_same_map_and_is_repeatable() -> None:
    m = full_map()
    assert localize_map(m) is m
    first = streamlit_folium_links(m)
    localize_map(m)
    assert streamlit_folium_links(m) == first


def test_localize_custom_base_url() -> None:
    m = localize_map(full_map(tiles=None), base_url="/assets/")
    js, css = streamlit_folium_links(m)
    assert all(u.startswith("/assets/") and "//" not in u for u in js + css)


def test_localize_keeps_awesome_markers_for_fa_icons() -> None:
    m = folium.Map(tiles=None)
    folium.Marker([34, 46], icon=folium.Icon(prefix="fa", icon="flag")).add_to(m)
    js, css = streamlit_folium_links(localize_map(m))
    assert f"{VENDOR_URL}/awesome-markers/leaflet.awesome-markers.js" in js
    assert f"{VENDOR_URL}/bootstrap/bootstrap.bundle.min.js" in js
    assert f"{VENDOR_URL}/awesome-markers/leaflet.awesome-markers.css" in css
    assert f"{VENDOR_URL}/fontawesome/css/all.min.css" in css
    assert not [u for u in js + css if "http" in u or "glyphicons" in u]


def test_glyphicon_icon_is_refused() -> None:
    m = folium.Map(tiles=None)
    folium.Marker([34, 46], icon=folium.Icon()).add_to(m)  # prefix="glyphicon"
    with pytest.raises(MissingAssetError, match="glyphicon"):
        localize_map(m)


def test_unknown_plugin_url_raises() -> None:
    m = folium.Map(tiles=None)
    folium.plugins.MiniMap().add_to(m)
    with pytest.raises(MissingAssetError) as info:
        localize_map(m)
    assert "leaflet-minimap" in info.value.url


def test_unknown_url_in_nested_child_raises() -> None:
    m = folium.Map(tiles=None)
    group = folium.FeatureGroup(name="g").add_to(m)
    sub = folium.FeatureGroup(name="sub").add_to(group)
    marker = folium.CircleMarker([34, 46]).add_to(sub)
    marker.add_child(folium.plugins.Terminator())
    with pytest.raises(MissingAssetError):
        localize_map(m)


def test_colormap_is_refused() -> None:
    m = folium.Map(tiles=None)
    branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=1).add_to(m)
    with pytest.raises(MissingAssetError, match="d3"):
        localize_map(m)


# --- inline --------------------------------------------------------------------------
def test_inline_assets_makes_page_self_contained(vendor_dir: Path) -> None:
    html = localize_map(full_map(icon=True)).get_root().render()
    out = inline_assets(html, vendor_dir=vendor_dir)
    assert not [u for u in resource_urls(out) if u.startswith(VENDOR_URL)]
    # Only the (overridden) default-marker path still names the vendor URL.
    assert out.count(VENDOR_URL) == 1
    assert out.index("L.Icon.Default.mergeOptions") < out.index("L.Icon.Default.imagePath =")
    assert "data:font/woff2;base64," in out
    assert "fa-solid-900.ttf" not in out
    assert 'version="1.9.3"' in out  # leaflet.js itself
    # Every remaining url(...) is a data: URI (or Leaflet's VML behaviour hack).
    for target in re.findall(r"url\(\s*[\"']?([^\"')]{0,20})", out):
        assert target.startswith(("data:", "#default")), target


def test_inline_assets_without_fonts(vendor_dir: Path) -> None:
    html = localize_map(full_map(icon=True)).get_root().render()
    with_fonts = inline_assets(html, vendor_dir=vendor_dir)
    without = inline_assets(html, vendor_dir=vendor_dir, embed_fonts=False)
    assert "webfonts" not in without
    assert "font/woff2" not in without
    assert len(with_fonts) - len(without) > 300_000


def test_inline_assets_leaves_foreign_tags_alone(vendor_dir: Path) -> None:
    html = (
        '<script src="https://example.org/x.js"></script>'
        '<link rel="stylesheet" href="https://example.org/x.css"/>'
        '<link rel="icon" href="/app/static/vendor/leaflet/images/layers.png"/>'
        f'<script src="{VENDOR_URL}/jquery/jquery.min.js"></script>'
    )
    out = inline_assets(html, vendor_dir=vendor_dir)
    assert out.startswith(
        html[: -len(f'<script src="{VENDOR_URL}/jquery/jquery.min.js"></script>')]
    )
    assert "jQuery" in out
    assert "</script" not in out[out.index("<script>") + 8 : -len("</script>")].lower()


def test_inline_assets_installs_what_is_missing_and_refuses_unknown_files(tmp_path: Path) -> None:
    # An export made before the app ever started still finds its files.
    html = f'<script src="{VENDOR_URL}/leaflet/leaflet.js"></script>'
    out = inline_assets(html, vendor_dir=tmp_path)
    assert "Leaflet" in out and (tmp_path / "leaflet" / "leaflet.js").is_file()
    unknown = f'<script src="{VENDOR_URL}/nowhere/plugin.js"></script>'
    with pytest.raises(FileNotFoundError, match="install_assets"):
        inline_assets(unknown, vendor_dir=tmp_path)


def test_localize_sets_marker_image_path_before_markers() -> None:
    m = localize_map(full_map(tiles=None))
    localize_map(m)  # once only, however often it is called
    html = m.get_root().render()
    assert html.count("L.Icon.Default.imagePath =") == 1
    assert f'L.Icon.Default.imagePath = "{VENDOR_URL}/leaflet/images/"' in html
    assert html.index("L.Icon.Default.imagePath =") < html.index("L.marker(")
    assert html.index("L.map(") < html.index("L.Icon.Default.imagePath =")
