#!/usr/bin/env python3
"""Writes GeoData/census-lsoa.geojson: one point per 2021 LSOA within 60 km of Hanley, with its ONS
Census 2021 usual residents and working-age (16-64) residents, from two copies of the project's shared
data files, unchanged:

- Tools/geodata/census2021_lsoa_population_by_age.csv: ONS Census 2021 usual residents by LSOA 2021 in
  six age bands (via cwthom/hack25usefuldata); working age = age_16_24 + age_25_34 + age_35_49 + age_50_64.
- Tools/geodata/lsoa2011_centroids.csv: geometric centroids of the ONS 2011 LSOA boundaries
  (super-generalised, clipped), WGS84.

An LSOA whose 2021 code is also a 2011 code sits at that centroid (`placement: centroid_2011`). A 2021
LSOA with a new code (a split or a merge) has no centroid: it is placed at the mean, in British National
Grid, of the centroids of its siblings, the LSOAs of the same MSOA (the same name but the last letter,
e.g. "Stoke-on-Trent 012A" for "Stoke-on-Trent 012E"), and labelled `placement: estimated_from_siblings`,
`coordinate_confidence: approx`. One with no placed sibling cannot be placed and is listed, never
dropped silently. "Within 60 km" is measured from Hanley (BNG 388200, 347600) to the point.

PROJ (via pyproj) does the projection. Run:
    python3 -m pip install pyproj==3.7.0 && python3 Tools/geodata/build_census.py
This is a data-preparation tool: SiteMatch itself never runs it at build, run or test time.
"""
import csv, json, math, os, sys

import pyproj

from geodata_layer import write_layer

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
HANLEY = (388_200.0, 347_600.0)
RADIUS = 60_000.0
TO_BNG = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
TO_WGS84 = pyproj.Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
SOURCE = "ONS Census 2021 (usual residents by age, LSOA 2021), OGL v3; see PROVENANCE.md"

with open(os.path.join(here, "lsoa2011_centroids.csv"), newline="") as f:
    centroids = {r["lsoa11_code"]: TO_BNG.transform(float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)}
with open(os.path.join(here, "census2021_lsoa_population_by_age.csv"), newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))

by_msoa = {}
for r in rows:
    by_msoa.setdefault(r["lsoa21_name"][:-1], []).append(r)
placed, unplaced = [], []
for r in rows:
    code = r["lsoa21_code"]
    if code in centroids:
        placed.append((r, centroids[code], "centroid_2011"))
        continue
    siblings = [centroids[s["lsoa21_code"]] for s in by_msoa[r["lsoa21_name"][:-1]] if s["lsoa21_code"] in centroids]
    if siblings:
        point = (sum(p[0] for p in siblings) / len(siblings), sum(p[1] for p in siblings) / len(siblings))
        placed.append((r, point, "estimated_from_siblings"))
    else:
        unplaced.append(r)

features = []
for r, (x, y), placement in placed:
    if math.hypot(x - HANLEY[0], y - HANLEY[1]) > RADIUS:
        continue
    lon, lat = TO_WGS84.transform(x, y)
    working = sum(int(r[k]) for k in ("age_16_24", "age_25_34", "age_35_49", "age_50_64"))
    features.append({"type": "Feature", "properties": {
        "id": r["lsoa21_code"], "name": r["lsoa21_name"], "population": int(r["total"]), "working_age_population": working,
        "population_year": 2021, "placement": placement,
        "coordinate_confidence": "exact" if placement == "centroid_2011" else "approx",
        "coordinate_source": "ONS LSOA 2011 centroid" if placement == "centroid_2011" else "mean of the MSOA's other LSOAs' 2011 centroids",
        "source": SOURCE,
    }, "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}})
# New MSOAs (every LSOA a new code) cannot be placed. Those in a district that has LSOAs in range may
# themselves be in range: listed in the layer's description and PROVENANCE, never silently dropped.
districts_in_range = {f["properties"]["name"].rsplit(" ", 1)[0] for f in features}
near_unplaced = [r for r in unplaced if r["lsoa21_name"].rsplit(" ", 1)[0] in districts_in_range]
write_layer("census-lsoa", "ONS Census 2021 usual residents and working-age (16-64) residents per 2021 LSOA within 60 km of Hanley, "
                        "at the 2011 LSOA centroid (geometric, not population-weighted) or, for new codes, estimated from sibling LSOAs. "
                        "Catchments count these. Not placed (a new MSOA, no 2011 centroid to place it from), so not counted: "
                        + "; ".join(f"{r['lsoa21_code']} {r['lsoa21_name']} ({r['total']})" for r in near_unplaced) + ". See PROVENANCE.md.", features, count_by="placement")
estimated = sum(1 for f in features if f["properties"]["placement"] != "centroid_2011")
print(f"GeoData/census-lsoa.geojson: {len(features)} LSOAs ({estimated} placed from siblings), "
      f"{sum(f['properties']['population'] for f in features)} residents; "
      f"{len(unplaced)} LSOAs in England could not be placed (no sibling with a centroid): "
      + ", ".join(f"{r['lsoa21_code']} {r['lsoa21_name']}" for r in unplaced[:10]) + (" …" if len(unplaced) > 10 else ""))
print(f"not placed, in districts within range: {len(near_unplaced)} LSOAs, {sum(int(r['total']) for r in near_unplaced)} residents: "
      + "; ".join(f"{r['lsoa21_code']} {r['lsoa21_name']} ({r['total']})" for r in near_unplaced))

