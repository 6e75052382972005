#!/usr/bin/env python3
"""Rebuilds GeoData/*.geojson from Tools/geodata/places.csv and the curated tables below.

places.csv is a copy of the project's public fact sheet (see places-README.md beside it for its
sources, caveats and confidence levels). Nothing here is measured on the ground: polygons are
indicative (a regular 16-gon of the published area, centred on the published point), the road
network is a model. GEOS (via Shapely) and PROJ (via pyproj) do every geometric step.

Run:  python3 -m pip install shapely pyproj && python3 Tools/geodata/build_geodata.py
This is a data-preparation tool: SiteMatch itself never runs it at build, run or test time.
"""
import csv
import json
import math
import os
import sys

import pyproj
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.polygon import orient
from shapely.ops import transform as shapely_transform

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "GeoData")
FACTS_URL_NOTE = "Tools/geodata/places.csv (project fact sheet, compiled 2026-11)"

TO_BNG = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
TO_WGS84 = pyproj.Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)

places = {r["id"]: r for r in csv.DictReader(open(os.path.join(HERE, "places.csv"), newline=""))}


def attrs(row):
    out = {}
    for part in row["attributes"].split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def bng(row):
    x, y = TO_BNG.transform(float(row["lon"]), float(row["lat"]))
    return Point(x, y)


def to_wgs84(geom):
    return shapely_transform(lambda x, y, z=None: TO_WGS84.transform(x, y), geom)


SEGMENTS = 16  # shapely quad_segs=4 gives a regular 16-gon


def indicative_polygon(centre, hectares):
    """A regular 16-gon of exactly `hectares`, centred on `centre` (BNG)."""
    area = hectares * 10_000
    radius = math.sqrt(2 * area / (SEGMENTS * math.sin(2 * math.pi / SEGMENTS)))
    return centre.buffer(radius, quad_segs=SEGMENTS // 4)


def round_coords(geom):
    return shapely.set_precision(geom, 0) if False else geom


def write_layer(name, features, description):
    """RFC 7946: WGS84 lon/lat, CCW exterior rings, 6 decimals, no crs member."""
    lines = []
    for f in features:
        g = f["geometry"]
        if isinstance(g, Polygon):
            g = orient(g, 1.0)
        elif isinstance(g, MultiPolygon):
            g = MultiPolygon([orient(p, 1.0) for p in g.geoms])
        geo = json.loads(json.dumps(mapping(g)))

        def rnd(c):
            if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
                return [round(c[0], 6), round(c[1], 6)]
            return [rnd(x) for x in c]

        geo["coordinates"] = rnd(geo["coordinates"])
        lines.append(json.dumps({"type": "Feature", "properties": f["properties"], "geometry": geo},
                                ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","name":' + json.dumps(name) + ',"description":' + json.dumps(description) + ',"features":[\n'
    text += ",\n".join(lines) + "\n]}\n"
    with open(os.path.join(OUT, name + ".geojson"), "w") as fh:
        fh.write(text)
    print(f"{name}.geojson: {len(features)} features", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# Sites. location_type: the fact sheet's A-D classification, except where the Framework names
# the site as an example of another type (Redhill and Lymedale are its type-C examples).
# status: available | under_development | fully_occupied | proposed, or None where no source
# says; status_note gives the evidence and its date.
# --------------------------------------------------------------------------------------------
CVEZ = "Ceramic Valley Enterprise Zone"
SITE_TABLE = {
    # id: (location_type, status, status_note, enterprise_zone_name, use_classes, power_class, power_note, notes)
    "kusip": ("A", "available", "phase-3 extension: 13 serviced plots with outline consent (keele.ac.uk)", None, ["E(g)(ii)", "E(g)(i)"], None, None,
              "Entry through gateway criteria (R&D intensity, collaboration with Keele). Park area not published."),
    "staffs_uni_stoke_campus": ("A", None, None, None, None, None, None, "University Quarter; University Enterprise Zone and SAMIAC; on the district heat network route."),
    "cvez_tunstall_arrow": ("D", "fully_occupied", "ten units all let or being let (warehousenews.co.uk 2021; Strategy: Stoke CVEZ sites complete, Jan 2023)", CVEZ, ["B2", "B8", "E(g)(iii)"], None, None, None),
    "cvez_chatterley_valley_east": ("D", "proposed", "council plans for ~29,000 sq ft of speculative units", CVEZ, ["E(g)(ii)", "E(g)(iii)", "B2", "B8"], None, None, None),
    "cvez_chatterley_valley_west": ("D", "under_development", "Harworth; outline consent 1.17m sq ft; road works from Jan 2023", CVEZ, ["B2", "B8", "E(g)"], None, None,
                                    "Lucideon HQ on a 2.3-acre plot under feasibility (2023)."),
    "cvez_highgate_ravensdale": ("D", "fully_occupied", "trade park terraces complete 2018; Strategy: Stoke CVEZ sites complete (Jan 2023)", CVEZ, ["B2", "B8"], None, None,
                                 "Two locations (Highgate Works, Tunstall; Ravensdale, Chemical Lane): the point is their midpoint."),
    "cvez_st_modwen_park_stoke_central": ("D", "under_development", "St Modwen's final 46 acres (2019): ~800,000 sq ft logistics pipeline", CVEZ, ["B2", "B8"], None, None,
                                          "Published 50.59 ha is the whole 125-acre Etruria Valley extension; the EZ boundary area is not confirmed."),
    "cvez_cliffe_vale": ("D", None, "no development detail found", CVEZ, None, None, None, None),
    "chatterley_whitfield": ("D", "proposed", "Black to Green Eco Park vision, May 2025; not consented", None, None, "high",
                             "council (with National Grid): up to 150 MW economically deliverable", "Scheduled monument; 10.5 ha of buildings in a 50-100 ha setting."),
    "festival_park": ("C", None, None, None, ["E(g)(i)", "E"], None, None, "bet365 HQ, Vodafone; one of the city's office nodes (CoStar 2023)."),
    "smithfield_hanley": ("B", "under_development", "1 & 2 Smithfield let; 3 Smithfield (62,000 sq ft) consented", None, ["E(g)(i)"], None, None, "The city's Grade A office district."),
    "spode_works": ("B", "under_development", "council three-phase GBP10m programme; phase 1 to May 2026", None, ["E(g)", "F1"], None, None, "Createch cluster; proposed edge AI data centre."),
    "trentham_lakes": ("D", None, "sources 2013-16 only: check current status", None, ["B2", "B8"], None, None, None),
    "lymedale_business_park": ("C", "under_development", "Novus Point extension consented (298,000 sq ft)", None, ["B2", "B8"], None, None,
                               "Framework names Lymedale as a type-C example; the fact sheet had D. Published area is the Novus Point extension."),
    "i54_south_staffordshire": ("C", None, "western extension completed 2022", "Black Country Enterprise Zone", ["B1", "B2", "B8"], None, None, "JLR engine plant, Moog, Eurofins; own M54 junction."),
    "wmi_four_ashes": ("D", "proposed", "DCO granted May 2020; consented, not built", None, ["B8"], None, None, "Strategic rail freight interchange."),
    "bericote_four_ashes": ("D", "available", "ready for development (LEP)", None, ["B2", "B8"], None, None, None),
    "hilton_cross": ("D", "under_development", "Barberry scheme, three units on 12 acres", None, ["B2", "B8"], None, None, None),
    "st_modwen_m6_j13": ("D", "proposed", "outline application Feb 2024", None, ["B2", "B8"], None, None, None),
    "redhill_business_park": ("C", "available", "seven plots 50,000-200,000 sq ft (2015 source: check)", None, ["B2", "B8"], None, None,
                              "Framework names Redhill (Stafford) as a type-C example; the fact sheet had D."),
    "stafford_technology_park": ("C", None, None, None, ["E(g)"], None, None, "University Business Village."),
    "stafford_station_gateway": ("B", "under_development", "Institute of Technology opened Sept 2025", None, ["E(g)(i)", "F1"], None, None, None),
    "meaford_business_park": ("D", "available", "infrastructure and spec unit complete 2017 (2019 brochure: check)", None, ["E(g)(i)", "B2", "B8"], "high",
                              "planning consent for a 300 MW gas power station on site (2019 brochure)", "207 ha gross; 34.1 ha net."),
    "stone_business_park": ("C", None, None, None, ["E(g)(ii)", "B2"], None, None, "Home of Lucideon and the AMRICC Centre since 2023."),
    "centrum_100_burton": ("C", None, "1990s source only: check", None, ["B1", "B2", "B8"], None, None, None),
    "st_modwen_park_burton": ("D", "under_development", "final phases due Q4 2024", None, ["B2", "B8"], None, None, "Exact location not confirmed."),
    "fradley_park": ("D", None, "2007 source only: check", None, ["B2", "B8"], None, None, None),
    "liberty_park_lichfield": ("D", "under_development", "construction started (LEP)", None, ["B2", "B8"], None, None, "Next to Lichfield Trent Valley station."),
    "drayton_manor_business_park": ("D", "proposed", "hybrid application for 168,500 sq ft", None, ["E(g)", "B2", "B8"], None, None, None),
}

# Published areas that are not the site's own: areas for CVEZ sites without a figure are
# apportioned from the zone's published 140 ha net developable (an indicative split).
CVEZ_TOTAL_HA = 140.0
NOMINAL_HA = {"A": 10.0, "B": 3.0, "C": 10.0, "D": 10.0, "H": 3.0}


def site_features():
    features = []
    known_cvez = sum(float(places[i]["area_ha"]) for i in SITE_TABLE if i.startswith("cvez_") and places[i]["area_ha"])
    unknown_cvez = [i for i in SITE_TABLE if i.startswith("cvez_") and not places[i]["area_ha"]]
    apportioned = (CVEZ_TOTAL_HA - known_cvez) / len(unknown_cvez)
    for sid, (ltype, status, status_note, ez_name, uses, power_class, power_note, notes) in SITE_TABLE.items():
        row = places[sid]
        a = attrs(row)
        published = float(row["area_ha"]) if row["area_ha"] else None
        if published is not None:
            drawn, how = published, f"regular 16-gon of the published {published:g} ha centred on the published point"
        elif sid.startswith("cvez_"):
            drawn, how = apportioned, (f"regular 16-gon of {apportioned:.2f} ha (no published area: the zone's 140 ha net developable less the "
                                       f"published site areas, split equally between the three sites without one) centred on the published point")
        else:
            drawn, how = NOMINAL_HA[ltype], f"regular 16-gon of a nominal {NOMINAL_HA[ltype]:g} ha (no published area) centred on the published point"
        available = None
        if sid == "meaford_business_park":
            available = 34.1  # published net developable area
        district = row["district"].replace(" (unverified)", "")
        features.append({
            "geometry": to_wgs84(indicative_polygon(bng(row), drawn)),
            "properties": {
                "id": sid,
                "name": row["name"],
                "location_type": ltype,
                "district": district,
                "area_ha": published,
                "available_area_ha": available,
                "status": status,
                "status_note": status_note,
                "enterprise_zone": ez_name is not None,
                "enterprise_zone_name": ez_name,
                "use_classes": uses,
                "grid_headroom_mva": None,
                "power_class": power_class,
                "power_note": power_note,
                "full_fibre": None,
                "geometry_quality": "indicative",
                "geometry_note": how,
                "coordinate_confidence": row["confidence"],
                "coordinate_source": a.get("coord_note"),
                "source": row["source_url"],
                "notes": notes,
            },
        })
    # The Framework's hospital-adjacent type (H): no site is published, so this one is hypothetical.
    royal = places["royal_stoke"]
    centre = bng(royal)
    hypothetical = Point(centre.x + 350, centre.y - 250)
    features.append({
        "geometry": to_wgs84(indicative_polygon(hypothetical, NOMINAL_HA["H"])),
        "properties": {
            "id": "royal_stoke_hospital_adjacent",
            "name": "Land adjacent to Royal Stoke University Hospital (hypothetical)",
            "location_type": "H",
            "district": "Stoke-on-Trent",
            "area_ha": None,
            "available_area_ha": None,
            "status": "proposed",
            "status_note": "no published site: a hypothetical placeholder for the Framework's hospital-adjacent location type (section 7.4)",
            "enterprise_zone": False,
            "enterprise_zone_name": None,
            "use_classes": None,
            "grid_headroom_mva": None,
            "power_class": None,
            "power_note": None,
            "full_fibre": None,
            "geometry_quality": "indicative",
            "geometry_note": "regular 16-gon of a nominal 3 ha placed 350 m east and 250 m south of the Royal Stoke point (places.csv royal_stoke)",
            "coordinate_confidence": "approx",
            "coordinate_source": "offset from the hospital geocode; no source names this land",
            "source": royal["source_url"],
            "notes": "The fact sheet found no hospital-adjacent site; replace with a real one when identified.",
        },
    })
    return features


def main():
    os.makedirs(OUT, exist_ok=True)
    sites = site_features()
    write_layer("sites", sites, "Site portfolio for Stoke-on-Trent and Staffordshire: indicative polygons of published areas at published points. See PROVENANCE.md.")


if __name__ == "__main__":
    main()
