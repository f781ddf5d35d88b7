// GET /__mock/dashboard.js: draws every view of the dashboard from the JSON controls.
//
// Safety: every value is put on the page with textContent (through el), never as markup,
// because names, descriptions, headers and paths come from clients. Every call that changes
// state sends Content-Type: application/json, which the controls require (SPEC §6) and which
// a cross-site page cannot send without a CORS preflight the mock never grants. Live updates
// poll every 2 s only while the tab is visible, ask only for entries newer than the last one
// seen, and keep at most 500 rows: a hidden or closed tab costs nothing.
"use strict";
const POLL_MS = 2000, MAX_ROWS = 500;
const state = { view: null, config: null, requests: [], lastSeq: 0, selectedSeq: null, selectedConnection: null,
                connections: [], faults: [], clock: null, docs: null, timer: null, busy: false, pending: false };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
const $ = (id) => document.getElementById(id);
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function pretty(value) { return typeof value === "string" ? value : JSON.stringify(value, null, 2); }
function when(ms) {
  if (ms === null || ms === undefined) return "";
  const d = new Date(ms);
  return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}
function timeOfDay(ms) { return new Date(ms).toISOString().slice(11, 23); }

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

async function call(method, path, body) {
  const init = { method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
  if (method !== "GET") init.headers["Content-Type"] = "application/json";
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  if (text) { try { json = JSON.parse(text); } catch (e) { json = text; } }
  if (!response.ok) {
    const detail = json && json.error_msg ? json.error_code + ": " + json.error_msg : response.status + " " + text;
    throw new Error(method + " " + path + " → " + detail);
  }
  return json;
}

// ---- views -------------------------------------------------------------------------------
const views = {
  connections: { load: loadConnections },
  requests: { load: loadRequests },
  faults: { load: loadFaults },
  controls: { load: loadControls },
  config: { load: loadConfig },
  docs: { load: loadDocs, once: true },
};

function route() {
  const name = (location.hash || "#connections").slice(1);
  const view = views[name] ? name : "connections";
  state.view = view;
  for (const key of Object.keys(views)) $("view-" + key).hidden = key !== view;
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.view === view);
  refresh();
}

async function refresh() {
  // One refresh at a time; one asked for meanwhile (a click, a new view) runs right after.
  if (state.busy) { state.pending = true; return; }
  state.busy = true;
  try {
    await loadHeader();
    await views[state.view].load();
    showError("");
  } catch (error) {
    showError(error.message);
  } finally {
    state.busy = false;
    if (state.pending) { state.pending = false; refresh(); }
  }
}

function schedule() {
  clearInterval(state.timer);
  state.timer = null;
  const live = $("live");
  if (document.visibilityState === "visible") {
    state.timer = setInterval(() => { if (!views[state.view].once) refresh(); }, POLL_MS);
    live.classList.remove("paused");
    live.textContent = "live";
  } else {
    live.classList.add("paused");
    live.textContent = "paused";
  }
}

async function loadHeader() {
  const [config, clock] = await Promise.all([call("GET", "/__mock/config"), call("GET", "/__mock/clock")]);
  state.config = config;
  state.clock = clock;
  $("version").textContent = "v" + config.version;
  $("clock-status").textContent = clock.frozen ? "clock frozen at " + when(clock.now_ms) : "clock real";
}

// Connections: one table per project and workspace; a click shows the show object and the
// state record, both with secrets masked.
async function loadConnections() {
  const data = await call("GET", "/__mock/connections");
  state.connections = data.connections;
  $("connection-count").textContent = "(" + data.connections.length + ")";
  const groups = new Map();
  for (const c of data.connections) {
    const key = c.project_id + " / " + c.workspace;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  const box = clear($("connections"));
  if (groups.size === 0) box.append(el("p", { class: "muted", id: "no-connections" }, "No connections stored."));
  for (const key of [...groups.keys()].sort()) {
    const rows = groups.get(key).map((c) => el("tr", {
        class: "clickable" + (state.selectedConnection === c.show.dw_id ? " selected" : ""),
        "data-id": c.show.dw_id, onclick: () => { state.selectedConnection = c.show.dw_id; loadConnections(); } },
      el("td", {}, c.show.dw_name), el("td", {}, c.show.dw_type), el("td", { class: "mono" }, c.show.dw_id),
      el("td", {}, c.show.agent_name || c.show.agent_id || ""), el("td", {}, when(c.show.create_time)),
      el("td", {}, when(c.update_time)), el("td", {}, c.show.create_user)));
    box.append(el("div", { class: "group" },
      el("h2", {}, "project ", el("code", {}, groups.get(key)[0].project_id), " · workspace ", el("code", {}, groups.get(key)[0].workspace),
        el("span", { class: "muted" }, " (" + rows.length + ")")),
      el("table", { class: "rows connections" },
        el("thead", {}, el("tr", {}, ["name", "type", "id", "agent", "created", "updated", "created by"].map((h) => el("th", {}, h)))),
        el("tbody", {}, rows))));
  }
  const detail = $("connection-detail");
  const chosen = data.connections.find((c) => c.show.dw_id === state.selectedConnection);
  detail.hidden = !chosen;
  if (chosen) {
    clear(detail).append(
      el("button", { class: "close", onclick: () => { state.selectedConnection = null; loadConnections(); } }, "close"),
      el("h2", {}, chosen.show.dw_name, el("span", { class: "muted" }, " " + chosen.show.dw_id)),
      el("h3", {}, "Show object (GET …/data-connections/" + chosen.show.dw_id + ", secrets masked)"),
      el("pre", { id: "connection-show" }, pretty(chosen.show)),
      el("h3", {}, "State record (secrets masked here; GET /__mock/state has them)"),
      el("pre", { id: "connection-state" }, pretty(chosen.state)));
  }
}

// Requests: newest first, filtered on the server; polled for what is new.
function requestFilter() {
  const form = new FormData($("request-filter"));
  const query = new URLSearchParams();
  for (const key of ["method", "status", "path", "workspace"]) {
    const value = String(form.get(key) || "").trim();
    if (value) query.set(key, value);
  }
  return query;
}

async function loadRequests(fromScratch) {
  const query = requestFilter();
  const journal = state.config.journal;
  // A clear or reset elsewhere: what we hold is older than anything the journal has.
  const stale = state.requests.length > 0 &&
    (journal.entries === 0 || (journal.oldest_seq !== null && state.requests[state.requests.length - 1].seq < journal.oldest_seq));
  if (fromScratch === true || stale) { state.requests = []; state.lastSeq = 0; }
  if (state.lastSeq > 0) query.set("since", String(state.lastSeq)); else query.set("limit", String(MAX_ROWS));
  const data = await call("GET", "/__mock/requests?" + query.toString());
  const fresh = data.requests.slice().reverse();
  if (fresh.length) state.lastSeq = Math.max(state.lastSeq, fresh[0].seq);
  state.requests = fresh.concat(state.requests).slice(0, MAX_ROWS);
  if (state.lastSeq === 0 && journal.next_seq) state.lastSeq = journal.next_seq - 1;
  $("request-count").textContent = "(" + state.requests.length + " shown; journal holds " + journal.entries +
    " of " + journal.capacity + ", " + journal.dropped + " dropped)";
  const body = clear($("requests").tBodies[0]);
  if (state.requests.length === 0) body.append(el("tr", {}, el("td", { colspan: 8, class: "muted", id: "no-requests" }, "No requests journaled.")));
  for (const r of state.requests) {
    const closed = r.status === 0;
    body.append(el("tr", { class: "clickable" + (r.seq === state.selectedSeq ? " selected" : ""), "data-seq": r.seq,
        onclick: () => { state.selectedSeq = r.seq; loadRequests(); } },
      el("td", { class: "num" }, r.seq), el("td", { class: "mono", title: when(r.time_ms) }, timeOfDay(r.time_ms)),
      el("td", {}, r.method), el("td", { class: "mono" }, r.path + (r.query ? "?" + r.query : "")),
      el("td", { class: closed || r.status >= 400 ? "status-bad" : "status-ok",
        title: closed ? "closed without an answer (an injected close fault)" : null }, closed ? "closed" : r.status),
      el("td", {}, r.error_code || ""), el("td", { class: "num" }, r.duration_ms.toFixed(2)), el("td", {}, r.principal || "")));
  }
  drawRequestDetail();
}

function shellQuote(text) { return "'" + String(text).replace(/'/g, "'\\''") + "'"; }

function curlFor(r) {
  const parts = ["curl", "-X", r.method, shellQuote(location.origin + r.path + (r.query ? "?" + r.query : ""))];
  for (const [name, value] of Object.entries(r.headers)) {
    if (/^(host|content-length|connection|accept-encoding|expect)$/i.test(name)) continue;
    parts.push("-H", shellQuote(name + ": " + value));
  }
  if (r.body !== null) parts.push("--data-binary", shellQuote(typeof r.body === "string" ? r.body : JSON.stringify(r.body)));
  return parts.join(" ");
}

function headerList(headers) {
  return el("pre", {}, Object.entries(headers).map(([k, v]) => k + ": " + v).join("\n") || "(none)");
}

function drawRequestDetail() {
  const detail = $("request-detail");
  const r = state.requests.find((x) => x.seq === state.selectedSeq);
  detail.hidden = !r;
  if (!r) return;
  const response = r.response;
  clear(detail).append(
    el("button", { class: "close", onclick: () => { state.selectedSeq = null; drawRequestDetail(); loadRequests(); } }, "close"),
    el("h2", {}, "#" + r.seq + " " + r.method + " " + r.path),
    el("dl", { class: "kv" },
      el("dt", {}, "time"), el("dd", {}, when(r.time_ms)),
      el("dt", {}, "request id"), el("dd", { class: "mono" }, r.request_id),
      el("dt", {}, "project / workspace"), el("dd", {}, (r.project_id || "—") + " / " + (r.workspace || "—")),
      el("dt", {}, "principal"), el("dd", {}, r.principal || "—"),
      el("dt", {}, "duration"), el("dd", {}, r.duration_ms + " ms")),
    el("h3", {}, "Request headers"), headerList(r.headers),
    el("h3", {}, "Request body" + (r.body_truncated ? " (first 64 KiB of " + r.body_truncated + " bytes)" : "")),
    el("pre", { id: "request-body" }, r.body === null ? "(none)" : pretty(r.body)),
    el("h3", {}, "Response"),
    response
      ? el("div", { id: "response" }, el("p", {}, "status ", el("strong", { id: "response-status" }, response.status), r.error_code ? " · " + r.error_code : ""),
          headerList(response.headers),
          el("pre", { id: "response-body" }, response.body === null ? "(empty)" : pretty(response.body)),
          response.body_truncated ? el("p", { class: "muted" }, "first 64 KiB of " + response.body_truncated + " bytes") : null)
      : el("p", { id: "response" }, "The connection was closed without an answer (an injected close fault)."),
    el("h3", {}, "Reproduce with curl (secrets stay masked: put your own back)"),
    el("pre", { id: "curl" }, curlFor(r)));
}

// Faults: the rules with what is left of them, a form with POST /__mock/faults' fields.
async function loadFaults() {
  const data = await call("GET", "/__mock/faults");
  const body = clear($("faults").tBodies[0]);
  if (data.faults.length === 0) body.append(el("tr", {}, el("td", { colspan: 9, class: "muted", id: "no-faults" }, "No fault rules.")));
  for (const f of data.faults) {
    const answer = f.close ? "close" : f.status ? f.status + " " + (f.error_code || "") : "the real answer";
    body.append(el("tr", { "data-id": f.id },
      el("td", { class: "mono" }, f.id), el("td", {}, f.method || "any"), el("td", { class: "mono" }, f.path || "any"),
      el("td", {}, f.project || "any"), el("td", {}, f.workspace || "any"),
      el("td", { title: f.error_msg || "" }, answer), el("td", {}, f.latency_ms ? f.latency_ms + " ms" : ""),
      el("td", { class: "num" }, f.remaining === null ? "until removed" : f.remaining),
      el("td", {}, el("button", { class: "danger delete-fault", onclick: async () => {
        try { await call("DELETE", "/__mock/faults/" + encodeURIComponent(f.id)); await loadFaults(); } catch (e) { showError(e.message); }
      } }, "delete"))));
  }
}

async function addFault(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const rule = {};
  for (const key of ["method", "path", "project", "workspace", "error_code", "error_msg"]) {
    const value = String(form.get(key) || "").trim();
    if (value) rule[key] = value;
  }
  for (const key of ["times", "status", "latency_ms"]) {
    const value = String(form.get(key) || "").trim();
    if (value) rule[key] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  if (form.get("close")) rule.close = true;
  try {
    const added = await call("POST", "/__mock/faults", rule);
    $("fault-result").textContent = "added " + added.id;
    event.target.reset();
    showError("");
    await loadFaults();
  } catch (e) {
    $("fault-result").textContent = "";
    showError(e.message);
  }
}

// Controls.
async function loadControls() {
  const journal = state.config.journal;
  $("journal-summary").textContent = journal.entries + " entries of at most " + journal.capacity + ", " +
    Math.round(journal.bytes / 1024) + " KiB of at most " + Math.round(journal.max_bytes / 1048576) + " MiB; " +
    journal.dropped + " dropped since the last clear.";
  const clock = state.clock;
  $("clock-detail").textContent = clock.frozen
    ? "Frozen at " + when(clock.now_ms) + " (" + clock.now_ms + " ms)."
    : "Real time: " + when(clock.now_ms) + ".";
}

async function control(action, message) {
  try {
    await action();
    $("control-result").textContent = message + " at " + when(Date.now());
    state.requests = []; state.lastSeq = 0;
    await refresh();
  } catch (e) { showError(e.message); }
}

// Configuration: names, never secrets (the server sends none).
async function loadConfig() {
  const c = state.config;
  const limits = Object.entries(c.limits).map(([k, v]) => [k, v === null ? "none" : v]);
  const section = (title, pairs) => el("div", { class: "card" }, el("h2", {}, title),
    el("dl", { class: "kv" }, pairs.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
  const tokens = c.auth.tokens.length
    ? c.auth.tokens.map((t) => "token " + t.token + (t.project_id ? " @" + t.project_id : "") + (t.user ? " as " + t.user : "")).join("; ")
    : "none";
  const credentials = c.auth.credentials.length
    ? c.auth.credentials.map((k) => k.access_key + (k.project_id ? " @" + k.project_id : "") + (k.user ? " as " + k.user : "")).join("; ")
    : "none";
  clear($("config")).append(el("div", { class: "cards" },
    section("Server", [["version", c.version], ["host", c.host], ["allowed hosts", c.allowed_hosts.join(", ") || "loopback names and the bound address"],
      ["state file", c.state_file || "none (memory only)"], ["seed", c.seed || "none"]]),
    section("Authentication", [["mode", c.auth.mode], ["tokens", tokens], ["credentials (access keys)", credentials],
      ["IAM users", c.auth.users.join(", ") || "none"], ["workspaces", c.auth.workspaces.join(", ") || "any"],
      ["account", c.account], ["projects", c.projects.map((p) => p.region + " " + p.id).join("; ") || "none"]]),
    section("Limits", limits),
    section("Journal", [["capacity", c.journal.capacity + " entries"], ["byte budget", c.journal.max_bytes + " bytes"],
      ["held", c.journal.entries + " entries, " + c.journal.bytes + " bytes"], ["dropped", c.journal.dropped]])));
}

// API docs: drawn from /__mock/openapi.json, whose servers name this very address.
async function loadDocs() {
  if (!state.docs) state.docs = await call("GET", "/__mock/openapi.json");
  const doc = state.docs;
  const resolve = (ref) => ref.replace(/^#\//, "").split("/").reduce((node, key) => node && node[key], doc);
  const deref = (node) => (node && node.$ref ? resolve(node.$ref) : node);
  const box = clear($("docs"));
  box.append(el("p", {}, doc.info.title + " · version " + doc.info.version),
    el("p", {}, "Server: ", el("code", { id: "docs-server" }, doc.servers.map((s) => s.url).join(", "))),
    el("p", { class: "muted" }, doc.info.description));
  for (const tag of doc.tags) {
    box.append(el("h2", {}, tag.name), el("p", { class: "muted" }, tag.description));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!["get", "post", "put", "delete", "patch"].includes(method) || !(op.tags || []).includes(tag.name)) continue;
        const params = (item.parameters || []).concat(op.parameters || []).map(deref);
        const parts = [];
        if (op.description) parts.push(el("p", {}, op.description));
        if (params.length) parts.push(el("h3", {}, "Parameters"), el("table", { class: "rows" },
          el("thead", {}, el("tr", {}, ["name", "in", "required", "description"].map((h) => el("th", {}, h)))),
          el("tbody", {}, params.map((p) => el("tr", {}, el("td", { class: "mono" }, p.name), el("td", {}, p.in),
            el("td", {}, p.required ? "yes" : "no"), el("td", {}, p.description || ""))))));
        const request = deref(op.requestBody);
        if (request && request.content) {
          for (const [type, media] of Object.entries(request.content)) {
            parts.push(el("h3", {}, "Request body (" + type + ")" + (media.example === undefined && !media.examples ? ", an example made from its schema" : "")));
            for (const example of examplesOf(media, deref)) parts.push(el("pre", {}, pretty(example)));
          }
        }
        parts.push(el("h3", {}, "Responses"));
        for (const [status, raw] of Object.entries(op.responses || {})) {
          const response = deref(raw);
          parts.push(el("p", {}, el("strong", {}, status), " " + (response.description || "")));
          for (const media of Object.values(response.content || {})) {
            for (const example of examplesOf(media, deref).slice(0, 2)) parts.push(el("pre", {}, pretty(example)));
          }
        }
        box.append(el("details", { class: "op" },
          el("summary", {}, el("span", { class: "verb " + method }, method.toUpperCase()), " ", el("code", {}, path), " ",
            el("span", { class: "muted" }, op.summary || "")),
          el("div", {}, parts)));
      }
    }
  }
}

function examplesOf(media, deref) {
  if (media.example !== undefined) return [media.example];
  if (media.examples) return Object.values(media.examples).map((e) => deref(e).value).filter((v) => v !== undefined);
  const schema = deref(media.schema);
  if (!schema) return [];
  const sample = sampleOf(schema, deref, 0);
  return sample === undefined ? [] : [sample];
}

// An example made from a schema where the document gives none: its example, default or
// first enum value, else a placeholder of its type; objects with their properties, arrays
// with one item. Bounded in depth, so that a recursive schema ends.
function sampleOf(raw, deref, depth) {
  const schema = deref(raw);
  if (!schema || depth > 6) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const choice = schema.oneOf || schema.anyOf || schema.allOf;
  if (choice) {
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sampleOf(part, deref, depth + 1)).filter((v) => v && typeof v === "object"));
    return sampleOf(choice[0], deref, depth + 1);
  }
  switch (schema.type) {
    case "object": {
      const out = {};
      for (const [key, value] of Object.entries(schema.properties || {})) {
        const sample = sampleOf(value, deref, depth + 1);
        if (sample !== undefined) out[key] = sample;
      }
      return out;
    }
    case "array": { const item = sampleOf(schema.items, deref, depth + 1); return item === undefined ? [] : [item]; }
    case "integer": return schema.minimum !== undefined ? schema.minimum : 0;
    case "number": return 0;
    case "boolean": return false;
    case "string": return schema.format === "date-time" ? "2026-01-01T00:00:00Z" : (schema.pattern ? "string matching " + schema.pattern : "string");
    default: return schema.nullable ? null : undefined;
  }
}

// ---- wiring ------------------------------------------------------------------------------
document.addEventListener("DOMContentLoaded", () => {
  window.addEventListener("hashchange", route);
  document.addEventListener("visibilitychange", () => { schedule(); if (document.visibilityState === "visible") refresh(); });
  $("request-filter").addEventListener("input", () => loadRequests(true).catch((e) => showError(e.message)));
  $("request-filter").addEventListener("reset", () => setTimeout(() => loadRequests(true).catch((e) => showError(e.message))));
  $("request-filter").addEventListener("submit", (e) => e.preventDefault());
  $("fault-form").addEventListener("submit", addFault);
  $("reset-all").addEventListener("click", () => control(() => call("POST", "/__mock/reset"), "reset everything"));
  $("reset-scope").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const query = new URLSearchParams();
    for (const key of ["project", "workspace"]) { const v = String(form.get(key) || "").trim(); if (v) query.set(key, v); }
    if (![...query.keys()].length) { showError("name a project and/or a workspace to reset a scope"); return; }
    control(() => call("POST", "/__mock/reset?" + query.toString()), "reset " + query.toString());
  });
  $("clear-journal").addEventListener("click", () => control(() => call("DELETE", "/__mock/requests"), "cleared the journal"));
  $("clock-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const at = String(new FormData(event.target).get("at") || "");
    const ms = Date.parse(at + (at.length === 16 ? ":00Z" : "Z"));
    if (!at || Number.isNaN(ms)) { showError("choose a date and time to freeze the clock at"); return; }
    control(() => call("PUT", "/__mock/clock", { now_ms: ms }), "froze the clock at " + when(ms));
  });
  $("freeze-now").addEventListener("click", () => control(() => call("PUT", "/__mock/clock", { now_ms: Date.now() }), "froze the clock"));
  $("release-clock").addEventListener("click", () => control(() => call("DELETE", "/__mock/clock"), "released the clock"));
  schedule();
  route();
});
