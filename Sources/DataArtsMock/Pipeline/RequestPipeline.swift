import DataArtsServices

/// The stages a request passes, first to last, until one decides its outcome.
struct RequestPipeline: Sendable {
    let stages: [any RequestStage]

    /// Runs the stages; `context.outcome` holds the answer afterwards.
    func run(_ context: inout RequestContext) {
        for stage in stages {
            do throws(APIError) {
                if let outcome = try stage.process(&context) {
                    context.outcome = outcome
                    return
                }
            } catch {
                context.outcome = .failure(error)
                return
            }
        }
        // The service stage always decides; reaching here is a wiring mistake, answered as one.
        context.outcome = .failure(.internalError("no stage answered \(context.request.method) \(context.request.path)"))
    }
}
