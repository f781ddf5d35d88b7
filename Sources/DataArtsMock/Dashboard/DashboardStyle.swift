/// `GET /__mock/dashboard.css`: the dashboard's only style sheet.
enum DashboardStyle {
    static let source = #"""
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#f6f8fa; --accent:#1f6feb; --bad:#cf222e; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:#fff; }
header { display:flex; gap:1.5em; align-items:center; padding:.6em 1.2em; background:#24292f; color:#fff; position:sticky; top:0; z-index:1; }
header .brand { font-weight:600; }
header nav a { color:#d0d7de; text-decoration:none; margin-right:1em; padding:.2em 0; }
header nav a.active { color:#fff; border-bottom:2px solid #fff; }
header .status { margin-left:auto; color:#d0d7de; font-size:13px; }
#live.paused { opacity:.5; }
main { padding:1em 1.2em 3em; max-width:1400px; }
h1 { font-size:20px; margin:.4em 0 .6em; } h2 { font-size:16px; margin:1em 0 .4em; } h3 { font-size:14px; margin:1em 0 .3em; }
.muted { color:var(--muted); font-weight:normal; } .small { font-size:13px; }
.error { color:var(--bad); background:#ffebe9; border:1px solid #ffcecb; padding:.5em .8em; border-radius:6px; }
table.rows { border-collapse:collapse; width:100%; margin-bottom:1em; }
table.rows th, table.rows td { border-bottom:1px solid var(--line); padding:4px 8px; text-align:left; vertical-align:top; }
table.rows th { background:var(--bg); font-weight:600; }
table.rows tbody tr.clickable { cursor:pointer; } table.rows tbody tr.clickable:hover { background:#f0f6ff; }
table.rows tbody tr.selected { background:#ddf4ff; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
td.mono, code, pre { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12.5px; }
.status-ok { color:var(--ok); } .status-bad { color:var(--bad); font-weight:600; }
.detail { border:1px solid var(--line); border-radius:6px; padding:.6em 1em; background:var(--bg); margin:1em 0; }
.detail .close { float:right; }
pre { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.6em; overflow:auto; max-height:28em; white-space:pre-wrap; word-break:break-all; }
.filters { display:flex; flex-wrap:wrap; gap:1em; align-items:end; margin-bottom:.8em; }
form.grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(260px, 1fr)); gap:.6em 1.2em; align-items:end; }
form label { display:flex; flex-direction:column; gap:.2em; color:var(--muted); font-size:13px; }
form label.check { flex-direction:row; align-items:center; gap:.4em; }
form.stack { display:flex; flex-wrap:wrap; gap:.6em; align-items:end; }
input, select { font:inherit; padding:3px 6px; border:1px solid var(--line); border-radius:4px; color:var(--fg); }
button, a.button { font:inherit; padding:4px 12px; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); cursor:pointer; text-decoration:none; display:inline-block; }
button:hover, a.button:hover { background:#eaeef2; }
button.danger { color:var(--bad); border-color:#ffcecb; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(320px, 1fr)); gap:1em; }
.card { border:1px solid var(--line); border-radius:6px; padding:.4em 1em 1em; }
.group { margin-bottom:1.5em; }
dl.kv { display:grid; grid-template-columns:max-content 1fr; gap:.2em 1.2em; } dl.kv dt { color:var(--muted); } dl.kv dd { margin:0; }
.op { border:1px solid var(--line); border-radius:6px; margin:.6em 0; }
.op > summary { padding:.4em .8em; cursor:pointer; background:var(--bg); border-radius:6px; }
.op > div { padding:.2em 1em .8em; }
.verb { display:inline-block; min-width:4.5em; font-weight:700; font-family:ui-monospace, monospace; }
.verb.get { color:#0969da; } .verb.post { color:#1a7f37; } .verb.put { color:#9a6700; } .verb.delete { color:#cf222e; }
"""#
}
