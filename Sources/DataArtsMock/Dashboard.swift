import DataArtsServices

/// `GET /__mock/`: a small HTML page of what the mock holds, for a person at a browser.
struct Dashboard {
    let controls: MockControls

    var html: String {
        let connections = controls.store.allConnections()
        var perWorkspace: [String: Int] = [:]
        for connection in connections { perWorkspace["\(connection.projectID) / \(connection.workspace)", default: 0] += 1 }
        let recent = controls.journal.entries(matching: .init(limit: 20)).entries.reversed()
        let faults = controls.faults.rules
        func row(_ cells: [String]) -> String {
            "<tr>" + cells.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>"
        }
        return """
            <!doctype html><html><head><meta charset="utf-8"><title>dataarts-mock</title>
            <style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
            td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head><body>
            <h1>dataarts-mock</h1>
            <p>\(connections.count) data connections · clock \(controls.clock.isFrozen ? "frozen at \(controls.clock.nowMilliseconds)" : "real") ·
            <a href="/__mock/requests">journal</a> · <a href="/__mock/faults">faults</a> · <a href="/__mock/state">state</a> ·
            <a href="/__mock/openapi.json">OpenAPI</a></p>
            <h2>Connections per workspace</h2><table><tr><th>project / workspace</th><th>connections</th></tr>
            \(perWorkspace.keys.sorted().map { row([$0, String(perWorkspace[$0] ?? 0)]) }.joined())</table>
            <h2>Recent requests</h2><table><tr><th>seq</th><th>method</th><th>path</th><th>status</th><th>error</th></tr>
            \(recent.map { row([String($0.seq), $0.method, $0.path, String($0.status), $0.errorCode ?? ""]) }.joined())</table>
            <h2>Fault rules</h2><table><tr><th>id</th><th>method</th><th>path</th><th>action</th><th>remaining</th></tr>
            \(faults.map { row([$0.id, $0.method ?? "*", $0.path ?? "*", Self.action(of: $0), $0.remaining.map(String.init) ?? "∞"]) }.joined())</table>
            </body></html>
            """
    }

    private static func action(of rule: FaultRule) -> String {
        let latency = rule.latencyMilliseconds.map { "after \($0) ms" } ?? ""
        if rule.close { return "close \(latency)" }
        if let status = rule.status { return "\(status) \(rule.errorCode ?? "") \(latency)" }
        return "real answer \(latency)"
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
