import DataArtsServices
import DataArtsHTTP1
import DataArtsSigning

/// The gateway's authentication (SPEC §4): a token or an AK/SK signature, then the project
/// binding. Failures are gateway `APIError`s, answered before the service sees the request.
struct Authenticator: Sendable {
    let configuration: AuthConfiguration
    let clock: MockClock
    /// Tokens the mock's IAM issued (SPEC §8.2): never "any non-empty token".
    let issuedTokens: TokenRegistry
    private let verifier = SignatureVerifier()
    private let tokens: [String: AuthConfiguration.Token]
    private let credentials: [String: AuthConfiguration.Credential]

    init(configuration: AuthConfiguration, clock: MockClock, issuedTokens: TokenRegistry) {
        self.configuration = configuration
        self.clock = clock
        self.issuedTokens = issuedTokens
        tokens = Dictionary(configuration.tokens.map { ($0.token, $0) }, uniquingKeysWith: { _, last in last })
        credentials = Dictionary(configuration.credentials.map { ($0.accessKey, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// `projectID` is the path's project; nil for a global API (IAM), which takes a
    /// domain-scoped token and checks no project binding.
    func authenticate(_ request: HTTPRequest, projectID: String?) throws(APIError) -> Principal {
        let principal: Principal
        if let authorization = request.headers["Authorization"], !authorization.isEmpty {
            principal = try signer(of: request)
        } else if let token = request.headers["X-Auth-Token"], !token.isEmpty {
            principal = try holder(of: token, regional: projectID != nil)
        } else {
            throw .unauthenticated("x-auth-token not found")
        }
        guard let projectID else { return principal }
        if let bound = principal.projectID, bound != projectID { throw .notAuthorized }
        // SDKs send X-Project-Id with AK/SK; it must name the project in the path.
        if let headerProject = request.headers["X-Project-Id"], headerProject != projectID { throw .notAuthorized }
        return principal
    }

    private func signer(of request: HTTPRequest) throws(APIError) -> Principal {
        let now = clock.nowMilliseconds
        do throws(SignatureFailure) {
            let claim = try verifier.claim(of: request, now: now)
            guard let credential = credentials[claim.authorization.accessKey] else {
                if configuration.mode == .strict { throw .unknownAccessKey(claim.authorization.accessKey) }
                // Permissive: a well-formed, in-window signature from an unknown key passes;
                // without its secret the signature itself cannot be checked.
                return Principal(label: claim.authorization.accessKey)
            }
            try verifier.verify(request, claim: claim, secretKey: credential.secretKey)
            return Principal(
                userName: credential.userName, projectID: credential.projectID,
                label: credential.userName ?? credential.accessKey)
        } catch {
            throw .unauthenticated(error.detail)
        }
    }

    private func holder(of token: String, regional: Bool) throws(APIError) -> Principal {
        if let known = tokens[token] {
            return Principal(userName: known.userName, projectID: known.projectID, label: known.userName ?? "token")
        }
        if let issued = issuedTokens.token(token) {
            if issued.hasExpired(at: clock.nowMilliseconds) {
                throw .unauthenticated("token expires, expires_at: \(ISOTimestamp(milliseconds: issued.expiresAt).iam)")
            }
            // A domain-scoped token is for global services only [choice].
            if regional && issued.projectID == nil { throw .notAuthorized }
            return Principal(userName: issued.userName, projectID: issued.projectID, label: issued.userName)
        }
        if configuration.mode == .strict { throw .unauthenticated("decrypt token fail") }
        return Principal(label: "token")
    }
}
