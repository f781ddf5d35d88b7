import DataArtsHTTP1
import DataArtsServices

/// What is known about one request as it moves through the pipeline: each stage adds its
/// facts (the route, the principal, an injected delay) and the last one sets the outcome.
/// The journal and the access log read these values, never the answer's bytes.
struct RequestContext: Sendable {
    let requestID: String
    /// Monotonic milliseconds when the request reached the pipeline.
    let startedAt: Double
    /// The request, its route parameters and principal, its body parsed at most once.
    var request: ServiceRequest
    /// A `/__mock/` call: answered by the control API, not journaled (SPEC §6).
    var isControl = false
    /// Set by routing.
    var endpoint: Endpoint?
    var route: (method: String, template: RouteTemplate)?
    /// Set by fault injection: how long to hold whatever answer follows.
    var latencyMilliseconds = 0
    var outcome: Outcome = RequestContext.unanswered

    /// Built once: formatting the vendor's message template for every request showed as 4% of
    /// a show in perf, for an outcome that every answered request replaces.
    private static let unanswered: Outcome = .failure(.internalError("the request was not answered"))

    init(_ request: HTTPRequest, requestID: String, startedAt: Double) {
        self.requestID = requestID
        self.startedAt = startedAt
        self.request = ServiceRequest(request)
    }

    /// The path's project, once routing has bound it.
    var projectID: String? { request.parameters["project_id"] }
}
