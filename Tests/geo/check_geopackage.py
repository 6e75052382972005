#!/usr/bin/python3
"""Checks a GeoPackage written by `sitematch export -o map.gpkg --with-assets --with-isochrones`
with Python's sqlite3 (the standard library: none of GDAL's or SiteMatch's code), against the
GeoPackage 1.3 standard's own tables:

- the file is a GeoPackage (application_id 'GPKG') and passes SQLite's integrity check;
- gpkg_contents lists sites, assets, substations, corridors and isochrones as features in srs_id 27700, each extent inside
  British National Grid's bounds for Great Britain, and gpkg_spatial_ref_sys defines 27700 as EPSG's;
- gpkg_geometry_columns gives sites and isochrones MULTIPOLYGON, assets and substations POINT and
  corridors MULTILINESTRING;
- the sites table has as many rows as the export's GeoJSON has features, and substations and
  corridors as many as GeoData's own substations.geojson and corridors.geojson (read with json);
- layer_styles holds one default QML style per layer, each well-formed XML with the renderer QGIS
  needs: sites graduated on best_score, assets categorised on category, substations on
  substation_type, corridors a single line symbol, isochrones graduated on minutes.

    /usr/bin/python3 Tests/geo/check_geopackage.py MAP.gpkg SITES.geojson GEODATA_DIR
"""
import json, sqlite3, sys
import xml.etree.ElementTree as ET

gpkg, geojson, geodata = sys.argv[1], sys.argv[2], sys.argv[3]
db = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
checks = 0


def check(condition, message):
    global checks
    if not condition:
        sys.exit(f"FAIL {message}")
    checks += 1


check(db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47, "application_id is not 'GPKG'")
check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "SQLite integrity check failed")
srs = db.execute("SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = 27700").fetchone()
check(srs is not None and srs[0].upper() == "EPSG" and srs[1] == 27700, f"srs 27700 is {srs}")
contents = {row[0]: row[1:] for row in db.execute("SELECT table_name, data_type, srs_id, min_x, min_y, max_x, max_y FROM gpkg_contents")}
for layer in ("sites", "assets", "substations", "corridors", "isochrones"):
    check(layer in contents, f"gpkg_contents has no {layer}")
    data_type, srs_id, *extent = contents[layer]
    check(data_type == "features" and srs_id == 27700, f"{layer}: {data_type} in {srs_id}")
    # British National Grid's extent for Great Britain: 0–700 km east, 0–1,300 km north.
    check(0 <= extent[0] < extent[2] <= 700_000 and 0 <= extent[1] < extent[3] <= 1_300_000, f"{layer} extent {extent}")
types = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
check(types == {"sites": "MULTIPOLYGON", "assets": "POINT", "substations": "POINT", "corridors": "MULTILINESTRING", "isochrones": "MULTIPOLYGON"},
      f"geometry types {types}")
with open(geojson) as f:
    features = len(json.load(f)["features"])
check(db.execute('SELECT count(*) FROM "sites"').fetchone()[0] == features, "sites rows differ from the GeoJSON export's features")
for layer in ("substations", "corridors"):
    with open(f"{geodata}/{layer}.geojson") as f:
        source = len(json.load(f)["features"])
    check(db.execute(f'SELECT count(*) FROM "{layer}"').fetchone()[0] == source, f"{layer} rows differ from {geodata}/{layer}.geojson's {source}")
styles = {row[0]: row[1:] for row in db.execute("SELECT f_table_name, useAsDefault, styleQML FROM layer_styles")}
expected = {"sites": ("graduatedSymbol", "best_score"), "assets": ("categorizedSymbol", "category"), "isochrones": ("graduatedSymbol", "minutes"),
            "substations": ("categorizedSymbol", "substation_type"), "corridors": ("singleSymbol", None)}
check(set(styles) == set(expected), f"styled layers {sorted(styles)}")
for layer, (renderer, attribute) in expected.items():
    default, qml = styles[layer]
    check(default == 1, f"{layer}'s style is not the default")
    root = ET.fromstring(qml.split("\n", 1)[1] if qml.startswith("<!DOCTYPE") else qml)
    found = root.find("renderer-v2")
    check(found is not None and found.get("type") == renderer and found.get("attr") == attribute,
          f"{layer}: renderer {None if found is None else (found.get('type'), found.get('attr'))}")
    check(len(root.findall("./renderer-v2/symbols/symbol")) >= (1 if renderer == "singleSymbol" else 2), f"{layer}: too few symbols")
print(f"ok GeoPackage {gpkg}: {checks} checks against its own tables ({features} sites)")
