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

    /// The control call's outcome; resets and imports are marked as state changes, so that a
    /// state file holds them before the answer leaves.
    func respond(to request: inout ServiceRequest) -> Outcome {
        if originGuard.refusalReason(for: request.head) != nil { return .failure(ControlOriginGuard.refusal) }
        switch router.match(method: request.method, path: request.path) {
        case .unknownPath:
            return .failure(.noSuchAPI)
        case .wrongMethod:
            return .failure(.noSuchMethod)
        case .found(let route, let parameters):
            request.parameters = parameters
            do throws(APIError) {
                return .answer(try perform(route.value, &request))
            } catch {
                return .failure(error)
            }
        }
    }

    private func perform(_ operation: Operation, _ request: inout ServiceRequest) throws(APIError) -> ServiceAnswer {
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
            return .noContent(changedState: true)

        case .listRequests:
            var filter = RequestJournal.Filter(
                method: query["method"], path: query["path"], projectID: query["project"], workspace: query["workspace"])
            var violations = Violations()
            if let status = query["status"] {
                if let value = Int(status) { filter.status = value } else { violations.add("status must be an integer") }
            }
            if let since = query["since"] {
                if let value = Int(since) { filter.since = value } else { violations.add("since must be an integer") }
            }
            if let limit = query["limit"] {
                if let value = Int(limit), value >= 0 { filter.limit = value } else {
                    violations.add("limit must be a non-negative integer")
                }
            }
            try violations.check()
            let snapshot = controls.journal.entries(matching: filter)
            return .json(.ok, [
                "requests": .array(snapshot.entries.map(\.json)),
                "dropped": .number(JSONNumber(snapshot.dropped)),
                "capacity": .number(JSONNumber(snapshot.capacity)),
            ])

        case .clearRequests:
            controls.journal.clear()
            return .noContent()

        case .addFault:
            let rule = try FaultRule(json: try Self.body(of: &request))
            guard let added = controls.faults.add(rule) else {
                throw .badRequest(
                    "at most \(FaultRules.capacity) fault rules may be in force; "
                        + "remove some first (DELETE /__mock/faults or DELETE /__mock/faults/{id})")
            }
            return .json(.created, added.json)

        case .listFaults:
            return .json(.ok, ["faults": .array(controls.faults.rules.map(\.json))])

        case .clearFaults:
            controls.faults.removeAll()
            return .noContent()

        case .removeFault:
            let id = request.parameters["id"] ?? ""
            guard controls.faults.remove(id: id) else { throw APIError.badRequest("no fault rule has id \(id)").with(status: .notFound) }
            return .noContent()

        case .showClock:
            return clockResponse

        case .freezeClock:
            let body = try Self.body(of: &request)
            guard let milliseconds = body.object?["now_ms"]?.number?.intValue, milliseconds >= 0 else {
                throw .badRequest("now_ms must be a non-negative integer (epoch milliseconds)")
            }
            controls.clock.freeze(atMilliseconds: Int64(milliseconds))
            return clockResponse

        case .releaseClock:
            controls.clock.release()
            return .noContent()

        case .exportState:
            return .json(.ok, [
                "connections": .array(controls.store.allConnections().map(\.stateRecord)),
                "workspaces": .array(controls.directory.all().map { $0.json(domainID: controls.account.domainID) }),
            ])

        case .importState:
            let body = try Self.body(of: &request)
            let connections = try DataConnection.fromState(body, ids: controls.ids, now: controls.clock.nowMilliseconds)
            // Without "workspaces", none stays created (SPEC §8.5).
            let workspaces = try WorkspaceRecord.fromState(body.object?["workspaces"], now: controls.clock.nowMilliseconds)
            controls.store.replaceAll(with: connections)
            controls.directory.replaceAll(with: workspaces)
            return .noContent(changedState: true)

        case .openAPI:
            return ServiceAnswer(
                body: .bytes(OpenAPIDocument.served(at: Self.servedURL(of: request.head)), contentType: HTTPResponse.jsonContentType))

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
            return Self.asset(DashboardAssets.page, type: "text/html;charset=UTF-8")
        case .dashboardScript:
            return Self.asset(DashboardAssets.script, type: "text/javascript;charset=UTF-8")
        case .dashboardStyle:
            return Self.asset(DashboardAssets.style, type: "text/css;charset=UTF-8")
        case .favicon:
            // Answered (an SVG) so that a browser's automatic request never reaches the
            // journal as a 404.
            return Self.asset(DashboardAssets.favicon, type: "image/svg+xml")
        }
    }

    /// A page or file of the dashboard. The policy lets it load only its own script and
    /// style (no inline script, so an escaping slip cannot run code) and never be framed by
    /// another site (clickjacking of the controls).
    private static func asset(_ bytes: [UInt8], type: String) -> ServiceAnswer {
        ServiceAnswer(
            body: .bytes(bytes, contentType: type),
            headers: [
                "Content-Security-Policy":
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                "X-Frame-Options": "DENY",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-cache",
            ])
    }

    /// The URL this request reached the mock at: its `Host` (which the origin guard has
    /// accepted); nil without one (HTTP/1.0), when the document's own default stays.
    private static func servedURL(of request: HTTPRequest) -> String? {
        guard let host = request.headers["Host"]?.trimmingOWS, !host.isEmpty else { return nil }
        return "http://\(host)"
    }

    private var clockResponse: ServiceAnswer {
        .json(.ok, [
            "now_ms": .number(JSONNumber(Int(controls.clock.nowMilliseconds))),
            "frozen": .bool(controls.clock.isFrozen),
        ])
    }

    private static func body(of request: inout ServiceRequest) throws(APIError) -> JSONValue {
        guard !request.body.isEmpty else { throw .badRequest("request body is required") }
        switch request.body.json() {
        case .success(let value): return value
        case .failure(let error): throw .badRequest("request body is not valid JSON: \(error.description)")
        }
    }
}
