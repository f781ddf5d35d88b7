"""The dashboard in a real browser (issue 13): headless Chromium from Debian, driven by
selenium through Debian's chromedriver (nothing downloads a browser).

Run by scripts/browser-test.sh, which starts the mock and passes its URL:

    dashboard_test.py MOCK_URL MOCK_STDERR_LOG [SCREENSHOT_DIR]

Each check is one function; they run in order on one browser and one mock, since each
builds on what the one before left (a connection, a request, a fault, a reset). The last
line is "N passed, N failed". Waits are bounded polls of the page (WebDriverWait), never
fixed sleeps.
"""
import http.server
import json
import os
import socketserver
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

MOCK = sys.argv[1].rstrip("/")
MOCK_LOG = sys.argv[2]
SHOTS = sys.argv[3] if len(sys.argv) > 3 else None
PROJECT = "0123456789abcdef0123456789abcdef"
WORKSPACE = "ws-browser"
HOSTILE = '<img src=x onerror="document.title=\'pwned\'">'
WAIT = 15


def api(method, path, body=None, headers=None):
    """One call to the mock; returns (status, parsed JSON or text)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(MOCK + path, data=data, method=method)
    request.add_header("X-Auth-Token", "browser-token")
    request.add_header("workspace", WORKSPACE)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        status = error.code
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,1000", "--no-first-run", "--disable-extensions",
                 "--disable-background-networking", "--proxy-server=direct://", "--proxy-bypass-list=*"):
        options.add_argument(flag)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


driver = None


def wait_for(condition, message):
    return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(condition, message)


def settle(action, message):
    """Runs action(driver) until it returns something truthy, again when a poll (every 2 s)
    redrew the elements it held."""
    def attempt(d):
        try:
            return action(d)
        except StaleElementReferenceException:
            return False
    return wait_for(attempt, message)


def click_row(selector, matches, message):
    """Clicks the first row under selector whose text matches; returns that text."""
    def action(d):
        for row in d.find_elements(By.CSS_SELECTOR, selector):
            text = row.text
            if matches(text):
                row.click()
                return text
        return None
    return settle(action, message)


def css(selector):
    return wait_for(EC.presence_of_element_located((By.CSS_SELECTOR, selector)), f"no {selector}")


def visible_text_contains(selector, text):
    wait_for(EC.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text), f"{selector} never showed {text!r}")


def shoot(name):
    """A screenshot of the whole page (the window grown to it, at most 2,400 px), for the README."""
    if SHOTS:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1400, min(max(height + 160, 700), 2400))
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
        driver.set_window_size(1400, 1000)


def go(view):
    driver.get(MOCK + "/__mock/#" + view)
    wait_for(lambda d: d.find_element(By.ID, "view-" + view).is_displayed(), f"view {view} not shown")


# ---- the checks --------------------------------------------------------------------------
state = {}


def test_the_dashboard_shows_a_created_connection():
    status, created = api("POST", f"/v1/{PROJECT}/data-connections", {"data_source_vos": [{
        "dw_name": "orders_dw", "dw_type": "DWS", "description": HOSTILE,
        "dw_config": {"address": "10.0.0.5:8000", "user": "loader", "dbPassword": "hunter2"}}]})
    assert status == 200, (status, created)
    state["id"] = created["data_connection_id"]
    status, _ = api("POST", f"/v1/{PROJECT}/data-connections", {"data_source_vos": [{
        "dw_name": "events_mrs", "dw_type": "HIVE", "dw_config": {"user": "etl"}}]}, {"workspace": "ws-other"})
    assert status == 200
    go("connections")
    text = click_row(f'tr[data-id="{state["id"]}"]', lambda t: True, "the connection never appeared")
    assert "orders_dw" in text and "DWS" in text, text
    visible_text_contains("#connection-show", state["id"])
    shown = settle(lambda d: d.find_element(By.ID, "connection-show").text, "no #connection-show")
    record = settle(lambda d: d.find_element(By.ID, "connection-state").text, "no #connection-state")
    assert '"dbPassword": "******"' in shown and "hunter2" not in shown + record, "a secret on the page"
    # The hostile description is shown as text, never as markup.
    assert json.dumps(HOSTILE) in shown, shown
    assert not driver.find_elements(By.CSS_SELECTOR, "main img"), "client text became markup"
    assert driver.title == "dataarts-mock", driver.title
    shoot("connections")


def test_a_click_into_a_request_shows_its_response():
    status, _ = api("GET", f"/v1/{PROJECT}/data-connections/{state['id']}")
    assert status == 200
    go("requests")
    text = click_row("#requests tbody tr[data-seq]", lambda t: f"/data-connections/{state['id']}" in t and "GET" in t,
                     "the GET never appeared in the requests view")
    assert "token" in text, text  # the principal column
    visible_text_contains("#response-status", "200")
    body = settle(lambda d: d.find_element(By.ID, "response-body").text, "no #response-body")
    assert state["id"] in body and '"dw_name": "orders_dw"' in body, body
    curl = settle(lambda d: d.find_element(By.ID, "curl").text, "no #curl")
    assert curl.startswith("curl -X GET '" + MOCK + f"/v1/{PROJECT}/data-connections/{state['id']}'"), curl
    assert "'X-Auth-Token: ******'" in curl, curl
    # The browser's own favicon request is not in the journal.
    status, journal = api("GET", "/__mock/requests?path=/favicon.ico")
    assert journal["requests"] == [], journal
    shoot("requests")


def test_a_fault_added_through_the_form_fails_the_next_request():
    go("faults")
    css("#no-faults")
    form = driver.find_element(By.ID, "fault-form")
    form.find_element(By.NAME, "method").send_keys("GET")
    form.find_element(By.NAME, "path").send_keys("/v1/{project_id}/data-connections/{id}")
    form.find_element(By.NAME, "status").send_keys("503")
    form.find_element(By.NAME, "times").send_keys("2")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    visible_text_contains("#faults tbody", "503 DAYU.3531")
    # The form empties itself once the POST is answered; type the next rule only after that
    # (a poll may draw the new row first).
    visible_text_contains("#fault-result", "added")
    wait_for(lambda d: form.find_element(By.NAME, "status").get_attribute("value") == "", "the form was not emptied")
    settle(lambda d: d.find_element(By.CSS_SELECTOR, "#faults tbody tr td.num").text == "2", "remaining was not 2")
    status, failed = api("GET", f"/v1/{PROJECT}/data-connections/{state['id']}")
    assert status == 503 and failed["error_code"] == "DAYU.3531", (status, failed)
    # Live: the list follows without a reload (the remaining count drops to 1).
    settle(lambda d: d.find_element(By.CSS_SELECTOR, "#faults tbody tr td.num").text == "1", "remaining never became 1")
    # A second rule, deleted with its button.
    form.find_element(By.NAME, "status").send_keys("429")
    form.find_element(By.NAME, "path").send_keys("/nowhere")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    visible_text_contains("#faults tbody", "429 APIGW.0308")
    shoot("faults")
    def delete_429(d):
        for row in d.find_elements(By.CSS_SELECTOR, "#faults tbody tr"):
            if "429" in row.text:
                row.find_element(By.CSS_SELECTOR, "button.delete-fault").click()
                return True
        return False
    settle(delete_429, "no 429 rule to delete")
    settle(lambda d: "429" not in d.find_element(By.CSS_SELECTOR, "#faults tbody").text, "the rule was not deleted")
    status, faults = api("GET", "/__mock/faults")
    assert [f["status"] for f in faults["faults"]] == [503], faults
    # The failed request shows up live in the requests view, with its answer.
    go("requests")
    text = settle(lambda d: next((r.text for r in d.find_elements(By.CSS_SELECTOR, "#requests tbody tr[data-seq]")
                                  if "503" in r.text), None), "the 503 never appeared")
    assert "DAYU.3531" in text, text
    def top_seq(d):
        rows = d.find_elements(By.CSS_SELECTOR, "#requests tbody tr[data-seq]")
        return int(rows[0].get_attribute("data-seq")) if rows else 0
    before = settle(lambda d: top_seq(d) or None, "no rows")
    status, _ = api("GET", f"/v1/{PROJECT}/data-connections")
    assert status == 200
    settle(lambda d: top_seq(d) > before, "a new request never appeared at the top without a reload")


def test_the_clock_freezes_at_a_readable_date_and_is_released():
    go("controls")
    field = css("#clock-form input[name=at]")
    driver.execute_script("arguments[0].value = '2030-01-02T03:04:05'", field)
    driver.find_element(By.CSS_SELECTOR, "#clock-form button[type=submit]").click()
    visible_text_contains("#clock-status", "clock frozen at 2030-01-02 03:04:05Z")
    status, clock = api("GET", "/__mock/clock")
    assert clock == {"now_ms": 1893553445000, "frozen": True}, clock
    visible_text_contains("#clock-detail", "Frozen at 2030-01-02 03:04:05Z")
    shoot("controls")
    driver.find_element(By.ID, "release-clock").click()
    visible_text_contains("#clock-status", "clock real")


def test_the_configuration_and_docs_pages():
    go("config")
    visible_text_contains("#config", "permissive")
    text = settle(lambda d: d.find_element(By.ID, "config").text, "no configuration")
    assert "10000 entries" in text and "67108864 bytes" in text, text
    shoot("config")
    go("docs")
    visible_text_contains("#docs-server", MOCK)
    summaries = driver.find_elements(By.CSS_SELECTOR, "#docs details.op summary")
    assert len(summaries) >= 20, len(summaries)
    summaries[0].click()
    visible_text_contains("#docs details.op[open]", "Responses")
    # The create operation's body gets an example made from its schema.
    visible_text_contains("#docs details.op[open]", '"data_source_vos"')
    shoot("docs")


def test_reset_empties_every_list():
    go("controls")
    driver.find_element(By.ID, "reset-all").click()
    visible_text_contains("#control-result", "reset everything")
    go("connections")
    css("#no-connections")
    go("requests")
    css("#no-requests")
    go("faults")
    css("#no-faults")
    status, health = api("GET", "/__mock/health")
    assert health["connections"] == 0, health


class HostilePage(http.server.BaseHTTPRequestHandler):
    """A page on another origin that tries what issue 10 item 11 reproduced: a text/plain
    fault, a form-posted reset, a JSON fetch (which needs a preflight the mock never grants)."""
    timeout = 10
    def do_GET(self):
        page = f"""<!doctype html><title>hostile</title>
<iframe name="sink" style="display:none"></iframe>
<form id="f" method="POST" action="{MOCK}/__mock/reset" target="sink"><input name="a" value="1"></form>
<script>
async function attack() {{
  await fetch("{MOCK}/__mock/faults", {{method: "POST", mode: "no-cors", headers: {{"Content-Type": "text/plain"}},
                                       body: JSON.stringify({{status: 503, times: 0}})}}).catch(() => null);
  let json = "sent";
  try {{ await fetch("{MOCK}/__mock/faults", {{method: "POST", headers: {{"Content-Type": "application/json"}},
                                              body: JSON.stringify({{status: 503, times: 0}})}}); json = "answered"; }}
  catch (e) {{ json = "blocked"; }}
  document.getElementById("f").submit();
  document.title = "done " + json;
}}
</script>""".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args):
        pass


def test_a_cross_origin_post_is_refused():
    status, created = api("POST", f"/v1/{PROJECT}/data-connections", {"data_source_vos": [{
        "dw_name": "survivor", "dw_type": "DWS", "dw_config": {}}]})
    assert status == 200
    log_before = open(MOCK_LOG).read().count("/__mock/")
    # One thread per connection: Chromium opens spare connections that never send a request,
    # and a one-at-a-time server would wait on one of those until Chromium drops it (60 s).
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), HostilePage)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        # Another host name and port: another origin, as a page on the web would be.
        driver.get(f"http://localhost:{server.server_address[1]}/")
        driver.execute_script("attack()")
        wait_for(lambda d: d.title.startswith("done"), "the hostile page never finished")
        # The form's POST goes out after the script; wait until the mock has answered it.
        wait_for(lambda d: "POST /__mock/reset 403" in open(MOCK_LOG).read(), "the form's POST never reached the mock")
        assert driver.title == "done blocked", driver.title
    finally:
        server.shutdown()
        server.server_close()
    status, faults = api("GET", "/__mock/faults")
    assert faults["faults"] == [], faults
    status, health = api("GET", "/__mock/health")
    assert health["connections"] == 1, health
    # The requests did reach the mock and were refused (so this check can fail).
    log = open(MOCK_LOG).read()
    assert log.count("POST /__mock/faults 403") >= 1 and log.count("POST /__mock/reset 403") == 1, log[-2000:]
    assert log.count("/__mock/") > log_before


TESTS = [test_the_dashboard_shows_a_created_connection, test_a_click_into_a_request_shows_its_response,
         test_a_fault_added_through_the_form_fails_the_next_request,
         test_the_clock_freezes_at_a_readable_date_and_is_released, test_the_configuration_and_docs_pages,
         test_reset_empties_every_list, test_a_cross_origin_post_is_refused]


def main():
    global driver
    started = time.monotonic()
    driver = browser()
    passed = failed = 0
    try:
        for test in TESTS:
            t0 = time.monotonic()
            try:
                test()
                passed += 1
                print(f"browser-test: ok   {test.__name__} ({time.monotonic() - t0:.1f} s)", flush=True)
            except Exception:
                failed += 1
                print(f"browser-test: FAIL {test.__name__}", flush=True)
                traceback.print_exc()
                if SHOTS:
                    driver.save_screenshot(os.path.join(SHOTS, "failure-" + test.__name__ + ".png"))
                logs = driver.get_log("browser") if hasattr(driver, "get_log") else []
                for entry in logs[-10:]:
                    print("  console:", entry.get("message"), flush=True)
    finally:
        driver.quit()
    print(f"browser-test: {time.monotonic() - started:.1f} s with the browser")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
