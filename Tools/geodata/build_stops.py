#!/usr/bin/python3
"""Writes GeoData/stops.geojson from Tools/geodata/naptan_stops_stoke_staffordshire.csv (DfT NaPTAN,
active stops in Stoke-on-Trent, admin area 389, and Staffordshire, 380; snapshot of 2026-07-24; a copy
of the project's shared data file, unchanged).

Every row is kept: on-street bus stops (BCT), bus station bays (BCS) and variable bays (BCQ), and rail
station entrances (RSE). Each feature gets the layer schema's members: id (the ATCO code), name
(CommonName, with the Indicator where given, e.g. "bus station (stand A)"), locality, stop_type,
admin_area, modified (NaPTAN's ModificationDateTime), the coordinate members and source. Positions are
NaPTAN's published longitude/latitude (WGS84), as published. Stops have no timetable here: a count
measures presence, not frequency of service. Standard library only.

    /usr/bin/python3 Tools/geodata/build_stops.py
"""
import csv, json, os

from geodata_layer import write_layer

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
TYPES = {"BCT": "bus_stop", "BCS": "bus_station_bay", "BCQ": "bus_station_variable_bay", "RSE": "rail_entrance"}
AREAS = {"389": "Stoke-on-Trent", "380": "Staffordshire"}
SOURCE = "DfT NaPTAN 2026-07-24 (OGL v3); see PROVENANCE.md"

features = []
with open(os.path.join(here, "naptan_stops_stoke_staffordshire.csv"), newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        code = row["ATCOCode"].strip()
        name = row["CommonName"].strip()
        if row["Indicator"].strip():
            name += f" ({row['Indicator'].strip()})"
        area = row["ATCOCode"][:3]
        features.append({"type": "Feature", "properties": {
            "id": code, "name": name, "locality": row["LocalityName"].strip() or None, "stop_type": TYPES[row["StopType"]],
            "admin_area": AREAS[area], "modified": row["ModificationDateTime"][:10],
            "coordinate_confidence": "exact", "coordinate_source": "NaPTAN", "source": SOURCE,
        }, "geometry": {"type": "Point", "coordinates": [float(row["Longitude"]), float(row["Latitude"])]}})
write_layer("stops", "DfT NaPTAN public-transport stops and rail station entrances in Stoke-on-Trent and Staffordshire (2026-07-24): "
            "stops present, not service frequency; stops beyond the two areas are not in the file. See PROVENANCE.md.", features, count_by="stop_type")
