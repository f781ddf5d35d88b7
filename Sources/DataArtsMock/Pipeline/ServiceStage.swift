import DataArtsServices

/// The emulated service validates and performs the request: always the last stage.
struct ServiceStage: RequestStage {
    func process(_ context: inout RequestContext) throws(APIError) -> Outcome? {
        guard let endpoint = context.endpoint else { throw .internalError("a request reached the service without a route") }
        return .answer(try endpoint.perform(&context.request))
    }
}
