#!/usr/bin/python3
"""Writes GeoData/districts.geojson from Tools/geodata/lad2013_boundaries_region.geojson (ONS local
authority districts, December 2013, generalised; a copy of the project's shared data file, unchanged).

Each feature gets the layer schema's members: id (the ONS code), name, source and geometry_quality
"generalised"; coordinates are kept exactly as published (WGS84, 5 decimals); the legacy `crs`
member (CRS84, which is RFC 7946's default) is dropped. Standard library only.

    /usr/bin/python3 Tools/geodata/build_districts.py
"""
import json, os

from geodata_layer import write_layer

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
with open(os.path.join(here, "lad2013_boundaries_region.geojson")) as f:
    source = json.load(f)
SOURCE = ("ONS Local Authority Districts (December 2013) generalised boundaries, via martinjc/UK-GeoJSON "
          "(TopoJSON converted, made valid with GEOS); Open Government Licence v3, contains OS data © Crown copyright")
features = []
for feature in sorted(source["features"], key=lambda f: f["properties"]["lad_code"]):
    p = feature["properties"]
    features.append({"type": "Feature", "properties": {
        "id": p["lad_code"], "name": p["lad_name"], "geometry_quality": "generalised", "source": SOURCE,
    }, "geometry": feature["geometry"]})
write_layer("districts", "Local authority districts within 80 km of Hanley (ONS, December 2013, generalised: good to about 100-200 m at boundaries). "
            "Sites, assets and population points get their district from these polygons. See PROVENANCE.md.", features)
