import DataConnections
import HTTP1
import JSON
import Logging
import Transport

/// The application behind the transport: the control API under `/__mock/`, the gateway's
/// checks, and the emulated service, in SPEC §5's order. It gives every answer its request id
/// and writes the access log.
struct MockResponder: HTTPResponder {
    let configuration: MockConfiguration
    let api: DataConnectionAPI
    let authenticator: Authenticator
    let requestIDs: IdentifierGenerator
    let clock: MockClock
    let startedAt: Double
    let logger: Logger

    func respond(to request: HTTPRequest, reply: @escaping @Sendable (HTTPReply) -> Void) {
        let started = MockClock.monotonicMilliseconds()
        let requestID = requestIDs.next()
        var response = route(request, requestID: requestID)
        response.headers.set("X-Request-Id", requestID)
        logAccess(request, response, requestID: requestID, started: started)
        reply(.response(response))
    }

    func response(to refusal: HTTPRefusal) -> HTTPResponse {
        let requestID = requestIDs.next()
        var response = GatewayError.refusal(refusal).response(requestID: requestID)
        response.headers.set("X-Request-Id", requestID)
        logger.info("refused", metadata: [
            "request.status": "\(response.status.code)", "request.id": "\(requestID)", "refusal": "\(refusal)",
        ])
        return response
    }

    private func route(_ request: HTTPRequest, requestID: String) -> HTTPResponse {
        let path = request.path
        if configuration.adminEnabled && (path == "/__mock" || path.hasPrefix("/__mock/")) {
            return control(request, requestID: requestID)
        }
        switch api.router.match(method: request.method, path: path) {
        case .unknownPath:
            return GatewayError.noSuchAPI.response(requestID: requestID)
        case .wrongMethod:
            return GatewayError.noSuchMethod.response(requestID: requestID)
        case .found(let route, let parameters):
            do throws(GatewayError) {
                let principal = try authenticator.authenticate(request, projectID: parameters["project_id"] ?? "")
                return api.respond(to: request, operation: route.value, parameters: parameters, user: principal.userName)
            } catch {
                return error.response(requestID: requestID)
            }
        }
    }

    private func control(_ request: HTTPRequest, requestID: String) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/__mock/health"):
            let uptime = Int(MockClock.monotonicMilliseconds() - startedAt)
            return .json(.ok, [
                "status": "ok", "uptime_ms": .number(JSONNumber(uptime)),
                "connections": .number(JSONNumber(api.store.count)),
            ])
        default:
            return GatewayError.noSuchAPI.response(requestID: requestID)
        }
    }

    private func logAccess(_ request: HTTPRequest, _ response: HTTPResponse, requestID: String, started: Double) {
        let elapsed = MockClock.monotonicMilliseconds() - started
        logger.info("\(request.method) \(request.path) \(response.status.code)", metadata: [
            "request.method": "\(request.method)",
            "request.path": "\(request.path)",
            "request.status": "\(response.status.code)",
            "request.error_code": "\(Self.errorCode(in: response) ?? "-")",
            "request.ms": "\(Double(Int(elapsed * 100)) / 100)",
            "request.id": "\(requestID)",
        ])
    }

    /// The `error_code` of a JSON error body, for the access log.
    private static func errorCode(in response: HTTPResponse) -> String? {
        guard response.status.code >= 400, let body = try? JSONReader.parse(response.body) else { return nil }
        return body.object?["error_code"]?.string
    }
}
