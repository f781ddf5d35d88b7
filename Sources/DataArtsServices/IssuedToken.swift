/// A token `POST /v3/auth/tokens` issued (SPEC §8.2): who it is for, what it is scoped to, and
/// when it expires on the mock clock.
public struct IssuedToken: Sendable, Equatable {
    /// A project scope is for regional services; a domain scope for global ones only.
    public enum Scope: Sendable, Equatable {
        case project(id: String, region: String)
        case domain
    }

    /// IAM's token lifetime: 24 hours [doc].
    public static let lifetimeMilliseconds: Int64 = 24 * 60 * 60 * 1000

    /// The `X-Subject-Token` value.
    public let value: String
    public let userName: String
    public let methods: [String]
    public let scope: Scope
    /// Epoch milliseconds on the mock clock.
    public let issuedAt: Int64

    public init(value: String, userName: String, methods: [String], scope: Scope, issuedAt: Int64) {
        self.value = value
        self.userName = userName
        self.methods = methods
        self.scope = scope
        self.issuedAt = issuedAt
    }

    public var expiresAt: Int64 { issuedAt + Self.lifetimeMilliseconds }

    /// The project a project-scoped token is bound to.
    public var projectID: String? {
        if case .project(let id, _) = scope { id } else { nil }
    }

    /// Whether the token is no longer valid at `now` (epoch milliseconds): after `expires_at`.
    public func hasExpired(at now: Int64) -> Bool {
        now > expiresAt
    }
}
