import HTTP1

/// The gateway's authentication (SPEC §4): a token or an AK/SK signature, then the project
/// binding. Failures are `GatewayError`s, answered before the service sees the request.
struct Authenticator: Sendable {
    func authenticate(_ request: HTTPRequest, projectID: String) throws(GatewayError) -> Principal {
        let token = request.headers["X-Auth-Token"]
        let authorization = request.headers["Authorization"]
        guard token?.isEmpty == false || authorization?.isEmpty == false else {
            throw .unauthenticated("x-auth-token not found")
        }
        // SDKs send X-Project-Id with AK/SK; it must name the project in the path.
        if let headerProject = request.headers["X-Project-Id"], headerProject != projectID {
            throw .notAuthorized
        }
        return Principal()
    }
}
