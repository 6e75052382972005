#!/usr/bin/env python3
"""Rebuilds GeoData/*.geojson from Tools/geodata/places.csv and the curated tables below.

places.csv is a copy of the project's public fact sheet (see places-README.md beside it for its
sources, caveats and confidence levels). Nothing here is measured on the ground: polygons are
indicative (a regular 16-gon of the published area, centred on the published point), the road
network is a model. GEOS (via Shapely) and PROJ (via pyproj) do every geometric step.

Run:  python3 -m pip install shapely==2.2.0 pyproj==3.7.0 && python3 Tools/geodata/build_geodata.py
(GeoData of 2026-12-02 was regenerated with exactly these versions: byte-identical but for the edited sites.)
This is a data-preparation tool: SiteMatch itself never runs it at build, run or test time.
"""
import csv
import json
import math
import os
import sys

import pyproj
import shapely
import shapely.ops
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.polygon import orient

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
    return shapely.transform(geom, lambda xy: list(zip(*TO_WGS84.transform(xy[:, 0], xy[:, 1]))))


SEGMENTS = 16  # shapely quad_segs=4 gives a regular 16-gon


def indicative_polygon(centre, hectares):
    """A regular 16-gon of exactly `hectares`, centred on `centre` (BNG)."""
    area = hectares * 10_000
    radius = math.sqrt(2 * area / (SEGMENTS * math.sin(2 * math.pi / SEGMENTS)))
    return centre.buffer(radius, quad_segs=SEGMENTS // 4)


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
# Sites. location_type: the fact sheet's A-D classification, a judgement on each site's evidence
# (the project's, not the Framework's: the Framework names only KUSIP as type A and the Ceramic
# Valley Enterprise Zone and the M6/A50/A500 corridors as type D; it names no type-B or type-C example).
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
    "lymedale_business_park": ("D", "under_development", "Novus Point extension consented (298,000 sq ft)", None, ["B2", "B8"], None, None,
                               "Type D is the fact sheet's judgement (distribution units; Novus Point B2/B8): an earlier edition called it the Framework's type-C example, but the Framework names none. Published area is the Novus Point extension."),
    "i54_south_staffordshire": ("C", None, "western extension completed 2022", "Black Country Enterprise Zone", ["B1", "B2", "B8"], None, None, "JLR engine plant, Moog, Eurofins; own M54 junction."),
    "wmi_four_ashes": ("D", "proposed", "DCO granted May 2020; consented, not built", None, ["B8"], None, None, "Strategic rail freight interchange."),
    "bericote_four_ashes": ("D", "available", "ready for development (LEP)", None, ["B2", "B8"], None, None, None),
    "hilton_cross": ("D", "under_development", "Barberry scheme, three units on 12 acres", None, ["B2", "B8"], None, None, None),
    "st_modwen_m6_j13": ("D", "proposed", "outline application Feb 2024", None, ["B2", "B8"], None, None, None),
    "redhill_business_park": ("D", "available", "seven plots 50,000-200,000 sq ft (2015 source: check)", None, ["B2", "B8"], None, None,
                              "Type D is the fact sheet's judgement (B2/B8 plots of 50,000-200,000 sq ft near M6 J14): an earlier edition called it the Framework's type-C example, but the Framework names none."),
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



# --------------------------------------------------------------------------------------------
# Assets: every non-site, non-population row of the fact sheet, with a category from a fixed list.
# --------------------------------------------------------------------------------------------
ASSET_CATEGORY = {
    "keele_university": "university", "staffs_uni_stoke": "university", "staffs_uni_stafford_healthcare": "university",
    "keele_medical_school_royal_stoke": "medical_school",
    "keele_send": "research_centre", "samiac": "research_centre",
    "lucideon": "testing_facility", "amricc_centre": "testing_facility",
    "sotsiot_stafford": "college", "nscg_newcastle_college": "college", "nscg_stafford_college": "college",
    "stoke_college_cauldon": "college", "stoke_college_burslem": "college",
}
KIND_CATEGORY = {"hospital": "acute_hospital", "motorway_junction": "motorway_junction", "road_junction": "road_junction",
                 "rail_station": "rail_station", "rail_freight": "rail_freight_terminal", "airport": "airport", "energy_asset": "energy_asset"}
ASSET_STATUS = {"rail_freight_wmi": "consented", "meaford_gas_consent": "consented"}


# --------------------------------------------------------------------------------------------
# Districts by geometry (issue 17 item 3): each asset and population point takes the district its
# point lies in on GeoData/districts.geojson (ONS LAD December 2013, generalised; written by
# build_districts.py), tested in BNG with GEOS, in file order as SiteMatch does for sites. The fact
# sheet's typed district is kept as district_stated where it differs; a point outside every boundary
# keeps the typed one and says so. A county-level point stands for the whole county: kept as typed.
# --------------------------------------------------------------------------------------------
DISTRICT_SOURCE = "districts.geojson (ONS LAD December 2013, generalised): point in polygon"


def load_districts():
    path = os.path.join(OUT, "districts.geojson")
    out = []
    for f in json.load(open(path))["features"]:
        geom = shapely.ops.transform(TO_BNG.transform, shapely.geometry.shape(f["geometry"]))
        shapely.prepare(geom)
        out.append((f["properties"]["name"], geom))
    return out


DISTRICTS = load_districts()


def district_fields(point_bng, stated, level=None):
    """district, district_source and district_stated for a point whose fact sheet says `stated`."""
    if level != "county":
        for name, geom in DISTRICTS:
            if geom.covers(point_bng):
                return {"district": name, "district_source": DISTRICT_SOURCE, "district_stated": stated if stated != name else None}
    reason = "fact sheet (a county-level point)" if level == "county" else "fact sheet (outside every boundary in districts.geojson)"
    return {"district": stated, "district_source": reason, "district_stated": None}


def asset_features():
    out = []
    for rid, row in places.items():
        if row["kind"] in ("site", "population_centre", "town_centre"):
            continue
        category = ASSET_CATEGORY.get(rid) or KIND_CATEGORY[row["kind"]]
        a = attrs(row)
        out.append({"geometry": to_wgs84(bng(row)), "properties": {
            "id": rid,
            "name": row["name"],
            "category": category,
            **district_fields(bng(row), row["district"].replace(" (unverified)", "")),
            "status": ASSET_STATUS.get(rid, "operational"),
            "road": a.get("road") if category in ("motorway_junction", "road_junction") else None,
            "junction": a.get("junction"),
            "coordinate_confidence": row["confidence"],
            "coordinate_source": a.get("coord_note"),
            "source": row["source_url"],
        }})
    return out


# --------------------------------------------------------------------------------------------
# Population points. use_in_catchment marks a set that does not double count: Stoke-on-Trent's
# unitary authority plus the towns around it. Working-age figures are modelled (see PROVENANCE).
# --------------------------------------------------------------------------------------------
CATCHMENT_SET = {"la_stoke_on_trent", "town_newcastle_town", "town_kidsgrove", "town_leek", "town_stone_town", "town_stafford_town",
                 "town_burton", "town_lichfield_city", "town_tamworth_town", "town_cannock", "town_uttoxeter_town", "town_congleton_town"}
EW_WORKING_AGE_SHARE = 0.628     # England & Wales 16-64 share, 2022 (plumplot, built on ONS estimates)
STOKE_WORKING_AGE_SHARE = 155_622 / 258_369  # Census 2021 Stoke-on-Trent 18-64 / total = 60.2%


def population_year(text):
    import re
    m = re.match(r"\s*(\d{4})", text or "")
    return int(m.group(1)) if m else None


def population_features():
    out = []
    for rid, row in places.items():
        if row["kind"] != "population_centre":
            continue
        a = attrs(row)
        total = int(a["population"]) if a.get("population") else None
        year = population_year(a.get("population_year"))
        if total is None:
            working, basis = None, None
        elif rid == "la_stoke_on_trent":
            working, basis = round(total * STOKE_WORKING_AGE_SHARE), "modelled: total x 60.2% (Census 2021 Stoke-on-Trent 18-64 share)"
        else:
            working, basis = round(total * EW_WORKING_AGE_SHARE), "modelled: total x 62.8% (England & Wales 16-64 share, 2022)"
        out.append({"geometry": to_wgs84(bng(row)), "properties": {
            "id": rid,
            "name": row["name"],
            "level": a.get("level", "town").replace("built_up_area", "built_up_area"),
            **district_fields(bng(row), row["district"], a.get("level", "town")),
            "population": total,
            "population_year": year,
            "population_basis": a.get("population_year") or a.get("population_note"),
            "working_age_population": working,
            "working_age_basis": basis,
            "use_in_catchment": rid in CATCHMENT_SET and total is not None,
            "coordinate_confidence": row["confidence"],
            "coordinate_source": a.get("coord_note"),
            "source": row["source_url"],
        }})
    return out


# --------------------------------------------------------------------------------------------
# Corridors: lines through the junction points, in order.
# --------------------------------------------------------------------------------------------
CORRIDORS = {
    "m6": ("M6", "motorway", ["m6_j12", "m6_j13", "m6_j14", "m6_j15", "m6_j16", "m6_j17"], "https://wikishire.co.uk/wiki/M6_motorway"),
    "a500": ("A500", "trunk", ["m6_j15", "a500_hanford", "a500_a50_stoke", "a500_etruria_a53", "a500_wolstanton", "a500_porthill_a527",
                               "a500_tunstall_a527", "a500_talke_a34", "m6_j16"], "https://www.midlandsconnect.uk/projects/roads/a50a500-corridor/"),
    "a50": ("A50", "trunk", ["a500_a50_stoke", "a50_meir", "a50_blythe_bridge", "a50_uttoxeter", "a50_a38_derby", "a50_m1_j24a"],
            "https://www.midlandsconnect.uk/projects/roads/a50a500-corridor/"),
    "m54": ("M54", "motorway", ["m54_j1", "m54_j2"], "https://www.i54online.com/news/New-business-hub-motorway-junction-opening-announced"),
    "a38": ("A38", "trunk", ["a38_a5_wall_island", "a38_fradley", "a50_a38_derby"], "https://www.stokestaffslep.org.uk/construction-starts-at-lichfields-38m-liberty-park-development/"),
    "a5": ("A5", "trunk", ["m6_j12", "m6toll_burntwood", "a38_a5_wall_island"], "https://wikishire.co.uk/wiki/M6_motorway"),
}


def corridor_features():
    out = []
    for cid, (road, kind, nodes, source) in CORRIDORS.items():
        out.append({"geometry": to_wgs84(LineString([bng(places[n]) for n in nodes])), "properties": {
            "id": cid, "name": f"{road} corridor", "road": road, "road_class": kind, "junctions": nodes,
            "geometry_quality": "indicative",
            "geometry_note": "straight segments between the junction points in order; junction points are estimates (+/-0.3-1.5 km)",
            "source": source,
        }})
    return out


# --------------------------------------------------------------------------------------------
# Road network model: chains of node ids (assets or population points). Straight segments; the
# road class sets the modelled speed (PROVENANCE.md). "(modelled)" marks links standing in for
# roads the fact sheet has no points on.
# --------------------------------------------------------------------------------------------
NETWORK = [
    # J18 (Holmes Chapel) is not modelled: the link runs J17-J19.
    ("M6", "motorway", ["m6_j10", "m6_j10a", "m6_j11", "m6_j12", "m6_j13", "m6_j14", "m6_j15", "m6_j16", "m6_j17", "m6_j19"]),
    ("M54", "motorway", ["m54_j2", "m54_j1", "m6_j10a"]),
    ("A556/M56 to Manchester Airport (modelled)", "motorway", ["m6_j19", "airport_manchester"]),
    ("A500", "trunk", CORRIDORS["a500"][2]),
    ("A50", "trunk", CORRIDORS["a50"][2]),
    # The A38 passes west of Burton (issue 17 item 6): Burton joins it at Branston by the A5121.
    ("A38", "trunk", ["a38_a5_wall_island", "a38_fradley", "a38_branston", "a50_a38_derby"]),
    ("A5121 Burton-Branston", "a_road", ["town_burton", "a38_branston"]),
    ("A38/A5111 into Derby (modelled)", "a_road", ["a50_a38_derby", "derby_city"]),
    ("A5", "trunk", ["m6_j12", "m6toll_burntwood", "a38_a5_wall_island", "town_tamworth_town"]),
    ("A453 to East Midlands Airport (modelled)", "a_road", ["a50_m1_j24a", "airport_east_midlands"]),
    ("A4091/A446 to Birmingham Airport (modelled)", "a_road", ["town_tamworth_town", "airport_birmingham"]),
    ("A34 north", "a_road", ["town_newcastle_town", "a500_talke_a34", "town_kidsgrove", "town_congleton_town"]),
    ("A500 to Crewe", "a_road", ["m6_j16", "town_crewe_town"]),
    ("A53 Leek Road", "a_road", ["a500_etruria_a53", "town_hanley", "town_leek"]),
    ("A53 Etruria Road", "a_road", ["a500_etruria_a53", "town_newcastle_town"]),
    ("A525 to Keele", "a_road", ["town_newcastle_town", "keele_university"]),
    ("A519 to M6 J15", "a_road", ["town_newcastle_town", "m6_j15"]),
    ("A52 Hartshill Road", "a_road", ["town_newcastle_town", "royal_stoke", "town_stoke_town"]),
    ("A34 south", "a_road", ["a500_hanford", "town_stone_town", "m6_j14", "town_stafford_town"]),
    ("A449", "a_road", ["town_stafford_town", "m6_j13", "m54_j2"]),
    ("A41 to Codsall (modelled)", "a_road", ["m54_j2", "la_south_staffordshire"]),
    ("A518", "a_road", ["town_stafford_town", "town_uttoxeter_town", "a50_uttoxeter"]),
    ("A5007/A50 Hanley-Longton", "a_road", ["town_hanley", "town_longton", "a50_meir"]),
    ("A5006/A500 Stoke", "a_road", ["a500_a50_stoke", "town_stoke_town", "town_hanley"]),
    ("A50 City Road, Fenton", "a_road", ["town_stoke_town", "town_fenton", "town_longton"]),
    ("A50/A527 Hanley-Tunstall", "a_road", ["town_hanley", "town_burslem", "town_tunstall", "a500_tunstall_a527"]),
    ("A527 Porthill", "a_road", ["town_burslem", "a500_porthill_a527"]),
    ("A527 Biddulph Road (modelled)", "a_road", ["town_tunstall", "town_congleton_town"]),
    ("A52 to Cellarhead", "a_road", ["town_hanley", "cellarhead_substation"]),
    ("A5127/A38 Lichfield", "a_road", ["a38_a5_wall_island", "town_lichfield_city", "a38_fradley"]),
    ("A51 Lichfield-Tamworth", "a_road", ["town_lichfield_city", "town_tamworth_town"]),
]

MAX_SNAP_M = 5_000   # validate: a point further than this from the network is not linked
WARN_SNAP_M = 3_000


def network_features():
    out = []
    seen = set()
    for road, road_class, nodes in NETWORK:
        for a, b in zip(nodes, nodes[1:]):
            key = tuple(sorted((a, b)))
            if key in seen:
                continue
            seen.add(key)
            line = LineString([bng(places[a]), bng(places[b])])
            out.append({"geometry": to_wgs84(line), "properties": {
                "id": f"{a}__{b}", "road": road, "road_class": road_class, "from_node": a, "to_node": b,
                "length_m": round(line.length), "oneway": False,
                "geometry_quality": "modelled",
                "source": "modelled link between fact-sheet points (Tools/geodata/build_geodata.py NETWORK table)",
            }})
    return out


def zone_features(sites):
    by_id = {f["properties"]["id"]: f for f in sites}
    cvez = [shapely_to_bng(by_id[i]["geometry"]) for i in by_id if i.startswith("cvez_")]
    split_n = 348_700     # between Etruria/Hanley (centre) and Porthill/Burslem (north)
    west, east, south, north = 384_000, 396_000, 340_000, 355_500
    strategy = "Stoke-on-Trent City Economic Development Strategy 2024-28, 'Grid capacity'"
    return [
        {"geometry": to_wgs84(MultiPolygon(cvez)), "properties": {
            "id": "ceramic_valley_ez", "name": "Ceramic Valley Enterprise Zone (six sites)", "zone_type": "enterprise_zone",
            "grid_constraint": None, "published_area_ha": CVEZ_TOTAL_HA,
            "geometry_quality": "indicative", "edge_method": "the six indicative CVEZ site polygons of sites.geojson; no published boundary used",
            "source": "https://www.stokestaffslep.org.uk/delivering-growth/strategy/"}},
        {"geometry": to_wgs84(shapely.box(west, south, east, split_n)), "properties": {
            "id": "grid_constrained_centre_south", "name": "Stoke-on-Trent centre and south: new grid connections limited",
            "zone_type": "grid_constraint", "grid_constraint": "new_connections_limited", "published_area_ha": None,
            "geometry_quality": "indicative",
            "edge_method": "box around the city's built-up area (BNG E 384000-396000, N 340000-348700), split at N 348700 between Etruria/Hanley and Porthill/Burslem; the Strategy names no boundary",
            "source": strategy}},
        {"geometry": to_wgs84(shapely.box(west, split_n, east, north)), "properties": {
            "id": "grid_north_local_capacity", "name": "Stoke-on-Trent north: local capacity, transmission link constrained",
            "zone_type": "grid_constraint", "grid_constraint": "local_capacity_transmission_constrained", "published_area_ha": None,
            "geometry_quality": "indicative",
            "edge_method": "box BNG E 384000-396000, N 348700-355500 (north of the split above); the Strategy names no boundary",
            "source": strategy}},
    ]


def shapely_to_bng(geom):
    return shapely.transform(geom, lambda xy: list(zip(*TO_BNG.transform(xy[:, 0], xy[:, 1]))))


def check_snap_distances(network, layers):
    lines = shapely.union_all([shapely_to_bng(f["geometry"]) for f in network])
    worst = []
    for name, feats in layers.items():
        for f in feats:
            d = shapely_to_bng(f["geometry"]).distance(lines)
            worst.append((d, name, f["properties"]["id"]))
    worst.sort(reverse=True)
    for d, name, fid in worst[:8]:
        print(f"  snap {d:7.0f} m  {name}:{fid}", file=sys.stderr)
    bad = [w for w in worst if w[0] > MAX_SNAP_M]
    if bad:
        sys.exit(f"{len(bad)} features are more than {MAX_SNAP_M} m from the network: {bad}")


def main():
    os.makedirs(OUT, exist_ok=True)
    sites = site_features()
    assets, population, network = asset_features(), population_features(), network_features()
    check_snap_distances(network, {"sites": sites, "assets": assets, "population": population})
    write_layer("sites", sites, "Site portfolio for Stoke-on-Trent and Staffordshire: indicative polygons of published areas at published points. See PROVENANCE.md.")
    write_layer("assets", assets, "Universities, research and testing centres, colleges, hospitals, junctions, stations, freight, airports, energy assets. See PROVENANCE.md.")
    write_layer("population", population, "Population points with total and (modelled) working-age population. See PROVENANCE.md.")
    write_layer("corridors", corridor_features(), "Strategic road corridors as lines through junction points (indicative). See PROVENANCE.md.")
    write_layer("zones", zone_features(sites), "Enterprise zone and grid-constraint zones (indicative edges). See PROVENANCE.md.")
    write_layer("network", network, "MODELLED road network for drive-time estimates: straight links between fact-sheet points. See PROVENANCE.md.")


if __name__ == "__main__":
    main()
