import DataArtsServices
import Dispatch
import DataArtsHTTP1
import DataArtsJSON
import Logging
import DataArtsTransport

/// The application behind the transport, in SPEC §5's order: control API, route (404),
/// authentication (401/403), throttling (429), faults, then the service's own validation and
/// operation. It gives every answer its request id, journals it, waits for the state file
/// when the answer acknowledges a change, and writes the access log.
struct MockResponder: HTTPResponder {
    let configuration: MockConfiguration
    let api: DataConnectionAPI
    let controlAPI: ControlAPI
    let authenticator: Authenticator
    let controls: MockControls
    let rateLimiter: RateLimiter?
    let stateFile: StateFile?
    let requestIDs: IdentifierGenerator
    let logger: Logger

    /// What the pipeline decided; delivered after any latency and any state-file write.
    private struct Outcome {
        var reply: HTTPReply
        var latencyMilliseconds = 0
        var changedState = false
        var projectID: String?
        var principal: String?
    }

    func respond(to request: HTTPRequest, later reply: @escaping @Sendable (HTTPReply) -> Void) -> HTTPReply? {
        let started = MockClock.monotonicMilliseconds()
        let requestID = requestIDs.next()
        let path = request.path
        // The browser's automatic /favicon.ico goes to the dashboard too, so that opening it
        // never adds a 404 to the journal (issue 13).
        let isControl = configuration.adminEnabled
            && (path == "/__mock" || path.hasPrefix("/__mock/") || path == "/favicon.ico")
        var outcome: Outcome
        if isControl {
            let (response, changedState) = controlAPI.respond(to: request, requestID: requestID)
            outcome = Outcome(reply: .response(response), changedState: changedState)
        } else {
            outcome = route(request, requestID: requestID)
        }
        if case .response(var response) = outcome.reply {
            response.headers.set("X-Request-Id", requestID)
            outcome.reply = .response(response)
        }
        let finished = outcome
        let record: @Sendable () -> HTTPReply = {
            let response: HTTPResponse? = if case .response(let response) = finished.reply { response } else { nil }
            let errorCode = response.flatMap(Self.errorCode(in:))
            // Control calls are not journaled (SPEC §6).
            if !isControl { journal(request, finished, errorCode: errorCode, requestID: requestID, started: started) }
            logAccess(request, response, errorCode: errorCode, requestID: requestID, started: started)
            return finished.reply
        }
        let durableThenReply: @Sendable () -> Void = {
            if finished.changedState, let stateFile {
                stateFile.whenDurable { reply(record()) }
            } else {
                reply(record())
            }
        }
        if finished.latencyMilliseconds > 0 {
            // A timer, not a sleeping thread: other requests go on meanwhile.
            DispatchQueue.global().asyncAfter(
                deadline: .now() + .milliseconds(finished.latencyMilliseconds), execute: durableThenReply)
            return nil
        }
        if finished.changedState, stateFile != nil {
            durableThenReply()
            return nil
        }
        return record()
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

    private func route(_ request: HTTPRequest, requestID: String) -> Outcome {
        let route: Router<DataConnectionOperation>.Route
        let parameters: [String: String]
        switch api.router.match(method: request.method, path: request.path) {
        case .unknownPath:
            return Outcome(reply: .response(GatewayError.noSuchAPI.response(requestID: requestID)))
        case .wrongMethod:
            return Outcome(reply: .response(GatewayError.noSuchMethod.response(requestID: requestID)))
        case .found(let found, let values):
            route = found
            parameters = values
        }
        let projectID = parameters["project_id"] ?? ""
        let workspace = request.headers["workspace"]
        var outcome = Outcome(reply: .close, projectID: projectID)

        let principal: Principal
        do throws(GatewayError) {
            principal = try authenticator.authenticate(request, projectID: projectID)
            outcome.principal = principal.label
            if let rateLimiter, !rateLimiter.allow("\(route.method) \(route.template)") { throw .throttled }
        } catch {
            outcome.reply = .response(error.response(requestID: requestID))
            return outcome
        }

        let fault: InjectedFault?
        do throws(APIError) {
            fault = try InjectedFault.header(request.headers["X-Mock-Fault"])
                ?? controls.faults.take(
                    method: request.method, path: String(request.path), template: route.template, projectID: projectID,
                    workspace: workspace
                ).map(InjectedFault.init(rule:))
        } catch {
            outcome.reply = .response(error.response)
            return outcome
        }
        outcome.latencyMilliseconds = fault?.latencyMilliseconds ?? 0
        switch fault?.action {
        case .close?:
            outcome.reply = .close
            return outcome
        case .answer(let status, let code, let message)?:
            outcome.reply = .response(Self.injectedAnswer(status: status, code: code, message: message, requestID: requestID))
            return outcome
        case nil:
            let response = api.respond(
                to: request, operation: route.value, parameters: parameters, user: principal.userName)
            outcome.reply = .response(response)
            outcome.changedState = response.status == .ok
                && [.create, .update, .delete].contains(route.value)
            return outcome
        }
    }

    /// An injected answer has the same shape as a real one of its code: the gateway's with
    /// `request_id`, the service's with `errors` for DAYU.1005/3601.
    private static func injectedAnswer(status: Int, code: String, message: String, requestID: String) -> HTTPResponse {
        if code.hasPrefix("APIGW.") {
            return GatewayError(status: HTTPStatus(status), code: code, message: message).response(requestID: requestID)
        }
        return APIError.custom(status: HTTPStatus(status), code: code, message: message).response
    }

    private func journal(
        _ request: HTTPRequest, _ outcome: Outcome, errorCode: String?, requestID: String, started: Double
    ) {
        let response: HTTPResponse? = if case .response(let response) = outcome.reply { response } else { nil }
        let body = JournalBody(request.body)
        controls.journal.record(JournalEntry(
            seq: 0, timeMilliseconds: controls.clock.nowMilliseconds, method: request.method, path: String(request.path),
            query: request.query.map(String.init) ?? "", projectID: outcome.projectID, workspace: request.headers["workspace"],
            headers: Redaction.headers(request.headers), body: body.value, bodyTruncated: body.truncatedFrom,
            status: response?.status.code ?? 0, errorCode: errorCode, requestID: requestID,
            durationMilliseconds: MockClock.monotonicMilliseconds() - started, principal: outcome.principal,
            response: response.map(JournalResponse.init), bodyBytes: body.keptBytes))
    }

    private func logAccess(
        _ request: HTTPRequest, _ response: HTTPResponse?, errorCode: String?, requestID: String, started: Double
    ) {
        let elapsed = MockClock.monotonicMilliseconds() - started
        let status = response.map { String($0.status.code) } ?? "closed"
        logger.info("\(request.method) \(request.path) \(status)", metadata: [
            "request.method": "\(request.method)",
            "request.path": "\(request.path)",
            "request.status": "\(status)",
            "request.error_code": "\(errorCode ?? "-")",
            "request.ms": "\((elapsed * 100).rounded() / 100)",
            "request.id": "\(requestID)",
        ])
    }

    /// The `error_code` of a JSON error body, for the journal and the access log.
    private static func errorCode(in response: HTTPResponse) -> String? {
        guard response.status.code >= 400, let body = try? JSONReader.parse(response.body) else { return nil }
        return body.object?["error_code"]?.string
    }
}
