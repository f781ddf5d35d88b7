import DataArtsServices
import DataArtsHTTP1
import DataArtsJSON

/// The test-double controls under `/__mock/` (SPEC §6): JSON in and out, no authentication,
/// not journaled.
struct ControlAPI: Sendable {
    enum Operation: Sendable {
        case health, reset, listRequests, clearRequests, addFault, listFaults, clearFaults, removeFault
        case showClock, freezeClock, releaseClock, exportState, importState, openAPI, dashboard
        case showConfiguration, listConnections, dashboardScript, dashboardStyle, favicon
    }

    let controls: MockControls
    let configuration: MockConfiguration
    let startedAt: Double
    private let router: Router<Operation>
    private let originGuard: ControlOriginGuard

    init(controls: MockControls, configuration: MockConfiguration, startedAt: Double) {
        self.controls = controls
        self.configuration = configuration
        self.startedAt = startedAt
        originGuard = ControlOriginGuard(boundHost: configuration.host, allowedHosts: configuration.allowedHosts)
        var router = Router<Operation>()
        router.add("GET", "/__mock/health", .health)
        router.add("POST", "/__mock/reset", .reset)
        router.add("GET", "/__mock/requests", .listRequests)
        router.add("DELETE", "/__mock/requests", .clearRequests)
        router.add("POST", "/__mock/faults", .addFault)
        router.add("GET", "/__mock/faults", .listFaults)
        router.add("DELETE", "/__mock/faults", .clearFaults)
        router.add("DELETE", "/__mock/faults/{id}", .removeFault)
        router.add("GET", "/__mock/clock", .showClock)
        router.add("PUT", "/__mock/clock", .freezeClock)
        router.add("DELETE", "/__mock/clock", .releaseClock)
        router.add("GET", "/__mock/state", .exportState)
        router.add("PUT", "/__mock/state", .importState)
        router.add("GET", "/__mock/openapi.json", .openAPI)
        router.add("GET", "/__mock/", .dashboard)
        router.add("GET", "/__mock", .dashboard)
        router.add("GET", "/__mock/config", .showConfiguration)
        router.add("GET", "/__mock/connections", .listConnections)
        router.add("GET", "/__mock/dashboard.js", .dashboardScript)
        router.add("GET", "/__mock/dashboard.css", .dashboardStyle)
        router.add("GET", "/favicon.ico", .favicon)
        self.router = router
    }

    /// The answer, and whether it changed connections (so a state file must have it first).
    func respond(to request: HTTPRequest, requestID: String) -> (response: HTTPResponse, changedState: Bool) {
        if originGuard.refusalReason(for: request) != nil {
            return (ControlOriginGuard.refusal.response, false)
        }
        switch router.match(method: request.method, path: request.path) {
        case .unknownPath:
            return (GatewayError.noSuchAPI.response(requestID: requestID), false)
        case .wrongMethod:
            return (GatewayError.noSuchMethod.response(requestID: requestID), false)
        case .found(let route, let parameters):
            do throws(APIError) {
                let changes = route.value == .reset || route.value == .importState
                return (try perform(route.value, request, parameters: parameters), changes)
            } catch {
                return (error.response, false)
            }
        }
    }

    private static let noContent = HTTPResponse(status: .noContent)

    private func perform(_ operation: Operation, _ request: HTTPRequest, parameters: [String: String]) throws(APIError) -> HTTPResponse {
        let query = Dictionary(QueryString.pairs(request.query), uniquingKeysWith: { _, last in last })
        switch operation {
        case .health:
            return .json(.ok, [
                "status": "ok",
                "uptime_ms": .number(JSONNumber(Int(MockClock.monotonicMilliseconds() - startedAt))),
                "connections": .number(JSONNumber(controls.store.count)),
            ])

        case .reset:
            controls.reset(projectID: query["project"], workspace: query["workspace"])
            return Self.noContent

        case .listRequests:
            var filter = RequestJournal.Filter(
                method: query["method"], path: query["path"], projectID: query["project"], workspace: query["workspace"])
            var violations: [String] = []
            if let status = query["status"] {
                if let value = Int(status) { filter.status = value } else { violations.append("status must be an integer") }
            }
            if let since = query["since"] {
                if let value = Int(since) { filter.since = value } else { violations.append("since must be an integer") }
            }
            if let limit = query["limit"] {
                if let value = Int(limit), value >= 0 { filter.limit = value } else {
                    violations.append("limit must be a non-negative integer")
                }
            }
            if !violations.isEmpty { throw .badRequest(violations) }
            let snapshot = controls.journal.entries(matching: filter)
            return .json(.ok, [
                "requests": .array(snapshot.entries.map(\.json)),
                "dropped": .number(JSONNumber(snapshot.dropped)),
                "capacity": .number(JSONNumber(snapshot.capacity)),
            ])

        case .clearRequests:
            controls.journal.clear()
            return Self.noContent

        case .addFault:
            let rule = try FaultRule(json: try Self.body(of: request))
            return .json(.created, controls.faults.add(rule).json)

        case .listFaults:
            return .json(.ok, ["faults": .array(controls.faults.rules.map(\.json))])

        case .clearFaults:
            controls.faults.removeAll()
            return Self.noContent

        case .removeFault:
            let id = parameters["id"] ?? ""
            guard controls.faults.remove(id: id) else {
                throw .custom(
                    status: .notFound, code: "DAYU.4402", message: APIError.badRequest("no fault rule has id \(id)").message)
            }
            return Self.noContent

        case .showClock:
            return clockResponse

        case .freezeClock:
            let body = try Self.body(of: request)
            guard let milliseconds = body.object?["now_ms"]?.number?.intValue, milliseconds >= 0 else {
                throw .badRequest("now_ms must be a non-negative integer (epoch milliseconds)")
            }
            controls.clock.freeze(atMilliseconds: Int64(milliseconds))
            return clockResponse

        case .releaseClock:
            controls.clock.release()
            return Self.noContent

        case .exportState:
            return .json(.ok, ["connections": .array(controls.store.allConnections().map(\.stateRecord))])

        case .importState:
            let connections = try DataConnection.fromState(
                try Self.body(of: request), ids: controls.ids, now: controls.clock.nowMilliseconds)
            controls.store.replaceAll(with: connections)
            return Self.noContent

        case .openAPI:
            return HTTPResponse(
                status: .ok, headers: ["Content-Type": HTTPResponse.jsonContentType],
                body: OpenAPIDocument.served(at: servedURL(of: request)))

        case .showConfiguration:
            return .json(.ok, ConfigurationReport(configuration: configuration, journal: controls.journal).json)

        case .listConnections:
            return .json(.ok, ["connections": .array(controls.store.allConnections().map { connection in
                .object([
                    "project_id": .string(connection.projectID),
                    "workspace": .string(connection.workspace),
                    "show": connection.showObject,
                    "update_time": .number(JSONNumber(Int(connection.updateTime))),
                    // The dashboard shows the record too, but never a secret: masked here,
                    // unlike GET /__mock/state, which is a backup.
                    "state": SecretMask.masked(connection.stateRecord),
                ])
            })])

        case .dashboard:
            return Self.asset(DashboardPage.html, type: "text/html;charset=UTF-8")
        case .dashboardScript:
            return Self.asset(DashboardScript.source, type: "text/javascript;charset=UTF-8")
        case .dashboardStyle:
            return Self.asset(DashboardStyle.source, type: "text/css;charset=UTF-8")
        case .favicon:
            return Self.asset(DashboardPage.favicon, type: "image/svg+xml")
        }
    }

    /// A page or file of the dashboard. The policy lets it load only its own script and
    /// style (no inline script, so an escaping slip cannot run code) and never be framed by
    /// another site (clickjacking of the controls).
    private static func asset(_ text: String, type: String) -> HTTPResponse {
        HTTPResponse(
            status: .ok,
            headers: [
                "Content-Type": type,
                "Content-Security-Policy":
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                "X-Frame-Options": "DENY",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-cache",
            ],
            body: Array(text.utf8))
    }

    /// The URL this request reached the mock at: its `Host` (which the origin guard has
    /// accepted); nil without one (HTTP/1.0), when the document's own default stays.
    private func servedURL(of request: HTTPRequest) -> String? {
        guard let host = request.headers["Host"]?.trimmingOWS, !host.isEmpty else { return nil }
        return "http://\(host)"
    }

    private var clockResponse: HTTPResponse {
        .json(.ok, [
            "now_ms": .number(JSONNumber(Int(controls.clock.nowMilliseconds))),
            "frozen": .bool(controls.clock.isFrozen),
        ])
    }

    private static func body(of request: HTTPRequest) throws(APIError) -> JSONValue {
        guard !request.body.isEmpty else { throw .badRequest("request body is required") }
        do throws(JSONError) {
            return try JSONReader.parse(request.body)
        } catch {
            throw .badRequest("request body is not valid JSON: \(error.description)")
        }
    }
}
