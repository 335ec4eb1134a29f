"""What the build reads and writes: source files, codes, tolerances, sources and licences."""

from __future__ import annotations

from lib.data import raw_sources
from lib.data.boundaries import BASEMAP_LAYERS, BOUNDARY_LAYERS

# --- inputs ---------------------------------------------------------------------------

BORDER_FILE = raw_sources.OSM_BOUNDARY
COUNTRIES_FILE = raw_sources.OSM_COUNTRIES
NE_COUNTRIES_FILE = raw_sources.NE_COUNTRIES
ADM1_FILE = raw_sources.OCHA_GOVERNORATES
ADM2_FILE = raw_sources.OCHA_DISTRICTS
IRAN_PROVINCES_FILE = raw_sources.OSM_IRAN_PROVINCES
DISPUTED_FILE = "disputed_districts.csv"

SULAYMANIYAH_PCODE = "IQG06"
HALABJA_DISTRICT_PCODE = "IQG06Q05"
KURDISTAN_REGION_PCODES = ("IQG09", "IQG11", "IQG06", HALABJA_DISTRICT_PCODE)
IRAN_BORDER_PROVINCES = ("West Azerbaijan", "Kurdistan", "Kermanshah", "Ilam", "Khuzestan")

TRIPOINT = (44.78431, 37.14385)

# --- outputs --------------------------------------------------------------------------

LAYER_NAMES = (*BOUNDARY_LAYERS, *BASEMAP_LAYERS)
# Natural Earth physical layers and towns: a basemap that needs no tile server.
BASEMAP_FILES = raw_sources.NE_BASEMAP
NE_PHYSICAL_SOURCE = "Natural Earth 1:10m physical v4.0 (land, lakes, rivers and lake centrelines)"
NE_PLACES_SOURCE = "Natural Earth 1:10m populated places"
LODS = ("detail", "overview")
# Metres; coverage_simplify is Visvalingam–Whyatt, so this is roughly the side of
# the largest triangle it may remove.
TOLERANCE_M = {"detail": 50.0, "overview": 1000.0}
PRECISION_LABEL = {"detail": "simplified to 50 m", "overview": "simplified to 1 km"}
COORD_DECIMALS = 6
# Metres per degree of latitude; tolerances are applied in lon/lat degrees.
M_PER_DEG = 111_320.0

OSM_2017_SOURCE = "OpenStreetMap, 2017 (npm @geo-maps/countries-maritime-10m 0.6.0)"
OSM_2025_SOURCE = "OpenStreetMap, October 2025 (GitHub hosseinhabibi2004/iran-geojson)"
OCHA_SOURCE = "OCHA/HDX COD-AB Iraq, Central Statistics Organization, 2019-06-03"
NE_SOURCE = "Natural Earth 1:10m admin_0_countries v5.1.1"
OSM_LICENCE = "ODbL 1.0 — © OpenStreetMap contributors"
OCHA_LICENCE = "CC BY 3.0 IGO — OCHA, Iraq CSO"
NE_LICENCE = "Public domain — Made with Natural Earth"
CURATED_LICENCE = "CC BY 4.0 — Zagros Brief, from cited public sources"
#: What the de jure Kurdistan Region layer is, in words (map note, tests, briefing).
KRI_NOTE = (
    "The four KRG governorates (Duhok, Erbil, Sulaymaniyah, Halabja) as OCHA draws them "
    "(Halabja cut from the 2019 OCHA district Halabcha). It overlaps the disputed "
    "territories: Makhmour district, disputed under Article 140, lies inside the Erbil "
    "polygon. Most of the disputed territories (Kirkuk, parts of Nineveh, Diyala and "
    "Salahuddin) lie outside it, and the KRG has also administered parts of them, so this "
    "is not the line the KRG administers de facto."
)
# How far (degrees) a disputed district may be grown to reach its governorate's fitted
# outline where the OCHA district and governorate edges disagree (they are clipped back).
DISTRICT_GROW_DEG = 0.1
# Bits of a fitted district smaller than this (km²) are slivers between sources.
DISTRICT_SLIVER_KM2 = 1.0


# Unassigned faces of the arrangement larger than this (km²) that lie off Natural
# Earth's Iran land are Iran's territorial sea, not slivers between sources.
SEA_FACE_MIN_KM2 = 20.0
# Disconnected bits of a governorate/province smaller than this (km²) that touch
# another unit are artefacts of the sources disagreeing, not exclaves.
CRUMB_MAX_KM2 = 10.0
