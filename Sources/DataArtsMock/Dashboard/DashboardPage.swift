/// `GET /__mock/`: the dashboard's one HTML page. Every view is drawn by `DashboardScript`
/// from the JSON controls, through `textContent` only, so that nothing a client sent (names,
/// descriptions, headers, paths) is ever parsed as markup; the page's policy forbids inline
/// script besides.
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dataarts-mock</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="/__mock/dashboard.css">
<script src="/__mock/dashboard.js" defer></script>
</head>
<body>
<header>
  <div class="brand">dataarts-mock <span id="version" class="muted"></span></div>
  <nav>
    <a href="#connections" data-view="connections">Connections</a>
    <a href="#requests" data-view="requests">Requests</a>
    <a href="#faults" data-view="faults">Faults</a>
    <a href="#controls" data-view="controls">Controls</a>
    <a href="#config" data-view="config">Configuration</a>
    <a href="#docs" data-view="docs">API docs</a>
  </nav>
  <div class="status"><span id="clock-status"></span> · <span id="live" title="refreshes every 2 s while this tab is visible">live</span></div>
</header>
<main>
  <p id="error" class="error" hidden></p>
  <section id="view-connections" hidden>
    <h1>Connections <span id="connection-count" class="muted"></span></h1>
    <div id="connections"></div>
    <div id="connection-detail" class="detail" hidden></div>
  </section>
  <section id="view-requests" hidden>
    <h1>Requests <span id="request-count" class="muted"></span></h1>
    <form id="request-filter" class="filters">
      <label>method <select name="method"><option value="">any</option><option>GET</option><option>POST</option><option>PUT</option><option>DELETE</option><option>PATCH</option><option>HEAD</option><option>OPTIONS</option></select></label>
      <label>status <input name="status" size="4" inputmode="numeric" placeholder="any"></label>
      <label>path prefix <input name="path" size="28" placeholder="/v1/"></label>
      <label>workspace <input name="workspace" size="14" placeholder="any"></label>
      <button type="reset">clear filters</button>
    </form>
    <table id="requests" class="rows"><thead><tr><th>seq</th><th>time</th><th>method</th><th>path</th><th>status</th><th>code</th><th>ms</th><th>principal</th></tr></thead><tbody></tbody></table>
    <div id="request-detail" class="detail" hidden></div>
  </section>
  <section id="view-faults" hidden>
    <h1>Fault rules</h1>
    <table id="faults" class="rows"><thead><tr><th>id</th><th>method</th><th>path</th><th>project</th><th>workspace</th><th>answer</th><th>latency</th><th>remaining</th><th></th></tr></thead><tbody></tbody></table>
    <h2>Add a rule</h2>
    <form id="fault-form" class="grid">
      <label>method <input name="method" placeholder="any"></label>
      <label>path or template <input name="path" size="44" placeholder="/v1/{project_id}/data-connections"></label>
      <label>project <input name="project" placeholder="any"></label>
      <label>workspace <input name="workspace" placeholder="any"></label>
      <label>times <input name="times" inputmode="numeric" placeholder="1 (0 = until removed)"></label>
      <label>status <input name="status" inputmode="numeric" placeholder="e.g. 500"></label>
      <label>error_code <input name="error_code" placeholder="implied by status"></label>
      <label>error_msg <input name="error_msg" size="44" placeholder="the code's template"></label>
      <label>latency_ms <input name="latency_ms" inputmode="numeric" placeholder="0"></label>
      <label class="check"><input type="checkbox" name="close"> close without answering</label>
      <div><button type="submit">Add rule</button> <span id="fault-result" class="muted"></span></div>
    </form>
  </section>
  <section id="view-controls" hidden>
    <h1>Controls</h1>
    <div class="cards">
      <div class="card"><h2>Reset</h2>
        <p>Empties connections, the journal and the fault rules, and releases the clock.</p>
        <button id="reset-all" class="danger">Reset everything</button>
        <form id="reset-scope" class="stack"><p>Or only one scope's connections and journal entries:</p>
          <label>project <input name="project"></label><label>workspace <input name="workspace"></label>
          <button type="submit">Reset this scope</button></form>
      </div>
      <div class="card"><h2>Journal</h2><p id="journal-summary"></p><button id="clear-journal">Clear the journal</button></div>
      <div class="card"><h2>Clock</h2><p id="clock-detail"></p>
        <form id="clock-form" class="stack"><label>freeze at (UTC) <input name="at" type="datetime-local" step="1"></label>
          <button type="submit">Freeze</button> <button type="button" id="freeze-now">Freeze now</button> <button type="button" id="release-clock">Release</button></form>
      </div>
      <div class="card"><h2>State</h2><p>Every stored connection, secrets included (a backup: <code>PUT /__mock/state</code> takes it back).</p>
        <a id="export-state" class="button" href="/__mock/state" download="dataarts-mock-state.json">Export state</a></div>
    </div>
    <p id="control-result" class="muted"></p>
  </section>
  <section id="view-config" hidden>
    <h1>Configuration</h1>
    <div id="config"></div>
  </section>
  <section id="view-docs" hidden>
    <h1>API docs <a class="muted small" href="/__mock/openapi.json">openapi.json</a></h1>
    <div id="docs"></div>
  </section>
</main>
</body>
</html>
"""#

    /// `GET /favicon.ico`: answered (an SVG) so that a browser's automatic request never
    /// reaches the journal as a 404.
    static let favicon = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f6feb"/><path d="M4 11V5h2.5a3 3 0 0 1 0 6z" fill="#fff"/><circle cx="12" cy="8" r="1.6" fill="#fff"/></svg>
"""#
}
