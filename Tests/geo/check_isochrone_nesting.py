#!/usr/bin/python3
"""Checks, with Shapely (Debian's python3-shapely, GEOS underneath but none of SiteMatch's code), that
isochrones as written to GeoJSON nest: for every site, each smaller budget's polygon lies within the
next larger one's, read back from the file at its 6 decimals; and that a grid of test points agrees
(no point inside a smaller polygon is outside a larger one).

    /usr/bin/python3 Tests/geo/check_isochrone_nesting.py ISOCHRONES.geojson
"""
import json, sys
from collections import defaultdict
from shapely.geometry import shape, Point

features = json.load(open(sys.argv[1]))["features"]
by_site = defaultdict(list)
for f in features:
    by_site[f["properties"]["site_id"]].append((f["properties"]["minutes"], shape(f["geometry"])))
pairs = failures = points = 0
for site, polygons in by_site.items():
    polygons.sort(key=lambda p: p[0])
    for (m1, small), (m2, large) in zip(polygons, polygons[1:]):
        pairs += 1
        if not small.within(large):
            failures += 1
            print(f"NOT NESTED: {site} {m1} min is not within {m2} min (outside area {small.difference(large).area:.3e} deg^2)")
        # Point-in-polygon on the boundary's own vertices and a grid across the smaller polygon.
        minx, miny, maxx, maxy = small.bounds
        samples = [Point(x, y) for x, y in small.exterior.coords] if small.geom_type == "Polygon" else []
        samples += [Point(minx + (maxx - minx) * i / 40, miny + (maxy - miny) * j / 40) for i in range(41) for j in range(41)]
        for p in samples:
            if small.covers(p):
                points += 1
                if not large.covers(p):
                    failures += 1
                    print(f"POINT: {site} {p.wkt} is in {m1} min but not in {m2} min")
                    break
print(f"{len(by_site)} sites, {pairs} nested pairs, {points} points checked, {failures} failures")
sys.exit(1 if failures else 0)
