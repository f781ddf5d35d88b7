public import DataArtsHTTP1

/// What a request came to, as a value: the journal and the access log read its code and its
/// state change from here, and `response(requestID:)` is the one place it becomes HTTP.
public enum Outcome: Sendable, Equatable {
    case answer(ServiceAnswer)
    case failure(APIError)
    /// Close the connection without an answer (an injected fault).
    case close

    /// The `error_code` the client sees; nil for a success or a close.
    public var errorCode: String? {
        if case .failure(let error) = self { error.code } else { nil }
    }

    /// The status the client sees; nil for a close.
    public var status: HTTPStatus? {
        switch self {
        case .answer(let answer): answer.status
        case .failure(let error): error.status
        case .close: nil
        }
    }

    /// Whether a state file must hold a change before this answer leaves.
    public var changedState: Bool {
        if case .answer(let answer) = self { answer.changedState } else { false }
    }

    /// The response, with `X-Request-Id` (SPEC §3); nil for a close.
    public func response(requestID: String) -> HTTPResponse? {
        var response: HTTPResponse
        switch self {
        case .close:
            return nil
        case .failure(let error):
            response = .json(error.status, error.body(requestID: requestID))
        case .answer(let answer):
            switch answer.body {
            case .json(let value): response = .json(answer.status, value)
            case .bytes(let bytes, let contentType):
                response = HTTPResponse(status: answer.status, headers: ["Content-Type": contentType], body: bytes)
            case .empty: response = HTTPResponse(status: answer.status)
            }
            for field in answer.headers { response.headers.add(field.name, field.value) }
        }
        response.headers.set("X-Request-Id", requestID)
        return response
    }
}
