"""The one way the Tools/geodata scripts write a GeoData layer: an RFC 7946 FeatureCollection with a
name and a description, compact, UTF-8, features sorted by id, newline-terminated. Standard library only."""
import collections, json, os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def write_layer(name, description, features, count_by=None):
    """Writes GeoData/NAME.geojson and prints what it holds (counted by the property `count_by`)."""
    features = sorted(features, key=lambda f: f["properties"]["id"])
    layer = {"type": "FeatureCollection", "name": name, "description": description, "features": features}
    with open(os.path.join(ROOT, "GeoData", f"{name}.geojson"), "w") as f:
        json.dump(layer, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")
    counts = dict(sorted(collections.Counter(f["properties"][count_by] for f in features).items())) if count_by else ""
    print(f"GeoData/{name}.geojson: {len(features)} features {counts}".rstrip())
    return features
