#!/usr/bin/python3
"""Checks `sitematch serve` as a real process, as an operator would run it:

1. a token is added with `sitematch tokens add` and the server starts on port 0 (it prints its URL);
2. a POST whose body is still arriving when SIGTERM is sent finishes with 201, its row is in the
   log afterwards (`sitematch enquiries show`), and the server exits 0;
3. a server on a bad GeoData directory stops at start with the CLI's message and exit status 1;
4. with --schemathesis VENV: schemathesis runs every operation of /openapi.yaml against a live
   server with the token, a bounded number of examples each, every check on: no 5xx, every
   response matches the document (the schemas it references are fetched from the server's
   /schema/), auth is enforced. It is told not to make up Authorization headers itself: a header
   value with a control character is refused by SwiftNIO's HTTP parser with an empty 400 before any
   SiteMatch code runs (RFC 9110 allows no such value), which no document can describe.

    /usr/bin/python3 Tests/server/check_live_server.py .build/debug/sitematch [--database URL] [--schemathesis VENV]

Standard library only (urllib, subprocess, socket)."""
import argparse, json, os, signal, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--database", help="enquiry log URL (default: a new SQLite file)")
parser.add_argument("--schemathesis", help="a venv with schemathesis installed")
parser.add_argument("--examples", type=int, default=25)
args = parser.parse_args()
BINARY = os.path.abspath(args.binary)
work = tempfile.mkdtemp(prefix="sitematch-live-")
database = args.database or f"sqlite:{work}/log.sqlite"
tokens = os.path.join(work, "tokens.yaml")

def fail(message):
    sys.exit(f"FAIL {message}")

def run(cli, **kw):
    return subprocess.run([BINARY] + cli, capture_output=True, text=True, cwd=ROOT, **kw)

added = run(["tokens", "add", "ci", "--tokens", tokens])
if added.returncode != 0:
    fail(f"tokens add: {added.stderr}")
token = added.stdout.strip()

def start(extra=()):
    process = subprocess.Popen([BINARY, "serve", "--port", "0", "--tokens", tokens, "--database", database, "-q", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = process.stdout.readline().strip()
    if not line.startswith("http://"):
        process.kill()
        fail(f"serve printed no URL: {line!r} {process.stderr.read()}")
    return process, line

# 2. SIGTERM while a request body is still arriving.
process, url = start()
host, port = url[len("http://"):].split(":")
body = json.dumps({"name": "in flight at SIGTERM", "archetype": "scale_up_manufacturing", "requirements": {"min_area_ha": 5}}).encode()
sock = socket.create_connection((host, int(port)))
head = (f"POST /api/enquiries HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
sock.sendall(head + body[:10])
time.sleep(0.3)
process.send_signal(signal.SIGTERM)
time.sleep(0.3)
sock.sendall(body[10:])
response = b""
while chunk := sock.recv(65536):
    response += chunk
sock.close()
status_line = response.split(b"\r\n", 1)[0].decode()
if " 201 " not in status_line:
    fail(f"the request in flight at SIGTERM got {status_line!r}, expected 201")
answer = json.loads(response.split(b"\r\n\r\n", 1)[1])
enquiry_id = answer["log"]["id"]
if process.wait(timeout=30) != 0:
    fail(f"serve exited {process.returncode} after SIGTERM: {process.stderr.read()}")
shown = run(["enquiries", "show", enquiry_id, "--database", database])
if shown.returncode != 0:
    fail(f"the row of the request in flight at SIGTERM is not in the log: {shown.stderr}")
logged = json.loads(shown.stdout)
if logged["response"] != answer or logged["who"] != "ci":
    fail("the logged response differs from the one returned")
print(f"ok SIGTERM during a request: 201, row committed ({enquiry_id}), exit 0")

# 3. A bad GeoData directory stops the server at start with the CLI's message.
bad = os.path.join(work, "geodata")
os.mkdir(bad)
started = run(["serve", "--port", "0", "--geodata", bad, "--database", database], timeout=60)
validated = run(["match", "--geodata", bad], timeout=60)
if started.returncode != 1 or started.stderr.splitlines()[-1] != validated.stderr.splitlines()[-1]:
    fail(f"serve on a bad GeoData: exit {started.returncode}, {started.stderr!r}; match says {validated.stderr!r}")
print("ok a bad GeoData directory stops serve at start with match's message")

# 4. schemathesis against the live document.
if args.schemathesis:
    process, url = start()
    try:
        st = os.path.join(args.schemathesis, "bin", "st")
        done = subprocess.run([st, "run", f"{url}/openapi.yaml", "--checks", "all", "--hypothesis-max-examples", str(args.examples),
                               "--hypothesis-seed", "2026", "--hypothesis-derandomize", "-H", f"Authorization: Bearer {token}",
                               "--experimental=openapi-3.1", "--generation-with-security-parameters=false",
                               "--validate-schema", "true", "--no-color"],
                              capture_output=True, text=True, timeout=1800)
        print(done.stdout[-3000:])
        if done.returncode != 0:
            fail(f"schemathesis found problems (exit {done.returncode}): {done.stderr[-2000:]}")
        print(f"ok schemathesis: every operation, {args.examples} examples each, no failures")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
