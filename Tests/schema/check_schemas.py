#!/usr/bin/python3
"""Validates every command's `--format json` output (and the isochrone GeoJSON) against its JSON
Schema in docs/schema/, and shows each schema rejects a report with a required field missing and
with an unknown field added. Run by Tools/run-tests after the Swift tests:

    /usr/bin/python3 Tests/schema/check_schemas.py .build/debug/sitematch

Uses Debian's python3-jsonschema (Tools/setup installs it)."""
import copy, json, os, subprocess, sys, tempfile
import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/sitematch"))
GEODATA = os.path.join(ROOT, "GeoData")

# schema name -> command line (JSON on stdout). Every command with --format json is here.
COMMANDS = {
    "sites": ["sites", "--format", "json"],
    "match": ["match", "--format", "json", "--top", "3"],
    "explain": ["explain", "kusip", "--format", "json"],
    "matrix": ["matrix", "--format", "json"],
    "enquiry": ["enquiry", os.path.join(GEODATA, "enquiries/ceramics-scale-up.yaml"), "--format", "json"],
    "catchment": ["catchment", "kusip", "--minutes", "30,45", "--format", "json"],
    "travel-times": ["travel-times", "--format", "json"],
    "scenario-diff": ["scenario-diff", os.path.join(GEODATA, "scenarios/m6-j15a-keele.yaml"), "--format", "json"],
    "inspect": ["inspect", "--format", "json", os.path.join(GEODATA, "sites.geojson")],
    "validate": ["validate", "--format", "json", GEODATA],
    "ahp": ["ahp", os.path.join(GEODATA, "ahp/scale-up-example.yaml"), "--format", "json"],
    "stability": ["stability", "--format", "json", "--draws", "200"],
    "isochrones": ["isochrone", "smithfield_hanley", "--minutes", "15,30"],
}

def run(args, parse=True):
    done = subprocess.run([BINARY] + args + ([] if args[0] in ("inspect", "validate") else ["-q", "--geodata", GEODATA]),
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"FAIL {' '.join(args)}: exit {done.returncode}: {done.stderr}")
    return json.loads(done.stdout) if parse else None

def check(name, document):
    schema = json.load(open(os.path.join(ROOT, "docs/schema", f"{name}.schema.json")))
    validator = jsonschema.Draft202012Validator(schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(validator.iter_errors(document), key=str)
    if errors:
        sys.exit(f"FAIL {name}: output does not match its schema: {errors[0].message} at {list(errors[0].absolute_path)}")
    # Negative checks: the schema must reject a missing required field and an extra field.
    missing = copy.deepcopy(document)
    del missing[schema["required"][0]]
    extra = copy.deepcopy(document)
    extra["not_in_the_schema"] = 1
    for label, bad in (("missing " + schema["required"][0], missing), ("extra field", extra)):
        if validator.is_valid(bad):
            sys.exit(f"FAIL {name}: schema accepts a report with a {label}")
    print(f"ok {name}: valid; rejects a missing required field and an extra field")

for name, args in COMMANDS.items():
    check(name, run(args))
# The export's site layer (also GET /api/sites), written to a file.
exported = os.path.join(tempfile.mkdtemp(), "sites.geojson")
run(["export", "-o", exported], parse=False)
check("export-sites", json.load(open(exported)))
print(f"{len(COMMANDS) + 1} reports checked against docs/schema/")
