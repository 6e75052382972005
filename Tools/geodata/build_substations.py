#!/usr/bin/python3
"""Writes GeoData/substations.geojson from Tools/geodata/nged_substations.csv (National Grid
Electricity Distribution's open substation locations, a copy of the project's shared data file,
unchanged).

Kept: the primary substations, bulk supply points, super grid (grid supply point) substations and
132 kV switching stations within 60 km of Hanley. Left out: "EHV switching stations", which are
customer and generator connection points (solar farms, quarries), not points a new demand connects
behind. Each feature gets the layer schema's members: id ("nged-" + the substation number), name as
published, `substation_type`, `voltage_kv` (the highest voltage the name states, e.g. 132 from
"Longton 132/33kv"; null where the name states none), `lowest_voltage_kv` (11 for "Burslem 132/11kv": a
bulk supply point with an 11 kV side also supplies as a primary does), source and the grade. Positions
are NGED's published latitude/longitude (WGS84, as published); the file's `*_temp` columns are a
mirror's re-projection and are ignored. Standard library only.

    /usr/bin/python3 Tools/geodata/build_substations.py
"""
import csv, json, math, os, re

from geodata_layer import write_layer

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
HANLEY = (388_200.0, 347_600.0)  # BNG, Hanley bus station (places.csv)
RADIUS = 60_000.0
TYPES = {
    "Primary Substation": "primary",
    "Bulk Supply Point": "bulk_supply_point",
    "Super Grid Substation": "grid_supply_point",
    "132kv Switching Station": "switching_132kv",
}
SOURCE = ("National Grid Electricity Distribution open data, substation locations, via HatfieldAlex/Zettar "
          "(zettar_prototype/data/ngid/substation_locations_raw.csv); NGED open data terms (attribution)")


def voltages(name):
    """The voltages a name states: "Longton 132/33/11kv" -> [132, 33, 11], "Stoke Chp" -> []."""
    return [int(v) for group in re.findall(r"(\d+(?:\s*/\s*\d+)*)\s*kv", name, re.IGNORECASE)
            for v in re.split(r"\s*/\s*", group)]


features, left_out = [], {}
with open(os.path.join(here, "nged_substations.csv"), newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        kind = TYPES.get(row["Substation Type"])
        e, n = float(row["Easting"]), float(row["Northing"])
        if math.hypot(e - HANLEY[0], n - HANLEY[1]) > RADIUS:
            continue
        if kind is None:
            left_out[row["Substation Type"]] = left_out.get(row["Substation Type"], 0) + 1
            continue
        features.append({"type": "Feature", "properties": {
            "id": f"nged-{row['Substation Number']}", "name": row["Substation Name"], "substation_type": kind,
            "voltage_kv": max(voltages(row["Substation Name"]), default=None),
            "lowest_voltage_kv": min(voltages(row["Substation Name"]), default=None),
            "coordinate_confidence": "exact", "coordinate_source": "NGED published latitude/longitude",
            "source": SOURCE,
        }, "geometry": {"type": "Point", "coordinates": [float(row["Longitude"]), float(row["Latitude"])]}})
write_layer("substations", "NGED primary substations, bulk supply points, grid supply points and 132 kV switching stations within 60 km of Hanley: "
            "locations only, no capacity. See PROVENANCE.md.", features, count_by="substation_type")
print(f"left out: {left_out}")
