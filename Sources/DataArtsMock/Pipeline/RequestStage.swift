import DataArtsServices

/// One step of the request pipeline, in SPEC §5's order: controls, route, authentication,
/// throttling, faults, the service.
protocol RequestStage: Sendable {
    /// Adds what this stage knows to `context` and leaves the request to the next stage
    /// (`nil`), or decides what it comes to. A thrown error is the outcome.
    func process(_ context: inout RequestContext) throws(APIError) -> Outcome?
}
