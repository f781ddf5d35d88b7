public import DataArtsHTTP1
public import DataArtsJSON

/// A successful answer as a value: its status, its body and whether it changed stored state
/// (so that a state file must hold the change before the answer leaves). It becomes bytes in
/// `Outcome.response(requestID:)` only.
public struct ServiceAnswer: Sendable, Equatable {
    public enum Body: Sendable, Equatable {
        /// Written in its own key order, as `application/json;charset=UTF-8`.
        case json(JSONValue)
        /// Bytes as they are, with their content type (the OpenAPI document, the dashboard).
        case bytes([UInt8], contentType: String)
        case empty
    }

    public var status: HTTPStatus
    public var body: Body
    /// Extra response headers (beside `Content-Type` and `X-Request-Id`).
    public var headers: HTTPHeaders
    /// Set by the service that changed the store, never guessed from the status.
    public var changedState: Bool

    public init(status: HTTPStatus = .ok, body: Body, headers: HTTPHeaders = [:], changedState: Bool = false) {
        self.status = status
        self.body = body
        self.headers = headers
        self.changedState = changedState
    }

    public static func json(_ status: HTTPStatus, _ value: JSONValue, changedState: Bool = false) -> ServiceAnswer {
        ServiceAnswer(status: status, body: .json(value), changedState: changedState)
    }

    /// `{"is_success":true,"message":null}`: update, delete and validate (SPEC §2.5).
    public static func success(changedState: Bool) -> ServiceAnswer {
        .json(.ok, ["is_success": true, "message": nil], changedState: changedState)
    }

    public static func noContent(changedState: Bool = false) -> ServiceAnswer {
        ServiceAnswer(status: .noContent, body: .empty, changedState: changedState)
    }
}
