import DataArtsServices

/// The gateway's token or AK/SK check and project binding (SPEC §4), for every endpoint
/// that is not open; the principal it finds goes on with the request.
struct AuthenticationStage: RequestStage {
    let authenticator: Authenticator

    func process(_ context: inout RequestContext) throws(APIError) -> Outcome? {
        guard context.endpoint?.access != .open else { return nil }
        context.request.principal = try authenticator.authenticate(context.request.head, projectID: context.projectID)
        return nil
    }
}
